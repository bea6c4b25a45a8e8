"""Fetch each host's ``/.well-known/tdmrep.json`` once, so that it is archived.

The W3C TDM Reservation Protocol lets a site reserve text-and-data-mining rights for
paths of its own in one file at a well-known place. The crawl asks for it once per
origin (scheme, host and port), at the host's first request, as an ordinary request
(robots.txt and the host's delays apply) whose exchange is archived like any other;
a 404, the common answer, is no failure. The corpus rows read it in the final pass
(archive/corpus/rights_pass.py). ``ARCHIVE_TDMREP = False`` turns it off; a worker of a
shared crawl asks once for each origin it meets.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.httpobj import urlparse_cached

from archive.corpus.rights_pass import TDMREP_PATH

from .meta import META_HOST_FILE, META_REQUISITE

logger = logging.getLogger(__name__)



class TdmRepMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.asked: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TdmRepMiddleware:
        if not crawler.settings.getbool("ARCHIVE_TDMREP"):
            raise NotConfigured  # ARCHIVE_TDMREP is off (a message would be logged as a warning)
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if request.meta.get(META_HOST_FILE) or request.meta.get(META_REQUISITE):
            return  # its own request, or a stylesheet or image (TDMRep is about pages' text)
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            return
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self.asked:
            return
        self.asked.add(origin)
        fetch = Request(origin + TDMREP_PATH, priority=request.priority + 1, callback=NO_CALLBACK,
                        meta={META_HOST_FILE: True, "dont_retry": True})
        deferred_from_coro(self._fetch(fetch))

    async def _fetch(self, request: Request) -> None:
        stats = self.crawler.stats
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # noqa: BLE001 - refused by robots.txt, a dead host: no file
            stats.inc_value("newsarchive/tdmrep/not_fetched")
            logger.debug("%s not fetched: %s", request.url, exc)
            return
        stats.inc_value(f"newsarchive/tdmrep/status/{response.status}")

"""Page requisites (``--requisites``): fetch what a browser needs to show each article.

For every page that got a corpus row of an article type (archive/extract/page_type.py
``ARTICLE_TYPES``), its stylesheets, images (``srcset`` included), fonts, scripts
and frames (archive/inputs/requisites.py finds them) are requested, within the scope the
user set, as ordinary Scrapy requests: robots.txt, the per-host delay, the
dupefilter (in a shared crawl the shared Bloom filter: once per crawl across all
workers) and the WARC capture middleware apply to them as to any page. A
stylesheet's ``@import``s and ``url()``s and a frame's own requisites follow, up
to ``MAX_NESTING`` levels. Requisites never give a corpus row: their requests
carry ``META_REQUISITE`` (crawler/capture.py) and answer to ``parse_requisite``,
which yields requests only.

Two pipelines: ``RequisiteLinksPipeline`` reads the page's requisites before
extraction (the body is let go of after it), ``RequisitesPipeline`` schedules them
once the page's corpus row is written and its type is known.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from archive.extract.page_type import ARTICLE_TYPES
from archive.inputs.requisites import SCOPES, Requisite, css_requisites, html_requisites, in_scope
from archive.inputs.url_list import check_url

from .meta import META_CONDITIONAL, META_REQUISITE, META_REVISIT
from .failures import failed_url, failure_reason
from .session import archive_session

logger = logging.getLogger(__name__)

# Requisites go before pages still queued: a page's look is captured close to the page
# (sites change their stylesheets), and the queue does not grow with them. Pages of a site
# crawl are queued at up to about 10 million (spiders/site.py, newest first).
REQUISITE_PRIORITY = 1_000_000_000
MAX_NESTING = 3  # stylesheet -> @import -> @import, page -> frame -> frame's stylesheet
ITEM_KEY = "requisites"  # the page's requisites, between the two pipelines


_BY_CRAWLER: weakref.WeakKeyDictionary[Crawler, Requisites] = weakref.WeakKeyDictionary()


class Requisites:
    """The crawl's requisites settings and bookkeeping, one per crawler."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        cfg = getattr(crawler.spider, "cfg", None)  # a site crawl's config
        self.enabled = settings.getbool("ARCHIVE_REQUISITES") or bool(getattr(cfg, "requisites", False))
        self.scope = (settings.get("ARCHIVE_REQUISITES_SCOPE")
                      or getattr(cfg, "requisites_scope", None) or "same-site")
        if self.scope not in SCOPES:
            raise ValueError(f"ARCHIVE_REQUISITES_SCOPE={self.scope!r}: expected one of "
                             f"{', '.join(SCOPES)}")
        self.limit = settings.getint("ARCHIVE_REQUISITES_LIMIT")

    @classmethod
    def of(cls, crawler: Crawler) -> Requisites:
        """The crawler's, made on first use: by then its spider (and a site crawl's
        config) exists, which is not so when extensions are built."""
        found = _BY_CRAWLER.get(crawler)
        if found is None:
            found = _BY_CRAWLER[crawler] = cls(crawler)
        return found

    def select(self, found: list[Requisite], page_url: str) -> list[str]:
        """The URLs to request: in scope, fetchable, at most ``limit``."""
        urls: list[str] = []
        for req in found:
            if not in_scope(req.url, page_url, self.scope):
                self.stats.inc_value("newsarchive/requisites/out_of_scope")
                continue
            if check_url(req.url):
                self.stats.inc_value("newsarchive/requisites/rejected_url")
                continue
            if len(urls) >= self.limit:
                self.stats.inc_value("newsarchive/requisites/over_limit")
                continue
            urls.append(req.url)
        return urls

    def requests(self, urls: list[str], page_url: str, nesting: int) -> Iterator[scrapy.Request]:
        spider = self.crawler.spider
        callback = getattr(spider, "parse_requisite", None)
        errback = getattr(spider, "requisite_failed", None)
        if callback is None or errback is None:
            logger.warning("spider %s has no parse_requisite (RequisitesMixin): no requisites",
                           getattr(spider, "name", spider))
            return
        for url in urls:
            yield scrapy.Request(url, callback=callback, errback=errback, priority=REQUISITE_PRIORITY,
                                 meta={META_REQUISITE: {"page": page_url, "nesting": nesting},
                                       META_CONDITIONAL: True})

    def schedule(self, urls: list[str], page_url: str) -> None:
        engine = self.crawler.engine
        for request in self.requests(urls, page_url, 1):
            self.stats.inc_value("newsarchive/requisites/scheduled")
            engine.crawl(request)

    def response(self, response: Response) -> Iterator[scrapy.Request]:
        """Count a requisite that came back; the requisites of a stylesheet or frame."""
        info = response.meta.get(META_REQUISITE) or {}
        self.stats.inc_value("newsarchive/requisites/fetched")
        self.stats.inc_value("newsarchive/requisites/bytes", len(response.body))
        if response.status == 304 or response.meta.get(META_REVISIT):
            self.stats.inc_value("newsarchive/requisites/unchanged")
        nesting = int(info.get("nesting", 1))
        page_url = info.get("page") or response.url
        if nesting > MAX_NESTING or not isinstance(response, TextResponse) or not response.body:
            return
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
        if "css" in content_type or (not content_type and response.url.lower().endswith(".css")):
            found = css_requisites(response.text, response.url)
        elif "html" in content_type:
            found = html_requisites(response.text, response.url)
        else:
            return
        yield from self.requests(self.select(found, page_url), page_url, nesting + 1)

    def failure(self, failure: Failure) -> None:
        reason, detail = failure_reason(failure)
        request = getattr(failure, "request", None)
        page = ((request.meta.get(META_REQUISITE) or {}).get("page") if request is not None else None)
        url = failed_url(failure)
        if reason == "not_sent":  # dropped when the crawl stopped (crawler/stop.py): not a failure
            self.stats.inc_value("newsarchive/requisites/not_sent")
            return
        self.stats.inc_value("newsarchive/requisites/failed")
        self.stats.inc_value(f"newsarchive/requisites/failed/{reason}")
        archive_session(self.crawler).failures.append(
            {"url": url, "reason": reason, "detail": detail[:500], "requisite_of": page})
        logger.info("requisite failed %s: %s %s", url, reason, detail[:200])


class RequisitesMixin:
    """The callbacks of requisite requests, for a spider (a shared crawl's queue stores a
    request's callback by its name on the spider)."""

    crawler: Crawler

    def parse_requisite(self, response: Response) -> Iterator[scrapy.Request]:
        yield from Requisites.of(self.crawler).response(response)

    def requisite_failed(self, failure: Failure) -> None:
        Requisites.of(self.crawler).failure(failure)


class RequisiteLinksPipeline:
    """Before extraction: the requisites of each HTML page, when the crawl fetches them."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequisiteLinksPipeline:
        return cls(crawler)

    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        requisites = Requisites.of(self.crawler)
        body = item.get("body")
        if not requisites.enabled or not body:
            return item
        page_url = item.get("final_url") or item["url"]
        found = await asyncio.to_thread(html_requisites, body, page_url)
        item[ITEM_KEY] = requisites.select(found, page_url)
        return item


class RequisitesPipeline:
    """After the corpus row: schedule the requisites of a page of an article type."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequisitesPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        urls = item.pop(ITEM_KEY, None)
        doc = item.get("document")
        if not urls or doc is None or doc.page_type not in ARTICLE_TYPES:
            return item
        requisites = Requisites.of(self.crawler)
        requisites.stats.inc_value("newsarchive/requisites/pages")
        requisites.schedule(urls, item.get("final_url") or item["url"])
        return item

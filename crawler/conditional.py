"""Conditional requests on re-crawls: an unchanged page costs a 304 and a revisit record.

For a page the archive already holds, the request carries If-None-Match and
If-Modified-Since from the last full capture, and ``request.meta`` carries that
capture, so that a 304, or a 200 with the same payload digest, is archived as a
revisit record referring to it (crawler/capture.py, archive/warc/records.py).
Only requests a spider marks with ``meta[META_CONDITIONAL]`` (crawler/meta.py) are made
conditional: robots.txt, sitemaps and feeds are always fetched in full.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archive.store.index import last_full_capture
from archive.warc.records import PriorCapture

from .meta import META_CONDITIONAL, META_PRIOR
from .session import archive_session



class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.session = archive_session(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        if not crawler.settings.getbool("ARCHIVE_ENABLED") or not crawler.settings.getbool(
                "ARCHIVE_CONDITIONAL_REQUESTS"):
            raise NotConfigured  # conditional requests are off (a message would be logged as a warning)
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if not request.meta.get(META_CONDITIONAL) or request.method != "GET":
            return
        row = self.session.index.last_full_capture(request.url)
        shared = self.session.shared_index()
        if shared is not None:  # a worker of a shared crawl: the merged archive's captures too
            other = last_full_capture(shared, request.url)
            if other is not None and (row is None or other["fetched_at"] > row["fetched_at"]):
                row = other
        if row is None or not row["payload_digest"]:
            return
        prior = PriorCapture(row["record_id"], row["url"], row["fetched_at"], row["payload_digest"],
                             row["etag"], row["last_modified"])
        request.meta[META_PRIOR] = prior
        # a 304 is an answer, not an error: let it reach the spider
        request.meta["handle_httpstatus_list"] = sorted(
            set(request.meta.get("handle_httpstatus_list", [])) | {304})
        if prior.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = prior.etag.encode("latin-1")
        if prior.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = prior.last_modified.encode("latin-1")
        self.stats.inc_value("newsarchive/conditional/requests")

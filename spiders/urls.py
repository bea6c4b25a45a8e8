"""Fetch exactly the URLs of a list: ``scrapy crawl urls -a urls=FILE``."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from archive.extract.rights import tdm_headers
from archive.store.corpus import is_extraction_candidate
from archive.store.index import archived_urls
from archive.warc.records import warc_date
from archive.inputs.url_list import count_url_lines, read_url_list
from crawler.meta import META_CAPTURE, META_CONDITIONAL, META_FETCHED_AT, META_LINE, META_REQUISITE, META_REVISIT
from crawler.failures import failed_url, failure_reason
from crawler.progress import STAT_DONE, STAT_TOTAL
from crawler.requisites import RequisitesMixin
from crawler.session import archive_session


def unchanged(response: Response) -> bool:
    """A 304, or a 200 identical to the last capture: archived as a revisit, no new row."""
    return response.status == 304 or bool(response.meta.get(META_REVISIT))


def article_item(response: Response) -> dict[str, Any] | None:
    """The item for an HTML response, or None when there is nothing to extract."""
    if response.meta.get(META_REQUISITE):
        return None  # a stylesheet, image or frame of a page: archived, not a page itself
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    if not isinstance(response, TextResponse) or not is_extraction_candidate(
            response.status, content_type):
        return None
    redirects = response.meta.get("redirect_urls") or []
    fetched_at = response.meta.get(META_FETCHED_AT)
    return {
        "url": redirects[0] if redirects else response.url,
        "final_url": response.url,
        "status": response.status,
        "fetched_at": warc_date(fetched_at) if fetched_at else None,
        "content_type": content_type or None,
        "body": response.body,
        "tdm_headers": tdm_headers((key.decode("latin-1"), value.decode("latin-1"))
                                   for key, values in response.headers.items() for value in values),
        "warc": response.meta.get(META_CAPTURE),
    }


class UrlListSpider(RequisitesMixin, scrapy.Spider):
    name = "urls"

    def __init__(self, urls: str | None = None, skip_invalid: str | bool = False,
                 only_missing: str | bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not urls:
            raise ValueError("the urls spider needs -a urls=FILE")
        self.urls_file = urls
        self.skip_invalid = str(skip_invalid).lower() in ("1", "true", "yes")
        self.only_missing = str(only_missing).lower() in ("1", "true", "yes")

    def planned_pages(self) -> int | None:
        """The pages this crawl extracts at most: the list's lines that are neither blank
        nor comments, split as read_url_list splits them (None when it cannot be read;
        start() reports that). Counted once."""
        if not hasattr(self, "_planned"):
            self._planned = count_url_lines(self.urls_file)
        return self._planned

    async def start(self) -> AsyncIterator[scrapy.Request | dict[str, Any]]:
        rejected: list[tuple[int, str, str]] = []
        entries = read_url_list(self.urls_file, skip_invalid=self.skip_invalid, rejected=rejected)
        session = archive_session(self.crawler)
        for line, text, reason in rejected:
            session.rejected_inputs.append({"line": line, "input": text, "reason": reason})
            self.crawler.stats.inc_value("newsarchive/input_rejected")
            self.logger.warning("%s:%d skipped: %s", self.urls_file, line, reason)
        self.crawler.stats.set_value("newsarchive/seeds", len(entries))
        self.crawler.stats.set_value(STAT_TOTAL, len(entries))
        key = "urls:" + hashlib.sha1("\n".join(e.url for e in entries).encode()).hexdigest()
        done = session.resume(key)
        if self.only_missing:
            done |= session.index.archived_urls()
            shared = session.shared_index()
            if shared is not None:  # a worker of a shared crawl: the merged archive counts
                done |= archived_urls(shared)
        for item in session.unfinished_items():
            self.crawler.stats.inc_value("newsarchive/resume/extracted_from_warc")
            yield item
        for entry in entries:
            if entry.url in done:
                self.crawler.stats.inc_value("newsarchive/resume/skipped")
                self.crawler.stats.inc_value(STAT_DONE)
                continue
            yield scrapy.Request(entry.url, callback=self.parse, errback=self.failed,
                                 meta={META_LINE: entry.line, META_CONDITIONAL: True})

    def parse(self, response: Response) -> Any:
        self.crawler.stats.inc_value(STAT_DONE)
        if unchanged(response):
            return
        item = article_item(response)
        if item is None:
            self.crawler.stats.inc_value("newsarchive/skipped/not_html")
            return
        yield item

    def failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value(STAT_DONE)
        reason, detail = failure_reason(failure)
        archive_session(self.crawler).record_failure(failed_url(failure), reason, detail)

"""Extraction in worker processes, so the reactor never waits on it.

trafilatura spends 10-15 ms of CPU per article page; inline on the reactor
thread that caps a crawl at one core and stalls downloads (docs/design.md: measured
0.43x of trafilatura alone). Here each page goes to a process pool sized to
the cores, and the pipeline awaits the result as an asyncio future.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import BrokenExecutor, Future
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

# the light module: the extractors themselves are loaded only in the pool's processes
from archive.extract.results import ExtractOptions, ExtractResult, extract_task
from archive.extract.page_type import PAGE_TYPES, parse_page_types
from archive.extract.workers import RECYCLE_AFTER, PageTimeLimit, RecyclingPool, backstop, default_workers

from ..session import archive_session

logger = logging.getLogger(__name__)


def make_pool(workers: int, recycle_after: int = RECYCLE_AFTER,
              time_limit: float | None = None, pages: int | None = None) -> RecyclingPool:
    return RecyclingPool(workers, recycle_after, time_limit, pages)


class ExtractPipeline:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.session = archive_session(crawler)
        self.workers = default_workers(settings.getint("EXTRACT_WORKERS"))
        self.timeout = settings.getfloat("EXTRACT_TIMEOUT")
        self.options = ExtractOptions(include_comments=settings.getbool("EXTRACT_INCLUDE_COMMENTS"),
                                      fallback=settings.getbool("EXTRACT_FALLBACK"),
                                      policy=settings.get("EXTRACT_POLICY"),
                                      date_from_text=settings.getbool("EXTRACT_DATE_FROM_TEXT"),
                                      clean_lines=settings.getbool("EXTRACT_CLEAN_LINES"))
        self.page_types = parse_page_types(settings.get("EXTRACT_PAGE_TYPES"))
        self.recycle_after = settings.getint("EXTRACT_RECYCLE_AFTER")
        self.pool: RecyclingPool | None = None
        # pages handed to the pool and not done: one more than its workers, so a worker
        # that finishes finds the next page queued, and no page waits in the pool for
        # longer than one page's run (before, 138 pages of a 20,000-URL crawl on a busy
        # machine timed out while queued behind others)
        self.slots: asyncio.Semaphore | None = None
        self.ready: Future[None] | None = None  # the pool's fork server has preloaded

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        if not crawler.settings.getbool("EXTRACT_ENABLED"):
            raise NotConfigured  # EXTRACT_ENABLED is off (a message would be logged as a warning)
        return cls(crawler)

    def open_spider(self) -> None:
        if self.page_types is None:
            # the spider's choice: None (every type) for a URL list, articles for a site
            self.page_types = getattr(self.crawler.spider, "page_types", None) or frozenset(
                PAGE_TYPES)
        self.pool = self._new_pool()
        self.ready = self.pool.when_ready()
        self.slots = asyncio.Semaphore(self.workers + 1)

    def _new_pool(self) -> RecyclingPool:
        # the spider's pages at most, where it knows them (a URL list's length, a site
        # crawl's max_pages): a job of a few pages starts its workers sooner
        planned = getattr(self.crawler.spider, "planned_pages", None)
        return make_pool(self.workers, self.recycle_after, self.timeout if self.timeout > 0 else None,
                         planned() if callable(planned) else None)

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    async def _run(self, item: dict[str, Any]) -> ExtractResult:
        """The page's extraction in a worker. EXTRACT_TIMEOUT is the CPU time the page
        itself may use there (PageTimeLimit, a TimeoutError); the wait for a free slot,
        bounded by Scrapy's own limit on what the scraper holds, is not counted."""
        assert self.pool is not None and self.slots is not None and self.ready is not None
        if not self.ready.done():
            # the reactor fetches and archives meanwhile, instead of waiting in submit
            await asyncio.wrap_future(self.ready)
        async with self.slots:
            future = self.pool.submit(extract_task, item["body"], item["final_url"],
                                      item.get("content_type"), self.options,
                                      item.get("tdm_headers", ()))
            if self.pool.recycled:
                self.stats.set_value("newsarchive/extract/pools_recycled", self.pool.recycled)
            if self.timeout <= 0:
                return await asyncio.wrap_future(future)
            try:
                result: ExtractResult = await asyncio.wait_for(
                    asyncio.wrap_future(future), backstop(self.timeout))
            except PageTimeLimit:
                raise  # over its CPU limit in its worker, which goes on: nothing to kill
            except TimeoutError:
                # given up first, so the page is not run again; then its stuck worker is
                # killed with its pool, and the pages the other workers had run again
                future.cancel()
                self.pool.abandon(future)
                raise
            return result

    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        url = item["url"]
        if self.session.fatal:
            raise DropItem(f"not extracted, the archive cannot be written: {url}")
        try:
            result = await self._run(item)
        except PageTimeLimit:
            self.session.record_failure(url, "extract_timeout", f"over {self.timeout}s of CPU")
            raise DropItem(f"extraction timed out: {url}") from None
        except TimeoutError:
            self.session.record_failure(url, "extract_timeout",
                                        f"no answer from its worker in {backstop(self.timeout):.0f}s")
            raise DropItem(f"extraction timed out: {url}") from None
        except BrokenExecutor as exc:
            # A worker died (out of memory, a crash in lxml): count it, start a new pool.
            self.session.record_failure(url, "extract_crashed", repr(exc))
            self.pool = self._new_pool()
            raise DropItem(f"extraction worker crashed: {url}") from None
        except Exception as exc:  # noqa: BLE001 - one page's bug must not end the crawl
            self.session.record_failure(url, "extract_error", f"{type(exc).__name__}: {exc}")
            raise DropItem(f"extraction failed: {url}") from None
        if result.document is None:
            self.stats.inc_value(f"newsarchive/skipped/{result.reason}")
            raise DropItem(f"no article ({result.reason}): {url}")
        doc = result.document
        # how pages were decoded (archive/extract/charset.py): the report's encoding counts
        self.stats.inc_value(f"newsarchive/encoding/{doc.encoding_source}")
        if doc.encoding_declared and doc.encoding != doc.encoding_declared:
            self.stats.inc_value("newsarchive/encoding_not_as_declared")
        if doc.page_type not in (self.page_types or PAGE_TYPES):
            self.stats.inc_value(f"newsarchive/skipped/page_type/{doc.page_type}")
            raise DropItem(f"page type {doc.page_type}, not kept by this crawl: {url}")
        self.stats.inc_value(f"newsarchive/page_type/{doc.page_type}")
        since = item.get("since")
        if since:
            # a site crawl's window: a date a sitemap or feed gives the URL decides (it
            # was scheduled because that date is in the window); the page's own date
            # decides only for a URL no listing dates
            listing_date = getattr(self.crawler.spider, "listing_date", None)
            if item.get("listed") or (listing_date is not None and listing_date(url) is not None):
                self.stats.inc_value("newsarchive/since/in_window_by_listing")
            elif doc.published and doc.published[:10] < since[:10]:
                self.stats.inc_value("newsarchive/skipped/before_since")
                self.stats.inc_value("newsarchive/since/before_since_by_page")
                dated_out = getattr(self.crawler.spider, "dated_out_by_page", None)
                if dated_out is not None:
                    dated_out(item)
                raise DropItem(f"published {doc.published}, before {since[:10]}: {url}")
            else:
                self.stats.inc_value("newsarchive/since/in_window_by_page")
        if doc.extractor["name"] == "description":
            # a page its scripts build: its row's text is what its head declares
            self.stats.inc_value("newsarchive/description_only")
        item["document"] = doc
        del item["body"]
        return item

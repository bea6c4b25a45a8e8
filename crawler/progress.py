"""Progress lines while crawling and a one-screen summary at the end."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger("newsarchive.progress")


class CrawlProgress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        interval = crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured("ARCHIVE_PROGRESS_INTERVAL is 0")
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.log)
        self.loop.start(self.interval, now=False)

    def counts(self) -> dict[str, int]:
        stats = self.crawler.stats
        return {
            "fetched": stats.get_value("downloader/response_count", 0),
            "articles": stats.get_value("newsarchive/articles", 0),
            "failed": stats.get_value("newsarchive/failed", 0),
            "queued": stats.get_value("scheduler/enqueued", 0) - stats.get_value("scheduler/dequeued", 0),
        }

    def log(self) -> None:
        c = self.counts()
        elapsed = max(time.monotonic() - self.started, 1e-9)
        logger.info("fetched %d pages (%.1f/s), %d articles, %d failed, %d queued",
                    c["fetched"], c["fetched"] / elapsed, c["articles"], c["failed"], c["queued"])

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.log()

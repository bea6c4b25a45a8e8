"""Progress while crawling: one line per interval, with an end when the end is known.

For a URL list the total is known: the line shows done/total, the percentage, the
rate over the last interval (not the average since the start, which hides a slow
host met late) and the time left at that rate. A site crawl discovers its work as
it goes, so it shows what is still to do instead. Both say what waits: requests
queued or in flight ("to fetch"), and pages fetched whose text is still being
extracted and written ("extracting"; a URL of the list counts as done once its
response is handled, so these are among the done ones, not more work on top of them;
on a resumed crawl, pages an interrupted run fetched but did not extract are
extracting too). On a terminal the line is rewritten in place; in a log (cron, a
file, a pipe) it is one log record per interval.
"""

from __future__ import annotations

import logging
import math
import sys
import time
from dataclasses import dataclass
from typing import IO, Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger("newsarchive.progress")

# stats the spiders keep: the URL list's size, and its URLs that are finished
# (fetched and handled, failed, or skipped as done by an earlier run)
STAT_TOTAL = "newsarchive/progress/total"
STAT_DONE = "newsarchive/progress/done"


def human_bytes(count: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if abs(count) < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"  # pragma: no cover - the loop returns at GB


def human_duration(seconds: float) -> str:
    seconds = math.ceil(seconds)  # "0s" only when nothing is left
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


@dataclass
class Snapshot:
    """The counters at one moment."""

    at: float
    done: int
    fetched: int


def progress_line(*, done: int, total: int | None, fetched: int, rate: float, bytes_: int,
                  rows: int, failed: int, to_fetch: int, extracting: int) -> str:
    """One progress line; ``rate`` is per second over the last interval (URLs of the
    list when the total is known, else pages fetched)."""
    if total:
        share = 100.0 * done / total
        left = total - done
        eta = human_duration(left / rate) if rate > 0 else "unknown"
        head = f"{done}/{total} URLs ({share:.1f}%), {rate:.1f}/s, ETA {eta if left else '0s'}"
    else:
        head = f"{fetched} pages, {rate:.1f}/s"
    return (f"{head}; {human_bytes(bytes_)} fetched, {rows} corpus rows, {failed} failed, "
            f"{to_fetch} to fetch, {extracting} extracting")


class CrawlProgress:
    def __init__(self, crawler: Crawler, interval: float, stream: IO[str] | None = None) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last = Snapshot(time.monotonic(), 0, 0)
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        interval = crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured  # ARCHIVE_PROGRESS_INTERVAL is 0 (a message would be logged as a warning)
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.last = Snapshot(time.monotonic(), 0, 0)
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.interval, now=False)

    def waiting(self) -> tuple[int, int]:
        """What is still to do: requests queued or in flight, and pages fetched but not
        yet extracted and written (items in the pipelines)."""
        try:
            engine = self.crawler.engine
        except RuntimeError:  # not started (Scrapy sets it when the crawl starts)
            engine = None
        stats = self.crawler.stats
        queued: int = max(stats.get_value("scheduler/enqueued", 0) - stats.get_value("scheduler/dequeued", 0), 0)
        in_flight: int = 0
        in_pipeline: int = 0
        if engine is not None:
            in_flight = len(getattr(engine.downloader, "active", ()))
            slot = getattr(engine.scraper, "slot", None)
            in_pipeline = int(getattr(slot, "itemproc_size", 0)) if slot is not None else 0
        return int(queued + in_flight), in_pipeline

    def line(self, now: float | None = None) -> str:
        stats = self.crawler.stats
        now = time.monotonic() if now is None else now
        total = stats.get_value(STAT_TOTAL)
        done = stats.get_value(STAT_DONE, 0)
        fetched = stats.get_value("downloader/response_count", 0)
        elapsed = max(now - self.last.at, 1e-9)
        rate = ((done - self.last.done) if total else (fetched - self.last.fetched)) / elapsed
        self.last = Snapshot(now, done, fetched)
        to_fetch, extracting = self.waiting()
        return progress_line(done=done, total=total, fetched=fetched, rate=rate,
                             bytes_=stats.get_value("downloader/response_bytes", 0),
                             rows=stats.get_value("newsarchive/articles", 0),
                             failed=stats.get_value("newsarchive/failed", 0),
                             to_fetch=to_fetch, extracting=extracting)

    @property
    def live(self) -> bool:
        """A line rewritten in place: on a terminal, unless --quiet hides progress."""
        return self.terminal and logger.isEnabledFor(logging.INFO)

    def tick(self) -> None:
        text = self.line()
        if self.live:
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
        else:
            logger.info("%s", text)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        logger.info("%s", self.line())

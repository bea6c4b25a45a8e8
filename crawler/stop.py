"""A crawl that is told to stop stops: what is queued is dropped, what is in flight finishes.

Scrapy's close waits for every request the downloader has taken, and a download slot
serves its queue one request per delay (DOWNLOAD_DELAY, a robots.txt Crawl-delay, a
Retry-After): with a 1 s delay and 16 requests waiting in a slot, a close waits 16 s and
fetches them all after "Closing spider", whether the time limit or Ctrl-C asked for it.
This downloader middleware enforces CLOSESPIDER_TIMEOUT itself and, once the crawl is stopping for any reason
(the time limit, Ctrl-C or SIGTERM, a fatal error), fails every request still waiting in
a slot, and every request that reaches it later (those held back for robots.txt), with
NotSent. Requests already on the wire finish within DOWNLOAD_TIMEOUT. A dropped request
is not a failed URL: it is counted (``newsarchive/not_sent``) and, when the crawl was
interrupted, fetched by the run that resumes it; a shared crawl's worker does not mark
it done, so it goes back in the queue for the others when the worker leaves.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task
from twisted.python.failure import Failure

from .meta import META_NOT_SENT

logger = logging.getLogger(__name__)

# How often the middleware looks whether the crawl is stopping for a reason it did not
# cause (Ctrl-C, a fatal error); Scrapy sends no signal when a close begins.
CHECK_INTERVAL = 0.1




class NotSent(IgnoreRequest):
    reason = "not_sent"  # crawler/failures.py reports an IgnoreRequest by its reason


def is_robots_txt(request: Request) -> bool:
    """robots.txt is always fetched, stopping or not (the first request to a host, so one
    per host at most): a dropped one would read as "unreachable" and, in a shared crawl,
    refuse the host's pages to every worker."""
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


class StopMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.timeout = crawler.settings.getfloat("CLOSESPIDER_TIMEOUT")
        self.stopping = False
        self.loop: task.LoopingCall | None = None
        self.timer: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StopMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        self.loop = task.LoopingCall(self._check)
        self.loop.start(CHECK_INTERVAL, now=False)
        if self.timeout > 0:
            self.timer = call_later(self.timeout, self._time_up)

    def spider_closed(self, spider: Any) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.timer is not None:
            self.timer.cancel()

    def _time_up(self) -> None:
        engine = self.crawler.engine
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason="closespider_timeout"))
        self._drop_queued()

    def _check(self) -> None:
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if not self.crawler.crawling or (slot is not None and slot.closing is not None):
            self._drop_queued()

    def _drop_queued(self) -> None:
        if not self.stopping:
            self.stopping = True
            logger.debug("the crawl is stopping: nothing more is sent (crawling=%s)", self.crawler.crawling)
            if self.loop is not None and self.loop.running:
                self.loop.stop()
        engine = self.crawler.engine
        if engine is None:
            return
        dropped = 0
        for slot in list(engine.downloader.slots.values()):
            kept = []
            while slot.queue:
                request, deferred = slot.queue.popleft()
                if is_robots_txt(request):
                    kept.append((request, deferred))
                    continue
                request.meta[META_NOT_SENT] = True
                deferred.errback(Failure(NotSent(f"the crawl is stopping: {request.url} not sent")))
                dropped += 1
            slot.queue.extend(kept)
        if dropped:
            logger.info("stopping: %d queued requests dropped, waiting for those in flight", dropped)

    def process_request(self, request: Request) -> None:
        if self.stopping and not is_robots_txt(request):
            request.meta[META_NOT_SENT] = True
            raise NotSent(f"the crawl is stopping: {request.url} not sent")

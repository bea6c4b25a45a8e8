"""The extension that runs this worker's part: it owns the ``Cluster``, beats, acknowledges
finished requests, picks up dead workers' requests, and decides the end."""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from crawler.crawl_signals import shared_crawl_idle, worker_leaving
from crawler.engine_done import check_engine, on_request_done
from crawler.meta import META_NOT_SENT, META_TOKEN

from .handle import Cluster

logger = logging.getLogger("crawler.cluster")


class ClusterCoordinator:
    """Heartbeat, acknowledgements, picking up dead workers' requests, and the end."""

    BEAT = 1.0  # seconds: heartbeat refresh, and how soon an idle worker sees new requests

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        check_engine()  # before anything is shared: this Scrapy's engine can be hooked
        self.crawler = crawler
        self.cluster = Cluster(crawler)
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.engine_started, signals.engine_started)
        crawler.signals.connect(self.worker_leaving, worker_leaving)
        crawler.signals.connect(self.spider_idle, signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterCoordinator:
        return cls(crawler)

    def engine_started(self) -> None:
        # A popped request is acknowledged when the engine is done with it: fetched, its
        # callback's requests queued, its items through the pipelines. Scrapy sends no
        # signal then; crawler/engine_done.py says why it hooks the engine instead.
        on_request_done(self.crawler.engine, self.request_done)
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(self.BEAT, now=True).addErrback(
            lambda f: logger.error("cluster heartbeat stopped: %s", f.getErrorMessage()))

    def request_done(self, request: Request) -> None:
        token = request.meta.get(META_TOKEN)
        # one this worker dropped unsent as it stopped is handed back when it leaves
        if token is None or self.cluster.is_lost or request.meta.get(META_NOT_SENT):
            return
        try:
            self.cluster.ack(token)
        except redis.RedisError as exc:
            self.cluster.lost(exc)

    def beat(self) -> None:
        if self.cluster.is_lost:
            return
        try:
            self.cluster.beat()
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None and slot.closing is None and self.cluster.queued():
                slot.nextcall.schedule()
        except redis.RedisError as exc:
            self.cluster.lost(exc)

    def spider_idle(self) -> None:
        # Idle here means this worker's engine holds nothing and the shared queue is
        # empty: whatever it popped is finished.
        if self.cluster.is_lost:
            return  # closing already
        try:
            self.cluster.ack_all()
            done = self.cluster.all_done()
        except redis.RedisError as exc:
            self.cluster.lost(exc)
            return
        if not done:
            raise DontCloseSpider
        # every listing is read by now: a page held for a listing that may date it has
        # its answer (spiders/site.py)
        answers = self.crawler.signals.send_catch_log(shared_crawl_idle)
        if any(result is True for _, result in answers):
            raise DontCloseSpider
        logger.info("shared crawl %r: queue empty and every worker idle; worker %s stops",
                    self.cluster.name, self.cluster.worker)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()

    def worker_leaving(self, make_report: Any) -> dict[str, Any]:
        """This worker's counts published, and the combined report of all workers, before
        the session's final pass: that can take minutes on a large crawl, and the others
        wait for this worker's counts (known by now)."""
        try:
            return self.cluster.leave(make_report())
        except Exception as exc:  # noqa: BLE001 - Redis gone: this worker's report still counts
            logger.error("could not leave the shared crawl cleanly: %s", exc)
            return {"name": self.cluster.name, "error": str(exc)}

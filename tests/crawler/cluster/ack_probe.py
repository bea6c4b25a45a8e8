"""One worker of a shared crawl, with probes on when its popped requests are acknowledged.

    python -m tests.crawler.cluster.ack_probe REDIS_URL CLUSTER BASE_URL OUT.json

Runs Scrapy with the shared-crawl components alone (scheduler, dupefilter, coordinator)
over six pages of BASE_URL, each of whose callbacks yields an item and one more page,
plus one request that fails to connect. A slow item pipeline keeps each item a while.
The probes write to OUT.json, for each item once through the pipelines and for each
errback, whether its request's token was still in flight in Redis, and how many tokens
this worker still held in flight when its engine went idle.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import redis
import scrapy
from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.cluster.keys import Keys
from crawler.meta import META_TOKEN

WORKER = "probe"


def in_flight(crawler: Crawler, token: int | None) -> bool | None:
    """Whether ``token`` is still in this worker's in-flight hash (None: no token)."""
    if token is None:
        return None
    keys = Keys(crawler.settings["CLUSTER_NAME"])
    return bool(redis.Redis.from_url(crawler.settings["REDIS_URL"]).hexists(keys.inflight(WORKER), token))


class AckSpider(scrapy.Spider):
    name = "ackprobe"

    def __init__(self, base: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base = base
        self.errbacks: list[bool | None] = []

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for n in range(6):
            yield scrapy.Request(f"{self.base}/p/{n}.html", errback=self.failed)
        # port 1 of 127.0.0.1: refused at once
        yield scrapy.Request("http://127.0.0.1:1/refused.html", errback=self.failed)

    def parse(self, response: Response) -> Any:
        n = int(response.url.rsplit("/", 1)[1].split(".")[0])
        yield {"url": response.url, "token": response.request.meta.get(META_TOKEN)}
        if n < 6:
            yield scrapy.Request(f"{self.base}/p/{n + 6}.html", errback=self.failed)

    def failed(self, failure: Failure) -> None:
        self.errbacks.append(in_flight(self.crawler, failure.request.meta.get(META_TOKEN)))


class SlowPipeline:
    async def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(0.3)
        return item


class AckProbe:
    """Enabled before the coordinator, so its spider_idle handler runs first."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.items: list[bool | None] = []
        self.idle_in_flight: int | None = None
        crawler.signals.connect(self.item_scraped, signals.item_scraped)
        crawler.signals.connect(self.spider_idle, signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AckProbe:
        return cls(crawler)

    def item_scraped(self, item: dict[str, Any]) -> None:
        self.items.append(in_flight(self.crawler, item["token"]))

    def spider_idle(self) -> None:
        if self.idle_in_flight is None:
            keys = Keys(self.crawler.settings["CLUSTER_NAME"])
            client = redis.Redis.from_url(self.crawler.settings["REDIS_URL"])
            self.idle_in_flight = int(client.hlen(keys.inflight(WORKER)))

    def spider_closed(self, spider: AckSpider) -> None:
        Path(self.crawler.settings["ACK_PROBE_OUT"]).write_text(json.dumps({
            "items": self.items, "errbacks": spider.errbacks, "idle_in_flight": self.idle_in_flight}))


def main() -> None:
    redis_url, cluster, base, out = sys.argv[1:5]
    process = CrawlerProcess({
        "REDIS_URL": redis_url, "CLUSTER_NAME": cluster, "CLUSTER_WORKER_ID": WORKER,
        "SCHEDULER": "crawler.cluster.scheduler.ClusterScheduler",
        "DUPEFILTER_CLASS": "crawler.cluster.dupefilter.BloomDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": Keys(cluster).requests, "SCHEDULER_PERSIST": True,
        "CLUSTER_DUPEFILTER_CAPACITY": 1000, "CLUSTER_DUPEFILTER_ERROR_RATE": 0.01,
        "CLUSTER_HEARTBEAT_TTL": 30, "CLUSTER_FINISHED_TTL": 60, "CLUSTER_CLOSE_WAIT": 0.0,
        "EXTENSIONS": {f"{__name__}.AckProbe": 300, "crawler.cluster.coordinator.ClusterCoordinator": 400},
        "SPIDER_MIDDLEWARES": {"crawler.cluster.scheduler.ClusterStartMiddleware": 10},
        "ITEM_PIPELINES": {f"{__name__}.SlowPipeline": 100},
        "ACK_PROBE_OUT": out, "RETRY_ENABLED": False, "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "WARNING", "DOWNLOAD_TIMEOUT": 10,
    })
    process.crawl(AckSpider, base=base)
    process.start()


if __name__ == "__main__":
    main()

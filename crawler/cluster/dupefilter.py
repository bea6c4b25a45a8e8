"""The shared crawl's dupefilter: Scrapy's request fingerprints in a Redis Bloom filter."""

from __future__ import annotations

import logging
import math
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.dupefilters import BaseDupeFilter
from scrapy.exceptions import NotConfigured

from .membership_of import cluster_of

logger = logging.getLogger("crawler.cluster")


class BloomDupeFilter(BaseDupeFilter):
    """The cluster's dupefilter: Scrapy's request fingerprints in a Redis Bloom filter."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        cluster = cluster_of(crawler)
        if cluster is None:
            raise NotConfigured("the shared dupefilter needs the cluster coordinator (REDIS_URL)")
        self.cluster = cluster
        capacity = settings.getint("CLUSTER_DUPEFILTER_CAPACITY")
        rate = settings.getfloat("CLUSTER_DUPEFILTER_ERROR_RATE")
        if capacity < 1 or not 0 < rate < 1:
            raise NotConfigured("CLUSTER_DUPEFILTER_CAPACITY must be >= 1 and _ERROR_RATE in (0, 1)")
        self.capacity = capacity
        # the textbook optimum: m = -n ln p / (ln 2)^2 bits, k = (m / n) ln 2 hashes
        self.bits = min(2**32 - 1, math.ceil(-capacity * math.log(rate) / math.log(2) ** 2))
        self.hashes = max(1, round(self.bits / capacity * math.log(2)))
        self.warned = False

    @classmethod
    def from_spider(cls, spider: Any) -> BloomDupeFilter:  # what scrapy-redis's scheduler calls
        return cls(spider.crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BloomDupeFilter:
        return cls(crawler)

    def offsets(self, request: Request) -> list[int]:
        fp = self.crawler.request_fingerprinter.fingerprint(request)
        h1 = int.from_bytes(fp[:8], "big")
        h2 = int.from_bytes(fp[8:16], "big") | 1
        return [(h1 + i * h2) % self.bits for i in range(self.hashes)]

    def request_seen(self, request: Request) -> bool:
        count = self.cluster.bloom_add(self.offsets(request))
        if count < 0:
            return True
        if count > self.capacity and not self.warned:
            self.warned = True
            logger.warning("the shared dupefilter holds %d URLs, over its capacity of %d: new URLs are "
                           "now more often taken for seen ones (raise CLUSTER_DUPEFILTER_CAPACITY)",
                           count, self.capacity)
        return False

    def log(self, request: Request, spider: Any) -> None:
        self.crawler.stats.inc_value("dupefilter/filtered")

    def clear(self) -> None:
        """Never: the filter is shared (scrapy-redis calls this only without SCHEDULER_PERSIST)."""

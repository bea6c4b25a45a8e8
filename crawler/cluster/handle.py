"""This worker's handle on the shared crawl: one per crawler, owned by the coordinator
extension (``crawler.cluster.coordinator.cluster_of``)."""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler

from crawler.crawl_signals import crawl_failed

from . import lua
from .bloom import BloomBits
from .connect import connect
from .finish import Finish
from .keys import Keys, default_worker_id
from .listings import SharedListings
from .membership import Membership
from .pacing import Pacing
from .queue import SharedQueue
from .robots import SharedRobots

logger = logging.getLogger("crawler.cluster")


class Cluster(Membership, SharedQueue, Pacing, SharedRobots, SharedListings, BloomBits, Finish):
    """This worker's handle on the shared crawl."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.url = settings.get("REDIS_URL")
        self.name = settings.get("CLUSTER_NAME")
        self.worker = settings.get("CLUSTER_WORKER_ID") or default_worker_id()
        self.ttl = max(2, settings.getint("CLUSTER_HEARTBEAT_TTL"))
        self.finished_ttl = max(1, settings.getint("CLUSTER_FINISHED_TTL"))
        self.close_wait = settings.getfloat("CLUSTER_CLOSE_WAIT")
        self.keys = Keys(self.name)
        self.client = connect(self.url)
        self._pop = self.client.register_script(lua.POP)
        self._requeue = self.client.register_script(lua.REQUEUE_IF_DEAD)
        self._bloom = self.client.register_script(lua.BLOOM_ADD)
        self._pace = self.client.register_script(lua.PACE)
        self._hold = self.client.register_script(lua.HOLD)
        self._leave = self.client.register_script(lua.LEAVE)
        self._release = self.client.register_script(lua.RELEASE)
        # a robots.txt fetch takes at most its timeout for each try, and retries
        self.robots_claim_ttl = int(settings.getfloat("DOWNLOAD_TIMEOUT") * (settings.getint("RETRY_TIMES") + 2)) + 10
        self.requeued = 0
        self.is_lost = False
        self.seeding = True
        self.join()

    def lost(self, exc: Exception) -> None:
        """Redis is gone: say so once and stop this worker. Its in-flight requests stay
        recorded in Redis, for the other workers once it is back."""
        if self.is_lost:
            return
        self.is_lost = True
        message = f"lost the connection to Redis at {self.url}: {exc}"  # logged by fail_crawl
        self.crawler.stats.inc_value("newsarchive/cluster/redis_lost")
        self.crawler.signals.send_catch_log(crawl_failed, message=message, reason="redis_lost")

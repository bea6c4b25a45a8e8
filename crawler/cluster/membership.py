"""Membership: joining, the heartbeat, seeding, and finding dead workers and the end."""

from __future__ import annotations

import logging

from .base import ClusterBase

logger = logging.getLogger("crawler.cluster")


class Membership(ClusterBase):
    def join(self) -> None:
        pipe = self.client.pipeline()
        pipe.set(self.keys.heartbeat(self.worker), "1", ex=self.ttl)
        pipe.sadd(self.keys.workers, self.worker)
        pipe.sadd(self.keys.seeding, self.worker)
        pipe.execute()
        logger.info("worker %s joined the shared crawl %r at %s", self.worker, self.name, self.url)

    def beat(self) -> None:
        pipe = self.client.pipeline()
        pipe.set(self.keys.heartbeat(self.worker), "1", ex=self.ttl)
        pipe.sadd(self.keys.workers, self.worker)  # back in, if it was taken for dead
        if self.seeding:
            pipe.sadd(self.keys.seeding, self.worker)
        pipe.execute()

    def seeding_done(self) -> None:
        self.seeding = False
        self.client.srem(self.keys.seeding, self.worker)

    def reap(self) -> None:
        """Put the in-flight requests of workers whose heartbeat expired back in the queue."""
        for raw in self.client.smembers(self.keys.workers):
            worker = raw.decode()
            if worker == self.worker:
                continue
            count = self._requeue(keys=[self.keys.inflight(worker), self.keys.requests, self.keys.workers,
                                        self.keys.seeding, self.keys.heartbeat(worker)], args=[worker])
            if count >= 0:
                self.requeued += count
                self.crawler.stats.inc_value("newsarchive/cluster/requeued", count)
                logger.warning("worker %s stopped beating: %d request(s) it held are queued again",
                               worker, count)

    def all_done(self) -> bool:
        """True when nothing is queued, held or still to be seeded by anyone."""
        self.reap()
        if self.queued():
            return False
        if self.client.scard(self.keys.seeding):
            members = {m.decode() for m in self.client.smembers(self.keys.seeding)}
            if members - {self.worker}:
                return False
        for raw in self.client.smembers(self.keys.workers):
            if self.client.hlen(self.keys.inflight(raw.decode())):
                return False
        return True

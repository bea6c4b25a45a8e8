"""Politeness across workers: each request claims its host's turn in Redis."""

from __future__ import annotations

from datetime import datetime, timezone

import redis
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

from .base import ClusterBase


class Pacing(ClusterBase):
    async def wait_turn(self, slot: str, delay: float) -> datetime | None:
        """Wait until this worker may send to ``slot``; return when its turn was claimed
        (Redis's clock), the request's fetch time. None if Redis is gone.

        Redis keeps when the host was last sent to (by any worker); a request may go
        once the delay has passed since, and claims the turn in the same atomic step.
        Claiming at the moment of sending, not booking a time ahead, keeps the
        spacing even when a worker's reactor wakes late; and the claim's own time is
        the fetch time, so a worker whose thread waits a few ms for the GIL after the
        claim does not record its fetch late. The delay is this worker's
        (DOWNLOAD_DELAY, raised by AutoThrottle), or the host's Crawl-delay if longer,
        and nothing goes before a Retry-After another worker was given has passed."""
        from twisted.internet import reactor  # the crawl's reactor: never installed by an import

        while True:
            try:
                got = self._pace(keys=[self.keys.pace(slot), self.keys.floors, self.keys.hold(slot)],
                                 args=[max(0, int(delay * 1000)), slot])
            except redis.RedisError as exc:  # the worker is stopping; its own slot delay holds
                self.lost(exc)
                return None
            if int(got[0]) <= 0:
                return datetime.fromtimestamp(int(got[1]) + int(got[2]) / 1e6, timezone.utc)
            await maybe_deferred_to_future(task.deferLater(reactor, int(got[0]) / 1000, lambda: None))

    def set_floor(self, slot: str, seconds: float) -> None:
        """A robots.txt Crawl-delay, for every worker's requests to ``slot``."""
        try:
            self.client.hset(self.keys.floors, slot, int(seconds * 1000))
        except redis.RedisError as exc:
            self.lost(exc)

    def hold(self, slot: str, seconds: float) -> None:
        """No worker sends to ``slot`` for ``seconds`` (a Retry-After)."""
        try:
            self._hold(keys=[self.keys.hold(slot)], args=[int(seconds * 1000)])
        except redis.RedisError as exc:
            self.lost(exc)

"""robots.txt fetched once, by one worker, for all."""

from __future__ import annotations

from typing import Any

import redis
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

from .base import ClusterBase

# ("response", status, body bytes) or ("error", reason, why), as crawler/robots.py fetches it
RobotsOutcome = tuple[str, str, Any]


class SharedRobots(ClusterBase):
    async def shared_robots(self, netloc: str, fetch: Any) -> RobotsOutcome:
        """The outcome of fetching ``netloc``'s robots.txt, fetched by one worker only:
        the first to ask fetches (and archives) it; the others wait for its outcome.
        If that worker dies (its heartbeat expires), another fetches it."""
        try:
            return await self._shared_robots(netloc, fetch)
        except redis.RedisError as exc:  # the worker is stopping: its own fetch will do
            self.lost(exc)
            outcome: RobotsOutcome = await fetch()
            return outcome

    async def _shared_robots(self, netloc: str, fetch: Any) -> RobotsOutcome:
        from twisted.internet import reactor

        claim = f"{self.keys.robots_claim}:{netloc}"
        while True:
            stored = self.client.hget(self.keys.robots, netloc)
            if stored is not None:
                kind, status, body = stored.split(b"\n", 2)
                self.crawler.stats.inc_value("newsarchive/cluster/robots_shared")
                if kind == b"error":  # ("error", reason, why)
                    return ("error", status.decode(), body.decode("utf-8", "replace"))
                return ("response", status.decode(), body)
            holder = self.client.get(claim)
            if holder is not None and not self.client.exists(self.keys.heartbeat(holder.decode())):
                # the worker fetching it died: its claim goes, another worker fetches it
                self._release(keys=[claim], args=[holder])
                continue
            if self.client.set(claim, self.worker, nx=True, ex=self.robots_claim_ttl):
                outcome: RobotsOutcome = await fetch()
                if outcome[0] == "error":
                    value = b"error\n" + outcome[1].encode() + b"\n" + outcome[2].encode("utf-8", "replace")
                else:
                    value = b"response\n" + outcome[1].encode() + b"\n" + outcome[2]
                self.client.hset(self.keys.robots, netloc, value)
                return outcome
            await maybe_deferred_to_future(task.deferLater(reactor, 0.2, lambda: None))

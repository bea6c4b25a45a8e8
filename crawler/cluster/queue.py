"""The shared queue: popping a request records it as this worker's, in flight."""

from __future__ import annotations

from .base import ClusterBase


class SharedQueue(ClusterBase):
    def pop(self) -> tuple[int, bytes] | None:
        got = self._pop(keys=[self.keys.requests, self.keys.inflight(self.worker), self.keys.token])
        if not got:
            return None
        return int(got[0]), got[1]

    def ack(self, token: int) -> None:
        self.client.hdel(self.keys.inflight(self.worker), token)

    def ack_all(self) -> None:
        self.client.delete(self.keys.inflight(self.worker))

    def queued(self) -> int:
        return int(self.client.zcard(self.keys.requests))

    def take_page(self, limit: int) -> bool:
        """One of the shared crawl's ``limit`` pages, if any is left."""
        if int(self.client.incr(self.keys.pages)) <= limit:
            return True
        self.client.decr(self.keys.pages)
        return False

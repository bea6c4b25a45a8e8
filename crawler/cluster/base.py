"""What the parts of a worker's ``Cluster`` share: its client, keys and state."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from .keys import Keys


class ClusterBase:
    """The attributes ``handle.Cluster`` sets, for the mixins that use them."""

    crawler: Crawler
    url: str
    name: str
    worker: str
    ttl: int
    finished_ttl: int
    close_wait: float
    keys: Keys
    # redis.Redis; its annotations give every reply as "Awaitable | Any" (sync and async in one)
    client: Any
    robots_claim_ttl: int
    requeued: int
    is_lost: bool
    seeding: bool
    # the registered Lua scripts (crawler/cluster/lua.py)
    _pop: Any
    _requeue: Any
    _bloom: Any
    _pace: Any
    _hold: Any
    _leave: Any
    _release: Any

    def lost(self, exc: Exception) -> None:
        raise NotImplementedError

    def queued(self) -> int:
        raise NotImplementedError

    def reap(self) -> None:
        raise NotImplementedError

"""Reaching Redis, and joining (or finding finished) the shared crawl of a name."""

from __future__ import annotations

from typing import Any

import redis

from archive.errors import InputError

from .keys import Keys


def connect(url: str) -> redis.Redis:
    """A client for ``url``, checked: a clear error when Redis cannot be reached."""
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=30)
        client.ping()
    except ValueError as exc:
        raise InputError(f"bad --redis URL {url!r}: {exc}") from None
    except redis.RedisError as exc:
        raise InputError(f"cannot reach Redis at {url}: {exc}") from None
    return client


class CrawlFinished(Exception):
    """The shared crawl this worker would join is already over."""


def join_run(client: Any, name: str, new_id: str) -> str:
    """The shared crawl id of ``name``: ``new_id`` if this worker is the first. ``client``
    is a redis.Redis (typed Any: redis-py types every reply as "Awaitable | Any")."""
    keys = Keys(name)
    finished = client.get(keys.finished)
    if finished is not None:
        ttl = client.ttl(keys.finished)
        raise CrawlFinished(f"the shared crawl {name!r} has just finished ({finished.decode()[:200]}); "
                            f"a new one can start in {max(ttl, 0)}s (CLUSTER_FINISHED_TTL), or give "
                            "another --cluster-name")
    client.set(keys.run, new_id, nx=True)
    return str(client.get(keys.run).decode())

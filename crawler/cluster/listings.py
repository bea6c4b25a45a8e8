"""The dates sitemaps and feeds give pages in a site crawl's ``since`` window, shared:
the worker that fetches a page need not be the one that read its listing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import redis

from .base import ClusterBase


class SharedListings(ClusterBase):
    def add_listed(self, dated: dict[str, datetime]) -> None:
        """Record the URLs a listing dates in the window (canonical URL -> its date)."""
        if not dated or self.is_lost:
            return
        try:
            self.client.hset(self.keys.listed, mapping={u: d.isoformat() for u, d in dated.items()})
        except redis.RedisError as exc:
            self.lost(exc)

    def listed_dates(self, urls: Iterable[str]) -> dict[str, datetime]:
        """Which of ``urls`` any worker's listings date in the window, with their dates."""
        urls = list(urls)
        if not urls or self.is_lost:
            return {}
        try:
            values = self.client.hmget(self.keys.listed, urls)
        except redis.RedisError as exc:
            self.lost(exc)
            return {}
        return {u: datetime.fromisoformat(v.decode()) for u, v in zip(urls, values, strict=True) if v is not None}

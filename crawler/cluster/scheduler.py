"""scrapy-redis's scheduler with each pop recorded in flight, and the seeding mark."""

from __future__ import annotations

import warnings
from typing import Any, cast

import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured, ScrapyDeprecationWarning
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from crawler.meta import META_MAX_PAGES, META_TOKEN

from .membership_of import cluster_of

# scrapy-redis 0.9.1 announces a non-empty queue with Spider.log(), deprecated in
# Scrapy 2.19: one warning per worker that says nothing to a user
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning)


class ClusterScheduler(RedisScheduler):  # type: ignore[misc]  # scrapy-redis is untyped
    """scrapy-redis's scheduler, with each pop recorded as in flight for this worker."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterScheduler:
        instance = super().from_crawler(crawler)
        cluster = cluster_of(crawler)
        if cluster is None:
            raise NotConfigured("the shared scheduler needs the cluster coordinator (REDIS_URL)")
        instance.cluster = cluster
        return cast(ClusterScheduler, instance)

    def enqueue_request(self, request: Request) -> bool:
        """scrapy-redis 0.9.1's enqueue_request, with the shared page cap."""
        # a retry or redirect copy carries the token of the request it replaces; that
        # one is acknowledged when the engine lets go of it, after this is queued
        request.meta.pop(META_TOKEN, None)
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            # a site config's max_pages holds for the whole shared crawl, not per worker:
            # counted here, where a page is known to be new (redirect copies aside)
            limit = request.meta.get(META_MAX_PAGES)
            if (limit is not None and "redirect_urls" not in request.meta
                    and not self.cluster.take_page(int(limit))):
                if self.stats:
                    self.stats.inc_value("newsarchive/discovery/over_max_pages")
                return False
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
            return True
        except redis.RedisError as exc:
            # not lost: the request it came from stays in flight in Redis, and is
            # queued again (and this one found again) once this worker is found dead
            self.cluster.lost(exc)
            return False

    def next_request(self) -> Request | None:
        if self.cluster.is_lost:
            return None
        try:
            got = self.cluster.pop()
        except redis.RedisError as exc:
            self.cluster.lost(exc)
            return None
        if got is None:
            return None
        token, data = got
        request = self.queue._decode_request(data)
        request.meta[META_TOKEN] = token
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return cast(Request, request)

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    def __len__(self) -> int:
        try:
            return 0 if self.cluster.is_lost else self.cluster.queued()
        except redis.RedisError as exc:
            self.cluster.lost(exc)
            return 0


class ClusterStartMiddleware:
    """Marks this worker as seeding until its spider's start() is exhausted."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterStartMiddleware:
        return cls(crawler)

    async def process_start(self, start: Any) -> Any:
        try:
            async for item_or_request in start:
                yield item_or_request
        finally:
            cluster = cluster_of(self.crawler)
            if cluster is not None and not cluster.is_lost:
                try:
                    cluster.seeding_done()
                except redis.RedisError as exc:
                    cluster.lost(exc)

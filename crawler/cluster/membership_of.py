"""``cluster_of``: the worker's handle on its shared crawl, for the middlewares that
behave differently in one. Kept apart from the coordinator so that a crawl that is
not shared (no ``REDIS_URL``) never imports redis or the cluster's machinery."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.crawler import Crawler

if TYPE_CHECKING:
    from .handle import Cluster


def cluster_of(crawler: Crawler) -> Cluster | None:
    """The worker's handle on its shared crawl; None when the crawl is not shared."""
    if not crawler.settings.get("REDIS_URL"):
        return None
    from .coordinator import ClusterCoordinator

    coordinator = crawler.get_extension(ClusterCoordinator)
    return coordinator.cluster if coordinator is not None else None

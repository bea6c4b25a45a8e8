"""The Redis keys of one shared crawl, and a worker's default name."""

from __future__ import annotations

import os
import socket


class Keys:
    """The Redis keys of one shared crawl, all under ``newsarchive:NAME:``."""

    def __init__(self, name: str) -> None:
        self.prefix = p = f"newsarchive:{name}"
        self.requests = f"{p}:requests"  # scrapy-redis's queue (SCHEDULER_QUEUE_KEY)
        self.seen, self.seen_count = f"{p}:seen", f"{p}:seen-count"
        self.workers, self.seeding = f"{p}:workers", f"{p}:seeding"
        self.run, self.token, self.reports = f"{p}:run", f"{p}:token", f"{p}:reports"
        self.finished, self.finished_claim = f"{p}:finished", f"{p}:finished-claim"
        self.robots, self.robots_claim, self.floors = f"{p}:robots", f"{p}:robots-claim", f"{p}:floors"
        self.pages = f"{p}:pages"  # distinct pages scheduled, for a site config's max_pages
        self.listed = f"{p}:listed"  # URLs a sitemap or feed dates in a site crawl's window

    def heartbeat(self, worker: str) -> str:
        return f"{self.prefix}:hb:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}:inflight:{worker}"

    def pace(self, slot: str) -> str:
        return f"{self.prefix}:pace:{slot}"

    def hold(self, slot: str) -> str:
        return f"{self.prefix}:hold:{slot}"


def default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"

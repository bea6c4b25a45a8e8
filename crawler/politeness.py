"""Politeness that holds: robots.txt Crawl-delay and Retry-After as per-host floors.

Scrapy obeys robots.txt rules but not its Crawl-delay, and retries a 429 or 503
without waiting as its Retry-After says. This downloader middleware reads both
and raises the delay of that host's download slot: the Crawl-delay for the rest
of the crawl, the Retry-After until the host answers normally again. It runs
after AutoThrottle has adjusted the slot, so AutoThrottle cannot lower them.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from protego import Protego
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from .cluster.membership_of import cluster_of

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class PolitenessMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.user_agent = settings.get("USER_AGENT")
        self.base_delay = settings.getfloat("DOWNLOAD_DELAY")
        self.max_crawl_delay = settings.getfloat("POLITENESS_MAX_CRAWL_DELAY")
        self.max_retry_after = settings.getfloat("POLITENESS_MAX_RETRY_AFTER")
        self.floors: dict[str, float] = {}  # slot -> Crawl-delay
        self.backing_off: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PolitenessMiddleware:
        return cls(crawler)

    def _slot(self, request: Request) -> tuple[str, Any]:
        """(slot key, scrapy's download Slot or None when the request has none)"""
        engine = self.crawler.engine
        key = request.meta.get("download_slot")
        if engine is None or key is None:
            return "", None
        return str(key), engine.downloader.slots.get(key)

    def process_response(self, request: Request, response: Response) -> Response:
        key, slot = self._slot(request)
        if slot is None:
            return response
        if response.url.endswith("/robots.txt") and response.status == 200:
            try:
                delay = Protego.parse(response.text).crawl_delay(self.user_agent)
            except Exception:  # noqa: BLE001 - a broken robots.txt sets no delay
                delay = None
            if delay:
                self.floors[key] = min(float(delay), self.max_crawl_delay)
                cluster = cluster_of(self.crawler)
                if cluster is not None:  # the worker that fetched robots.txt tells the others
                    cluster.set_floor(key, self.floors[key])
                self.stats.set_value(f"newsarchive/politeness/crawl_delay/{key}", self.floors[key])
                logger.info("%s asks for a Crawl-delay of %.1fs", key, self.floors[key])
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is not None:
                wait = min(wait, self.max_retry_after)
                slot.delay = max(slot.delay, wait)
                slot.lastseen = time.monotonic()  # the wait starts now, not when it was asked
                cluster = cluster_of(self.crawler)
                if cluster is not None:  # and for every worker of a shared crawl
                    cluster.hold(key, wait)
                self.backing_off.add(key)
                self.stats.inc_value("newsarchive/politeness/retry_after")
                logger.info("%s answered %d: waiting %.1fs as Retry-After says", key,
                            response.status, wait)
        elif response.status < 400 and key in self.backing_off:
            self.backing_off.discard(key)
            slot.delay = self.base_delay
        slot.delay = max(slot.delay, self.floors.get(key, 0.0))
        return response

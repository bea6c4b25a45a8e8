"""The end: this worker's counts published, the combined report, the keys cleared."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from .base import ClusterBase

logger = logging.getLogger("crawler.cluster")


class Finish(ClusterBase):
    def leave(self, report: dict[str, Any]) -> dict[str, Any]:
        """Publish this worker's counts, leave, wait for the others; the combined report."""
        if self.is_lost:
            return {"name": self.name, "error": "Redis was lost; this worker's part is in its own report"}
        mine = {"worker": self.worker, "crawl_id": report.get("crawl_id"), "counts": report.get("counts", {}),
                "failures": len(report.get("failures", [])), "finish_reason": report.get("finish_reason"),
                "requeued_from_dead_workers": self.requeued}
        self.client.hset(self.keys.reports, self.worker, json.dumps(mine))
        # what it still holds (a crawl stopped by --max-runtime, a full disk) goes back
        # in the queue for the others; after a normal end it holds nothing
        remaining, handed_back = (int(v) for v in self._leave(
            keys=[self.keys.workers, self.keys.seeding, self.keys.inflight(self.worker),
                  self.keys.heartbeat(self.worker), self.keys.requests], args=[self.worker]))
        if handed_back:
            logger.info("worker %s stops early: %d request(s) it held are queued for the others",
                        self.worker, handed_back)
        deadline = time.monotonic() + self.close_wait
        while remaining and time.monotonic() < deadline:
            time.sleep(0.25)
            self.reap()
            remaining = int(self.client.scard(self.keys.workers))
        reports = [json.loads(v) for v in self.client.hvals(self.keys.reports)]
        combined: dict[str, Any] = {"name": self.name, "workers": sorted(r["worker"] for r in reports),
                                    "complete": remaining == 0, "counts": {}, "failures": 0}
        for r in reports:
            combined["failures"] += r["failures"]
            for key, value in r["counts"].items():
                if isinstance(value, (int, float)):
                    combined["counts"][key] = combined["counts"].get(key, 0) + value
        if remaining == 0 and self.client.set(self.keys.finished_claim, self.worker, nx=True,
                                              ex=self.finished_ttl):
            summary = json.dumps({"workers": len(reports), "articles": combined["counts"].get("articles", 0)})
            pipe = self.client.pipeline()
            pipe.set(self.keys.finished, summary, ex=self.finished_ttl)
            pipe.expire(self.keys.reports, self.finished_ttl)
            pipe.delete(self.keys.requests, self.keys.seen, self.keys.seen_count, self.keys.token,
                        self.keys.run, self.keys.seeding, self.keys.workers, self.keys.robots,
                        self.keys.floors, self.keys.pages, self.keys.listed)
            pipe.execute()
            logger.info("last worker out: the shared crawl %r is cleared from Redis", self.name)
        elif remaining:
            logger.warning("%d worker(s) still running after %.0fs: the combined report is partial",
                           remaining, self.close_wait)
        return combined

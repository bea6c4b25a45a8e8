"""Many workers, one frontier: a crawl shared through Redis (scrapy-redis).

``newsarchive crawl ... --redis redis://HOST:PORT/DB`` makes the process one
worker of a shared crawl named after its input (``--cluster-name`` to choose).
What the workers share, all in Redis under ``newsarchive:NAME:``:

``requests``
    scrapy-redis's priority queue (a sorted set of serialised requests). Every
    worker pushes what it finds and pops what it fetches.
``seen``
    the dupefilter: a Bloom filter over Scrapy's own request fingerprints, in a
    Redis bitmap of fixed size (``CLUSTER_DUPEFILTER_CAPACITY`` and
    ``CLUSTER_DUPEFILTER_ERROR_RATE``: 10 million URLs at 1e-6 take 36 MB,
    whatever the crawl's size). A false positive is a new URL taken for one
    already seen: it is not fetched. Up to the capacity that happens to about
    one new URL in a million; past it the rate climbs (2e-4 at 1.5 times the
    capacity, 3e-3 at twice, 7% at three times), and the crawl logs a warning
    once when it gets there.
``inflight:WORKER``
    what each worker has popped and not finished. Popping moves a request there
    in one atomic step (a Lua script); it leaves when Scrapy's engine is done
    with it (fetched, archived, its callback's requests queued, its items
    through the pipelines; or retried or redirected, the new request queued).
``hb:WORKER``
    a heartbeat that expires ``CLUSTER_HEARTBEAT_TTL`` seconds after a worker
    stops beating. A worker without one is dead: the first idle worker to see it
    puts its in-flight requests back in the queue, so nothing it held is lost
    (what it fetched but had not finished may be fetched again).
``pace:SLOT``, ``hold:SLOT``
    when (Redis's clock) any worker last sent to that host, and until when a
    Retry-After holds it: a request claims its turn in the same atomic step that
    checks the delay has passed, just before it is sent, so ``DOWNLOAD_DELAY``,
    a robots.txt Crawl-delay and Retry-After hold for the whole cluster.
``robots``, ``floors``
    each host's robots.txt outcome, fetched (and archived) by one worker for
    all, and its Crawl-delay.
``workers``, ``seeding``, ``run``, ``reports``, ``finished``
    who takes part, who is still reading its seeds, the shared crawl id, each
    worker's counts at the end, and a marker that the crawl is over.

Every worker reads the seeds (URL list or site config) itself and pushes them
through the shared dupefilter, so each seed enters the queue once whoever
pushes it, and a worker that dies while seeding loses nothing. The crawl is
over when the queue is empty, no worker holds a request and none is still
seeding; each worker finds that out on its own when it falls idle, and exits.
Every worker writes its own archive (``ARCHIVE/workers/WORKER``: its own lock,
WARC files named after it, index, corpus part and report);
``newsarchive merge`` combines them. scrapy-redis never flushes the queue
(``SCHEDULER_PERSIST``); the last worker out clears the crawl's keys.
"""

from __future__ import annotations

import json
import logging
import math
import os
import socket
import time
import warnings
from datetime import datetime, timezone
from typing import Any

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.dupefilters import BaseDupeFilter
from scrapy.exceptions import DontCloseSpider, NotConfigured, ScrapyDeprecationWarning
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet import task

from archive.errors import InputError

from .stop import META_NOT_SENT

logger = logging.getLogger(__name__)

# scrapy-redis 0.9.1 announces a non-empty queue with Spider.log(), deprecated in
# Scrapy 2.19: one warning per worker that says nothing to a user
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning)

META_TOKEN = "newsarchive_cluster_token"

# -- Lua: each runs atomically in Redis ----------------------------------------
_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local token = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, r[2] .. '\\n' .. r[1])
return {token, r[1]}
"""
# the requests of an in-flight hash (each value: score, newline, request) back in the queue
_HAND_BACK = """
local function hand_back(inflight, queue)
  local items = redis.call('HVALS', inflight)
  for _, v in ipairs(items) do
    local nl = string.find(v, '\\n', 1, true)
    redis.call('ZADD', queue, tonumber(string.sub(v, 1, nl - 1)), string.sub(v, nl + 1))
  end
  return items
end
"""
_REQUEUE_IF_DEAD = _HAND_BACK + """
if redis.call('EXISTS', KEYS[5]) == 1 then return -1 end
local items = hand_back(KEYS[1], KEYS[2])
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
return #items
"""
_BLOOM_ADD = """
local new = 0
for i = 1, #ARGV do
  if redis.call('GETBIT', KEYS[1], ARGV[i]) == 0 then new = 1; break end
end
if new == 0 then return -1 end
for i = 1, #ARGV do redis.call('SETBIT', KEYS[1], ARGV[i], 1) end
return redis.call('INCR', KEYS[2])
"""
_PACE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delay = math.max(tonumber(ARGV[1]), tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0'))
local last = redis.call('GET', KEYS[1])
local ready = tonumber(redis.call('GET', KEYS[3]) or '0')
if last then ready = math.max(ready, tonumber(last) + delay) end
if now >= ready then
  redis.call('SET', KEYS[1], now, 'PX', delay + 600000)
  return {0, t[1], t[2]}
end
return {ready - now}
"""
_HOLD = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], until_, 'PX', tonumber(ARGV[1]) + 600000)
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_LEAVE = _HAND_BACK + """
local items = hand_back(KEYS[3], KEYS[5])
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3], KEYS[4])
return {redis.call('SCARD', KEYS[1]), #items}
"""


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


def join_run(client: redis.Redis, name: str, new_id: str) -> str:
    """The shared crawl id of ``name``: ``new_id`` if this worker is the first."""
    keys = Keys(name)
    finished = client.get(keys.finished)
    if finished is not None:
        ttl = client.ttl(keys.finished)
        raise CrawlFinished(f"the shared crawl {name!r} has just finished ({finished.decode()[:200]}); "
                            f"a new one can start in {max(ttl, 0)}s (CLUSTER_FINISHED_TTL), or give "
                            "another --cluster-name")
    client.set(keys.run, new_id, nx=True)
    return client.get(keys.run).decode()


class Cluster:
    """This worker's handle on the shared crawl; one per crawler (``Cluster.of``)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.url = settings.get("REDIS_URL")
        self.name = settings.get("CLUSTER_NAME")
        self.worker = settings.get("CLUSTER_WORKER_ID") or default_worker_id()
        self.ttl = max(2, settings.getint("CLUSTER_HEARTBEAT_TTL"))
        self.finished_ttl = max(1, settings.getint("CLUSTER_FINISHED_TTL"))
        self.close_wait = settings.getfloat("CLUSTER_CLOSE_WAIT")
        self.keys = Keys(self.name)
        self.client = connect(self.url)
        self._pop = self.client.register_script(_POP)
        self._requeue = self.client.register_script(_REQUEUE_IF_DEAD)
        self._bloom = self.client.register_script(_BLOOM_ADD)
        self._pace = self.client.register_script(_PACE)
        self._hold = self.client.register_script(_HOLD)
        self._leave = self.client.register_script(_LEAVE)
        self._release = self.client.register_script(_RELEASE)
        # a robots.txt fetch takes at most its timeout for each try, and retries
        self.robots_claim_ttl = int(settings.getfloat("DOWNLOAD_TIMEOUT") * (settings.getint("RETRY_TIMES") + 2)) + 10
        self.requeued = 0
        self.is_lost = False
        self.seeding = True
        self.join()

    def lost(self, exc: Exception) -> None:
        """Redis is gone: say so once and stop this worker. Its in-flight requests stay
        recorded in Redis, for the other workers once it is back."""
        if self.is_lost:
            return
        self.is_lost = True
        from .session import archive_session

        message = f"lost the connection to Redis at {self.url}: {exc}"  # logged by fail_crawl
        self.crawler.stats.inc_value("newsarchive/cluster/redis_lost")
        archive_session(self.crawler).fail_crawl(message, reason="redis_lost")

    @classmethod
    def of(cls, crawler: Crawler) -> Cluster:
        cluster = getattr(crawler, "_newsarchive_cluster", None)
        if cluster is None:
            cluster = cls(crawler)
            crawler._newsarchive_cluster = cluster  # type: ignore[attr-defined]
        return cluster

    # -- membership -----------------------------------------------------------
    def join(self) -> None:
        pipe = self.client.pipeline()
        pipe.set(self.keys.heartbeat(self.worker), "1", ex=self.ttl)
        pipe.sadd(self.keys.workers, self.worker)
        pipe.sadd(self.keys.seeding, self.worker)
        pipe.execute()
        logger.info("worker %s joined the shared crawl %r at %s", self.worker, self.name, self.url)

    def beat(self) -> None:
        pipe = self.client.pipeline()
        pipe.set(self.keys.heartbeat(self.worker), "1", ex=self.ttl)
        pipe.sadd(self.keys.workers, self.worker)  # back in, if it was taken for dead
        if self.seeding:
            pipe.sadd(self.keys.seeding, self.worker)
        pipe.execute()

    def seeding_done(self) -> None:
        self.seeding = False
        self.client.srem(self.keys.seeding, self.worker)

    # -- the queue --------------------------------------------------------------
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

    def reap(self) -> None:
        """Put the in-flight requests of workers whose heartbeat expired back in the queue."""
        for raw in self.client.smembers(self.keys.workers):
            worker = raw.decode()
            if worker == self.worker:
                continue
            count = self._requeue(keys=[self.keys.inflight(worker), self.keys.requests, self.keys.workers,
                                        self.keys.seeding, self.keys.heartbeat(worker)], args=[worker])
            if count >= 0:
                self.requeued += count
                self.crawler.stats.inc_value("newsarchive/cluster/requeued", count)
                logger.warning("worker %s stopped beating: %d request(s) it held are queued again",
                               worker, count)

    def all_done(self) -> bool:
        """True when nothing is queued, held or still to be seeded by anyone."""
        self.reap()
        if self.queued():
            return False
        if self.client.scard(self.keys.seeding):
            members = {m.decode() for m in self.client.smembers(self.keys.seeding)}
            if members - {self.worker}:
                return False
        for raw in self.client.smembers(self.keys.workers):
            if self.client.hlen(self.keys.inflight(raw.decode())):
                return False
        return True

    # -- politeness -----------------------------------------------------------------
    async def wait_turn(self, slot: str, delay: float) -> datetime | None:
        """Wait until this worker may send to ``slot``; return when its turn was claimed
        (Redis's clock), the request's fetch time. None if Redis is gone.

        Redis keeps when the host was last sent to (by any worker); a request may go
        once the delay has passed since, and claims the turn in the same atomic step.
        Claiming at the moment of sending, not booking a time ahead, keeps the
        spacing even when a worker's reactor wakes late; and the claim's own time is
        the fetch time, so a worker whose thread waits a few ms for the GIL after the
        claim does not record its fetch late. The delay is this worker's
        (DOWNLOAD_DELAY, raised by AutoThrottle), or the host's Crawl-delay if longer,
        and nothing goes before a Retry-After another worker was given has passed."""
        from twisted.internet import reactor  # the crawl's reactor: never installed by an import

        while True:
            try:
                got = self._pace(keys=[self.keys.pace(slot), self.keys.floors, self.keys.hold(slot)],
                                 args=[max(0, int(delay * 1000)), slot])
            except redis.RedisError as exc:  # the worker is stopping; its own slot delay holds
                self.lost(exc)
                return None
            if int(got[0]) <= 0:
                return datetime.fromtimestamp(int(got[1]) + int(got[2]) / 1e6, timezone.utc)
            await maybe_deferred_to_future(task.deferLater(reactor, int(got[0]) / 1000, lambda: None))

    def set_floor(self, slot: str, seconds: float) -> None:
        """A robots.txt Crawl-delay, for every worker's requests to ``slot``."""
        try:
            self.client.hset(self.keys.floors, slot, int(seconds * 1000))
        except redis.RedisError as exc:
            self.lost(exc)

    async def shared_robots(self, netloc: str, fetch: Any) -> tuple[str, ...]:
        """The outcome of fetching ``netloc``'s robots.txt, fetched by one worker only:
        the first to ask fetches (and archives) it; the others wait for its outcome.
        If that worker dies (its heartbeat expires), another fetches it."""
        try:
            return await self._shared_robots(netloc, fetch)
        except redis.RedisError as exc:  # the worker is stopping: its own fetch will do
            self.lost(exc)
            return await fetch()

    async def _shared_robots(self, netloc: str, fetch: Any) -> tuple[str, ...]:
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
                outcome = await fetch()
                if outcome[0] == "error":
                    value = b"error\n" + outcome[1].encode() + b"\n" + outcome[2].encode("utf-8", "replace")
                else:
                    value = b"response\n" + outcome[1].encode() + b"\n" + outcome[2]
                self.client.hset(self.keys.robots, netloc, value)
                return outcome
            await maybe_deferred_to_future(task.deferLater(reactor, 0.2, lambda: None))

    def hold(self, slot: str, seconds: float) -> None:
        """No worker sends to ``slot`` for ``seconds`` (a Retry-After)."""
        try:
            self._hold(keys=[self.keys.hold(slot)], args=[int(seconds * 1000)])
        except redis.RedisError as exc:
            self.lost(exc)

    # -- the dupefilter -----------------------------------------------------------
    def take_page(self, limit: int) -> bool:
        """One of the shared crawl's ``limit`` pages, if any is left."""
        if int(self.client.incr(self.keys.pages)) <= limit:
            return True
        self.client.decr(self.keys.pages)
        return False

    def bloom_add(self, offsets: list[int]) -> int:
        """-1 if every bit was set (seen before); else the count of entries so far."""
        return int(self._bloom(keys=[self.keys.seen, self.keys.seen_count], args=offsets))

    # -- the end ------------------------------------------------------------------
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
                        self.keys.floors, self.keys.pages)
            pipe.execute()
            logger.info("last worker out: the shared crawl %r is cleared from Redis", self.name)
        elif remaining:
            logger.warning("%d worker(s) still running after %.0fs: the combined report is partial",
                           remaining, self.close_wait)
        return combined


class BloomDupeFilter(BaseDupeFilter):
    """The cluster's dupefilter: Scrapy's request fingerprints in a Redis Bloom filter."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.cluster = Cluster.of(crawler)
        capacity = settings.getint("CLUSTER_DUPEFILTER_CAPACITY")
        rate = settings.getfloat("CLUSTER_DUPEFILTER_ERROR_RATE")
        if capacity < 1 or not 0 < rate < 1:
            raise NotConfigured("CLUSTER_DUPEFILTER_CAPACITY must be >= 1 and _ERROR_RATE in (0, 1)")
        self.capacity = capacity
        # the textbook optimum: m = -n ln p / (ln 2)^2 bits, k = (m / n) ln 2 hashes
        self.bits = min(2**32 - 1, math.ceil(-capacity * math.log(rate) / math.log(2) ** 2))
        self.hashes = max(1, round(self.bits / capacity * math.log(2)))
        self.warned = False

    @classmethod
    def from_spider(cls, spider: Any) -> BloomDupeFilter:  # what scrapy-redis's scheduler calls
        return cls(spider.crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BloomDupeFilter:
        return cls(crawler)

    def offsets(self, request: Request) -> list[int]:
        fp = self.crawler.request_fingerprinter.fingerprint(request)  # type: ignore[union-attr]
        h1 = int.from_bytes(fp[:8], "big")
        h2 = int.from_bytes(fp[8:16], "big") | 1
        return [(h1 + i * h2) % self.bits for i in range(self.hashes)]

    def request_seen(self, request: Request) -> bool:
        count = self.cluster.bloom_add(self.offsets(request))
        if count < 0:
            return True
        if count > self.capacity and not self.warned:
            self.warned = True
            logger.warning("the shared dupefilter holds %d URLs, over its capacity of %d: new URLs are "
                           "now more often taken for seen ones (raise CLUSTER_DUPEFILTER_CAPACITY)",
                           count, self.capacity)
        return False

    def log(self, request: Request, spider: Any) -> None:
        self.crawler.stats.inc_value("dupefilter/filtered")  # type: ignore[union-attr]

    def clear(self) -> None:
        """Never: the filter is shared (scrapy-redis calls this only without SCHEDULER_PERSIST)."""


class ClusterScheduler(RedisScheduler):
    """scrapy-redis's scheduler, with each pop recorded as in flight for this worker."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterScheduler:
        instance = super().from_crawler(crawler)
        instance.cluster = Cluster.of(crawler)
        return instance

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
            # counted here, where a page is known to be new (redirect copies aside). The
            # key is spiders/site.py's META_MAX_PAGES, written out: importing the spider
            # here would turn the layers round.
            limit = request.meta.get("newsarchive_max_pages")
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
        return request

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
            cluster = Cluster.of(self.crawler)
            if not cluster.is_lost:
                try:
                    cluster.seeding_done()
                except redis.RedisError as exc:
                    cluster.lost(exc)


class ClusterCoordinator:
    """Heartbeat, acknowledgements, picking up dead workers' requests, and the end."""

    BEAT = 1.0  # seconds: heartbeat refresh, and how soon an idle worker sees new requests

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        self.crawler = crawler
        self.cluster = Cluster.of(crawler)
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.engine_started, signals.engine_started)
        crawler.signals.connect(self.spider_idle, signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterCoordinator:
        return cls(crawler)

    def engine_started(self) -> None:
        engine = self.crawler.engine
        remove = engine._remove_request  # Scrapy 2.19: called once per scheduled request, when done

        def remove_and_ack(result: Any, request: Request) -> Any:
            try:
                return remove(result, request=request)
            finally:
                token = request.meta.get(META_TOKEN)
                # one this worker dropped unsent as it stopped is handed back when it leaves
                if token is not None and not self.cluster.is_lost and not request.meta.get(META_NOT_SENT):
                    try:
                        self.cluster.ack(token)
                    except redis.RedisError as exc:
                        self.cluster.lost(exc)

        engine._remove_request = remove_and_ack
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(self.BEAT, now=True).addErrback(
            lambda f: logger.error("cluster heartbeat stopped: %s", f.getErrorMessage()))

    def beat(self) -> None:
        if self.cluster.is_lost:
            return
        try:
            self.cluster.beat()
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None and slot.closing is None and self.cluster.queued():
                slot.nextcall.schedule()
        except redis.RedisError as exc:
            self.cluster.lost(exc)

    def spider_idle(self) -> None:
        # Idle here means this worker's engine holds nothing and the shared queue is
        # empty: whatever it popped is finished.
        if self.cluster.is_lost:
            return  # closing already
        try:
            self.cluster.ack_all()
            done = self.cluster.all_done()
        except redis.RedisError as exc:
            self.cluster.lost(exc)
            return
        if not done:
            raise DontCloseSpider
        logger.info("shared crawl %r: queue empty and every worker idle; worker %s stops",
                    self.cluster.name, self.cluster.worker)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()

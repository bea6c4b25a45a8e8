"""``newsarchive rebuild --redis URL``: several machines rebuild one archive together.

The same Redis engine as a shared crawl, with whole WARC files for requests. Keys
under ``newsarchive:rebuild:NAME:`` (NAME: ``--cluster-name``, by default the
archive folder's name):

``run``
    the shared rebuild's id, set by the first worker, which queues the archive's WARC
    files (in one atomic step: the others join the same run and queue nothing).
``requests``
    the WARC files not yet claimed, in WARC order.
``inflight:WORKER``
    the files a worker has claimed and not finished. Claiming moves a file there
    atomically (the shared crawl's ``POP`` script); it leaves when the file's part is
    written (archive/ops/rebuild_parts.py).
``hb:WORKER``, ``workers``
    a heartbeat, refreshed by a thread of each worker, that expires ``--heartbeat-ttl``
    seconds after the worker dies; then the first idle worker puts the files it held back
    in the queue (the shared crawl's ``REQUEUE_IF_DEAD`` script) and another does them.
``finished``
    set for a few minutes once every file is done, so that a worker starting late
    exits instead of starting the rebuild over.

Each worker writes one part per WARC file; ``newsarchive merge`` makes the corpus and
index of them, as a single ``rebuild`` would.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

import redis

from archive.errors import InputError
from archive.extract.document import ExtractOptions
from archive.extract.workers import RecyclingPool, default_workers
from archive.inputs.safe_names import is_plain_name
from archive.ops.rebuild import EXTRACT_TIMEOUT
from archive.ops.rebuild_parts import warc_names, write_part

from . import lua
from .connect import connect
from .keys import Keys, default_worker_id

logger = logging.getLogger("crawler.cluster")

# KEYS: finished, run, requests, workers, hb; ARGV: worker, ttl, new run id, files...
JOIN = """
local finished = redis.call('GET', KEYS[1])
if finished then return {0, finished} end
redis.call('SET', KEYS[5], '1', 'EX', tonumber(ARGV[2]))
redis.call('SADD', KEYS[4], ARGV[1])
if redis.call('SET', KEYS[2], ARGV[3], 'NX') then
  for i = 4, #ARGV do redis.call('ZADD', KEYS[3], i - 4, ARGV[i]) end
  return {1, ARGV[3]}
end
return {2, redis.call('GET', KEYS[2])}
"""
# KEYS: requests, workers, finished, run, token, in-flight prefix; ARGV: run id, ttl. Ends the run once
# nothing is queued and no worker holds a file (an in-flight hash is deleted when empty).
FINISH = """
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('EXISTS', KEYS[6] .. w) == 1 then return 0 end
end
redis.call('SET', KEYS[3], ARGV[1], 'EX', tonumber(ARGV[2]))
redis.call('DEL', KEYS[1], KEYS[2], KEYS[4], KEYS[5])
return 1
"""

FINISHED_TTL = 300


@dataclass
class WorkerSummary:
    run: str = ""
    files: list[str] = field(default_factory=list)
    entries: int = 0
    rows: int = 0
    requeued: int = 0
    finished_already: str | None = None  # the run had finished before this worker joined
    seconds: float = 0.0


class RebuildQueue:
    """This worker's handle on a shared rebuild."""

    def __init__(self, url: str, name: str, worker: str, ttl: int) -> None:
        self.url, self.name, self.worker, self.ttl = url, name, worker, max(2, ttl)
        self.keys = Keys(f"rebuild:{name}")
        self.client: Any = connect(url)  # redis.Redis: its replies are typed "Awaitable | Any"
        self._join = self.client.register_script(JOIN)
        self._pop = self.client.register_script(lua.POP)
        self._requeue = self.client.register_script(lua.REQUEUE_IF_DEAD)
        self._finish = self.client.register_script(FINISH)
        self._stop = threading.Event()
        self._beater: threading.Thread | None = None
        self.requeued = 0

    def join(self, files: list[str]) -> tuple[bool, str]:
        """(True, run id) once joined (queueing ``files`` if this worker is the first);
        (False, the finished run's id) if the rebuild of this name has just finished."""
        new_run = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]
        got = self._join(keys=[self.keys.finished, self.keys.run, self.keys.requests, self.keys.workers,
                               self.keys.heartbeat(self.worker)],
                         args=[self.worker, self.ttl, new_run, *files])
        run = got[1].decode() if isinstance(got[1], bytes) else str(got[1])
        if int(got[0]) == 0:
            return False, run
        if not is_plain_name(run):
            raise InputError(f"the shared rebuild {self.name!r} in Redis has a bad run id {run!r}")
        if int(got[0]) == 1:
            logger.info("worker %s started the shared rebuild %r (%d WARC files)", self.worker, self.name,
                        len(files))
        self._beater = threading.Thread(target=self._beat, name="rebuild-heartbeat", daemon=True)
        self._beater.start()
        return True, run

    def _beat(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            try:
                pipe = self.client.pipeline()
                pipe.set(self.keys.heartbeat(self.worker), "1", ex=self.ttl)
                pipe.sadd(self.keys.workers, self.worker)  # back in, if it was taken for dead
                pipe.execute()
            except redis.RedisError as exc:
                logger.warning("shared rebuild: heartbeat failed: %s", exc)

    def claim(self) -> tuple[int, str] | None:
        got = self._pop(keys=[self.keys.requests, self.keys.inflight(self.worker), self.keys.token])
        if not got:
            return None
        return int(got[0]), got[1].decode()

    def done(self, token: int) -> None:
        self.client.hdel(self.keys.inflight(self.worker), token)

    def reap(self) -> int:
        """Put the files of workers whose heartbeat expired back in the queue."""
        count = 0
        for raw in self.client.smembers(self.keys.workers):
            worker = raw.decode()
            if worker == self.worker:
                continue
            got = int(self._requeue(keys=[self.keys.inflight(worker), self.keys.requests, self.keys.workers,
                                          self.keys.seeding, self.keys.heartbeat(worker)], args=[worker]))
            if got > 0:
                logger.warning("shared rebuild: worker %s stopped beating: %d WARC file(s) it held are "
                               "queued again", worker, got)
                count += got
        self.requeued += count
        return count

    def finish(self, run: str) -> bool:
        """True when every file is done (the run is then over for all)."""
        return bool(self._finish(keys=[self.keys.requests, self.keys.workers, self.keys.finished,
                                       self.keys.run, self.keys.token, self.keys.inflight("")],
                                 args=[run, FINISHED_TTL]))

    def leave(self) -> None:
        self._stop.set()
        if self._beater is not None:
            self._beater.join(5)
        try:
            pipe = self.client.pipeline()
            pipe.srem(self.keys.workers, self.worker)
            pipe.delete(self.keys.heartbeat(self.worker))
            pipe.execute()
        except redis.RedisError:
            pass  # its heartbeat expires by itself


def rebuild_worker(archive: Path, url: str, *, name: str | None = None, worker: str | None = None,
                   workers: int | None = None, options: ExtractOptions = ExtractOptions(),
                   ttl: int = 30, poll: float = 1.0, progress: IO[str] | None = None,
                   time_limit: float | None = EXTRACT_TIMEOUT) -> WorkerSummary:
    """Be one worker of the shared rebuild of ``archive``: claim WARC files and write their
    parts until none is left and no other worker holds one."""
    started = time.monotonic()
    summary = WorkerSummary()
    name = name or archive.resolve().name
    queue = RebuildQueue(url, name, worker or default_worker_id(), ttl)
    joined, run = queue.join(warc_names(archive))
    summary.run = run
    if not joined:
        summary.finished_already = run
        return summary
    processes = default_workers(workers)
    try:
        with RecyclingPool(processes, time_limit=time_limit) as pool:
            while True:
                try:
                    claimed = queue.claim()
                except redis.RedisError as exc:
                    raise InputError(f"lost the connection to Redis at {url}: {exc}") from None
                if claimed is None:
                    if queue.reap():
                        continue  # a dead worker's files, queued again
                    if queue.finish(run):
                        break
                    time.sleep(poll)
                    continue
                token, file = claimed
                if progress is not None:
                    progress.write(f"rebuild: {queue.worker}: {file}\n")
                part = write_part(archive, run, file, pool, options, window=processes * 8)
                queue.done(token)
                summary.files.append(file)
                summary.entries += part.entries
                summary.rows += part.rows
    finally:
        queue.leave()
    summary.requeued = queue.requeued
    summary.seconds = time.monotonic() - started
    return summary

"""The process pool that extraction runs in (crawl and rebuild)."""

from __future__ import annotations

import ctypes
import multiprocessing
from multiprocessing import forkserver
import os
import select
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from typing import Any

__all__ = ["extraction_pool", "die_with_parent", "default_workers", "RecyclingPool", "RECYCLE_AFTER",
           "PageTimeLimit", "backstop"]

PR_SET_PDEATHSIG = 1


def die_with_parent(owner_pid: int | None = None) -> None:
    """End this worker when the process that owns the pool dies, even by SIGKILL.

    A worker's parent is the fork server, not the crawl: PR_SET_PDEATHSIG covers the
    fork server's death only. And the fork server outlives the crawl, since every
    worker holds the write end of its "alive" pipe (Python's design), while a worker
    waits forever on its task queue, whose write end it holds too: a SIGKILLed crawl
    left the fork server, the resource tracker and the workers behind (seen in a test
    that killed workers of a shared crawl: ~300 MB held, and the test's pipes open).
    So each worker also watches the owner through a pidfd (Linux 5.3), or by polling."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the parent died before the line above: no signal will come
            os._exit(1)
    if owner_pid is None:
        return
    try:
        pidfd: int | None = os.pidfd_open(owner_pid)
    except (AttributeError, OSError):
        pidfd = None
    if pidfd is None:
        try:
            os.kill(owner_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass

    def watch() -> None:
        if pidfd is not None:
            select.select([pidfd], [], [])  # readable once the owner has exited
        else:
            while True:
                time.sleep(1.0)
                try:
                    os.kill(owner_pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
        os._exit(1)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def default_workers(requested: int | None = 0) -> int:
    """``requested`` worker processes, or with 0 one per core this process may run on
    (its CPU affinity: a container or taskset limit, not the machine's count)."""
    if requested:
        return requested
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


# A job of at most this many pages (a URL list this long, a rebuild of an archive this
# small) starts its fork server without dateparser's tables for every locale: 2 s of the
# server's 2.8 s start, and 40 MB it would share with every worker. A worker of such a
# job loads them on its first page that needs them (a date string no locale claims: one
# page in 15 of the WCXB dev set), which a job this small seldom has; a longer job, or
# one of unknown length (a site's crawl), pays them once, in the server.
LIGHT_START_PAGES = 20
# ... unless its pages have a CPU time limit shorter than this (EXTRACT_TIMEOUT): the
# locales' 2 s would count against the page that loads them.
LIGHT_MIN_TIME_LIMIT = 10.0


def _context(pages: int | None = None) -> multiprocessing.context.ForkServerContext:
    """The fork server's context; ``pages``, when known, the job's pages at most. The
    preload chosen applies when the server starts: a server running already (the
    crawl's, for its final pass) is reused as it is, so in a process that runs several
    jobs the first one's choice holds for all (the command line runs one)."""
    context = multiprocessing.get_context("forkserver")
    light = pages is not None and pages <= LIGHT_START_PAGES
    context.set_forkserver_preload(
        ["archive.extract.preload_light" if light else "archive.extract.preload"])
    return context


def light_start_pages(pages: int | None, time_limit: float | None) -> int | None:
    """The job's pages at most, when known, as the fork server's preload is chosen by
    them (LIGHT_START_PAGES); None under a page time limit of seconds, which a worker's
    loading of the locales would be charged to."""
    return pages if time_limit is None or time_limit >= LIGHT_MIN_TIME_LIMIT else None


def start_extraction_server(pages: int | None = None, time_limit: float | None = None) -> None:
    """Start the fork server that extraction pools fork their workers from, now: its
    preload (the extractors, the language model: 0.8-2.8 s of CPU) runs in its own
    process while the caller starts up, on the other core (a crawl's Scrapy start is
    about a second). ``pages`` and ``time_limit`` as the job's RecyclingPool will have
    them; the pool then finds the server running and uses it."""
    _context(light_start_pages(pages, time_limit))
    _start_forkserver_without_cwd()


def _ready() -> None:
    """Run in a process forked from the fork server: that it runs says the server has
    finished its preload."""


def extraction_pool(workers: int, pages: int | None = None) -> ProcessPoolExecutor:
    """Workers forked from a fork server that preloaded archive.extract.preload (or,
    for a job of at most LIGHT_START_PAGES ``pages``, archive.extract.preload_light).

    Not plain fork: the crawler process runs a reactor and threads, which fork does
    not copy safely. The fork server is a fresh process, and what it loaded (the
    language model, the extractors) is shared by every worker it forks.
    """
    context = _context(pages)
    _start_forkserver_without_cwd()
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent,
                               initargs=(os.getpid(),))


def _start_forkserver_without_cwd() -> None:
    """Start the fork server (if not running) with Python's safe-path mode (-P).

    The fork server is a new interpreter started with ``-c``, which puts the working
    directory first on its sys.path, and Python 3.11's fork server ignores the
    parent's sys.path. Run from a folder that holds a folder named ``archive`` (the
    natural name for an archive), its preload then imported that folder as the
    ``archive`` package, and every worker forked from it failed. PYTHONSAFEPATH is
    read only by the new interpreter, so it is set just for its start; a fork server
    started earlier by this process is reused as it is, with the preload it started with.
    """
    saved = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = saved


def release_free_memory() -> None:
    """Give the memory this process has freed back to the system (glibc's malloc_trim):
    bodies of every size come and go in the process that feeds the pool, and the heap
    they leave behind otherwise stays at its high-water mark."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc


# A worker gives its freed memory back (release_free_memory) after a page that left its
# resident size this much above what it was after it last did: a multi-megabyte page's
# trees are freed when it is done, but glibc keeps the heap they grew (a worker held
# about 200 MB after the dev set's 3-5 MB pages). Checking costs a read of
# /proc/self/statm a page; the trim itself runs only after such pages.
TRIM_GROWTH_BYTES = 24 * 1024 * 1024
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_resident_after_trim = 0


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE_BYTES
    except (OSError, ValueError, IndexError):  # not Linux
        return 0


# A page whose worker never answers (a loop in C code, where the CPU limit's signal is
# not delivered) is given up after this many times its CPU limit, plus a minute: the
# crawl hands the pool at most one page more than it has workers, so a page waits for at
# most one other page's limit before it starts.
BACKSTOP_FACTOR = 4
BACKSTOP_SLACK = 60.0


def backstop(time_limit: float | None) -> float | None:
    """Seconds to wait for a page's answer before its worker is taken for stuck (then
    RecyclingPool.abandon); None: no limit, wait for ever."""
    return None if time_limit is None else BACKSTOP_FACTOR * time_limit + BACKSTOP_SLACK


class PageTimeLimit(TimeoutError):
    """One task (a page's extraction) used more CPU seconds than the pool allows."""


def _over_limit(signum: int, frame: Any) -> None:
    raise PageTimeLimit("over its CPU time limit")


def run_then_release(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
                     limit: float | None = None) -> Any:
    """``fn(*args, **kwargs)`` in a worker, then memory given back if the call grew it.

    ``limit``: CPU seconds the call may use (the worker's own profiling timer, SIGPROF),
    else it raises PageTimeLimit. Counted from the call's start and in CPU time, so a
    page is never failed for the time it waited in the pool's queue behind others, nor
    for a machine too busy to give it a core."""
    global _resident_after_trim
    if limit:
        signal.signal(signal.SIGPROF, _over_limit)
        signal.setitimer(signal.ITIMER_PROF, limit)
        started = time.process_time()
    try:
        result = fn(*args, **kwargs)
        # the timer fires at the kernel's tick: a call that went over by less is caught here
        if limit and time.process_time() - started > limit:
            raise PageTimeLimit("over its CPU time limit")
        return result
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_PROF, 0)
        if _resident_bytes() - _resident_after_trim > TRIM_GROWTH_BYTES:
            release_free_memory()
            _resident_after_trim = _resident_bytes()


# Pages a worker extracts before it is replaced by a fresh fork of the fork server: a
# worker's memory grows with the pages it has parsed (libxml2's and Python's heaps
# fragment: 157 MB PSS after warm-up, 211 MB after 440 real pages, and on), while a
# fresh fork starts from the warm, shared state at once.
RECYCLE_AFTER = 200
# Pages between two release_free_memory() calls in the process that feeds the pool (a
# crawl's reactor grew from 129 to 296 MB PSS in 80 s of real pages, and one call at
# that point gave 130 MB back; a call takes a few ms). It does not keep the reactor
# down while multi-megabyte pages pass: what holds it then is live.
TRIM_EVERY = 50


class RecyclingPool:
    """An extraction pool whose worker processes are replaced every ``recycle_after``
    pages each (0: never). Python 3.11's own ``max_tasks_per_child`` hangs when tasks
    are queued ahead (2,000 tasks on 2 workers never finish), so the whole pool is
    replaced instead: new pages go to a new pool at once; of the old pool's pages, those
    its processes have started are finished there, and the others move to the new pool
    (the futures handed out are this class's own), so the two pools' processes overlap
    for one page at most, not for every page queued (in a crawl of real pages under
    load that overlap was 6 s, and the peak of the process tree)."""

    def __init__(self, workers: int, recycle_after: int = RECYCLE_AFTER,
                 time_limit: float | None = None, pages: int | None = None) -> None:
        self.workers = workers
        self.recycle_after = recycle_after
        self.time_limit = time_limit  # CPU seconds a task may use (run_then_release)
        self.pages = light_start_pages(pages, time_limit)
        self._pool = extraction_pool(workers, self.pages)
        self._submitted = 0
        self.recycled = 0
        # pools whose processes abandon() killed: their pages that died with them run again
        self._abandoned: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()
        # the pool each page handed out went to, with that pool's process table (a pool
        # replaced by recycling forgets its table when it is shut down; this keeps it)
        self._pool_of: weakref.WeakKeyDictionary[Future[Any], tuple[ProcessPoolExecutor, dict[Any, Any]]] = (
            weakref.WeakKeyDictionary())

    def when_ready(self) -> Future[None]:
        """A future that completes once the fork server (started with the pool) has
        loaded and warmed the extractors, so that a worker starts without waiting: a few
        seconds, longer on a busy machine. Returns at once.

        Until then the first page handed to the pool waits for that preload inside
        ``submit``, on the caller's thread: in a crawl the reactor's, so nothing was
        fetched or written meanwhile (4.7 s at the start of every crawl on a busy
        machine). The future never holds an error: a server that cannot fork is the
        pool's to report, at its first page."""
        ready: Future[None] = Future()

        def wait() -> None:
            try:
                # the server runs already (the pool's start): no new one without -P
                process = _context(self.pages).Process(target=_ready,
                                                       name="extraction-server-ready")
                process.start()  # returns once the server, past its preload, forked it
                process.join()
            except Exception:  # noqa: BLE001 - see above
                pass
            ready.set_result(None)

        threading.Thread(target=wait, name="extraction-server-ready", daemon=True).start()
        return ready

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self.recycle_after and self._submitted >= self.recycle_after * self.workers:
            old, self._pool = self._pool, extraction_pool(self.workers, self.pages)
            old.shutdown(wait=False, cancel_futures=True)  # what it has not started: below
            self._submitted = 0
            self.recycled += 1
        self._submitted += 1
        if self._submitted % TRIM_EVERY == 0:
            release_free_memory()
        outer: Future[Any] = Future()
        self._run(outer, fn, args, kwargs)
        return outer

    def _run(self, outer: Future[Any], fn: Callable[..., Any], args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> None:
        while True:
            pool = self._pool
            try:
                inner = pool.submit(run_then_release, fn, args, kwargs, self.time_limit)
                self._pool_of[outer] = (pool, getattr(pool, "_processes", None) or {})
                break
            except RuntimeError as exc:  # shut down: replaced meanwhile (try the new one), or closed
                if pool is self._pool:
                    if not outer.done():
                        outer.set_exception(exc)
                    return

        def done(future: Future[Any]) -> None:
            if outer.done():  # cancelled by its caller (a timeout)
                return
            if future.cancelled():  # not started when its pool was replaced
                self._run(outer, fn, args, kwargs)
                return
            exc = future.exception()
            if isinstance(exc, BrokenExecutor) and pool in self._abandoned:
                self._run(outer, fn, args, kwargs)  # its pool was killed for another page
                return
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(future.result())

        inner.add_done_callback(done)
        outer.add_done_callback(lambda o: inner.cancel() if o.cancelled() else None)

    def abandon(self, future: Future[Any]) -> None:
        """Kill the processes of the pool that ``future``'s page went to: a page whose
        worker never answers (a loop in C code, where the CPU limit's signal is not
        delivered) would otherwise hold a worker for good, and the pool's shutdown at
        the end of the run would wait for it forever. That pool may be one recycling
        has replaced since. The pages its other workers were running are run again in
        the current pool (a new one, if it was the current one); the caller has given
        up the stuck page (cancelled ``future``)."""
        pool, processes = self._pool_of.get(future, (self._pool, getattr(self._pool, "_processes", None) or {}))
        self._abandoned.add(pool)
        if pool is self._pool:
            self._pool = extraction_pool(self.workers, self.pages)
            self._submitted = 0
        for process in list(processes.values()):
            if process.is_alive():
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def __enter__(self) -> RecyclingPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown(wait=True)

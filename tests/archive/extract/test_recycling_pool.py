"""The extraction pool replaces its worker processes every so many pages, and loses none."""

from __future__ import annotations

import os
import time

import pytest

from archive.extract.document import extract_document
from archive.extract.workers import PageTimeLimit, RecyclingPool

PAGE = (b"<html><head><title>Bridge</title></head><body><article><p>"
        + b"The council met on Tuesday to discuss the bridge. " * 20 + b"</p></article></body></html>")


def test_workers_are_replaced_every_n_pages_and_every_page_is_extracted() -> None:
    with RecyclingPool(1, recycle_after=3) as pool:
        pids = [pool.submit(os.getpid) for _ in range(10)]
        numbers = [pool.submit(max, i, 0) for i in range(30)]  # queued ahead of the workers
        docs = [pool.submit(extract_document, PAGE, f"http://x.example/{i}", "text/html") for i in range(4)]
        found = [f.result(timeout=120) for f in pids]
        assert [f.result(timeout=120) for f in numbers] == list(range(30))
        texts = {f.result(timeout=120).document.text for f in docs}
    # 3 tasks a pool: 44 tasks went to 15 pools; what a replaced pool had not started
    # ran in the next one
    assert pool.recycled == 14
    assert len(set(found)) >= 2
    assert len(texts) == 1 and "bridge" in texts.pop()


def test_zero_never_recycles() -> None:
    with RecyclingPool(1, recycle_after=0) as pool:
        pids = {pool.submit(os.getpid).result(timeout=120) for _ in range(5)}
    assert len(pids) == 1 and pool.recycled == 0


def parse_large_page() -> int:
    """Parse a page as large as the biggest real news pages seen (a tree of ~150,000
    elements), drop it, and return this worker's resident size before."""
    import lxml.html

    from archive.extract.workers import _resident_bytes

    before = _resident_bytes()
    page = "<html><body>" + "<div class='c'><p>A line of the story, <b>bold</b>.</p></div>" * 50_000
    tree = lxml.html.fromstring(page)
    assert len(tree.xpath("//p")) == 50_000
    del tree, page
    return before


def test_a_worker_gives_back_what_a_large_page_grew() -> None:
    """glibc keeps the heap a large tree grew after the tree is freed; the worker gives it
    back after the page instead of holding it for the rest of the crawl."""
    from archive.extract.workers import _resident_bytes

    with RecyclingPool(1, recycle_after=0) as pool:
        pool.submit(os.getpid).result(timeout=120)  # started and warm
        before = pool.submit(parse_large_page).result(timeout=120)
        after = pool.submit(_resident_bytes).result(timeout=120)
    assert before > 0
    assert after - before < 16 * 1024 * 1024, (before, after)


def loaded_date_locales() -> int:
    from dateparser.languages.loader import default_loader

    return len(default_loader._loaded_locales)


def test_a_new_worker_has_dateparser_locales_loaded_already() -> None:
    """Each worker starts from the fork server's warm copy: the first date string that
    htmldate's extensive search hands to dateparser does not load every locale again
    (1.2 s and 40 MB a worker, again after every recycling)."""
    with RecyclingPool(1, recycle_after=1) as pool:
        counts = [pool.submit(loaded_date_locales).result(timeout=120) for _ in range(2)]
    assert pool.recycled >= 1
    assert min(counts) > 200, counts


def burn(seconds: float) -> float:
    """Use ``seconds`` of this process's CPU time; return it."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return seconds


def test_the_time_limit_counts_a_tasks_own_cpu_not_its_wait_in_the_queue() -> None:
    """Four tasks of 0.4 s CPU on one worker with a 1 s limit: the last waits 1.2 s in
    the queue and still succeeds; a task asleep for 1.5 s uses no CPU and succeeds;
    one that needs 3 s of CPU fails with PageTimeLimit, a TimeoutError."""
    with RecyclingPool(1, recycle_after=0, time_limit=1.0) as pool:
        queued = [pool.submit(burn, 0.4) for _ in range(4)]
        asleep = pool.submit(time.sleep, 1.5)
        heavy = pool.submit(burn, 3.0)
        after = pool.submit(burn, 0.1)
        assert [f.result(timeout=60) for f in queued] == [0.4] * 4
        assert asleep.result(timeout=60) is None
        with pytest.raises(PageTimeLimit):
            heavy.result(timeout=60)
        assert after.result(timeout=60) == 0.1  # the worker goes on after a timed-out task
    assert issubclass(PageTimeLimit, TimeoutError)


def test_abandon_kills_a_worker_that_never_answers_and_runs_the_others_pages_again() -> None:
    """A task that never ends (here asleep: no CPU, so the CPU limit never fires, as a
    loop in C code that the limit's signal does not reach) is given up by its caller;
    abandon() kills its pool, the page another worker was running is run again in the new
    pool, new pages go there, and the shutdown at the end does not wait for the stuck one."""
    started = time.monotonic()
    with RecyclingPool(2, recycle_after=0, time_limit=1.0) as pool:
        stuck = pool.submit(time.sleep, 3600)
        other = pool.submit(time.sleep, 3.0)  # running on the other worker when it is killed
        time.sleep(0.5)
        with pytest.raises(TimeoutError):
            stuck.result(timeout=0.5)
        stuck.cancel()
        pool.abandon(stuck)
        assert other.result(timeout=60) is None
        assert pool.submit(burn, 0.1).result(timeout=60) == 0.1
        assert stuck.cancelled()
    assert time.monotonic() - started < 60


def test_abandon_kills_the_stuck_page_s_pool_when_recycling_has_replaced_it() -> None:
    """The stuck page's pool was replaced by recycling while the others went on: abandon()
    kills that pool's processes (the stuck one among them), and the shutdown at the end
    does not wait for it."""
    started = time.monotonic()
    with RecyclingPool(1, recycle_after=2, time_limit=1.0) as pool:
        stuck = pool.submit(time.sleep, 3600)
        stuck_pool, processes = pool._pool_of[stuck]
        later = [pool.submit(burn, 0.05) for _ in range(3)]  # the second one recycles the pool
        assert pool._pool is not stuck_pool
        time.sleep(0.5)
        stuck.cancel()
        pool.abandon(stuck)
        assert [f.result(timeout=60) for f in later] == [0.05] * 3
        deadline = time.monotonic() + 30
        while any(p.is_alive() for p in processes.values()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert processes and not any(p.is_alive() for p in processes.values())
    assert time.monotonic() - started < 60


def test_when_ready_returns_at_once_and_then_a_page_starts_without_waiting() -> None:
    """A crawl's reactor waits for the fork server's preload (seconds) on no page:
    when_ready() returns at once, and once its future is done, handing a page to the
    pool no longer waits for the preload. In a fresh interpreter, where no fork server
    runs yet."""
    import subprocess
    import sys
    from pathlib import Path

    code = """
import time
from archive.extract.workers import RecyclingPool
pool = RecyclingPool(1)
started = time.monotonic()
ready = pool.when_ready()
returned = time.monotonic() - started
ready.result(timeout=300)
waited = time.monotonic() - started
started = time.monotonic()
future = pool.submit(len, b"abc")
submitted = time.monotonic() - started
assert future.result(timeout=120) == 3
pool.shutdown()
print(returned, waited, submitted)
"""
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    returned, waited, submitted = map(float, out.stdout.split())
    assert returned < 0.5
    assert waited > returned  # the preload (a language model, dateparser's locales) took time
    # before, the first submit itself waited for the preload: as long as `waited`
    assert submitted < 1.0 and submitted < waited / 2


def justext_stop_words() -> tuple[str, int, int]:
    """What a fresh worker holds of justext's stop words before its first page: the
    type of trafilatura's union of them, its size, and justext's cached sets."""
    import justext.core
    import trafilatura.external

    words = trafilatura.external.JT_STOPLIST
    return type(words).__name__, len(words or ()), justext.core.define_stoplist.cache_info().currsize


def test_workers_start_with_the_fallbacks_stop_words_shared() -> None:
    # built in the fork server (about 30 MB), so no worker builds its own copy on its
    # first page of unnamed language, nor again after each recycling
    with RecyclingPool(1, recycle_after=0) as pool:
        kind, size, cached = pool.submit(justext_stop_words).result(timeout=120)
    assert kind == "frozenset" and size > 10_000 and cached >= 1

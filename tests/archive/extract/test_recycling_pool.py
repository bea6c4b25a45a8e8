"""The extraction pool replaces its worker processes every so many pages, and loses none."""

from __future__ import annotations

import os

from archive.extract.document import extract_document
from archive.extract.workers import RecyclingPool

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

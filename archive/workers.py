"""The process pool that extraction runs in (crawl and rebuild)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

__all__ = ["extraction_pool"]


def extraction_pool(workers: int) -> ProcessPoolExecutor:
    """Workers forked from a fork server that preloaded archive.extract_preload.

    Not plain fork: the crawler process runs a reactor and threads, which fork does
    not copy safely. The fork server is a fresh process, and what it loaded (the
    language model, the extractors) is shared by every worker it forks.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["archive.extract_preload"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)

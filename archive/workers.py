"""The process pool that extraction runs in (crawl and rebuild)."""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

__all__ = ["extraction_pool", "die_with_parent"]

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Linux: have the kernel send SIGKILL to this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def extraction_pool(workers: int) -> ProcessPoolExecutor:
    """Workers forked from a fork server that preloaded archive.extract_preload.

    Not plain fork: the crawler process runs a reactor and threads, which fork does
    not copy safely. The fork server is a fresh process, and what it loaded (the
    language model, the extractors) is shared by every worker it forks.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["archive.extract_preload"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent)

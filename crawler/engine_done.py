"""A call each time Scrapy's engine lets go of a scheduled request: the one moment a
request is finished, which Scrapy 2.19 (pinned in pyproject.toml) has no public hook for.

The engine's ``_start_scheduled_request`` (scrapy/core/engine.py, lines 381-417 of
2.19.0) chains three steps on each request it pops from the scheduler: the download
(``_download``), the scrape (``_handle_downloader_output``: the callback or errback, the
requests it yields queued, its items through the pipelines; or, when the downloader
gives back a Request, a redirect or a retry, that request queued), and last
``_remove_request`` (lines 377-379), which takes it out of the engine's slot. No signal
is sent there, and no public hook gives the same moment for every path:

- ``request_left_downloader`` and ``response_received`` come after the download, before
  the callback (engine.py 502-535);
- ``item_scraped``, ``item_dropped`` and ``item_error`` (scrapy/core/scraper.py 496-560)
  are per item: a callback that yields none sends none;
- a spider middleware's ``process_spider_output`` sees the callback's output run out, not
  its last items through the pipelines (``_parallel_asyncio`` runs up to CONCURRENT_ITEMS
  of them at once); and an errback's output (scraper.py 308-349, ``call_spider_async``)
  never passes the spider middlewares at all;
- a downloader middleware's ``process_exception`` runs before the errback, and a Request
  returned by an inner middleware's ``process_response`` skips the outer ones
  (scrapy/core/downloader/middleware.py 116-138);
- the scheduler (``BaseScheduler``) is told of a request when it is queued and popped,
  never when it is finished; and the engine class cannot be replaced by a setting
  (scrapy/crawler.py 330 builds ``ExecutionEngine`` itself).

So this wraps the engine's ``_remove_request``, after checking at start that it is still
there with the signature read above, and fails loudly if an upgrade changed it: a crawl
that never heard of finished requests would run on, and put all of them back in the queue
when it died. tests/crawler/cluster/test_acknowledgement.py checks the moment.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from scrapy import Request
from scrapy.core.engine import ExecutionEngine

_EXPECTED = ["self", "_", "request"]


def check_engine() -> None:
    """Raise RuntimeError if Scrapy's engine no longer has ``_remove_request(self, _, request)``."""
    method = getattr(ExecutionEngine, "_remove_request", None)
    params = list(inspect.signature(method).parameters) if callable(method) else None
    if params != _EXPECTED:
        raise RuntimeError(
            "this Scrapy's engine has no _remove_request(self, _, request) (found "
            f"{params}): crawler/engine_done.py is written for the Scrapy that pyproject.toml pins")


def on_request_done(engine: ExecutionEngine, done: Callable[[Request], None]) -> None:
    """Call ``done(request)`` each time ``engine`` lets go of a request it scheduled,
    after the engine's own bookkeeping, whatever became of the request."""
    check_engine()
    remove = engine._remove_request

    def remove_and_report(result: Any, request: Request) -> None:
        try:
            remove(result, request=request)
        finally:
            done(request)

    # an instance attribute over the method: mypy takes it for the unbound method's type
    engine._remove_request = remove_and_report  # type: ignore[method-assign,assignment]

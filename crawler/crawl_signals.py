"""newsarchive's own Scrapy signals, sent through ``crawler.signals`` so that a
component never has to import the one that answers."""

from __future__ import annotations

# The crawl cannot go on (the archive cannot be written, a shared crawl's Redis is
# gone): keyword arguments ``message`` and ``reason``. The session stops the crawl.
crawl_failed = object()

# Sent by the session when the spider closes, before its final corpus pass, with
# ``make_report`` (a callable giving this crawl's report so far). A shared crawl's
# coordinator answers with the combined report of all the workers.
worker_leaving = object()

# Sent by a shared crawl's coordinator when the shared queue is empty and every worker
# is idle, before this worker stops. A handler that returns True has given this
# worker more to do (items sent to its pipelines): the worker stays, and is asked again.
shared_crawl_idle = object()

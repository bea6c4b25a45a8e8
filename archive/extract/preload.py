"""Imported by the extraction pool's fork server: loads and warms the extractors once.

Worker processes are forked from that server, so the language model (about 75 MB)
and the extractors' tables are shared copy-on-write instead of loaded per worker.
The server asks the kernel to kill it when the crawl process dies (a SIGKILL gives
the crawl no chance to stop its pool), and each worker does the same towards the
server: a killed crawl leaves no extraction processes behind.
"""

import gc

from .document import warm_up
from .workers import die_with_parent

die_with_parent()
warm_up(dates=True)

# What the server loaded is shared with each worker copy-on-write, page by page; a
# collection in a worker that walks those objects writes to their headers and so copies
# their pages. Frozen, they are left out of every collection (Python's advice for
# pre-fork servers).
gc.freeze()

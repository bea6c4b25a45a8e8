"""Imported by the extraction pool's fork server: loads and warms the extractors once.

Worker processes are forked from that server, so the language model (about 75 MB)
and the extractors' tables are shared copy-on-write instead of loaded per worker.
"""

from .extract import warm_up

warm_up()

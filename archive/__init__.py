"""newsarchive's archive layer: WARC, extraction, corpus and index.

Pure Python on bytes, streams and dataclasses; nothing here imports Scrapy, so
the command line, ``rebuild`` and the tests use it without a reactor.
"""

__version__ = "0.1.0"

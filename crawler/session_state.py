"""What the parts of ``ArchiveSession`` share (crawler/session.py, resume.py, report.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from archive.store.corpus import CorpusWriter
from archive.store.index import Index
from archive.warc.writer import WarcWriter


class SessionState:
    """The attributes ``ArchiveSession`` sets, for the mixins that use them."""

    crawler: Crawler
    started_at: datetime
    crawl_id: str
    dir: Path
    index: Index
    warc: WarcWriter
    corpus: CorpusWriter
    resumed: list[str]
    resumed_urls: set[str]
    failures: list[dict[str, Any]]
    rejected_inputs: list[dict[str, Any]]
    fatal: str | None

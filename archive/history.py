"""``newsarchive history URL``: one URL's captures and text versions, and their diffs."""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import iter_corpus
from .safe_names import is_plain_name

__all__ = ["UrlHistory", "url_history"]


@dataclass
class UrlHistory:
    url: str
    captures: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)  # corpus rows, oldest first

    def diff(self, a: int, b: int) -> Iterator[str]:
        old, new = self.versions[a - 1], self.versions[b - 1]
        return difflib.unified_diff(
            old["text"].splitlines(keepends=True), new["text"].splitlines(keepends=True),
            fromfile=f"version {a} ({old['fetched_at']})", tofile=f"version {b} ({new['fetched_at']})")


def url_history(archive: str | Path, url: str) -> UrlHistory:
    archive = Path(archive)
    history = UrlHistory(url)
    db = sqlite3.connect(f"file:{archive / 'index.sqlite3'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        history.captures = [dict(r) for r in db.execute(
            "SELECT fetched_at, status, record_type, payload_digest, record_id, warc_file "
            "FROM captures WHERE url=? ORDER BY fetched_at", (url,))]
        files = {r["corpus_file"] for r in db.execute(
            "SELECT DISTINCT corpus_file FROM documents WHERE url=? OR final_url=?", (url, url))}
    finally:
        db.close()
    # corpus_file names a file under corpus/ (an index merged from elsewhere could say more)
    rows = [row for name in sorted(files) if is_plain_name(name) and (archive / "corpus" / name).exists()
            for row in iter_corpus(archive / "corpus" / name)
            if row["final_url"] == url or row["url"] == url]
    history.versions = sorted(rows, key=lambda r: r["fetched_at"])
    return history

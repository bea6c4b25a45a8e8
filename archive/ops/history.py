"""``newsarchive history URL``: one URL's captures and text versions, and their diffs."""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from archive.store.corpus import iter_corpus
from archive.store.index import read_index
from archive.inputs.safe_names import is_plain_name
from archive.inputs.url_list import canonical_url

__all__ = ["UrlHistory", "url_history"]


@dataclass
class UrlHistory:
    url: str
    urls: list[str] = field(default_factory=list)  # the archive's spellings of it
    captures: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)  # corpus rows, oldest first

    def diff(self, a: int, b: int) -> Iterator[str]:
        old, new = self.versions[a - 1], self.versions[b - 1]
        return difflib.unified_diff(
            old["text"].splitlines(keepends=True), new["text"].splitlines(keepends=True),
            fromfile=f"version {a} ({old['fetched_at']})", tofile=f"version {b} ({new['fetched_at']})")


def url_history(archive: str | Path, url: str) -> UrlHistory:
    """Captures and text versions of ``url``, compared in the crawl's canonical form (a
    #fragment, scheme and host case, tracking parameters do not matter). When no URL of
    the archive has that form, one that differs only by a trailing slash is taken."""
    archive = Path(archive)
    history = UrlHistory(url)
    db = read_index(archive / "index.sqlite3")
    db.row_factory = sqlite3.Row
    try:
        history.urls = _archived_spellings(db, url)
        marks = ",".join("?" * len(history.urls))
        history.captures = [dict(r) for r in db.execute(
            "SELECT fetched_at, status, record_type, payload_digest, record_id, warc_file "
            f"FROM captures WHERE url IN ({marks}) ORDER BY fetched_at", history.urls)]
        files = {r["corpus_file"] for r in db.execute(
            f"SELECT DISTINCT corpus_file FROM documents WHERE url IN ({marks}) "
            f"OR final_url IN ({marks})", history.urls * 2)}
    finally:
        db.close()
    wanted = set(history.urls)
    # corpus_file names a file under corpus/ (an index merged from elsewhere could say more)
    rows = [row for name in sorted(files)
            if is_plain_name(name) and (archive / "corpus" / name).exists()
            for row in iter_corpus(archive / "corpus" / name)
            if row["final_url"] in wanted or row["url"] in wanted]
    history.versions = sorted(rows, key=lambda r: r["fetched_at"])
    return history


def _archived_spellings(db: sqlite3.Connection, url: str) -> list[str]:
    """The URLs of the archive's captures and documents that are ``url``, canonically."""
    host = (urlsplit(url).hostname or "").lower()
    known = {r[0] for r in db.execute(
        "SELECT url FROM captures WHERE instr(lower(url), ?) UNION "
        "SELECT url FROM documents WHERE instr(lower(url), ?) UNION "
        "SELECT final_url FROM documents WHERE instr(lower(final_url), ?)", (host, host, host))}
    by_form: dict[str, list[str]] = {}
    for spelling in known:
        by_form.setdefault(canonical_url(spelling), []).append(spelling)
    form = canonical_url(url)
    if form not in by_form:
        parts = urlsplit(form)
        path = parts.path[:-1] if parts.path.endswith("/") else parts.path + "/"
        form = urlunsplit(parts._replace(path=path))
    return sorted(by_form.get(form, [url]))

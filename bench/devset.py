"""A dev set folder's pages for the CPU benchmarks: ``*.html.gz`` each with its ``.json``
giving the page's URL (WCXB), or ``*.html`` each with an optional ``.url`` file
(cleaneval, Readability's test pages)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path


def _url(page: Path, stem: str) -> str:
    meta, url_file = page.with_name(stem + ".json"), page.with_name(stem + ".url")
    if meta.exists():
        return str(json.loads(meta.read_text())["url"])
    if url_file.exists() and url_file.read_text().strip():
        return url_file.read_text().strip()
    return f"http://127.0.0.1/{stem}.html"


def dev_pages(folder: Path, step: int) -> list[tuple[bytes, str]]:
    """(HTML, URL) of every ``step``-th page of ``folder``, in name order; SystemExit
    saying so when it holds none."""
    files = sorted(folder.glob("*.html.gz")) or sorted(folder.glob("*.html"))
    pages = []
    for f in files[::step]:
        if f.name.endswith(".gz"):
            pages.append((gzip.decompress(f.read_bytes()), _url(f, f.name[:-len(".html.gz")])))
        else:
            pages.append((f.read_bytes(), _url(f, f.name[:-len(".html")])))
    if not pages:
        raise SystemExit(f"no *.html.gz or *.html pages in {folder}")
    return pages

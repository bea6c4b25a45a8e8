"""A dev set folder's pages for the CPU benchmarks: ``*.html.gz``, each with its
``.json`` giving the page's URL."""

from __future__ import annotations

import gzip
import json
from pathlib import Path


def dev_pages(folder: Path, step: int) -> list[tuple[bytes, str]]:
    """(HTML, URL) of every ``step``-th page of ``folder``, in name order; SystemExit
    saying so when it holds none."""
    files = sorted(folder.glob("*.html.gz"))[::step]
    pages = [(gzip.decompress(f.read_bytes()),
              json.loads(f.with_name(f.name[:-len(".html.gz")] + ".json").read_text())["url"])
             for f in files]
    if not pages:
        raise SystemExit(f"no *.html.gz pages in {folder}")
    return pages

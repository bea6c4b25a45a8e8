"""The last pass over a crawl's corpus file, shared by the crawl and ``rebuild``.

Rows are put in WARC order (extraction finishes in whatever order the workers
do), each text loses the lines its site's final template holds, and each row
is checked against earlier documents for near-duplicates. Streaming: only the
sort keys and line positions are held in memory, never the rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.inputs.url_list import canonical_url
from archive.store.corpus import dumps_row
from archive.extract.keys import text_sha1
from archive.store.index import transaction
from .near_dup import THRESHOLD, NearDuplicates, signature
from archive.extract.page_type import ARTICLE_TYPES
from .rights_pass import RightsReader
from .site_template import SiteTemplates, site_of
from archive.extract.workers import extraction_pool

__all__ = ["finalize_corpus", "FinalizeStats", "every"]


@dataclass
class FinalizeStats:
    rows: int = 0
    template_lines: int = 0
    duplicates: int = 0


# Signatures (MinHash over every shingle of a text: 2 ms a benchmark page, most of the
# pass) are computed in a process pool when there are this many rows, in batches.
PARALLEL_MIN_ROWS = 400
BATCH_ROWS = 256


def every(seconds: float, report: Callable[[int, int], object]) -> Callable[[int, int], None]:
    """``report`` for finalize_corpus's progress, called at the start, then at the end of
    a batch once ``seconds`` have passed since the last call, and at the end."""
    last = float("-inf")

    def call(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done in (0, total) or now - last >= seconds:
            last = now
            report(done, total)

    return call


def finalize_corpus(path: str | Path, db: sqlite3.Connection, crawl_id: str,
                    order: str = "warc", workers: int = 1,
                    progress: Callable[[int, int], None] | None = None,
                    warc_dir: Path | None = None) -> FinalizeStats:
    """``order``: "warc" (one crawl process: WARC order is fetch order, but for
    exchanges archived at the same moment) or "fetched" (the rows
    of several workers' WARC files, put in the order they were fetched). ``workers``:
    processes that compute near-duplicate signatures (1: this process). ``progress``
    is called with (0, rows) first, then (rows done, rows) after each batch: a large
    crawl's pass takes minutes (``every`` thins the calls out). ``warc_dir``: the
    archive's WARC folder, where each row's rights fields (archive/extract/rights.py) are read
    from its record and its host's robots.txt and tdmrep.json captures."""
    path = Path(path)
    stats = FinalizeStats()
    if not path.exists():
        return stats
    entries = []
    with open(path, "rb") as fh:
        pos = 0
        for line in fh:
            if line.strip():
                row = json.loads(line)
                warc = row["warc"]
                first = row["fetched_at"] if order == "fetched" else ""
                entries.append((first, warc["file"], warc["offset"], pos, len(line)))
            pos += len(line)
    entries.sort()
    templates = SiteTemplates(db)
    near = NearDuplicates(db)
    rights = RightsReader(db, warc_dir) if warc_dir is not None else None
    site_keys: dict[str, set[str]] = {}
    # This pass's documents no row marks as copies: record id -> (published day, line).
    # A later row that copies one of them but was published on an earlier day becomes
    # the original, and that line is rewritten to point at it (``fixes``, by line).
    originals: dict[str, tuple[str, int]] = {}
    fixes: dict[int, dict[str, Any]] = {}
    # record id of a document found to be a copy that way -> (url, record id) of its original:
    # a later copy that matches it points at the original instead
    moved: dict[str, tuple[str, str]] = {}
    tmp = path.with_name(path.name + ".final")
    pool = (extraction_pool(workers) if workers > 1 and len(entries) >= PARALLEL_MIN_ROWS
            else None)
    try:
        # One transaction: the index is in autocommit mode, where each of the ~18
        # statements a row makes (bands, signature, document) would be a commit of its own
        # (re-running the final pass of a 2,000-page benchmark crawl: 12.6 s, 9.5 s in one).
        if progress is not None:
            progress(0, len(entries))
        with open(path, "rb") as src, open(tmp, "wb") as out, transaction(db):
            near.forget_crawl(crawl_id)
            def prepare(batch: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
                """Rows of a batch, read and cleaned by their sites' final templates."""
                rows = []
                for _first, _file, _offset, pos, length in batch:
                    src.seek(pos)
                    row = json.loads(src.read(length))
                    site = site_of(row["final_url"])
                    if site not in site_keys:
                        site_keys[site] = templates.template(site)
                    kept, removed = SiteTemplates.clean(row["text"].split("\n\n"), site_keys[site])
                    row["text"] = "\n\n".join(kept)
                    row["text_sha1"] = text_sha1(row["text"])
                    row["template_lines_removed"] = row.get("template_lines_removed", 0) + removed
                    stats.template_lines += removed
                    if rights is not None:
                        row.update(rights.fields(row))
                    rows.append(row)
                return rows

            def submit(rows: list[dict[str, Any]]) -> Iterator[list[int]] | None:
                nonlocal pool
                if pool is not None:
                    try:
                        return pool.map(signature, [row["text"] for row in rows], chunksize=16)
                    except BrokenProcessPool:
                        pool.shutdown(cancel_futures=True)
                        pool = None
                return None

            def finish(rows: list[dict[str, Any]], pending: Iterator[list[int]] | None) -> None:
                nonlocal pool
                signatures = None
                if pending is not None:
                    try:
                        signatures = list(pending)
                    except BrokenProcessPool:  # a worker died (out of memory): go on here
                        if pool is not None:
                            pool.shutdown(cancel_futures=True)
                        pool = None
                if signatures is None:
                    signatures = [signature(row["text"]) for row in rows]
                for row, sig in zip(rows, signatures, strict=True):
                    # stories are syndicated, listings share their teasers: only articles
                    # (and rows from before page types) are near-duplicate candidates
                    rid = row["warc"]["record_id"]
                    dup = (near.add(rid, row["final_url"], crawl_id, sig)
                           if row.get("page_type", "article") in ARTICLE_TYPES else None)
                    day = str(row.get("published") or "")[:10]
                    if dup is not None and dup[1] in moved:
                        # it copies a copy: it points at the original when it is a copy of
                        # it too, and not a capture of the same page (near.add's rule)
                        similarity = near.similarity(sig, moved[dup[1]][1])
                        if (similarity is not None and similarity >= THRESHOLD
                                and canonical_url(moved[dup[1]][0]) != canonical_url(row["final_url"])):
                            dup = (*moved[dup[1]], round(similarity, 3))
                    elif dup is not None and dup[1] in originals:
                        # Fetch order is the network's: a copy fetched before the story it
                        # copies is not the original. The copy published on an earlier day is.
                        their_day, line = originals[dup[1]]
                        if day and their_day and day < their_day:
                            fixes[line] = {"url": row["final_url"], "record_id": rid,
                                           "similarity": dup[2]}
                            del originals[dup[1]]
                            moved[dup[1]] = (row["final_url"], rid)
                            stats.duplicates += 1  # the earlier line, now marked
                            dup = None
                    row["duplicate_of"] = ({"url": dup[0], "record_id": dup[1], "similarity": dup[2]}
                                           if dup else None)
                    if dup is None and row.get("page_type", "article") in ARTICLE_TYPES:
                        originals[rid] = (day, stats.rows)
                    stats.duplicates += dup is not None
                    db.execute("UPDATE documents SET text_sha1=?, text_length=? WHERE record_id=?",
                               (row["text_sha1"], len(row["text"]), row["warc"]["record_id"]))
                    out.write((dumps_row(row) + "\n").encode("utf-8"))
                    stats.rows += 1
                if progress is not None:
                    progress(stats.rows, len(entries))

            # Pipelined: while the pool computes one batch's signatures, this process
            # reads and cleans the next and registers the previous one (same order, same
            # rows), so neither side waits for the other.
            previous: tuple[list[dict[str, Any]], Iterator[list[int]] | None] | None = None
            for start in range(0, len(entries), BATCH_ROWS):
                rows = prepare(entries[start:start + BATCH_ROWS])
                pending = submit(rows)
                if previous is not None:
                    finish(*previous)
                previous = (rows, pending)
            if previous is not None:
                finish(*previous)
            out.flush()
            os.fsync(out.fileno())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if fixes:
        _rewrite_lines(tmp, fixes)
    os.replace(tmp, path)
    return stats


def _rewrite_lines(path: Path, fixes: dict[int, dict[str, Any]]) -> None:
    """Set ``duplicate_of`` on the rows at the given line numbers of ``path`` (a copy
    written beside it, then moved over it: the file is whole at every moment)."""
    fixed = path.with_name(path.name + ".dup")
    try:
        with open(path, "rb") as src, open(fixed, "wb") as out:
            for number, line in enumerate(src):
                if number in fixes:
                    row = json.loads(line)
                    row["duplicate_of"] = fixes[number]
                    line = (dumps_row(row) + "\n").encode("utf-8")
                out.write(line)
            out.flush()
            os.fsync(out.fileno())
        os.replace(fixed, path)
    except BaseException:
        fixed.unlink(missing_ok=True)  # a full disk, an interrupt: nothing left behind
        raise

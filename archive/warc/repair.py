"""Close WARC files a crashed crawl left open, losing no complete record.

A ``.open`` file is cut back to the end of its last complete record (a record
that parses, has its full length and whose digests verify); a request record
left without its response (or revisit) at the end is cut too, since the pair is
written together. Then the file gets its final name. A file whose writer still
holds its lock (a live crawl) is left alone. ``RepairResult.end`` is where the
kept records end: index rows pointing at or past it name records that are gone.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from pathlib import Path

from .check import check_record
from .reader import ReadProblem, iter_records
from .writer import OPEN_SUFFIX

__all__ = ["RepairResult", "repair_open_files"]


@dataclass
class RepairResult:
    file: str  # final name
    kept_records: int
    cut_bytes: int
    skipped: str | None = None  # why the file was left alone
    end: int = 0  # offset where the kept records end (the file's new size)


def _good_end(path: Path) -> tuple[int, int]:
    """(offset where the complete records end, how many there are)."""
    end, count = 0, 0
    pending_request_at: int | None = None
    for rec in iter_records(path):
        if isinstance(rec, ReadProblem) or check_record(rec):
            break
        if rec.type == "request":
            pending_request_at = pending_request_at if pending_request_at is not None else rec.offset
        elif rec.type in ("response", "revisit"):  # a re-crawl's pairs end in a revisit
            pending_request_at = None
        count += 1
        end = rec.offset + rec.length
    if pending_request_at is not None:  # the pair was cut: drop its request too
        kept = 0
        for rec in iter_records(path):
            if isinstance(rec, ReadProblem) or rec.offset >= pending_request_at:
                break
            kept += 1
        return pending_request_at, kept
    return end, count


def repair_file(path: Path) -> RepairResult:
    final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
    with open(path, "r+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return RepairResult(final.name, 0, 0, skipped="in use by a running crawl")
        size = os.fstat(fh.fileno()).st_size
        end, count = _good_end(path)
        if end < size:
            fh.truncate(end)
        fh.flush()
        os.fsync(fh.fileno())
        if final.exists():
            return RepairResult(final.name, count, size - end,
                                skipped=f"{final.name} exists already; left as .open", end=end)
        os.replace(path, final)
    return RepairResult(final.name, count, size - end, end=end)


def repair_open_files(warc_dir: str | Path) -> list[RepairResult]:
    warc_dir = Path(warc_dir)
    if not warc_dir.is_dir():
        return []
    return [repair_file(p) for p in sorted(warc_dir.glob("*" + OPEN_SUFFIX))]

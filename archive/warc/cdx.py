"""CDXJ index lines for the archive's records (the format pywb and WACZ read).

    com,example)/story?id=7 20240117112153 {"url": ..., "mime": ..., "status": ...,
                                            "digest": ..., "length": ..., "offset": ...,
                                            "filename": ...}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from surt import surt  # the Internet Archive's canonicaliser, as pywb uses

from .check import record_damage
from .files import warc_files
from .reader import ReadProblem, iter_records
from .writer import OPEN_SUFFIX

__all__ = ["surt", "cdxj_lines", "timestamp14"]  # surt re-exported for callers


def timestamp14(warc_date: str) -> str:
    return "".join(c for c in warc_date if c.isdigit())[:14]


def cdxj_lines(archive: Path, *, filename_prefix: str = "",
               problems: list[str] | None = None) -> Iterator[str]:
    """One line per response, revisit and resource record, sorted as CDXJ readers need.
    A damaged record (unreadable, or a length or digest that does not hold) and one a
    reader cannot seek to are left out and described in ``problems``."""
    lines = []
    for path in warc_files(archive / "warc"):
        name = path.name.removesuffix(OPEN_SUFFIX)
        for rec in iter_records(path):
            if isinstance(rec, ReadProblem):
                if problems is not None:
                    problems.append(str(rec))
                continue
            if rec.type not in ("response", "revisit", "resource"):
                continue
            damage = record_damage(rec)
            if not rec.seekable:
                damage.append(f"{rec.file}@{rec.offset}: shares a gzip member with other records "
                              "(one gzip stream for the file?), so a replay tool cannot seek to it; "
                              "`warcio recompress` writes a seekable copy")
            if damage:
                if problems is not None:
                    problems.extend(damage)
                continue
            uri = rec.target_uri or ""
            fields = {"url": uri, "digest": rec.get("WARC-Payload-Digest") or "",
                      "length": str(rec.length), "offset": str(rec.offset),
                      "filename": filename_prefix + name}
            if rec.is_http():
                fields["mime"] = (rec.http_header("Content-Type") or "").split(";")[0].strip()
                fields["status"] = str(rec.http_status() or "")
            else:
                fields["mime"] = rec.get("Content-Type") or ""
            if rec.type == "revisit":
                fields["mime"] = "warc/revisit"
            key = f"{surt(uri)} {timestamp14(rec.get('WARC-Date') or '')}"
            lines.append(f"{key} {json.dumps(fields, sort_keys=True)}")
    lines.sort()
    yield from lines

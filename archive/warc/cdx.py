"""CDXJ index lines for the archive's records (the format pywb and WACZ read).

    com,example)/story?id=7 20240117112153 {"url": ..., "mime": ..., "status": ...,
                                            "digest": ..., "length": ..., "offset": ...,
                                            "filename": ...}

A server-not-modified revisit (the server answered 304 to a conditional request) is
listed at its own time, but located at the record that holds the content it stands
for: replay tools take a revisit's own HTTP headers (pywb 2.7+, pywb#751) and answer a
3xx revisit without looking further, so a 304 revisit listed as itself replays as
"304 Not Modified" with no body. Its line keeps the revisit record's own place in
``revisit_filename``, ``revisit_offset`` and ``revisit_length``, and ``revisit`` says
why (``server-not-modified``): the index lists every capture, the WARC keeps the 304
as it came.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from surt import surt  # the Internet Archive's canonicaliser, as pywb uses

from .check import record_damage
from .files import warc_files
from .reader import ReadProblem, WarcRecordView, iter_records
from .writer import OPEN_SUFFIX

__all__ = ["surt", "cdxj_lines", "timestamp14"]  # surt re-exported for callers


def timestamp14(warc_date: str) -> str:
    return "".join(c for c in warc_date if c.isdigit())[:14]


def _file_name(rec: WarcRecordView, path: Path, names: dict[str, str] | None) -> str:
    name = path.name.removesuffix(OPEN_SUFFIX)
    if names is None:
        return name
    return names[rec.file] if path.suffix == ".wacz" else names.get(name, name)


def cdxj_lines(archive: Path, *, filename_prefix: str = "",
               problems: list[str] | None = None,
               names: dict[str, str] | None = None) -> Iterator[str]:
    """One line per response, revisit and resource record, sorted as CDXJ readers need.
    A damaged record (unreadable, or a length or digest that does not hold) and one a
    reader cannot seek to are left out and described in ``problems``. A 304 revisit
    whose original is in the archive points at the original (module docstring).
    ``names`` (archive/ops/export_names.py) gives each WARC's file name; without it the
    lines name the files of ``warc/``, and a WACZ there is left out and named in
    ``problems``: a line cannot point inside it (a WACZ export repacks its WARCs under
    their own names)."""
    entries: list[tuple[str, dict[str, str], tuple[str, str, str] | None]] = []
    by_id: dict[str, dict[str, str]] = {}
    by_date: dict[tuple[str, str], dict[str, str]] = {}  # (url, WARC-Date) -> fields
    full: dict[str, list[tuple[str, dict[str, str]]]] = {}  # url -> [(timestamp, fields)] of 200s
    for path in warc_files(archive / "warc"):
        name = path.name.removesuffix(OPEN_SUFFIX)
        if path.suffix == ".wacz" and names is None:
            if problems is not None:
                problems.append(f"{name}: a WACZ; its records are left out of the CDXJ, which "
                                "cannot point inside it (export --format wacz includes them)")
            continue
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
                      "filename": filename_prefix + _file_name(rec, path, names)}
            if rec.is_http():
                fields["mime"] = (rec.http_header("Content-Type") or "").split(";")[0].strip()
                fields["status"] = str(rec.http_status() or "")
            else:
                fields["mime"] = rec.get("Content-Type") or ""
            refers_to = None
            when = timestamp14(rec.get("WARC-Date") or "")
            if rec.type == "revisit":
                fields["mime"] = "warc/revisit"
                if (rec.get("WARC-Profile") or "").endswith("/server-not-modified") or \
                        fields.get("status") == "304":
                    refers_to = (rec.get("WARC-Refers-To") or "",
                                 rec.get("WARC-Refers-To-Date") or "", when)
            else:
                by_id[rec.record_id] = fields
                by_date[(uri, rec.get("WARC-Date") or "")] = fields
                if fields.get("status") == "200":
                    full.setdefault(uri, []).append((when, fields))
            entries.append((f"{surt(uri)} {when}", fields, refers_to))
    lines = []
    for key, fields, refers_to in entries:
        original = None
        if refers_to:
            record_id, date, when = refers_to
            # by WARC-Refers-To; else by WARC-Refers-To-Date (other tools may give only
            # that); else the URL's last full capture before it
            original = by_id.get(record_id) or by_date.get((fields["url"], date)) or max(
                (c for c in full.get(fields["url"], []) if c[0] <= when), default=(None, None),
                key=lambda c: c[0])[1]
        if original is not None and original["url"] == fields["url"]:
            fields = {**fields, "revisit": "server-not-modified",
                      "revisit_filename": fields["filename"], "revisit_offset": fields["offset"],
                      "revisit_length": fields["length"],
                      **{k: original[k] for k in ("filename", "offset", "length", "mime",
                                                  "status", "digest") if k in original}}
        lines.append(f"{key} {json.dumps(fields, sort_keys=True)}")
    lines.sort()
    yield from lines

"""CDXJ index lines for the archive's records (the format pywb and WACZ read).

    com,example)/story?id=7 20240117112153 {"url": ..., "mime": ..., "status": ...,
                                            "digest": ..., "length": ..., "offset": ...,
                                            "filename": ...}
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

from surt import surt  # the Internet Archive's canonicaliser, as pywb uses

from .safe_names import file_stem
from .verify import record_damage, warc_files
from .warc_reader import WACZ_SEP, ReadProblem, WarcRecordView, iter_records, wacz_warc_members
from .warc_writer import OPEN_SUFFIX

__all__ = ["surt", "cdxj_lines", "export_names", "timestamp14"]  # surt re-exported for callers


def timestamp14(warc_date: str) -> str:
    return "".join(c for c in warc_date if c.isdigit())[:14]


_WARC_SUFFIXES = (".warc.gz", ".arc.gz", ".warc", ".arc")


def _member_file_name(member: str) -> str:
    """A WACZ member's own base name (``archive/y.warc.gz``: ``y.warc.gz``) when it is a
    plain name, else one made safe by ``file_stem``, with its suffix kept."""
    base = member.rsplit("/", 1)[-1]
    suffix = next((s for s in _WARC_SUFFIXES if base.endswith(s) and base != s), "")
    return file_stem(base.removesuffix(suffix) if suffix else base) + suffix


def export_names(paths: list[Path]) -> dict[str, str]:
    """The file name each WARC has in an export (a CDXJ line's ``filename``, a WACZ's
    ``archive/`` folder), by the name its records carry: a WARC file of ``warc/`` keeps
    its own; a WARC inside a WACZ (``x.wacz#archive/y.warc.gz``) gets its own base name,
    ``y.warc.gz``, or ``x-y.warc.gz`` when another WARC has that name."""
    names: dict[str, str] = {}
    for path in paths:
        if path.suffix != ".wacz":
            name = path.name.removesuffix(OPEN_SUFFIX)
            names[name] = name
    taken = set(names.values())
    for path in paths:
        if path.suffix != ".wacz":
            continue
        with zipfile.ZipFile(path) as zf:
            members = wacz_warc_members(zf)
        for member in members:
            own = _member_file_name(member)
            name, number = own, 1
            while name in taken:
                prefix = file_stem(path.stem) + ("" if number == 1 else f"-{number}")
                name, number = f"{prefix}-{own}", number + 1
            taken.add(name)
            names[f"{path.name}{WACZ_SEP}{member}"] = name
    return names


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
    reader cannot seek to are left out and described in ``problems``. ``names`` (from
    ``export_names``) gives each WARC's file name; without it the lines name the files
    of ``warc/``, and a WACZ there is left out and named in ``problems``: a line cannot
    point inside it (a WACZ export repacks its WARCs under their own names)."""
    lines = []
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
            if rec.type == "revisit":
                fields["mime"] = "warc/revisit"
            key = f"{surt(uri)} {timestamp14(rec.get('WARC-Date') or '')}"
            lines.append(f"{key} {json.dumps(fields, sort_keys=True)}")
    lines.sort()
    yield from lines

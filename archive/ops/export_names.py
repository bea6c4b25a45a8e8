"""The file name each WARC has in an export: a CDXJ line's ``filename``, a WACZ's
``archive/`` folder. A WARC of ``warc/`` keeps its own; a WARC inside a WACZ dropped
into ``warc/`` (``x.wacz#archive/y.warc.gz``) gets its own base name, ``y.warc.gz``, or
``x-y.warc.gz`` when another WARC has that name, made safe by ``file_stem``."""

from __future__ import annotations

import zipfile
from pathlib import Path

from archive.inputs.safe_names import file_stem
from archive.warc.reader import WACZ_SEP, wacz_warc_members
from archive.warc.writer import OPEN_SUFFIX

__all__ = ["export_names"]

_WARC_SUFFIXES = (".warc.gz", ".arc.gz", ".warc", ".arc")


def _member_file_name(member: str) -> str:
    """A WACZ member's own base name (``archive/y.warc.gz``: ``y.warc.gz``) when it is a
    plain name, else one made safe by ``file_stem``, with its suffix kept."""
    base = member.rsplit("/", 1)[-1]
    suffix = next((s for s in _WARC_SUFFIXES if base.endswith(s) and base != s), "")
    return file_stem(base.removesuffix(suffix) if suffix else base) + suffix


def export_names(paths: list[Path]) -> dict[str, str]:
    """Export file names by the name records carry (``rec.file``), for ``paths``, the
    archive's WARC files (archive.warc.files.warc_files)."""
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

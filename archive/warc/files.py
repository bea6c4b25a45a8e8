"""The WARC files of a folder, in name order (their names start with the time they were
opened): those being written (``.open``), WACZ and ARC files included."""

from __future__ import annotations

from pathlib import Path

from .writer import OPEN_SUFFIX

__all__ = ["warc_files"]


def warc_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir()
                  if p.name.endswith((".warc.gz", ".warc", ".warc.gz" + OPEN_SUFFIX,
                                      ".warc" + OPEN_SUFFIX, ".wacz", ".arc", ".arc.gz")))

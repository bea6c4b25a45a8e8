"""A rebuild shared by several machines: one part per WARC file, then one merge.

``newsarchive rebuild --redis URL`` workers (crawler/cluster/rebuild.py) each claim
whole WARC files and write, for each, its part: ``ARCHIVE/rebuild-parts/RUN/FILE.part``,
every response and revisit record of the file as an ``Entry`` (its index fields and
its corpus row as extraction made it, before the final pass), in WARC order. A part
is written under a temporary name and renamed once the file is done, so a worker
killed mid-file leaves no part for it (the file goes back to the queue).

``newsarchive merge`` then reads the parts of every WARC file in WARC order into the
same ``CorpusBuilder`` a single ``rebuild`` feeds from its extraction workers: the
same index rows in the same order, the same repeated-payload rule, the same site
templates and the same final pass over all rows together. So the merged corpus is
byte for byte the one a single rebuild writes, and the index holds the same rows.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from archive.errors import InputError
from archive.extract.document import ExtractOptions
from archive.extract.workers import RecyclingPool, default_workers
from archive.inputs.safe_names import is_plain_name
from archive.warc.files import warc_files
from archive.warc.writer import OPEN_SUFFIX

from .rebuild import CorpusBuilder, Entry, RebuildSummary, _entries, iter_candidates, run_staged

__all__ = ["PARTS_DIR", "PartSummary", "write_part", "has_parts", "merge_parts", "warc_names"]

PARTS_DIR = "rebuild-parts"
FORMAT = 1


@dataclass
class PartSummary:
    file: str
    entries: int = 0
    rows: int = 0


def warc_names(archive: Path) -> list[str]:
    """The archive's WARC files as the queue holds them: in WARC order, by final name."""
    return [p.name.removesuffix(OPEN_SUFFIX) for p in warc_files(archive / "warc")]


def _part_path(archive: Path, run: str, name: str) -> Path:
    return archive / PARTS_DIR / run / f"{name}.part"


def write_part(archive: Path, run: str, name: str, pool: RecyclingPool,
               options: ExtractOptions, window: int) -> PartSummary:
    """Extract one WARC file of the archive into its part of the rebuild ``run``."""
    if not (is_plain_name(run) and is_plain_name(name)):
        raise InputError(f"bad rebuild part name {run!r}/{name!r}")
    path = archive / "warc" / name
    if not path.exists() and path.with_name(name + OPEN_SUFFIX).exists():
        path = path.with_name(name + OPEN_SUFFIX)
    if not path.exists():
        raise InputError(f"{path} is not in the archive: every worker must see the same archive")
    target = _part_path(archive, run, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{uuid.uuid4().hex}.tmp")
    summary = PartSummary(name)
    problems: list[str] = []
    as_recorded: list[str] = []
    try:
        with open(tmp, "wb") as out:
            out.write(_line({"part": FORMAT, "run": run, "file": name}))
            for entry in _entries(pool, iter_candidates(archive, problems, None, as_recorded, files=[path]),
                                  options, window):
                out.write(_line(entry.to_json()))
                summary.entries += 1
                summary.rows += entry.row is not None
            out.write(_line({"end": name, "problems": problems, "as_recorded": as_recorded}))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return summary


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def has_parts(archive: Path) -> bool:
    return (archive / PARTS_DIR).is_dir()


def _latest_run(archive: Path) -> Path:
    runs = sorted(d for d in (archive / PARTS_DIR).iterdir() if d.is_dir() and is_plain_name(d.name))
    if not runs:
        raise InputError(f"{archive / PARTS_DIR} holds no rebuild parts: run `newsarchive rebuild "
                         f"--archive {archive} --redis URL` first")
    return runs[-1]


def _read_part(path: Path, name: str, summary: RebuildSummary) -> Iterator[Entry]:
    """The entries of one part; its problems and stored-decoded bodies into ``summary``."""
    with open(path, encoding="utf-8") as fh:
        header = json.loads(fh.readline() or "null")
        if not isinstance(header, dict) or header.get("part") != FORMAT or header.get("file") != name:
            raise InputError(f"{path}: not a rebuild part of {name} (format {FORMAT})")
        for number, line in enumerate(fh, start=2):
            try:
                data = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}, line {number}: unreadable: {exc}") from None
            if "end" in data:
                summary.problems.extend(data["problems"])
                summary.as_recorded.extend(data["as_recorded"])
                return
            yield Entry.from_json(data)
    raise InputError(f"{path}: cut off (no end line)")


def merge_parts(archive: Path, *, workers: int | None = None,
                progress: IO[str] | None = None) -> RebuildSummary:
    """The index and corpus of the latest shared rebuild's parts, swapped in like a single
    rebuild's; the parts folder removed after. Refused while a WARC file has no part."""
    run = _latest_run(archive)
    names = warc_names(archive)
    missing = [n for n in names if not _part_path(archive, run.name, n).exists()]
    if missing:
        raise InputError(f"the shared rebuild {run.name} has not done {len(missing)} of {len(names)} "
                         f"WARC files ({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}): "
                         "start `newsarchive rebuild --redis URL` workers again, then merge")
    workers = default_workers(workers)

    def fill(builder: CorpusBuilder, summary: RebuildSummary) -> None:
        for name in names:
            builder.add_all(_read_part(_part_path(archive, run.name, name), name, summary))

    summary = run_staged(archive, fill, workers=workers, progress=progress)
    shutil.rmtree(archive / PARTS_DIR)
    return summary

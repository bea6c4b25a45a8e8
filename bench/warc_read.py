"""Reading WARC files: the project's reader against FastWARC and warcio, in one process.

    .venv/bin/python bench/warc_read.py ARCHIVE/warc/*.warc.gz [--runs 3]

Each reader walks every record of the files and reads its whole block (what
``rebuild``, ``verify`` and the exports need before they do their own work); the
methods take turns, and the CPU seconds of each are printed as medians of ``--runs``
rounds, per record and as a ratio to FastWARC's. The project's reader
(archive/warc/reader.py) also gives each record's exact offset and length and names a
damaged record once instead of stopping.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from fastwarc.warc import ArchiveIterator as FastIterator
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

from archive.warc.reader import WarcRecordView, iter_records


def project(paths: list[Path]) -> tuple[int, int]:
    records = size = 0
    for path in paths:
        for rec in iter_records(path):
            if isinstance(rec, WarcRecordView):
                records += 1
                size += len(rec.block)
    return records, size


def fastwarc(paths: list[Path]) -> tuple[int, int]:
    records = size = 0
    for path in paths:
        with open(path, "rb") as fh:
            for rec in FastIterator(fh, parse_http=False):
                records += 1
                size += len(rec.reader.read())
    return records, size


def warcio(paths: list[Path]) -> tuple[int, int]:
    records = size = 0
    for path in paths:
        with open(path, "rb") as fh:
            for rec in WarcioIterator(fh):
                records += 1
                size += len(rec.raw_stream.read())
    return records, size


READERS: dict[str, Callable[[list[Path]], tuple[int, int]]] = {
    "newsarchive": project, "fastwarc": fastwarc, "warcio": warcio}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    seconds: dict[str, list[float]] = {name: [] for name in READERS}
    counts: dict[str, tuple[int, int]] = {}
    for _ in range(args.runs):
        for name, read in READERS.items():
            started = time.process_time()
            counts[name] = read(args.files)
            seconds[name].append(time.process_time() - started)
    base = statistics.median(seconds["fastwarc"])
    print(f"{'reader':<12} {'records':>8} {'block MB':>9} {'CPU s':>7} {'us/record':>10} {'x fastwarc':>10}")
    for name, runs in seconds.items():
        med = statistics.median(runs)
        records, size = counts[name]
        print(f"{name:<12} {records:>8} {size / 1e6:>9.1f} {med:>7.2f} {med / max(records, 1) * 1e6:>10.0f} "
              f"{med / base:>10.2f}")


if __name__ == "__main__":
    main()

"""PSS of the extraction workers as they parse real pages, with and without recycling.

    .venv/bin/python bench/worker_memory.py DEVSET/wcxb-dev --pages 600 --recycle-after 200

Runs the pages (``*.html``, ``*.html.gz``) through a RecyclingPool of 2 workers (8 pages
in flight, as a crawl keeps them) and prints, every 100 pages, the PSS of this process
and of each process of its pool (fork server, resource tracker, workers), in MB.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.extract.document import extract_document  # noqa: E402
from archive.extract.workers import RecyclingPool  # noqa: E402


def pss_mb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("Pss:")) // 1024
    except (FileNotFoundError, StopIteration):
        return 0


def descendants(pid: int) -> list[int]:
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    children = [int(c) for c in fh.read().split()]
                out.extend(children)
                stack.extend(children)
        except FileNotFoundError:
            continue
    return out


def report(label: str) -> None:
    procs = {p: pss_mb(p) for p in descendants(os.getpid())}
    print(f"{label}: this process {pss_mb(os.getpid())} MB, pool {sum(procs.values())} MB "
          f"({', '.join(f'{p}:{m}' for p, m in procs.items())})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--recycle-after", type=int, default=200)
    args = parser.parse_args()
    paths = sorted(p for p in args.folder.iterdir() if p.name.endswith((".html", ".html.gz")))[:args.pages]
    pending: list[Future[Any]] = []
    with RecyclingPool(2, args.recycle_after) as pool:
        for i, path in enumerate(paths):
            body = path.read_bytes()
            if path.name.endswith(".gz"):
                body = gzip.decompress(body)
            pending.append(pool.submit(extract_document, body, f"http://127.0.0.1/p/{i}.html", "text/html"))
            if len(pending) >= 8:
                pending.pop(0).result()
            if i % 100 == 0:
                report(f"{i} pages")
        for future in pending:
            future.result()
        report(f"{len(paths)} pages")


if __name__ == "__main__":
    main()

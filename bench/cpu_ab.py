"""Extraction CPU of two versions of archive/ in one process, page by page.

    .venv/bin/python bench/cpu_ab.py DEVSET/wcxb-dev [--base REV] [--step 8] [--rounds 6]

The working tree's ``extract_document`` and that of git revision ``--base`` (its
archive/ written to a temporary folder) take turns on every ``--step``-th page, the
one that goes first changing from page to page and from round to round: the second
to run on a page finds the libraries' caches (trafilatura's, htmldate's) warm, 1 to
2 ms a page on WCXB dev, as much as a change being measured. trafilatura's
``bare_extraction(with_metadata=True)`` runs after both: its ratios here are of the
kind ``bench/cpu_ratio.py --order ours-first`` gives, about 0.04 above an even order.
Prints the sums of each page's minimum and median CPU time over the rounds (the
minimum shrugs off what other work on the machine adds) and the ratios to
trafilatura's.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import dev_pages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _load(folder: Path) -> ModuleType:
    """archive.extract.document from ``folder``, as a module set of its own."""
    for name in [n for n in sys.modules if n == "archive" or n.startswith("archive.")]:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        import archive.extract.document as document
    finally:
        sys.path.remove(str(folder))
    return document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a dev set folder, e.g. DEVSET/wcxb-dev")
    parser.add_argument("--base", default="HEAD", help="git revision to compare with")
    parser.add_argument("--step", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    from trafilatura import bare_extraction

    pages = dev_pages(args.folder, args.step)
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "archive"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        base = _load(Path(tmp))
        new = _load(ROOT)
        versions = (base, new)
        for version in versions:
            version.warm_up()
        for body, url in pages:
            for version in versions:
                version.extract_document(body, url, "text/html; charset=utf-8")
            bare_extraction(body.decode("utf-8", "replace"), url=url, with_metadata=True)
        times: list[list[list[float]]] = [[[] for _ in pages] for _ in range(3)]
        for number in range(args.rounds):
            for i, (body, url) in enumerate(pages):
                order = (0, 1) if (i + number) % 2 else (1, 0)
                for which in order:
                    started = time.process_time()
                    versions[which].extract_document(body, url, "text/html; charset=utf-8")
                    times[which][i].append(time.process_time() - started)
                html = body.decode("utf-8", "replace")
                started = time.process_time()
                bare_extraction(html, url=url, include_comments=False, with_metadata=True)
                times[2][i].append(time.process_time() - started)
            print(f"round {number + 1} of {args.rounds}", flush=True)
    summaries: tuple[tuple[str, Callable[[list[float]], float]], ...] = (
        ("minimum", min), ("median", statistics.median))
    for name, pick in summaries:
        b, n, t = (sum(map(pick, version)) / len(pages) * 1000 for version in times)
        print(f"{name}: {args.base} {b:.2f} ms ({b / t:.3f}x), working tree {n:.2f} ms "
              f"({n / t:.3f}x), trafilatura {t:.2f} ms a page; {b - n:+.2f} ms a page "
              f"over {len(pages)} pages")


if __name__ == "__main__":
    main()

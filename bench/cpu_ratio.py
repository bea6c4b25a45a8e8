"""Extraction CPU against trafilatura's, page by page in one process.

    .venv/bin/python bench/cpu_ratio.py DEVSET/wcxb-dev [--step 8] [--rounds 3]   (or DEVSET/cleaneval, DEVSET/readability)

``extract_document`` (the crawl's extraction: text, metadata, page type) and
trafilatura's ``bare_extraction(with_metadata=True)`` take turns on every ``--step``-th
page of the folder (bench/devset.py: WCXB's, cleaneval's or Readability's), both warmed first,
so a busy machine slows both alike; prints each round's CPU ms a page and the ratio, and
the median ratio of the rounds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trafilatura import bare_extraction  # noqa: E402

from archive.extract.document import extract_document, warm_up  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import dev_pages  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a dev set folder, e.g. DEVSET/wcxb-dev")
    parser.add_argument("--step", type=int, default=8, help="every Nth page (default 8)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = dev_pages(args.folder, args.step)
    warm_up()
    for body, url in pages[:5]:
        extract_document(body, url, "text/html; charset=utf-8")
        bare_extraction(body.decode("utf-8", "replace"), url=url, with_metadata=True)
    ratios = []
    for number in range(args.rounds):
        ours = theirs = 0.0
        for body, url in pages:
            started = time.process_time()
            extract_document(body, url, "text/html; charset=utf-8")
            ours += time.process_time() - started
            html = body.decode("utf-8", "replace")
            started = time.process_time()
            bare_extraction(html, url=url, include_comments=False, with_metadata=True)
            theirs += time.process_time() - started
        ratios.append(ours / theirs)
        print(f"round {number + 1}: newsarchive {ours / len(pages) * 1000:.1f} ms, trafilatura "
              f"{theirs / len(pages) * 1000:.1f} ms a page, ratio {ours / theirs:.3f}", flush=True)
    print(f"median ratio {statistics.median(ratios):.3f} over {len(pages)} pages")


if __name__ == "__main__":
    main()

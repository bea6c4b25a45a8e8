"""Extraction CPU against trafilatura's, page by page in one process.

    .venv/bin/python bench/cpu_ratio.py DEVSET/wcxb-dev [--step 8] [--rounds 4]
        [--order alternate|pass|ours-first]   (or DEVSET/cleaneval, DEVSET/readability)

``extract_document`` (the crawl's extraction: text, metadata, page type) and
trafilatura's ``bare_extraction(with_metadata=True)`` each go over every ``--step``-th
page of the folder (bench/devset.py: WCXB's, cleaneval's or Readability's), both warmed
first; prints each round's CPU ms a page and the ratio, and the median ratio of the
rounds.

The two take turns page by page, and which goes first alternates from one page to the
next (``--order pass``: one extractor over all the pages, then the other, the first
alternating by round; ``--order ours-first``: page by page, ours always first;
``--order fresh``: each extractor in a new process of its own, warmed on the folder's
first five pages and then over the other pages once, the first alternating by round,
as a crawl meets each page once: no library's cache holds a string of these pages from
an earlier round or from the other extractor).
Whichever runs second on a page right after the other runs faster: on Readability's
set, page by page with ours always first 1.15x and 1.17x, with trafilatura always first
1.07x and 1.11x (most likely the page's bytes and strings still in the CPU's caches; clearing
trafilatura's and htmldate's own caches in between does not remove it). Alternating
gives each extractor the same share of both places; whole passes give each its page
after other pages, as a crawl does, but the host's noise between passes is larger.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
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
    parser.add_argument("--rounds", type=int, default=4,
                        help="rounds (default 4: each order twice)")
    parser.add_argument("--order", choices=("alternate", "pass", "ours-first", "fresh"),
                        default="alternate",
                        help="alternate: page by page, the first alternating (default); "
                             "pass: a whole pass of each, the first alternating by round; "
                             "ours-first: page by page, ours first; fresh: one pass of each "
                             "in a new process, the first alternating by round")
    parser.add_argument("--one", choices=("ours", "theirs"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.order == "fresh" and not args.one:
        fresh_rounds(args)
        return
    pages = dev_pages(args.folder, args.step)
    warm = pages[:5]
    if args.one:
        # warmed on the folder's first five pages, which are then not measured
        warm = dev_pages(args.folder, 1)[:5]
        pages = [page for page in pages if page not in warm]
    warm_up()
    for body, url in warm:
        extract_document(body, url, "text/html; charset=utf-8")
        bare_extraction(body.decode("utf-8", "replace"), url=url, with_metadata=True)
    texts = [(body.decode("utf-8", "replace"), url) for body, url in pages]
    if args.one:
        # one pass, in a process that has run neither extractor on these pages
        print(_one_pass(args.one, pages, texts))
        return

    ratios = []
    for number in range(args.rounds):
        ours = theirs = 0.0
        if args.order == "pass":
            if number % 2 == 0:
                ours = _one_pass("ours", pages, texts)
                theirs = _one_pass("theirs", pages, texts)
            else:
                theirs = _one_pass("theirs", pages, texts)
                ours = _one_pass("ours", pages, texts)
        else:
            for index, ((body, url), (html, _)) in enumerate(zip(pages, texts, strict=True)):
                first_ours = args.order == "ours-first" or index % 2 == 0
                if not first_ours:
                    started = time.process_time()
                    bare_extraction(html, url=url, include_comments=False, with_metadata=True)
                    theirs += time.process_time() - started
                started = time.process_time()
                extract_document(body, url, "text/html; charset=utf-8")
                ours += time.process_time() - started
                if first_ours:
                    started = time.process_time()
                    bare_extraction(html, url=url, include_comments=False, with_metadata=True)
                    theirs += time.process_time() - started
        ratios.append(_round_ratio(number, ours, theirs, len(pages)))
    print(f"median ratio {statistics.median(ratios):.3f} over {len(pages)} pages")


def _round_ratio(number: int, ours: float, theirs: float, count: int) -> float:
    """A round's CPU seconds, printed a page; their ratio."""
    print(f"round {number + 1}: newsarchive {ours / count * 1000:.1f} ms, trafilatura "
          f"{theirs / count * 1000:.1f} ms a page, ratio {ours / theirs:.3f}", flush=True)
    return ours / theirs


def _one_pass(which: str, pages: list[tuple[bytes, str]], texts: list[tuple[str, str]]) -> float:
    started = time.process_time()
    if which == "ours":
        for body, url in pages:
            extract_document(body, url, "text/html; charset=utf-8")
    else:
        for html, url in texts:
            bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    return time.process_time() - started


def fresh_rounds(args: argparse.Namespace) -> None:
    first = dev_pages(args.folder, 1)[:5]
    count = sum(1 for page in dev_pages(args.folder, args.step) if page not in first)

    def run(which: str) -> float:
        done = subprocess.run([sys.executable, __file__, str(args.folder), "--step",
                               str(args.step), "--one", which],
                              capture_output=True, text=True, check=True)
        return float(done.stdout.split()[-1])

    ratios = []
    for number in range(args.rounds):
        if number % 2 == 0:
            ours, theirs = run("ours"), run("theirs")
        else:
            theirs = run("theirs")
            ours = run("ours")
        ratios.append(_round_ratio(number, ours, theirs, count))
    print(f"median ratio {statistics.median(ratios):.3f} over {count} pages")


if __name__ == "__main__":
    main()

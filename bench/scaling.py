"""How extraction's CPU grows with a page: pages of one shape, N and 4N times over.

    .venv/bin/python bench/scaling.py [--n 2500] [--rounds 3] [--shapes authors lines ...]

Each shape is a news page with one thing repeated N times: declared authors (a
physics collaboration's paper), headings with a short paragraph each (a glossary, a
live blog's entries), table rows, dated update lines, figures with captions, bylines
with posts, a section's teasers (headline and excerpt), links, paragraphs. ``extract_document`` (the crawl's extraction) and
trafilatura's ``bare_extraction(with_metadata=True)`` each extract the page of N and
the page of 4N; the figures are the median CPU seconds of ``--rounds`` runs and the
ratio 4N / N: 4 is linear, 16 quadratic. A step that searches the whole page once
for each of its lines shows as a ratio well above 4 (and seconds a page, against a
page time limit) long before any real page is that long.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trafilatura import bare_extraction  # noqa: E402

from archive.extract.document import extract_document, warm_up  # noqa: E402

URL = "https://harbour.example/2024/05/07/breakwater-to-be-rebuilt"
STORY = ("<p>The harbour master said on Tuesday that the old breakwater would be rebuilt "
         "before the winter storms, after two decades of patching that no longer holds "
         "the sea back.</p>") * 3


def _page(body: str, head: str = "") -> bytes:
    return ("<html><head><title>Breakwater to be rebuilt</title>" + head + "</head><body>"
            "<article><h1>Breakwater to be rebuilt</h1>" + STORY + body
            + "</article></body></html>").encode()


def _authors(n: int) -> bytes:
    ld = {"@type": "NewsArticle", "headline": "Breakwater to be rebuilt",
          "author": [{"@type": "Person", "name": f"Author{i} Surname{i}"} for i in range(n)]}
    return _page("", f"<script type='application/ld+json'>{json.dumps(ld)}</script>")


SHAPES: dict[str, Callable[[int], bytes]] = {
    "authors": _authors,
    "headings": lambda n: _page("".join(f"<h2>Heading {i}</h2><p>Short paragraph {i} with a "
                                        "few words in it.</p>" for i in range(n))),
    "table": lambda n: _page("<table>" + "".join(f"<tr><td>row {i}</td><td>value {i}</td></tr>"
                                                 for i in range(n)) + "</table>"),
    "updates": lambda n: _page("".join(
        f"<p>Update <time datetime='2024-01-{i % 28 + 1:02d}T10:00'>{i % 28 + 1} January "
        "2024</time>: the harbour works continue with news from the quay.</p>"
        for i in range(n))),
    "figures": lambda n: _page("".join(
        f"<figure><img src='/i/{i}.jpg'><figcaption>Photo {i}: the harbour at dawn (Credit "
        f"{i})</figcaption></figure><p>Paragraph {i} goes on about the harbour and the sea "
        "and the works to come.</p>" for i in range(n))),
    "bylines": lambda n: _page("".join(
        f"<p class='byline'>By Reporter{i} Name</p><p>Post {i}: the harbour works continue "
        "today with more news from the quay.</p>" for i in range(n))),
    "teasers": lambda n: ("<html><head><title>News - Harbour Times</title></head><body><main>"
                          + "".join(f"<article><h2><a href='/2024/01/0{i % 9 + 1}/story-{i}'>"
                                    f"Story {i} headline about the sea</a></h2><p>Excerpt {i}: "
                                    "a short summary of the story about the harbour works.</p>"
                                    "</article>" for i in range(n))
                          + "</main></body></html>").encode(),
    "links": lambda n: _page("".join(f"<a href='/p/{i}'>link {i}</a> " for i in range(n))),
    "paragraphs": lambda n: _page("".join(
        f"<p>Paragraph {i}: a sentence of the long article with enough words to count as "
        "prose here.</p>" for i in range(n))),
}


def _cpu(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2500, help="the smaller page's count")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--shapes", nargs="*", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    warm_up()
    extract_document(_page(""), URL, "text/html; charset=utf-8")
    bare_extraction(_page("").decode(), url=URL, with_metadata=True)
    print(f"{'shape':11} {'ours N':>8} {'ours 4N':>8} {'x':>5}   {'traf N':>8} {'traf 4N':>8} {'x':>5}")
    for name in args.shapes:
        row = []
        for method in ("ours", "trafilatura"):
            cpu = []
            for n in (args.n, 4 * args.n):
                page = SHAPES[name](n)
                if method == "ours":
                    cpu.append(_cpu(lambda p=page: extract_document(  # type: ignore[misc]
                        p, URL, "text/html; charset=utf-8"), args.rounds))
                else:
                    html = page.decode()
                    cpu.append(_cpu(lambda h=html: bare_extraction(  # type: ignore[misc]
                        h, url=URL, with_metadata=True), args.rounds))
            row.append(f"{cpu[0]:8.2f} {cpu[1]:8.2f} {cpu[1] / max(cpu[0], 1e-6):5.1f}")
        print(f"{name:11} {row[0]}   {row[1]}", flush=True)


if __name__ == "__main__":
    main()

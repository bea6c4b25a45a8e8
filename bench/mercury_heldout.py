"""Title, author, day and the article's opening words on Mercury Parser's site fixtures,
which nothing in newsarchive was tuned on.

    .venv/bin/python bench/mercury_heldout.py PARSER [--workers 2] [--json OUT]

PARSER is a checkout of Postlight's Mercury Parser (postlight/parser), or any folder
holding its ``fixtures/`` (pages saved from the web, one or more per site) and
``src/extractors/custom/<host>/index.test.js`` (the tests of its hand-written extractor
for that site). Each test names a page's URL and fixture and asserts what the site's
extractor must return: its ``title``, ``author``, ``date_published`` (in UTC) and the
first 13 words of its content. At postlight/parser's commit e8ba7ec: 141 sites, mostly
English-language news and magazines (with Japanese, Chinese and German ones), saved in
2016-2019. Their meta tags are read as the site sent them (``served``). Mercury has a hand-written extractor for these sites because its generic one
did badly on them: they are hard pages by choice.

Each page goes through the crawl's extraction (``extract_document``) and through
trafilatura.bare_extraction (``with_metadata=True``), in the same worker. Prints, for each
method: rows, the share typed ``article`` (newsarchive only), title exact (folded as
bench/extraction.py folds it), author (every name of the test's author in the row's
author field), the day (the test's UTC day, or the day before or after it: a page's own
day is in its own time zone), the article's opening found in the row's text (the last 6
of the test's first 13 words of content, or their last 15 characters in Chinese or
Japanese: the first ones are often a photo's caption or credit), and CPU
ms a page. Mercury's authors keep what a corpus row leaves out on purpose (a site's staff
name, a profile URL), and some titles are Mercury's own choice among several: the figures
compare methods; they are not ceilings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extraction import both_methods, fold, warm_worker  # noqa: E402

METHODS = ("newsarchive", "trafilatura")
# a JavaScript string literal: '...', "..." or `...` (no ${} in these tests)
_STRING = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|null)"""
_URL = re.compile(r"url\s*=\s*" + _STRING, re.S)
_FIXTURE = re.compile(r"readFileSync\(\s*['\"`]\./(fixtures/[^'\"`]+)['\"`]")
_ASSERT = {field: re.compile(r"assert\.equal\(\s*" + name + r"\s*,\s*" + _STRING, re.S)
           for field, name in (("title", "title"), ("author", "author"),
                               ("date", "date_published"), ("first13", "first13"))}
_SPACE = re.compile(r"\s+")
_META = re.compile(rb"<meta\b[^>]*>", re.I)
_VALUE = re.compile(rb"(\s)value=", re.I)
_CONTENT = re.compile(rb"\scontent=", re.I)
# the Open Graph names, which Mercury moved from ``property`` to ``name``
_OPEN_GRAPH_NAME = re.compile(rb"(\s)name=(['\"]?(?:og|article|fb|book|profile):)", re.I)


def served(saved: bytes) -> bytes:
    """The page as its site sent it: Mercury saved most fixtures after its own
    normalisation, which renames each meta tag's ``content`` attribute ``value``
    (src/resource/utils/dom/normalize-meta-tags.js), and its ``property`` attribute
    ``name``: a reader of meta tags finds none. Both are renamed back (``property`` for
    the Open Graph names: og:, article:, fb:, book:, profile:)."""
    def restore(tag: re.Match[bytes]) -> bytes:
        text = tag.group(0)
        if _CONTENT.search(text):
            return text
        text = _VALUE.sub(rb"\1content=", text, count=1)
        return _OPEN_GRAPH_NAME.sub(rb"\1property=\2", text, count=1)
    return _META.sub(restore, saved)


def _literal(text: str) -> str | None:
    if text == "null":
        return None
    body = text[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def pages(folder: Path) -> list[tuple[str, str, Path, dict[str, Any]]]:
    """(key, URL, saved page, truth) for each page a site's test names."""
    found = []
    for test in sorted((folder / "src" / "extractors" / "custom").glob("*/index.test.js")):
        source = test.read_text(encoding="utf-8")
        # one block per page: from a fixture's read to the next one
        starts = [m.start() for m in _FIXTURE.finditer(source)]
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(source)
            head = source[max(0, (starts[number - 1] if number else 0)):start]
            fixture = _FIXTURE.search(source, start)
            urls = _URL.findall(head) or _URL.findall(source[start:end])
            if fixture is None or not urls:
                continue
            path = folder / fixture.group(1)
            if not path.is_file():
                continue
            block = source[start:end]
            truth = {}
            for field, pattern in _ASSERT.items():
                match = pattern.search(block)
                if match:
                    truth[field] = _literal(match.group(1))
            found.append((f"{test.parent.name}#{number}", _literal(urls[-1]) or "", path, truth))
    return found


def _extract(job: tuple[str, str, Path, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    key, url, path, _ = job
    return key, both_methods(key, served(path.read_bytes()), url)


def _days(value: str) -> set[str]:
    """The UTC day of a test's date_published and the days either side of it."""
    day = dt.date.fromisoformat(value[:10])
    return {str(day + dt.timedelta(days=step)) for step in (-1, 0, 1)}


def scores(truth: dict[str, Any], got: dict[str, Any]) -> dict[str, float]:
    """One page's scores; a field the test does not assert is not scored."""
    out = {"row": float(got["row"]), "article": float(got["page_type"] == "article")}
    if truth.get("title"):
        out["title"] = float(fold(got["title"]) == fold(truth["title"]))
    if truth.get("author"):
        found = fold(got["author"])
        names = [n for n in re.split(r",\s*|\s+and\s+|\s*&\s*", truth["author"]) if n.strip()]
        out["author"] = float(bool(found) and all(fold(n) in found for n in names))
    if truth.get("date"):
        out["date"] = float((got["date"] or "")[:10] in _days(truth["date"]))
    if truth.get("first13"):
        # its last 6 words (the first ones are often a photo's caption or credit), or
        # its last 15 characters where it has fewer words (Chinese, Japanese): compared
        # without spaces (Mercury joins paragraphs without one)
        words = truth["first13"].removesuffix("...").split()
        tail = "".join(words[-6:]) if len(words) >= 8 else "".join(words)[-15:]
        out["first13"] = float(bool(tail) and _SPACE.sub("", fold(tail)) in _SPACE.sub(
            "", fold(got["text"])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path,
                        help="a checkout of postlight/parser (fixtures/ and src/extractors/custom/)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write each page's fields here")
    args = parser.parse_args()
    if not (args.folder / "fixtures").is_dir():
        raise SystemExit(f"{args.folder}: no fixtures/ folder (a checkout of postlight/parser)")
    jobs = pages(args.folder)
    if not jobs:
        raise SystemExit(f"{args.folder}: no src/extractors/custom/*/index.test.js naming a fixture")
    with ProcessPoolExecutor(args.workers, initializer=warm_worker) as pool:
        got = dict(pool.map(_extract, jobs, chunksize=4))
    if args.json:
        args.json.write_text(json.dumps({key: {"url": url, "truth": truth, **got[key]}
                                         for key, url, _, truth in jobs},
                                        ensure_ascii=False, default=str), encoding="utf-8")
    sites = {key.split("#")[0] for key, *_ in jobs}
    print(f"{len(jobs)} pages of {len(sites)} sites")
    fields = ("row", "article", "title", "author", "date", "first13")
    counts = {f: sum(1 for *_, truth in jobs if truth.get(f) or f in ("row", "article"))
              for f in fields}
    print(f"{'method':<12} " + " ".join(f"{f:>7}" for f in fields) + f" {'ms':>6}")
    print(f"{'(pages)':<12} " + " ".join(f"{counts[f]:>7}" for f in fields))
    for method in METHODS:
        each = [scores(truth, got[key][method]) for key, _, _, truth in jobs]
        means = {f: statistics.mean(s[f] for s in each if f in s) for f in fields}
        ms = statistics.mean(got[key][method]["ms"] for key, *_ in jobs)
        cells = [f"{means[f]:>7.3f}" if (f != "article" or method == "newsarchive") else f"{'':>7}"
                 for f in fields]
        print(f"{method:<12} " + " ".join(cells) + f" {ms:>6.1f}")


if __name__ == "__main__":
    main()

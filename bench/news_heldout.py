"""Text, title, authors and day on fundus's news pages, which nothing in newsarchive was
tuned on.

    .venv/bin/python bench/news_heldout.py FUNDUS/tests/resources/parser/test_data \
        [--workers 2] [--json OUT]

FUNDUS/tests/resources/parser/test_data is a folder of fundus's source repository
(flairNLP/fundus): one folder per country, and in it, for each publisher, pages saved as
``<Publisher>_<YYYY_MM_DD>.html.gz``, a ``meta.info`` with each page's URL, and
``<Publisher>.json`` with what fundus's hand-written parser for that site extracts from
each of them (its title, authors, publishing date and body: summary, section headings and
paragraphs), checked by its authors: at fundus's commit 18da6e5, 258 news pages of 181
publishers in 41 countries and about as many languages. A truth is paired with the saved page whose text holds
its title (where none or several do, in the order of both).

Each page goes through the crawl's extraction (``extract_document``) and through
trafilatura.bare_extraction (``with_metadata=True``), in the same worker (each worker
warmed first: imports and first-use loads are not charged to a page). Prints, for
each: rows (pages given a text), the share typed ``article``, word-F1 (WCXB's metric,
bench/extraction.py, both texts in Unicode's composed form) against the body, title exact (folded as bench/extraction.py folds
it), authors (every name of the truth in the row's author field), the same day as the
truth, and CPU ms a page. fundus's truths keep what a corpus row leaves out on purpose:
news agencies ("dpa", "AP") and the site's own name as authors, and some titles are the
page's SEO title rather than its headline; the figures are for comparing methods, not
ceilings.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import statistics
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extraction import both_methods, fold, warm_worker, word_f1  # noqa: E402

METHODS = ("newsarchive", "trafilatura")
_VERSION = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def body_text(truth: dict[str, Any]) -> str:
    """fundus's body as text: its summary, then each section's headings and paragraphs."""
    body = truth.get("body") or {}
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    return "\n".join(parts)


def pages(folder: Path) -> list[tuple[str, str, Path, dict[str, Any]]]:
    """(key, URL, saved page, truth) for each truth of each publisher."""
    found = []
    for country in sorted(p for p in folder.iterdir() if p.is_dir()):
        info = country / "meta.info"
        meta = json.loads(info.read_text(encoding="utf-8")) if info.is_file() else {}
        for truth_file in sorted(country.glob("*.json")):
            publisher = truth_file.stem
            truths = json.loads(truth_file.read_text(encoding="utf-8"))
            saved = sorted(country.glob(f"{publisher}_*.html.gz"))
            versions = sorted(truths, key=lambda v: int((_VERSION.findall(v) or ["0"])[0]))
            texts = {path: _SPACE.sub(" ", html.unescape(gzip.decompress(path.read_bytes())
                                                        .decode("utf-8", "replace")))
                     for path in saved}
            left = list(saved)
            for version in versions:
                truth = truths[version]
                title = _SPACE.sub(" ", truth.get("title") or "").strip()
                holding = [p for p in left if title and title in texts[p]]
                path = holding[0] if len(holding) == 1 else (left[0] if left else None)
                if path is None:
                    continue
                left.remove(path)
                url = meta.get(path.name, {}).get("url") or f"https://{publisher.lower()}.example/"
                found.append((f"{country.name}/{path.name}", url, path, truth))
    return found


def _extract(job: tuple[str, str, Path, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    key, url, path, _ = job
    return key, both_methods(key, gzip.decompress(path.read_bytes()), url)


def scores(truth: dict[str, Any], got: dict[str, Any]) -> dict[str, float]:
    """One page's scores; a field the truth leaves empty is not scored."""
    # both texts composed (NFC): a page that writes its letters decomposed ("u" and a
    # combining diaeresis) has them so in fundus's truth, and a word is the same word
    # either way
    out = {"row": float(got["row"]), "article": float(got["page_type"] == "article"),
           "word_f1": word_f1(unicodedata.normalize("NFC", got["text"] or ""),
                              unicodedata.normalize("NFC", body_text(truth)))}
    if truth.get("title"):
        out["title"] = float(fold(got["title"]) == fold(truth["title"]))
    if truth.get("authors"):
        found = fold(got["author"])
        out["authors"] = float(bool(found) and all(fold(a) in found for a in truth["authors"]))
    if truth.get("publishing_date"):
        out["date"] = float((got["date"] or "")[:10] == str(truth["publishing_date"])[:10])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="fundus's tests/resources/parser/test_data")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write each page's fields here")
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder}: not a folder (fundus's tests/resources/parser/test_data)")
    jobs = pages(args.folder)
    if not jobs:
        raise SystemExit(f"{args.folder}: no <country>/<Publisher>.json with saved pages")
    with ProcessPoolExecutor(args.workers, initializer=warm_worker) as pool:
        got = dict(pool.map(_extract, jobs, chunksize=4))
    if args.json:
        args.json.write_text(json.dumps({key: {"url": url, "truth": truth, **got[key]}
                                         for key, url, _, truth in jobs},
                                        ensure_ascii=False, default=str), encoding="utf-8")
    publishers = {key.rsplit("_", 3)[0] for key, *_ in jobs}
    countries = {key.split("/")[0] for key, *_ in jobs}
    print(f"{len(jobs)} pages of {len(publishers)} publishers in {len(countries)} countries")
    fields = ("row", "article", "word_f1", "title", "authors", "date")
    print(f"{'method':<12} {'rows':>5} {'art':>5} {'wF1':>6} {'title':>6} {'auth':>6} "
          f"{'date':>6} {'ms':>6}")
    for method in METHODS:
        each = [scores(truth, got[key][method]) for key, _, _, truth in jobs]
        means = {f: statistics.mean(s[f] for s in each if f in s) for f in fields}
        ms = statistics.mean(got[key][method]["ms"] for key, *_ in jobs)
        art = f"{means['article']:>5.3f}" if method == "newsarchive" else f"{'':>5}"
        print(f"{method:<12} {means['row']:>5.3f} {art} {means['word_f1']:>6.3f} "
              f"{means['title']:>6.3f} {means['authors']:>6.3f} {means['date']:>6.3f} {ms:>6.1f}")


if __name__ == "__main__":
    main()

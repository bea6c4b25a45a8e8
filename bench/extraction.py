"""Extraction as users get it, on dev sets with human ground truth.

    .venv/bin/python bench/extraction.py ../shared/extraction-devset \\
        [--sets wcxb-dev cleaneval readability fixture] [--runs 3]
    .venv/bin/python bench/extraction.py WCXB_REPOSITORY --sets test \\
        --leave-out ../shared/extraction-devset/wcxb-dev

The second reads a split of WCXB's own repository (its held-out ``test/``), leaving
out the pages it shares with the dev split.

Each method sees each page as the crawl does: ``newsarchive`` is the crawl's own
code path (``extract_document`` on the page's bytes, then the final pass's
site-template removal over every page of one domain together); ``trafilatura``
is ``bare_extraction(html, url=URL, include_comments=False, with_metadata=True)``;
``readability`` is readability-lxml as it comes. ``newsarchive:POLICY`` runs
another ``EXTRACT_POLICY``.

Printed per set (and per WCXB page type): rows (share of pages given a
document), for WCXB the share labelled ``article`` (articles: should be high;
forum, product, collection, listing: should be low), word-F1 (WCXB's metric:
lower-cased ``\\w+`` bags), shingle F1 (the Zyte benchmark's, archive/extract/quality.py),
the share of pages whose text holds a WCXB ``without`` snippet (boilerplate),
title exact (case, space, HTML entities and typographic quotes folded), date on the
same day, author (one name holds the other, or the truth holds each of several
names), names (every name of the row is one of the truth's names, or the truth whole:
"Recipe by PJ Hamel" and "Supermove February" are authors by the former, not by this),
and CPU ms per page with its ratio to trafilatura's, medians of ``--runs``
runs with the methods in turn, their order reversed every other run (each pool process
warmed first; ``bench/cpu_ratio.py --order fresh`` measures CPU as a crawl meets pages).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import sqlite3
import statistics
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.extract.quality import page_scores  # noqa: E402

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
Page = dict[str, Any]


def run_method(method: str, body: bytes, url: str) -> dict[str, Any]:
    if method.startswith("newsarchive"):
        from archive.extract.document import ExtractOptions, extract_document
        policy = method.partition(":")[2] or ExtractOptions().policy
        # the dev sets are UTF-8 (their README); a crawl has the server's charset
        result = extract_document(body, url, "text/html; charset=utf-8",
                                  ExtractOptions(policy=policy))
        doc = result.document
        if doc is None:
            return {"row": False, "text": ""}
        return {"row": True, "text": doc.text, "title": doc.title, "author": doc.author,
                "date": doc.published, "page_type": doc.page_type,
                "line_keys": list(doc.line_keys), "metrics": result.metrics,
                "authors": list(doc.authors)}
    html = body.decode("utf-8", errors="replace")
    if method == "trafilatura":
        import trafilatura
        found = trafilatura.bare_extraction(html, url=url, include_comments=False,
                                            with_metadata=True)
        text = (found.text if found is not None else "") or ""
        return {"row": bool(text), "text": text, "title": found and found.title,
                "author": found and found.author, "date": found and found.date}
    if method == "readability":
        import lxml.html
        from archive._vendor.readability import Document
        from archive.extract.document import html_to_text
        import re

        text = ""
        # lxml refuses a string holding control characters ("All strings must be XML
        # compatible"): a user of readability-lxml takes them out and tries again
        for attempt in (html, re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", html)):
            try:
                text = html_to_text(lxml.html.fromstring(Document(attempt).summary(html_partial=True)))
                break
            except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd markup
                continue
        return {"row": bool(text), "text": text}
    raise SystemExit(f"unknown method {method}")


def warm_worker() -> None:
    """Imports and first-use loads are not charged to a page."""
    page = ("<html><head><title>warm</title></head><body><article><p>"
            + "Kazakhstan là quốc gia chủ chốt. " * 40 + "</p></article></body></html>").encode()
    for method in ("trafilatura", "readability", "newsarchive"):
        run_method(method, page, "http://warm.example/a")


def both_methods(key: str, body: bytes, url: str) -> dict[str, dict[str, Any]]:
    """newsarchive's and trafilatura's fields for one page of a held-out set (title,
    author, date, page_type: None where a method gives none) and each one's CPU ms; a
    method that fails on the page gives it no row and is named on stderr."""
    out: dict[str, dict[str, Any]] = {}
    for method in ("newsarchive", "trafilatura"):
        started = time.process_time()
        try:
            got = run_method(method, body, url)
        except Exception as exc:  # noqa: BLE001 - a failure is a page without a row, named
            print(f"{key}: {method} failed: {exc!r}", file=sys.stderr)
            got = {"row": False, "text": ""}
        out[method] = {"title": None, "author": None, "date": None, "page_type": None, **got,
                       "ms": (time.process_time() - started) * 1000}
    return out


def timed(args: tuple[str, bytes, str]) -> tuple[dict[str, Any], float]:
    method, body, url = args
    start = time.process_time()
    try:
        out = run_method(method, body, url)
    except Exception as exc:  # noqa: BLE001 - a crash scores as no row
        out = {"row": False, "text": "", "error": repr(exc)}
    return out, time.process_time() - start


def load(devset: Path, name: str) -> list[Page]:
    """Pages of one set: id, body bytes, url, domain and the truth fields."""
    folder = devset / name
    pages: list[Page] = []
    if name == "fixture":
        root = Path(__file__).resolve().parent.parent / "fixtures" / "newsfixture"
        manifest = json.loads((root / "site.json").read_text(encoding="utf-8"))
        for site, data in manifest["sites"].items():
            files = {p["path"]: p for p in data["pages"]}
            for art in data["articles"]:
                pages.append({"id": f"{site}{art['path']}",
                              "body": (root / files[art["path"]]["file"]).read_bytes(),
                              "url": f"http://{site}.example{art['path']}", "domain": site,
                              "text": (root / art["text_file"]).read_text(encoding="utf-8"),
                              "page_type": "article", "title": art.get("title"),
                              "author": art.get("author"), "date": art.get("published")})
        return pages
    if (folder / "ground-truth").is_dir() and (folder / "html").is_dir():
        # a split of WCXB's own repository (dev/ or test/): ground-truth/<id>.json holds
        # the truth under "ground_truth" and the page type under "_internal", read as
        # WCXB's evaluate.py reads them (no main content is an empty one)
        for truth_path in sorted((folder / "ground-truth").glob("*.json")):
            data = json.loads(truth_path.read_text(encoding="utf-8"))
            truth = data.get("ground_truth") or {}
            html_path = folder / "html" / f"{truth_path.stem}.html.gz"
            if not isinstance(truth, dict) or not html_path.exists():
                continue
            url = data.get("url") or truth.get("url") or ""
            pages.append({"id": truth_path.stem, "body": gzip.decompress(html_path.read_bytes()),
                          "url": url, "domain": urlsplit(url).netloc,
                          "text": truth.get("main_content") or "",
                          "page_type": _wcxb_type(data), "title": truth.get("title"),
                          "author": truth.get("author"), "date": truth.get("publish_date"),
                          "without": truth.get("without") or []})
        return pages
    if (folder / "MANIFEST.tsv").exists() and any(folder.glob("*.html.gz")):
        for line in (folder / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
            page_id, page_type, domain, _url = line.split("\t")[:4]
            truth = json.loads((folder / f"{page_id}.json").read_text(encoding="utf-8"))
            pages.append({"id": page_id, "body": gzip.decompress(
                (folder / f"{page_id}.html.gz").read_bytes()), "url": truth["url"],
                "domain": domain, "text": truth["main_content"], "page_type": page_type,
                "title": truth.get("title"), "author": truth.get("author"),
                "date": truth.get("publish_date"), "without": truth.get("without") or []})
        return pages
    for html_path in sorted(folder.glob("*.html")):
        truth = folder / f"{html_path.stem}.txt"
        if not truth.exists():
            continue
        url_file = folder / f"{html_path.stem}.url"
        # a page without its URL is a site of its own: its template is not learned
        url = (url_file.read_text(encoding="utf-8").strip() if url_file.exists()
               else f"http://{html_path.stem}.{name}.invalid/")
        pages.append({"id": html_path.stem, "body": html_path.read_bytes(), "url": url,
                      "domain": urlsplit(url).netloc, "text": truth.read_text(
                          encoding="utf-8", errors="replace"), "page_type": None})
    return pages


def _wcxb_type(data: dict[str, Any]) -> str:
    """The page type of a file of WCXB's repository, as its evaluate.py reads it."""
    kind = (data.get("_internal") or {}).get("page_type", {})
    primary = kind.get("primary", "article") if isinstance(kind, dict) else (
        kind if isinstance(kind, str) else "article")
    return "collection" if primary == "category" else primary


def apply_site_templates(pages: list[Page], outs: list[dict[str, Any]]) -> None:
    """The crawl's final pass: each domain's pages together, its template lines out."""
    from archive.corpus.site_template import SiteTemplates
    templates = SiteTemplates(sqlite3.connect(":memory:"))
    for page, out in zip(pages, outs, strict=True):
        if out.get("line_keys"):
            templates.observe(page["domain"], page["id"], out["text"].split("\n\n"),
                              out["line_keys"], out.get("title"))
    for page, out in zip(pages, outs, strict=True):
        if out.get("line_keys"):
            kept, _removed = SiteTemplates.clean(out["text"].split("\n\n"),
                                                 templates.template(page["domain"]),
                                                 out["line_keys"])
            out["text"] = "\n\n".join(kept)


def word_f1(predicted: str, expected: str) -> float:
    pred = Counter(_WORD.findall(predicted.lower()))
    true = Counter(_WORD.findall(expected.lower()))
    if not pred and not true:
        return 1.0
    tp = sum((pred & true).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(pred.values()), tp / sum(true.values())
    return 2 * precision * recall / (precision + recall)


# how a title is written down, not what it says: WCXB's truth writes straight quotes
# and plain dashes where pages have typographic ones, and the other way round
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-",
                         "\u00a0": " "})


def fold(text: str | None) -> str:
    return _SPACE.sub(" ", html.unescape(text or "").translate(_QUOTES)).strip().casefold()


def same_author(found: str | None, truth: str) -> bool:
    """One folded string holds the other; a row naming several people (both methods
    join them with "; ") is right when the truth holds each of them: "A; B" against
    "A, B and C"."""
    a, b = fold(found), fold(truth)
    names = [n.strip() for n in a.split(";") if n.strip()]
    return bool(a) and (a in b or b in a or all(n in b for n in names))


_NAMES_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\|)\s*")


def same_names(found: str | None, truth: str) -> bool:
    """Every name of the row (joined by "; ") is one of the truth's names (split at ";",
    ",", "and", "&", "|") or the truth whole, folded."""
    names = [fold(n) for n in (found or "").split(";") if n.strip()]
    truths = {fold(n) for n in _NAMES_SPLIT.split(truth) if n.strip()} | {fold(truth)}
    return bool(names) and all(n in truths for n in names)


def holds_snippet(text: str, snippets: list[str]) -> bool:
    """A ``without`` snippet as a whole-word, case-kept match in the text."""
    flat = _SPACE.sub(" ", text)
    return any(s.strip() and re.search(r"(?<!\w)" + re.escape(_SPACE.sub(" ", s.strip()))
                                       + r"(?!\w)", flat) for s in snippets)


def summarise(pages: list[Page], outs: list[dict[str, Any]]) -> dict[str, float]:
    n = len(pages)
    shingle = [page_scores(o["text"], p["text"]) for p, o in zip(pages, outs, strict=True)]
    prec = statistics.mean(s[0] for s in shingle)
    rec = statistics.mean(s[1] for s in shingle)
    result = {
        "pages": n,
        "rows": sum(o["row"] for o in outs) / n,
        "word_f1": statistics.mean(word_f1(o["text"], p["text"])
                                   for p, o in zip(pages, outs, strict=True)),
        "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "article": sum(o.get("page_type") in ("article", "liveblog") for o in outs) / n,
        "without": sum(holds_snippet(o["text"], p.get("without") or [])
                       for p, o in zip(pages, outs, strict=True)) / n,
    }
    pairs = list(zip(pages, outs, strict=True))
    with_title = [(p, o) for p, o in pairs if p.get("title")]
    with_date = [(p, o) for p, o in pairs if p.get("date")]
    with_author = [(p, o) for p, o in pairs if p.get("author")]
    if with_title:
        result["title"] = sum(fold(o.get("title")) == fold(p["title"])
                              for p, o in with_title) / len(with_title)
    if with_date:
        result["date"] = sum((o.get("date") or "")[:10] == p["date"][:10]
                             for p, o in with_date) / len(with_date)
    if with_author:
        result["author"] = sum(same_author(o.get("author"), p["author"])
                               for p, o in with_author) / len(with_author)
        result["names"] = sum(same_names(o.get("author"), p["author"])
                              for p, o in with_author) / len(with_author)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", type=Path, help="folder holding wcxb-dev/, cleaneval/, ...")
    parser.add_argument("--sets", nargs="+", default=["wcxb-dev", "cleaneval", "readability"],
                        help="folders of the dev set; 'fixture' is the project's fixture sites")
    parser.add_argument("--methods", nargs="+",
                        default=["newsarchive", "trafilatura", "readability"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=1,
                        help="time each method this many times, in turn; ms/page is the median")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--types", nargs="+",
                        help="only pages of these WCXB page types (article, forum, ...)")
    parser.add_argument("--json", type=Path, help="write the figures and per-page texts here")
    parser.add_argument("--leave-out", type=Path, metavar="SET_FOLDER",
                        help="leave out pages whose URL is a page of this set (WCXB's test "
                             "split repeats 138 pages of its dev split)")
    args = parser.parse_args()
    if not args.devset.is_dir():
        raise SystemExit(f"bench/extraction.py: not a folder: {args.devset}")
    seen: set[str] = set()
    if args.leave_out:
        seen = {p["url"] for p in load(args.leave_out.parent, args.leave_out.name)}
        if not seen:
            raise SystemExit(f"bench/extraction.py: --leave-out: no pages in {args.leave_out}")
    report: dict[str, Any] = {}
    head = (f"{'set':<22} {'method':<22} {'pages':>5} {'rows':>5} {'art':>5} {'wF1':>6} "
            f"{'F1':>6} {'w/o':>5} {'title':>5} {'date':>5} {'auth':>5} {'names':>5} {'ms':>6} "
            f"{'x':>5}")
    print(head)
    with ProcessPoolExecutor(args.workers, initializer=warm_worker) as pool:
        for set_name in args.sets:
            pages = [p for p in load(args.devset, set_name) if p["url"] not in seen]
            if args.types:
                pages = [p for p in pages if p["page_type"] in args.types]
            pages = pages[:args.limit]
            cpu: dict[str, list[float]] = defaultdict(list)
            outs: dict[str, list[dict[str, Any]]] = {}
            for run in range(args.runs):
                # the methods in turn, the order reversed every other run: a method run
                # after another in the same workers came out slower (trafilatura after
                # newsarchive, 81 against 61-66 ms a page on Readability's set)
                for method in args.methods if run % 2 == 0 else args.methods[::-1]:
                    got = list(pool.map(timed, [(method, p["body"], p["url"]) for p in pages],
                                        chunksize=4))
                    outs.setdefault(method, [o for o, _ in got])
                    cpu[method].append(sum(c for _, c in got) / len(got) * 1000)
            base = statistics.median(cpu["trafilatura"]) if "trafilatura" in cpu else None
            for method in args.methods:
                if method.startswith("newsarchive"):
                    apply_site_templates(pages, outs[method])
                ms = statistics.median(cpu[method])
                groups = {"all": list(range(len(pages)))}
                types = sorted({p["page_type"] for p in pages if p["page_type"]})
                if len(types) > 1:
                    for t in types:
                        groups[t] = [i for i, p in enumerate(pages) if p["page_type"] == t]
                for group, idx in groups.items():
                    s = summarise([pages[i] for i in idx], [outs[method][i] for i in idx])
                    label = set_name if group == "all" else f"{set_name}/{group}"
                    ratio = f"{ms / base:5.2f}" if base and group == "all" else ""
                    print(f"{label:<22} {method:<22} {s['pages']:>5} {s['rows']:>5.3f} "
                          f"{s['article']:>5.3f} {s['word_f1']:>6.3f} {s['f1']:>6.3f} "
                          f"{s['without']:>5.3f} {s.get('title', 0):>5.3f} {s.get('date', 0):>5.3f} "
                          f"{s.get('author', 0):>5.3f} {s.get('names', 0):>5.3f} "
                          f"{ms if group == 'all' else 0:>6.1f} {ratio:>5}",
                          flush=True)
                    report[f"{label}/{method}"] = {**s, "ms_per_page": ms}
            if args.json:
                report[f"{set_name}/texts"] = {m: {p["id"]: o for p, o in zip(pages, v, strict=True)}
                                               for m, v in outs.items()}
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

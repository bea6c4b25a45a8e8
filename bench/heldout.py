"""Extraction on two public sets that nothing in newsarchive was tuned on.

    .venv/bin/python bench/heldout.py TRAFILATURA/tests [--workers 2] [--json OUT]
    .venv/bin/python bench/heldout.py ARTICLE-EXTRACTION-BENCHMARK [--workers 2] [--json OUT]

TRAFILATURA/tests is the tests folder of trafilatura's source repository: evaldata.json
(for each URL, its file and 3-6 snippets the main text holds, "with", and 3-6 it must
not hold, "without") and the pages in eval/ and cache/ (990 pages of news, blogs and
institutional sites in many languages), built to tune trafilatura. Scored as its own
evaluation counts: a "with" snippet found is a true positive, a "without" snippet found
a false positive, after whitespace is normalised.

ARTICLE-EXTRACTION-BENCHMARK is Zyte's repository of that name: ground-truth.json (each
page's URL and article body) and html/*.html.gz (181 news pages of as many sites, 2019).
Scored as its evaluate.py scores: shingle precision and recall per page
(archive/extract/quality.py), their means, and the F1 of the means.

Each page goes through the crawl's extraction (``extract_document``) and through
``trafilatura.extract`` (for the first set with its benchmark's settings: tables kept,
comments left out, fallbacks on; for the second with the settings of Zyte's runner),
in the same worker. Prints precision, recall, F1 and CPU ms a page for each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.extract.quality import corpus_scores  # noqa: E402

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _snippet_page(folder: Path, name: str) -> bytes:
    for sub in ("cache", "eval"):
        path = folder / sub / name
        if path.is_file():
            return path.read_bytes()
    raise SystemExit(f"{name}: not in {folder}/cache or {folder}/eval")


def _extract(job: tuple[str, bytes, bool]) -> tuple[str, dict[str, Any]]:
    import trafilatura

    from archive.extract.document import extract_document

    url, body, snippets = job
    out: dict[str, Any] = {}
    started = time.process_time()
    result = extract_document(body, url, "text/html")
    out["newsarchive"] = result.document.text if result.document else ""
    out["newsarchive_ms"] = (time.process_time() - started) * 1000
    started = time.process_time()
    if snippets:
        out["trafilatura"] = trafilatura.extract(body, url=url, fast=False, include_comments=False,
                                                 include_tables=True, include_formatting=False) or ""
    else:
        out["trafilatura"] = trafilatura.extract(body, url=url, include_comments=False) or ""
    out["trafilatura_ms"] = (time.process_time() - started) * 1000
    return url, out


def _snippet_scores(annotations: dict[str, Any], texts: dict[str, Any], method: str,
                    ) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for url, item in annotations.items():
        text = _norm(texts[url][method])
        found = sum(1 for snippet in item["with"] if _norm(snippet) in text)
        tp += found
        fn += len(item["with"]) - found
        fp += sum(1 for snippet in item["without"] if _norm(snippet) in text)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="trafilatura's tests folder (evaldata.json, eval/, "
                        "cache/) or Zyte's article-extraction-benchmark (ground-truth.json, html/)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write each page's texts here")
    args = parser.parse_args()
    snippets = (args.folder / "evaldata.json").is_file()
    if snippets:
        annotations = json.loads((args.folder / "evaldata.json").read_text(encoding="utf-8"))
        keys = sorted(annotations)
        jobs = [(url, _snippet_page(args.folder, annotations[url]["file"]), True) for url in keys]
    elif (args.folder / "ground-truth.json").is_file():
        truth = json.loads((args.folder / "ground-truth.json").read_text(encoding="utf-8"))
        keys = sorted(truth)
        jobs = [(truth[key]["url"], gzip.decompress((args.folder / "html" / f"{key}.html.gz").read_bytes()),
                 False) for key in keys]
    else:
        raise SystemExit(f"{args.folder}: neither evaldata.json nor ground-truth.json")
    with ProcessPoolExecutor(args.workers) as pool:
        texts = {key: out for key, (_, out) in zip(keys, pool.map(_extract, jobs, chunksize=4),
                                                   strict=True)}
    if args.json:
        args.json.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    print(f"{len(jobs)} pages of {args.folder}")
    print(f"{'method':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'ms':>6}")
    for method in ("newsarchive", "trafilatura"):
        if snippets:
            precision, recall, f1 = _snippet_scores(annotations, texts, method)
        else:
            scores = corpus_scores((texts[key][method], truth[key]["articleBody"]) for key in truth)
            precision, recall, f1 = scores["precision"], scores["recall"], scores["f1"]
        ms = sum(t[f"{method}_ms"] for t in texts.values()) / len(texts)
        print(f"{method:<12} {precision:>9.3f} {recall:>7.3f} {f1:>7.4f} {ms:>6.1f}")


if __name__ == "__main__":
    main()

"""Extraction judged by snippets, on pages annotated in trafilatura's evaluation format.

    .venv/bin/python bench/snippets.py TRAFILATURA/tests [--workers 2] [--json OUT]

TRAFILATURA/tests is the tests folder of trafilatura's source repository: evaldata.json
(for each URL, its file and 3-6 snippets the main text holds, "with", and 3-6 it must
not hold, "without") and the pages in eval/ and cache/ (990 pages of news, blogs and
institutional sites in many languages). The set was built to tune trafilatura, never
newsarchive: it is a check on pages of kinds the dev sets lack.

Each page goes through the crawl's extraction (``extract_document``) and through
``trafilatura.extract`` with the settings of trafilatura's own benchmark (tables kept,
comments left out, fallbacks on), in the same worker. Prints, for each, precision,
recall and F1 over the snippets (a "with" snippet found is a true positive, a
"without" snippet found a false positive, after whitespace is normalised, as
trafilatura's evaluation counts them), and CPU ms a page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _page(folder: Path, name: str) -> bytes:
    for sub in ("cache", "eval"):
        path = folder / sub / name
        if path.is_file():
            return path.read_bytes()
    raise SystemExit(f"{name}: not in {folder}/cache or {folder}/eval")


def _extract(job: tuple[str, bytes]) -> tuple[str, dict[str, Any]]:
    import trafilatura

    from archive.extract.document import extract_document

    url, body = job
    out: dict[str, Any] = {}
    started = time.process_time()
    result = extract_document(body, url, "text/html")
    out["newsarchive"] = result.document.text if result.document else ""
    out["newsarchive_ms"] = (time.process_time() - started) * 1000
    started = time.process_time()
    out["trafilatura"] = trafilatura.extract(body, url=url, fast=False, include_comments=False,
                                             include_tables=True, include_formatting=False) or ""
    out["trafilatura_ms"] = (time.process_time() - started) * 1000
    return url, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="trafilatura's tests folder (evaldata.json, eval/, cache/)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write each page's texts here")
    args = parser.parse_args()
    annotations = json.loads((args.folder / "evaldata.json").read_text(encoding="utf-8"))
    jobs = [(url, _page(args.folder, item["file"])) for url, item in sorted(annotations.items())]
    with ProcessPoolExecutor(args.workers) as pool:
        texts = dict(pool.map(_extract, jobs, chunksize=4))
    if args.json:
        args.json.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    print(f"{len(jobs)} pages of {args.folder}")
    print(f"{'method':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'ms':>6}")
    for method in ("newsarchive", "trafilatura"):
        tp = fp = fn = 0
        for url, item in annotations.items():
            text = _norm(texts[url][method])
            found = sum(1 for snippet in item["with"] if _norm(snippet) in text)
            tp += found
            fn += len(item["with"]) - found
            fp += sum(1 for snippet in item["without"] if _norm(snippet) in text)
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        ms = sum(t[f"{method}_ms"] for t in texts.values()) / len(texts)
        print(f"{method:<12} {precision:>9.3f} {recall:>7.3f} "
              f"{2 * precision * recall / (precision + recall):>7.4f} {ms:>6.1f}")


if __name__ == "__main__":
    main()

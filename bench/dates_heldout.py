"""Publication days on htmldate's evaluation pages, which nothing in newsarchive was tuned on.

    .venv/bin/python bench/dates_heldout.py HTMLDATE/tests [--workers 2] [--json OUT]

HTMLDATE/tests is the tests folder of htmldate's source repository: eval_default.json
(800 pages of news sites, blogs and institutions, most of them German, in eval/) and
eval_mediacloud_2020.json (200 news pages of many languages from Media Cloud, in
test_set/), each page's URL, file and the day it was published, set by hand. A few
entries have no day; they are left out.

Each page goes through the crawl's extraction (``extract_document``: the row's
``published``; a page without a row has no day), through htmldate.find_date
(``extensive_search=True, original_date=True``: its best settings on these sets) and
through trafilatura.bare_extraction (``with_metadata=True``). Prints, for each set and
both together, the share of pages whose day each finds, the same day as the truth.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SETS = (("eval_default.json", "eval"), ("eval_mediacloud_2020.json", "test_set"))
METHODS = ("newsarchive", "htmldate", "trafilatura")


def _days(job: tuple[str, str]) -> dict[str, Any]:
    import htmldate
    import trafilatura

    from archive.extract.document import extract_document

    url, path = job
    body = Path(path).read_bytes()
    result = extract_document(body, url, "text/html")
    html = body.decode("utf-8", errors="replace")
    try:
        found = htmldate.find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # noqa: BLE001 - a crash scores as no day
        found = None
    meta = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return {"newsarchive": result.document.published if result.document else None,
            "htmldate": found, "trafilatura": meta.date if meta is not None else None,
            "row": result.document is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="htmldate's tests folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write each page's days here")
    args = parser.parse_args()
    pages: list[tuple[str, str, str, str]] = []  # set, url, path, truth
    for name, sub in SETS:
        index = args.folder / name
        if not index.is_file():
            raise SystemExit(f"{args.folder}: no {name}")
        for url, item in json.loads(index.read_text(encoding="utf-8")).items():
            truth = item.get("date")
            if not isinstance(truth, str):  # no day (NaN in the file)
                continue
            path = args.folder / sub / item["file"]
            if path.is_file():
                pages.append((name, url, str(path), truth))
    with ProcessPoolExecutor(args.workers) as pool:
        found = list(pool.map(_days, [(url, path) for _, url, path, _ in pages], chunksize=8))
    if args.json:
        args.json.write_text(json.dumps(
            [{"set": s, "url": u, "truth": t, **f} for (s, u, _, t), f in zip(pages, found, strict=True)],
            ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{'set':<26} {'pages':>5} {'rows':>5} " + " ".join(f"{m:>11}" for m in METHODS))
    for name in (*(n for n, _ in SETS), "both"):
        chosen = [(p, f) for p, f in zip(pages, found, strict=True) if name in ("both", p[0])]
        rows = sum(f["row"] for _, f in chosen) / len(chosen)
        shares = [sum((f[m] or "")[:10] == p[3][:10] for p, f in chosen) / len(chosen)
                  for m in METHODS]
        print(f"{name:<26} {len(chosen):>5} {rows:>5.3f} " + " ".join(f"{s:>11.3f}" for s in shares))


if __name__ == "__main__":
    main()

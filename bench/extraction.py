"""Extraction quality on a dev set with human ground truth.

    .venv/bin/python bench/extraction.py ../shared/extraction-devset [--methods ...]

For each folder of the dev set (<id>.html + <id>.txt), each method extracts the
main text of every page; the script prints mean precision, mean recall and F1
over 4-token shingles (archive/quality.py, the Zyte benchmark's metric) per
folder, plus ms of CPU per page (each pool process warmed up first: imports and
first-use loads are not charged to a page). Methods run in a process pool.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.quality import corpus_scores  # noqa: E402


def run_method(method: str, html: str, url: str | None) -> str:
    if method.startswith("newsarchive"):
        from archive.extract import ExtractOptions, main_text, repair_markup
        policy = "fast" if method.endswith("-fast") else "combined"
        return main_text(repair_markup(html), url, ExtractOptions(policy=policy))[0]
    if method.startswith("trafilatura"):
        import trafilatura
        kwargs = {"include_comments": method != "trafilatura"}
        if method.endswith("-recall"):
            kwargs["favor_recall"] = True
        if method.endswith("-precision"):
            kwargs["favor_precision"] = True
        return trafilatura.extract(html, url=url, **kwargs) or ""
    if method == "readability":  # readability-lxml as it comes, its HTML made text as ours is
        import lxml.html
        from readability import Document

        from archive.extract import html_to_text
        try:
            return html_to_text(lxml.html.fromstring(Document(html).summary(html_partial=True)))
        except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd markup
            return ""
    raise SystemExit(f"unknown method {method}")


def warm_worker() -> None:
    """Each pool process imports every method's modules and runs each once before any
    page is timed: ms/page is then what a page costs a running process. (It used to
    include the imports and first-use loads, about 1.5 s a process, charged to whichever
    method ran first: on the 116-page readability set that was up to 25 ms a page.)"""
    page = ("<html><head><title>warm</title></head><body><article><p>"
            + "Kazakhstan là quốc gia chủ chốt. " * 40 + "</p></article></body></html>")
    for method in ("trafilatura", "readability", "newsarchive", "newsarchive-fast"):
        run_method(method, page, "http://warm.example/a")


def score_page(args: tuple[str, str, str | None, str]) -> tuple[str, str, float]:
    method, html, url, page_id = args
    start = time.process_time()
    try:
        text = run_method(method, html, url)
    except Exception:  # noqa: BLE001 - a crash scores as an empty extraction
        text = ""
    return page_id, text, time.process_time() - start


def load_fixture() -> list[tuple[str, str, str | None, str]]:
    """The fixture news sites' articles (tests/sites/newsfixture) with their expected text."""
    import json
    root = Path(__file__).resolve().parent.parent / "tests" / "sites" / "newsfixture"
    manifest = json.loads((root / "site.json").read_text(encoding="utf-8"))
    pages = []
    for name, data in manifest["sites"].items():
        files = {p["path"]: p for p in data["pages"]}
        for art in data["articles"]:
            page = files[art["path"]]
            raw = (root / page["file"]).read_bytes()
            html = raw.decode("gb18030" if "gb" in raw[:400].decode("ascii", "replace").lower()
                              else "utf-8", errors="replace")
            pages.append((f"{name}{art['path']}", html, f"http://{name}.example{art['path']}",
                          (root / art["text_file"]).read_text(encoding="utf-8")))
    return pages


def load(folder: Path) -> list[tuple[str, str, str | None, str]]:
    if folder.name == "fixture":
        return load_fixture()
    pages = []
    for html_path in sorted(folder.glob("*.html")):
        page_id = html_path.stem
        truth = folder / f"{page_id}.txt"
        url_file = folder / f"{page_id}.url"
        if not truth.exists():
            continue
        url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
        pages.append((page_id, html_path.read_text(encoding="utf-8", errors="replace"), url,
                      truth.read_text(encoding="utf-8", errors="replace")))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", type=Path, help="folder holding cleaneval/ and readability/")
    parser.add_argument("--methods", nargs="+",
                        default=["trafilatura", "trafilatura-nocomments", "readability", "newsarchive",
                                 "newsarchive-fast"])
    parser.add_argument("--sets", nargs="+", default=["cleaneval", "readability", "fixture"],
                        help="folders of the dev set; 'fixture' is the project's own fixture sites")
    parser.add_argument("--only", help="only page ids starting with this (e.g. dev- to tune)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="write per-page scores here")
    parser.add_argument("--runs", type=int, default=1,
                        help="time each method this many times (in turn); ms/page is the median")
    args = parser.parse_args()
    if not args.devset.is_dir():
        raise SystemExit(f"bench/extraction.py: not a folder: {args.devset}")
    # page-by-page, as these methods see pages: the fixture's expected texts leave out its
    # site template (a promo line on every tintuc page), which only a crawl learns
    results: dict = {}
    print(f"{'set':<12} {'method':<24} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'ms/page':>8}")
    with ProcessPoolExecutor(args.workers, initializer=warm_worker) as pool:
        for set_name in args.sets:
            pages = load(args.devset / set_name)
            if args.only:
                pages = [p for p in pages if p[0].startswith(args.only)]
            truths = {p[0]: p[3] for p in pages}
            timed: dict[str, list[float]] = {m: [] for m in args.methods}
            outs: dict[str, list] = {}
            for _run in range(args.runs):  # methods in turn in each run: the same noise
                for method in args.methods:
                    out = list(pool.map(score_page, [(method, html, url, pid)
                                                     for pid, html, url, _ in pages], chunksize=4))
                    outs.setdefault(method, out)
                    timed[method].append(sum(c for _, _, c in out) / max(len(out), 1) * 1000)
            for method in args.methods:
                out = outs[method]
                scores = corpus_scores((text, truths[pid]) for pid, text, _ in out)
                cpu = statistics.median(timed[method])
                print(f"{set_name:<12} {method:<24} {scores['pages']:>5} {scores['precision']:>6.3f} "
                      f"{scores['recall']:>6.3f} {scores['f1']:>6.3f} {cpu:>8.1f}", flush=True)
                results[f"{set_name}/{method}"] = {"scores": scores, "ms_per_page": cpu,
                                                   "texts": {pid: t for pid, t, _ in out}}
            if "trafilatura" in timed:
                base = statistics.median(timed["trafilatura"])
                print(" " * 13 + "time against trafilatura defaults: " + ", ".join(
                    f"{m} {statistics.median(timed[m]) / base:.2f}x" for m in args.methods
                    if m != "trafilatura"), flush=True)
    if args.json:
        from archive.quality import page_scores
        per_page = {k: {pid: page_scores(t, truths_all[pid]) for pid, t in v["texts"].items()}
                    for k, v in results.items()
                    for truths_all in [{p[0]: p[3] for name in args.sets
                                        for p in load(args.devset / name)}]}
        args.json.write_text(json.dumps(per_page, indent=1))


if __name__ == "__main__":
    main()

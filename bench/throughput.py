"""Throughput and memory of a crawl on one machine, against baselines, in one run.

    .venv/bin/python bench/throughput.py --pages DEVSET/wcxb-dev DEVSET/cleaneval [--urls 2000]
    .venv/bin/python bench/throughput.py --generated 2000      (generated fixture pages)

With --pages, serves the real pages of those folders (``*.html``, ``*.html.gz``: the
extraction dev sets), each repeated under distinct URLs up to --urls, on 127.0.0.1 from
a separate process; with --generated, N generated pages (bench/pages.py). Then
measures, each as its own process tree, --runs times:

  a  full crawl          newsarchive crawl: fetch, WARC, extraction, corpus, index
  d  archive only        the same with EXTRACT_ENABLED=False
  c  bare fetch          Scrapy fetching the same URLs, doing nothing else
  b  trafilatura alone   trafilatura.extract over the same HTML, one process
  r  rebuild             newsarchive rebuild of the crawl's archive
  w  wget then b         wget --warc-file over the URLs, then b: the pipeline a user
                         would otherwise build
  e  extraction alone    newsarchive's extractor over the same HTML, one process
  f  final pass alone    the crawl's final corpus pass, run again on a copy

and prints pages/s, CPU per page, peak PSS of the whole process tree (sampled from
/proc every 50 ms) and core use (CPU seconds / wall seconds / cores), as medians, the
ratios a/b, a/w, d/c, r/b, and the ceiling: cores / (CPU per page of d + e + f), which
is fetch + archiving + extraction + final pass, each measured alone, and the crawl's
share of it. With --fetch-urls N, c and d crawl N URLs instead (pages repeat): both
fetch a few hundred pages a second, so at 1,000 URLs a run lasts about 3 s and the
commands' start weighs in d/c. With --memory-urls N it also crawls N URLs (pages
repeat) and reports the peak PSS and its growth after the first minute.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PY = sys.executable


@dataclass
class Measure:
    seconds: float
    cpu: float
    peak_rss_mb: float
    peak_pss_mb: float
    pss_at_minute: float = 0.0  # the tree's PSS one minute in (0: the run was shorter)
    pss_last: float = 0.0  # its PSS at the last sample


TICKS = os.sysconf("SC_CLK_TCK")


def tree_pids(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        p = stack.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return pids


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of one process (its threads included), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        return None


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process and all its descendants, in KB. RSS counts pages shared
    between processes once per process; PSS splits them, so it sums to the tree's use."""
    total, pss, stack = 0, 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total, pss


def measure(cmd: list[str], cwd: Path = REPO, env: dict | None = None) -> Measure:
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or dict(os.environ, PYTHONPATH=str(REPO)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, peak_pss, at_minute, last = 0, 0, 0, 0
    cpu_by_pid: dict[int, float] = {}  # fork-server workers are no waited-for children
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss, at_minute, last
        while not done.is_set():
            rss, pss = tree_rss_kb(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            if pss:
                last = pss
            if not at_minute and time.monotonic() - start >= 60:
                at_minute = pss
            for p in tree_pids(proc.pid):
                used = cpu_seconds(p)
                if used is not None:
                    cpu_by_pid[p] = max(cpu_by_pid.get(p, 0.0), used)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-3000:]}")
    # sampled every 50 ms: a process's last 50 ms of CPU may be missed
    cpu = sum(cpu_by_pid.values())
    return Measure(seconds, cpu, peak / 1024, peak_pss / 1024, at_minute / 1024, last / 1024)


CRAWL_SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=32",
                  "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "ARCHIVE_PROGRESS_INTERVAL=0",
                  "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False", "-s", "ARCHIVE_TDMREP=False"]

NAMES = {"a": "full crawl", "d": "archive only (no extraction)", "c": "bare Scrapy fetch",
         "b": "trafilatura alone (1 process)", "r": "rebuild", "w": "wget --warc-file, then b",
         "e": "newsarchive extraction alone (1 process)", "f": "final pass alone (1 process)"}


def serve(args: argparse.Namespace, work: Path) -> tuple[subprocess.Popen, list[str], str]:
    dump = work / "pages"
    source = [*map(str, args.pages), "--urls", str(args.urls)] if args.pages else ["--generated", str(args.generated)]
    cmd = [PY, str(BENCH / "site_server.py"), *source, "--dump", str(dump)]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    port, unique, smallest, median, largest = server.stdout.readline().split()
    if args.pages:
        count, path = args.urls, "p"
        what = f"{count} URLs of {unique} real pages"
    else:
        count, path = args.generated, "a"
        what = f"{count} generated pages"
    urls = [f"http://127.0.0.1:{port}/{path}/{i}.html" for i in range(count)]
    return server, urls, (f"{what} on 127.0.0.1:{port}, {int(smallest) // 1000}-{int(largest) // 1000} KB "
                          f"(median {int(median) // 1000} KB); {os.cpu_count()} cores; policy {args.policy}")


def run_once(args: argparse.Namespace, work: Path, run: int, urls: Path, fetch: Path,
             settings: list[str], results: dict[str, list[Measure]]) -> None:
    archive = work / f"archive-{run}"
    dump = work / "pages"
    skip = set(args.skip)
    if "c" not in skip:
        results["c"].append(measure([PY, "-m", "scrapy", "runspider", str(BENCH / "bare_spider.py"),
                                     "-a", f"urls={fetch}", *CRAWL_SETTINGS], cwd=work, env=dict(os.environ)))
    if "b" not in skip or "w" not in skip:
        results["b"].append(measure([PY, str(BENCH / "alone.py"), "trafilatura", str(dump)]))
    if "e" not in skip:
        results["e"].append(measure([PY, str(BENCH / "alone.py"), "newsarchive", str(dump)]))
    if "w" not in skip:
        wget = measure(["wget", "--quiet", "--warc-file", str(work / f"wget-{run}"), "--no-warc-keep-log",
                        "-O", "/dev/null", "-i", str(urls)], cwd=work)
        b = results["b"][-1]
        results["w"].append(Measure(wget.seconds + b.seconds, wget.cpu + b.cpu,
                                    max(wget.peak_rss_mb, b.peak_rss_mb), max(wget.peak_pss_mb, b.peak_pss_mb)))
    if "d" not in skip:
        results["d"].append(measure([PY, "-m", "crawler", "crawl", "--urls", str(fetch), "--archive",
                                     str(work / f"archive-only-{run}"), *settings, "-s", "EXTRACT_ENABLED=False"]))
    if "a" not in skip:
        results["a"].append(measure([PY, "-m", "crawler", "crawl", "--urls", str(urls), "--archive",
                                     str(archive), *settings]))
        if "f" not in skip:
            results["f"].append(measure([PY, str(BENCH / "alone.py"), "final-pass", str(archive)]))
        if "r" not in skip:
            results["r"].append(measure([PY, "-m", "crawler", "rebuild", "--archive", str(archive),
                                         "--policy", args.policy]))
    print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1].seconds:.1f}s" for k, v in results.items() if v),
          flush=True)


def summarise(results: dict[str, list[Measure]], pages: dict[str, int]) -> None:
    """``pages``: the pages each workload went over."""
    cores = os.cpu_count() or 1
    rate, cpu = {}, {}
    print("\n| workload | pages/s | CPU per page | peak PSS MB | core use |\n|---|---|---|---|---|")
    for key, name in NAMES.items():
        if not results[key]:
            continue
        rate[key] = statistics.median(pages[key] / m.seconds for m in results[key])
        cpu[key] = statistics.median(m.cpu / pages[key] for m in results[key])
        pss = statistics.median(m.peak_pss_mb for m in results[key])
        use = statistics.median(m.cpu / m.seconds / cores for m in results[key])
        print(f"| {key}. {name} | {rate[key]:.1f} | {cpu[key] * 1000:.1f} ms | {pss:.0f} | {use:.0%} |")
    print()
    for a, b, label in (("a", "b", "full crawl / trafilatura alone"),
                        ("a", "w", "full crawl / wget then trafilatura"),
                        ("d", "c", "archive only / bare fetch"), ("r", "b", "rebuild / trafilatura alone")):
        if a in rate and b in rate:
            print(f"{label} ({a}/{b}): {rate[a] / rate[b]:.2f}")
    if all(k in cpu for k in "def"):
        ceiling = cores / (cpu["d"] + cpu["e"] + cpu["f"])
        print(f"ceiling: {cores} cores / ({cpu['d'] * 1000:.1f} ms fetch and archive + {cpu['e'] * 1000:.1f} ms "
              f"extraction + {cpu['f'] * 1000:.1f} ms final pass) = {ceiling:.1f} pages/s")
        if "a" in rate:
            print(f"full crawl: {rate['a'] / ceiling:.0%} of the ceiling")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--pages", nargs="+", type=Path, metavar="DIR",
                        help="folders of real pages (*.html, *.html.gz), e.g. the extraction dev sets")
    source.add_argument("--generated", type=int, metavar="N", help="N generated pages instead")
    parser.add_argument("--urls", type=int, default=2000, help="with --pages: URLs to crawl (pages repeat)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--policy", default="news", choices=["news", "combined", "fast"])
    parser.add_argument("--workers", type=int, default=0, help="EXTRACT_WORKERS (0: one per core)")
    parser.add_argument("--memory-urls", type=int, default=0)
    parser.add_argument("--fetch-urls", type=int, default=0,
                        help="with --pages: URLs that c and d crawl (pages repeat; 0: --urls). "
                             "Both fetch a few hundred pages a second, so at 1,000 URLs their "
                             "runs last about 3 s and the commands' start weighs in d/c")
    parser.add_argument("--skip", nargs="*", default=[], help="workloads to leave out (a b c d e f r w)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsarchive-bench-"))
    server, url_list, banner = serve(args, work)
    print(banner, flush=True)
    urls = work / "urls.txt"
    urls.write_text("".join(u + "\n" for u in url_list))
    fetch, fetch_count = urls, len(url_list)
    if args.pages and args.fetch_urls:
        fetch, fetch_count = work / "urls-fetch.txt", args.fetch_urls
        prefix = url_list[0].rsplit("/", 1)[0]
        fetch.write_text("".join(f"{prefix}/{i}.html\n" for i in range(fetch_count)))
        print(f"c and d: {fetch_count} URLs", flush=True)
    settings = CRAWL_SETTINGS + ["-s", f"EXTRACT_POLICY={args.policy}", "-s", f"EXTRACT_WORKERS={args.workers}"]
    results: dict[str, list[Measure]] = {k: [] for k in NAMES}
    try:
        for run in range(args.runs):
            run_once(args, work, run, urls, fetch, settings, results)
        summarise(results, {key: fetch_count if key in "cd" else len(url_list) for key in NAMES})
        if args.memory_urls:
            memory(url_list[0].rsplit("/", 1)[0], args.memory_urls, work, settings)
    finally:
        server.terminate()
        import shutil
        shutil.rmtree(work, ignore_errors=True)


def memory(prefix: str, count: int, work: Path, settings: list[str]) -> None:
    """A long crawl: peak PSS, and PSS after the first minute against the end."""
    big = work / "urls-big.txt"
    big.write_text("".join(f"{prefix}/{i}.html\n" for i in range(count)))
    m = measure([PY, "-m", "crawler", "crawl", "--urls", str(big), "--archive", str(work / "archive-big"),
                 *settings])
    growth = (f"; PSS at 1 min {m.pss_at_minute:.0f} MB, at the end {m.pss_last:.0f} MB"
              if m.pss_at_minute else "")
    print(f"memory: {count} URLs in {m.seconds:.0f}s ({count / m.seconds:.1f} pages/s), peak of the "
          f"process tree: PSS {m.peak_pss_mb:.0f} MB (RSS {m.peak_rss_mb:.0f} MB){growth}")


if __name__ == "__main__":
    main()

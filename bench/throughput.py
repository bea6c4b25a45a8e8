"""Throughput and memory of a crawl on one machine, against two baselines, in one run.

    .venv/bin/python bench/throughput.py [--pages 2000] [--runs 3] [--policy combined]

Serves --pages realistic article pages (bench/pages.py, 50-300 KB) on 127.0.0.1 from
a separate process, then measures, each as its own process tree, --runs times:

  a  full crawl          newsarchive crawl: fetch, WARC, extraction, corpus, index
  d  archive only        the same with EXTRACT_ENABLED=False
  c  bare fetch          Scrapy fetching the same URLs, doing nothing else
  b  trafilatura alone   trafilatura.extract over the same HTML, one process
  r  rebuild             newsarchive rebuild of the crawl's archive

and prints pages/s, CPU per page and peak RSS and PSS of the whole process tree
(sampled from /proc every 50 ms), as medians, with the ratios a/b, a/c, d/c, r/b.
With --memory-urls N it also crawls N URLs (pages repeat) and reports the peak RSS.
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
    peak, peak_pss = 0, 0
    cpu_by_pid: dict[int, float] = {}  # fork-server workers are no waited-for children
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = tree_rss_kb(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
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
    return Measure(seconds, cpu, peak / 1024, peak_pss / 1024)


CRAWL_SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=32",
                  "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "ARCHIVE_PROGRESS_INTERVAL=0",
                  "-s", "LOG_LEVEL=WARNING", "-s", "ROBOTSTXT_OBEY=False"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--policy", default="combined", choices=["combined", "fast"])
    parser.add_argument("--workers", type=int, default=0, help="EXTRACT_WORKERS (0: one per core)")
    parser.add_argument("--memory-urls", type=int, default=0)
    parser.add_argument("--skip", nargs="*", default=[], help="workloads to leave out (a b c d r)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsarchive-bench-"))
    dump = work / "pages"
    server = subprocess.Popen([PY, str(BENCH / "site_server.py"), "--pages", str(args.pages),
                               "--dump", str(dump)], stdout=subprocess.PIPE, text=True)
    port, smallest, median, largest = server.stdout.readline().split()
    print(f"{args.pages} pages on 127.0.0.1:{port}, {int(smallest)//1000}-{int(largest)//1000} KB "
          f"(median {int(median)//1000} KB); {os.cpu_count()} cores; policy {args.policy}", flush=True)
    urls = work / "urls.txt"
    urls.write_text("".join(f"http://127.0.0.1:{port}/a/{i}.html\n" for i in range(args.pages)))
    settings = CRAWL_SETTINGS + ["-s", f"EXTRACT_POLICY={args.policy}",
                                 "-s", f"EXTRACT_WORKERS={args.workers}"]
    results: dict[str, list[Measure]] = {k: [] for k in "abcdr"}
    try:
        for run in range(args.runs):
            archive = work / f"archive-{run}"
            if "c" not in args.skip:
                results["c"].append(measure([PY, "-m", "scrapy", "runspider", str(BENCH / "bare_spider.py"),
                                             "-a", f"urls={urls}", *CRAWL_SETTINGS], cwd=work,
                                            env=dict(os.environ)))
            if "b" not in args.skip:
                results["b"].append(measure([PY, str(BENCH / "extract_alone.py"), str(dump)]))
            if "d" not in args.skip:
                results["d"].append(measure([PY, "-m", "crawler", "crawl", "--urls", str(urls), "--archive",
                                             str(work / f"archive-only-{run}"), *settings,
                                             "-s", "EXTRACT_ENABLED=False"]))
            if "a" not in args.skip:
                results["a"].append(measure([PY, "-m", "crawler", "crawl", "--urls", str(urls), "--archive",
                                             str(archive), *settings]))
            if "r" not in args.skip and "a" not in args.skip:
                results["r"].append(measure([PY, "-m", "crawler", "rebuild", "--archive", str(archive),
                                             "--policy", args.policy]))
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1].seconds:.1f}s" for k, v in results.items() if v),
                  flush=True)
        names = {"a": "full crawl", "d": "archive only (no extraction)", "c": "bare Scrapy fetch",
                 "b": "trafilatura alone (1 process)", "r": "rebuild"}
        rate = {}
        print("\n| workload | pages/s | CPU per page | peak RSS MB | peak PSS MB |\n|---|---|---|---|---|")
        for key, name in names.items():
            if not results[key]:
                continue
            rate[key] = statistics.median(args.pages / m.seconds for m in results[key])
            cpu = statistics.median(m.cpu / args.pages for m in results[key])
            rss = statistics.median(m.peak_rss_mb for m in results[key])
            pss = statistics.median(m.peak_pss_mb for m in results[key])
            print(f"| {name} | {rate[key]:.1f} | {cpu * 1000:.1f} ms | {rss:.0f} | {pss:.0f} |")
        for a, b, label in (("a", "b", "full crawl / trafilatura alone"), ("a", "c", "full crawl / bare fetch"),
                            ("d", "c", "archive only / bare fetch"), ("r", "b", "rebuild / trafilatura alone")):
            if a in rate and b in rate:
                print(f"{label}: {rate[a] / rate[b]:.2f}")
        if args.memory_urls:
            big = work / "urls-big.txt"
            big.write_text("".join(f"http://127.0.0.1:{port}/a/{i}.html\n" for i in range(args.memory_urls)))
            m = measure([PY, "-m", "crawler", "crawl", "--urls", str(big), "--archive", str(work / "archive-big"),
                         *settings])
            print(f"memory: {args.memory_urls} URLs in {m.seconds:.0f}s ({args.memory_urls / m.seconds:.1f} "
                  f"pages/s), peak of the process tree: RSS {m.peak_rss_mb:.0f} MB, PSS {m.peak_pss_mb:.0f} MB")
    finally:
        server.terminate()
        import shutil
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Three workers, one Redis: a shared crawl of the fixture site (crawler/cluster/).

A real redis-server on a free port of 127.0.0.1 (tests/conftest.py), real worker
processes started as a user would (`newsarchive crawl --redis`), the fixture
site's real HTTP servers, and `newsarchive merge` at the end.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from archive.store.corpus import iter_corpus
from archive.ops.verify import verify_archive
from tests.conftest import FAST, REPO, CrawlRun, run_cli, start_redis

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)

# the extension that owns a worker's handle on the shared crawl, as crawler/addon.py enables it
COORDINATOR = {"EXTENSIONS": {"crawler.cluster.coordinator.ClusterCoordinator": 400}}
DELAY = 0.2  # seconds between two requests to the fixture host, whichever worker sends them


@dataclass
class Worker:
    name: str
    proc: subprocess.Popen
    stdout: str = ""
    stderr: str = ""

    def wait(self, timeout: float = 240) -> int:
        self.stdout, self.stderr = self.proc.communicate(timeout=timeout)
        return self.proc.returncode


def start_worker(urls: Path, archive: Path, redis_url: str, cluster: str, worker: str,
                 *extra: str) -> Worker:
    args = [sys.executable, "-m", "crawler", "crawl", "--urls", str(urls), "--archive", str(archive),
            "--redis", redis_url, "--cluster-name", cluster, "--worker-id", worker, *FAST,
            "-s", f"DOWNLOAD_DELAY={DELAY}", "-s", "EXTRACT_WORKERS=1", "-s", "RETRY_TIMES=0", *extra]
    proc = subprocess.Popen(args, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return Worker(worker, proc)


def wait_for_captures(archive: Path, count: int, timeout: float = 120) -> None:
    """Until a running worker's index holds ``count`` captures."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if sqlite3.connect(archive / "index.sqlite3").execute(
                    "SELECT COUNT(*) FROM captures").fetchone()[0] >= count:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    raise AssertionError(f"{archive} never held {count} captures")


def hits(sites) -> dict[str, int]:
    return {name: len(site.hit_times) for name, site in sites.items()}


def fetched_since(sites, before: dict[str, int]) -> Counter:
    return Counter((name, path) for name, site in sites.items() for path, _ in site.hit_times[before[name]:])


def all_articles(sites, manifest) -> set[str]:
    return {sites[name].url(a["path"]) for name, data in manifest["sites"].items() for a in data["articles"]}


def merge_and_check(archive: Path, sites, manifest) -> list[str]:
    """`newsarchive merge` the workers' parts; the result verifies clean and holds every
    fixture article exactly once. Returns the corpus rows' URLs."""
    merge = run_cli("merge", "--archive", str(archive))
    assert merge.returncode == 0, merge.stderr[-3000:]
    assert verify_archive(archive).problems == []
    urls = [r["final_url"] for path in (archive / "corpus").glob("*.jsonl") for r in iter_corpus(path)
            if r["page_type"] == "article"]  # the URL list's section pages are listings
    assert len(urls) == len(set(urls))
    assert set(urls) == all_articles(sites, manifest)
    return urls


def fetch_times(archive: Path) -> list[datetime]:
    db = sqlite3.connect(archive / "index.sqlite3")
    return sorted(datetime.fromisoformat(t.replace("Z", "+00:00"))
                  for (t,) in db.execute("SELECT fetched_at FROM captures"))


@pytest.fixture(scope="module")
def shared_crawl(sites, fixture_urls: Path, redis_url: str, tmp_path_factory):
    archive = tmp_path_factory.mktemp("cluster") / "archive"
    before = hits(sites)
    workers = [start_worker(fixture_urls, archive, redis_url, "three", f"w{i}") for i in (1, 2, 3)]
    codes = [w.wait() for w in workers]
    fetched = fetched_since(sites, before)
    merge = run_cli("merge", "--archive", str(archive))
    return workers, codes, fetched, merge, archive


def test_three_workers_exit_by_themselves(shared_crawl) -> None:
    workers, codes, *_ = shared_crawl
    for worker, code in zip(workers, codes, strict=True):
        assert code == 0, worker.stderr[-3000:]
        assert "Traceback" not in worker.stderr
        # each ends with the combined report of the whole shared crawl
        assert "shared crawl 'three': 3 workers" in worker.stdout, worker.stdout


def test_the_work_was_shared(shared_crawl) -> None:
    *_, archive = shared_crawl
    for name in ("w1", "w2", "w3"):
        db = sqlite3.connect(archive / "workers" / name / "index.sqlite3")
        assert db.execute("SELECT COUNT(*) FROM captures").fetchone()[0] >= 1, f"{name} fetched nothing"


def test_every_article_once_and_no_url_fetched_twice(shared_crawl, sites, manifest) -> None:
    _, _, fetched, merge, archive = shared_crawl
    assert merge.returncode == 0, merge.stderr[-3000:]
    twice = {key: n for key, n in fetched.items() if n > 1}
    assert twice == {}, "robots.txt too is fetched once, by one worker for all"
    rows = [r for path in (archive / "corpus").glob("*.jsonl") for r in iter_corpus(path)
            if r["page_type"] == "article"]
    urls = [r["final_url"] for r in rows]
    assert len(urls) == len(set(urls))
    assert set(urls) == all_articles(sites, manifest)


def test_the_host_delay_holds_across_workers(shared_crawl) -> None:
    *_, archive = shared_crawl
    times = fetch_times(archive)
    assert len(times) >= 40
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= DELAY - 0.01, sorted(gaps)[:5]


def test_merge_verifies_and_equals_one_corpus(shared_crawl, fixture_crawl: CrawlRun) -> None:
    """The merged corpus is the corpus one process makes of the same URL list: the same
    documents with the same clean text (site templates learned across all workers)."""
    *_, merge, archive = shared_crawl
    assert verify_archive(archive).problems == []
    merged = {r["final_url"]: r for path in (archive / "corpus").glob("*.jsonl") for r in iter_corpus(path)}
    single = {r["final_url"]: r for r in fixture_crawl.rows(None)}
    assert set(merged) == set(single)
    differ = [url for url in single if merged[url]["text"] != single[url]["text"]]
    assert differ == []
    # The same syndicated copies are marked, pointing at the same originals: the original
    # is the copy published first, whichever worker fetched it when.
    def copies(rows: dict) -> dict[str, str]:
        return {url: r["duplicate_of"]["url"] for url, r in rows.items() if r["duplicate_of"]}

    assert copies(merged) == copies(single) != {}
    for url, original in copies(merged).items():
        assert merged[url]["published"] > merged[original]["published"]
    report = json.loads(next((archive / "reports").glob("*.json")).read_text())
    assert report["counts"]["articles"] == len([r for r in single.values()
                                                if r["page_type"] == "article"])
    assert report["workers"] == ["w1", "w2", "w3"]


def test_merging_again_adds_nothing(shared_crawl) -> None:
    *_, archive = shared_crawl
    before = {p.name: p.read_bytes() for p in (archive / "corpus").glob("*.jsonl")}
    again = run_cli("merge", "--archive", str(archive))
    assert again.returncode == 0, again.stderr[-2000:]
    assert "3 already there" in again.stdout
    assert {p.name: p.read_bytes() for p in (archive / "corpus").glob("*.jsonl")} == before


def test_the_last_worker_out_clears_redis(shared_crawl, redis_url: str) -> None:
    import redis
    keys = {k.decode() for k in redis.Redis.from_url(redis_url).keys("newsarchive:three:*")}
    assert "newsarchive:three:finished" in keys
    assert not keys & {"newsarchive:three:requests", "newsarchive:three:seen", "newsarchive:three:workers",
                       "newsarchive:three:run"}


def test_a_late_worker_does_not_start_the_crawl_again(shared_crawl, fixture_urls: Path, redis_url: str,
                                                      tmp_path: Path) -> None:
    late = start_worker(fixture_urls, tmp_path / "late", redis_url, "three", "w4")
    assert late.wait(120) == 0, late.stderr[-2000:]
    assert "nothing to do" in late.stderr and "has just finished" in late.stderr
    assert not (tmp_path / "late").exists()


def test_a_killed_worker_loses_nothing(sites, manifest, fixture_urls: Path, redis_url: str,
                                       tmp_path: Path) -> None:
    """SIGKILL one worker mid-crawl: the others pick up what it held and finish;
    merge closes its WARC file, extracts what it archived but never extracted."""
    archive = tmp_path / "archive"
    ttl = ("-s", "CLUSTER_HEARTBEAT_TTL=3")
    victim = start_worker(fixture_urls, archive, redis_url, "kill", "victim", *ttl)
    wait_for_captures(archive / "workers" / "victim", 3)
    deadline = time.monotonic() + 120
    others = [start_worker(fixture_urls, archive, redis_url, "kill", f"k{i}", *ttl) for i in (1, 2)]
    import redis
    client = redis.Redis.from_url(redis_url)
    while time.monotonic() < deadline and not {b"k1", b"k2"} <= client.smembers("newsarchive:kill:workers"):
        time.sleep(0.05)  # the others are up and sharing the queue
    assert victim.proc.poll() is None, "the victim is still crawling when it is killed"
    victim.proc.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    victim.wait()
    for worker in others:
        assert worker.wait() == 0, worker.stderr[-3000:]
    # a liveness bound, with ample slack (the crawl takes ~10 s): nothing the victim
    # claimed (its requests, a robots.txt it was fetching) waits for a long timeout
    assert time.monotonic() - killed_at < 45
    requeued = sum(json.loads(p.read_text())["stats"].get("newsarchive/cluster/requeued", 0)
                   for w in others for p in (archive / "workers" / w.name / "reports").glob("*.json"))
    assert requeued >= 1, "the victim held requests when it was killed; they were queued again"
    merge_and_check(archive, sites, manifest)


def test_unreachable_redis_is_a_clear_error(fixture_urls: Path, tmp_path: Path) -> None:
    proc = run_cli("crawl", "--urls", str(fixture_urls), "--archive", str(tmp_path / "a"),
                   "--redis", "redis://127.0.0.1:1/0")
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("newsarchive: error: cannot reach Redis at redis://127.0.0.1:1/0")
    assert "Traceback" not in proc.stderr


def test_bloom_dupefilter_bounds_and_false_positives(redis_url: str) -> None:
    """Sized from capacity and error rate; at capacity the false-positive rate is near
    the one asked for, and nothing seen is ever taken for new."""
    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from crawler.cluster.dupefilter import BloomDupeFilter

    crawler = get_crawler(settings_dict={"REDIS_URL": redis_url, "CLUSTER_NAME": "bloomtest", **COORDINATOR,
                                         "CLUSTER_DUPEFILTER_CAPACITY": 5000,
                                         "CLUSTER_DUPEFILTER_ERROR_RATE": 0.01})
    df = BloomDupeFilter(crawler)
    assert (df.bits, df.hashes) == (47926, 7)  # m = -n ln p / ln2^2, k = m/n ln 2
    first = [df.request_seen(Request(f"http://example.test/a/{i}")) for i in range(5000)]
    false_positives = sum(first)
    assert false_positives <= 5000 * 0.01 * 2
    assert all(df.request_seen(Request(f"http://example.test/a/{i}")) for i in range(5000))
    size = df.cluster.client.strlen("newsarchive:bloomtest:seen")
    assert size <= 47926 // 8 + 1, "the filter's memory is fixed by its capacity"


def test_a_second_shared_crawl_is_incremental(shared_crawl, sites, fixture_urls: Path, redis_url: str) -> None:
    """Scheduled crawls with workers: the merged archive's captures make the next
    shared crawl conditional; unchanged articles cost a 304 and a revisit record."""
    *_, archive = shared_crawl
    workers = [start_worker(fixture_urls, archive, redis_url, "again", f"r{i}") for i in (1, 2)]
    for worker in workers:
        assert worker.wait() == 0, worker.stderr[-3000:]
    unchanged = sum(json.loads(p.read_text())["counts"]["unchanged"]
                    for w in workers for p in (archive / "workers" / w.name / "reports").glob("*.json"))
    assert unchanged >= 30, "unchanged articles are revisits, not new copies"
    merge = run_cli("merge", "--archive", str(archive))
    assert merge.returncode == 0, merge.stderr[-3000:]
    assert verify_archive(archive).problems == []
    db = sqlite3.connect(archive / "index.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM captures WHERE record_type='revisit'").fetchone()[0] >= 30


def test_losing_redis_stops_the_worker_cleanly(fixture_urls: Path, tmp_path: Path) -> None:
    """Redis dies mid-crawl: the worker says so once, stops (exit 3), and what it
    archived is whole."""
    server, url = start_redis(tmp_path)
    archive = tmp_path / "archive"
    worker = start_worker(fixture_urls, archive, url, "lost", "w1")
    wait_for_captures(archive / "workers" / "w1", 3)
    server.kill()
    server.wait()
    assert worker.wait(120) == 3, worker.stderr[-3000:]
    assert "Traceback" not in worker.stderr
    assert worker.stderr.count("lost the connection to Redis") == 1
    assert "FATAL" in worker.stdout and "Redis" in worker.stdout
    assert verify_archive(archive / "workers" / "w1").problems == []


def test_an_abandoned_shared_crawl_is_resumed(sites, manifest, fixture_urls: Path, redis_url: str,
                                              tmp_path: Path) -> None:
    """Every worker killed: a worker started later with the same crawl name takes up
    what was queued and what the dead held, and the merge holds every article once."""
    archive = tmp_path / "archive"
    ttl = ("-s", "CLUSTER_HEARTBEAT_TTL=3")
    dead = [start_worker(fixture_urls, archive, redis_url, "abandoned", f"d{i}", *ttl) for i in (1, 2)]
    wait_for_captures(archive / "workers" / "d1", 3)
    for worker in dead:
        worker.proc.send_signal(signal.SIGKILL)
        worker.wait()
    later = start_worker(fixture_urls, archive, redis_url, "abandoned", "later", *ttl)
    assert later.wait() == 0, later.stderr[-3000:]
    urls = merge_and_check(archive, sites, manifest)
    report = json.loads(next((archive / "reports").glob("*.json")).read_text())
    assert report["workers_without_report"] == ["d1", "d2"]
    assert report["counts"]["articles"] == len(urls)
    assert report["counts"]["rows"] == len(urls) + 6  # the URL list's section pages


def test_a_worker_stopped_by_max_runtime_loses_nothing(sites, manifest, fixture_urls: Path,
                                                       redis_url: str, tmp_path: Path) -> None:
    """--max-runtime stops one worker early (it finishes the downloads it holds; the
    queue stays in Redis): the other worker finishes the crawl; nothing lost or doubled."""
    archive = tmp_path / "archive"
    early = start_worker(fixture_urls, archive, redis_url, "early", "early", "--max-runtime", "4s",
                         "-s", "CLUSTER_CLOSE_WAIT=1", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8")
    wait_for_captures(archive / "workers" / "early", 1)
    stays = start_worker(fixture_urls, archive, redis_url, "early", "stays")
    assert early.wait() == 0, early.stderr[-3000:]
    assert stays.wait() == 0, stays.stderr[-3000:]
    assert "stopped at its time limit (--max-runtime)" in early.stdout
    merge_and_check(archive, sites, manifest)


def test_max_pages_holds_for_the_whole_shared_crawl(sites, redis_url: str, tmp_path: Path) -> None:
    """A site crawl shared by two workers stays within its config's max_pages. (Which
    worker finds which page depends on timing, so whether each one's own count would
    have stopped it too is left to the scheduler-level test below.)"""
    from tests.e2e.test_site_crawl import site_config

    config = site_config(tmp_path, sites["globalnews"], max_pages=6)
    archive = tmp_path / "archive"
    before = hits(sites)
    workers = []
    for name in ("p1", "p2"):
        args = [sys.executable, "-m", "crawler", "crawl", "--site", str(config), "--archive", str(archive),
                "--redis", redis_url, "--cluster-name", "capped", "--worker-id", name, *FAST,
                "-s", "DOWNLOAD_DELAY=0.05", "-s", "EXTRACT_WORKERS=1"]
        workers.append(Worker(name, subprocess.Popen(args, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)),
                                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    for worker in workers:
        assert worker.wait() == 0, worker.stderr[-3000:]
    pages = {path for (name, path) in fetched_since(sites, before)
             if name == "globalnews" and not path.endswith(("/robots.txt", ".xml"))}
    # 6 page slots; /private/ may take one of them (scheduled, then refused by robots.txt)
    assert 5 <= len(pages) <= 6, sorted(pages)
    refused = sum(json.loads(report.read_text())["stats"].get("newsarchive/discovery/over_max_pages", 0)
                  for name in ("p1", "p2") for report in (archive / "workers" / name / "reports").glob("*.json"))
    assert refused > 0


def test_the_page_cap_is_shared_by_the_workers_schedulers(redis_url: str) -> None:
    """Two workers' schedulers on one Redis: together they take max_pages new pages, a
    URL seen before takes none, and requests that are not pages are not capped."""
    from scrapy import Request, Spider
    from scrapy.utils.test import get_crawler

    from crawler.cluster.keys import Keys
    from crawler.cluster.scheduler import ClusterScheduler

    schedulers = []
    for worker in ("s1", "s2"):
        crawler = get_crawler(Spider, settings_dict={
            "REDIS_URL": redis_url, "CLUSTER_NAME": "captest", "CLUSTER_WORKER_ID": worker,
            "DUPEFILTER_CLASS": "crawler.cluster.dupefilter.BloomDupeFilter", "SCHEDULER_PERSIST": True,
            **COORDINATOR,
            "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
            "SCHEDULER_QUEUE_KEY": Keys("captest").requests,
            "CLUSTER_DUPEFILTER_CAPACITY": 1000, "CLUSTER_DUPEFILTER_ERROR_RATE": 0.01})
        spider = Spider("captest")
        spider.crawler, spider.settings, crawler.spider = crawler, crawler.settings, spider
        scheduler = ClusterScheduler.from_crawler(crawler)
        scheduler.open(spider)
        schedulers.append(scheduler)

    def page(i: int) -> Request:
        return Request(f"http://news.test/{i}", meta={"newsarchive_max_pages": 5})

    accepted = [schedulers[i % 2].enqueue_request(page(i)) for i in range(12)]
    assert accepted == [True] * 5 + [False] * 7
    assert not schedulers[0].enqueue_request(page(1))  # seen: no page taken, none given
    assert schedulers[1].enqueue_request(Request("http://news.test/sitemap.xml"))  # not a page


@pytest.mark.parametrize("staged", [False, True])
def test_since_by_listing_dates_holds_in_a_shared_crawl(manifest, redis_url: str, tmp_path: Path,
                                                         staged: bool) -> None:
    """Two workers share a since = "30d" site crawl whose sitemaps and feeds date six
    articles two days ago (their pages show older dates): the worker that fetches a page
    need not be the one that read its listing, and every listed article gets its row.
    Staged: the site has one listing, answered once every article page has been asked
    for; worker s1 (one request at a time) is held on it while s2, started then, finds
    the pages by links and drops them for their own dates. s2 takes them back once the
    listing s1 read dates them in the window."""
    from fixtures.server import start_sites
    from tests.e2e.test_site_crawl import list_two_days_ago, site_config

    servers = start_sites()
    try:
        gn = servers["globalnews"]
        articles = manifest["sites"]["globalnews"]["articles"]
        list_two_days_ago(gn, articles)
        if staged:
            gn.listing_delay, gn.only_listing = 3.0, "/sitemap-news.xml"
        config = site_config(tmp_path, gn, since="30d")
        archive = tmp_path / "archive"
        workers = []
        for name in ("s1", "s2"):
            args = [sys.executable, "-m", "crawler", "crawl", "--site", str(config), "--archive",
                    str(archive), "--redis", redis_url, "--cluster-name", f"since-{staged}",
                    "--worker-id", name, *FAST, "-s", "DOWNLOAD_DELAY=0.05", "-s", "EXTRACT_WORKERS=1"]
            if staged and name == "s1":
                args += ["-s", "CONCURRENT_REQUESTS=1"]
            workers.append(Worker(name, subprocess.Popen(
                args, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True)))
            if staged and name == "s1":
                deadline = time.monotonic() + 60
                while gn.only_listing not in gn.hits and time.monotonic() < deadline:
                    time.sleep(0.05)
                assert gn.only_listing in gn.hits, "s1 never asked for the listing"
        for worker in workers:
            assert worker.wait() == 0, worker.stderr[-3000:]
        proc = run_cli("merge", "--archive", str(archive))
        assert proc.returncode == 0, proc.stderr[-3000:]
        rows = {r["final_url"] for r in iter_corpus(archive / "corpus") if r["page_type"] == "article"}
        assert rows == {gn.url(a["path"]) for a in articles if a["path"] not in gn.unlisted}
        if staged:
            stats = {name: json.loads(next((archive / "workers" / name / "reports").glob("*.json")).read_text())[
                "stats"] for name in ("s1", "s2")}
            assert stats["s1"].get("newsarchive/discovery/from_sitemap") == 6
            # s2 fetched all six; most often it has dropped them before the listing comes
            # (newsarchive/since/listed_after_page), else it finds the listing's dates first
            assert stats["s2"].get("newsarchive/since/in_window_by_listing") == 6
    finally:
        for site in servers.values():
            site.stop()

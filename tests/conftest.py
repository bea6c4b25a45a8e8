"""Shared fixtures: the fixture news site on 127.0.0.1 and real crawls of it.

Crawls run as real subprocesses (``python -m crawler crawl``): Twisted's
reactor runs once per process, and this is how users run them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fixtures.server import SiteServer, load_manifest, start_sites, url_list

REPO = Path(__file__).resolve().parent.parent
# Test crawls: no delays, no progress lines, and no /.well-known/tdmrep.json requests, so
# that tests which count every request and record see only the pages they name (the
# rights tests, tests/e2e/test_rights.py, turn it on)
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "ARCHIVE_PROGRESS_INTERVAL=0",
        "-s", "EXTRACT_WORKERS=2", "-s", "ARCHIVE_TDMREP=False"]


@dataclass
class CrawlRun:
    archive: Path
    returncode: int
    stdout: str
    stderr: str

    def report(self) -> dict[str, Any]:
        reports = sorted((self.archive / "reports").glob("*.json"))
        return json.loads(reports[-1].read_text(encoding="utf-8"))

    def rows(self, page_type: str | None = "article") -> list[dict[str, Any]]:
        """Corpus rows of one page type; None: every row. A URL list crawl gives the
        fixture's section pages rows too (page type listing), which most tests leave out."""
        rows = []
        for path in sorted((self.archive / "corpus").glob("*.jsonl")):
            rows.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                        if line.strip())
        return [r for r in rows if page_type is None or r.get("page_type") == page_type]


def run_cli(*args: str, timeout: float = 300, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "crawler", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd or REPO, env=env)


def crawl(urls: Path, archive: Path, *extra: str, timeout: float = 300) -> CrawlRun:
    proc = run_cli("crawl", "--urls", str(urls), "--archive", str(archive), *FAST, *extra,
                   timeout=timeout)
    return CrawlRun(archive, proc.returncode, proc.stdout, proc.stderr)


def kill_after_captures(args: list[str], archive: Path, captures: int, timeout: float = 60,
                        rows: int = 0) -> None:
    """Run a crawl as a real subprocess and SIGKILL it once the index holds ``captures``
    and the corpus files at least ``rows`` complete lines (the extraction workers start
    in seconds, a busy machine's captures may all come before)."""
    import signal
    import sqlite3
    import time
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            done = sqlite3.connect(archive / "index.sqlite3").execute(
                "SELECT COUNT(*) FROM captures").fetchone()[0]
        except sqlite3.Error:
            done = 0
        written = sum(path.read_bytes().count(b"\n") for path in (archive / "corpus").glob("*.jsonl")
                      ) if rows else 0
        if done >= captures and written >= rows:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def assert_spaced(arrivals: list[float], delay: float, late: float = 0.1) -> None:
    """The requests to one host arrived ``delay`` apart, as the server's own clock saw them.

    The crawl spaces the requests it sends; the server stamps a request when its thread
    handles it, which a loaded machine (the suite runs in three processes on two cores)
    can do tens of ms late. A late stamp lengthens the gap before it and shortens the one
    after by as much, so a single gap proves little either way. What holds whatever the
    lateness: any ``k`` requests after the first arrived no sooner than ``k * delay``
    after it, less one stamp's lateness. Requests sent together, or at half the delay,
    fail this over any few of them."""
    times = sorted(arrivals)
    assert len(times) >= 3, times
    short = [(j - i, round(times[j] - times[i], 3)) for i in range(len(times))
             for j in range(i + 1, len(times)) if times[j] - times[i] < (j - i) * delay - late]
    assert not short, f"(requests, seconds) closer than {delay} s apart: {short[:5]}"


@pytest.fixture(scope="session")
def sites() -> Iterator[dict[str, SiteServer]]:
    servers = start_sites()
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture
def own_sites() -> Iterator[dict[str, SiteServer]]:
    """Fixture sites of one test alone, for tests that change pages on them."""
    servers = start_sites()
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    return load_manifest()


@pytest.fixture(scope="session")
def fixture_urls(sites: dict[str, SiteServer], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("urls") / "fixture-urls.txt"
    path.write_text(url_list(sites), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def fixture_crawl(fixture_urls: Path, tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    """One full crawl of the fixture site's URL list, shared by the tests that read it."""
    run = crawl(fixture_urls, tmp_path_factory.mktemp("crawl") / "archive")
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    """A real redis-server (installed by scripts/setup) on a free port of 127.0.0.1."""
    import shutil
    import socket
    import time

    import redis

    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is not installed: run scripts/setup (apt-get install redis-server)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
    return proc, f"redis://127.0.0.1:{port}/0"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    proc.terminate()
    proc.wait(10)


# -- an archive re-crawled: crawl, re-crawl (every page 304), change one page, crawl again --

RECRAWL_SITE = "globalnews"
CHANGED_PATH = "/content/1250002.shtml"
UPDATE = (b"<p>Update: this report was corrected after publication to add the envoy's full "
          b"remarks on trade and security cooperation.</p>\n")


@pytest.fixture(scope="session")
def recrawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, bytes]]]:
    """An archive of one fixture site crawled three times: first in full, then every page
    answers 304, then one page has changed. Yields the archive and, per URL, the payload
    its latest capture must replay."""
    servers = start_sites()
    try:
        site = servers[RECRAWL_SITE]
        tmp = tmp_path_factory.mktemp("recrawl")
        urls = tmp / "urls.txt"
        # the site's pages (articles, sections, a PDF); not its redirects, errors and
        # the page robots.txt disallows
        pages = [path for path, page in site.pages.items()
                 if page.get("status", 200) == 200 and not path.startswith("/private/")]
        urls.write_text("\n".join(site.url(p) for p in pages) + "\n")
        archive = tmp / "archive"
        for round_ in range(3):
            if round_ == 2:
                page = (REPO / "fixtures/newsfixture" / site.pages[CHANGED_PATH]["file"]).read_bytes()
                site.changed[CHANGED_PATH] = page.replace(
                    b"<div class=\"article_content\">\n", b"<div class=\"article_content\">\n" + UPDATE, 1)
            run = crawl(urls, archive)
            assert run.returncode == 0, run.stderr[-2000:]
        counts = run.report()["counts"]
        assert counts["changed"] == 1 and counts["unchanged"] >= 5, counts
        current: dict[str, bytes] = {}
        for path in pages:
            current[site.url(path)] = site.changed.get(path) or (
                REPO / "fixtures/newsfixture" / site.pages[path]["file"]).read_bytes()
        assert len(current) >= 6
        yield archive, current
    finally:
        for server in servers.values():
            server.stop()


# End-to-end tests start crawls, servers, redis-server, pywb or wget; `-m "not e2e"`
# leaves them out. A test is one when it uses the shared fixture site, crawl or Redis
# (directly or through another fixture), when it lies in tests/e2e/, or when its module
# says so (pytestmark).
E2E_FIXTURES = {"sites", "own_sites", "fixture_urls", "fixture_crawl", "redis_url", "recrawled"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        in_e2e = "e2e" in item.path.relative_to(REPO).parts  # tests/e2e/: scenarios
        if in_e2e or E2E_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)

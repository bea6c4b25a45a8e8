"""Stopping a crawl: Ctrl-C, --max-runtime, and exit statuses that say what happened."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.ops.verify import verify_archive
from tests.conftest import FAST, REPO, crawl

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


def captures(archive: Path) -> int:
    try:
        return sqlite3.connect(archive / "index.sqlite3").execute(
            "SELECT COUNT(*) FROM captures").fetchone()[0]
    except sqlite3.Error:
        return 0


def start_crawl(urls: Path, archive: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "crawler", "crawl", "--urls", str(urls),
                             "--archive", str(archive), *FAST, *extra], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_ctrl_c_stops_cleanly_with_status_130_and_resumes(sites, fixture_urls, tmp_path) -> None:
    archive = tmp_path / "archive"
    # one request a second to the fixture host: Scrapy's close would serve its queue
    proc = start_crawl(fixture_urls, archive, "-s", "DOWNLOAD_DELAY=1")
    deadline = time.monotonic() + 60
    while captures(archive) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    at_signal = captures(archive)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out[-1500:], err[-1500:])
    assert "Traceback" not in err
    # what was on the wire finished; nothing queued was sent
    assert captures(archive) - at_signal <= 1, captures(archive) - at_signal
    assert "run the same command again" in out
    db = sqlite3.connect(archive / "index.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM crawls WHERE finished_at IS NULL").fetchone()[0] == 1
    db.close()
    assert verify_archive(archive).problems == []
    final = crawl(fixture_urls, archive)
    assert final.returncode == 0, final.stderr[-2000:]
    assert final.report()["resumed_crawls"]
    assert len(final.rows()) == 32
    assert verify_archive(archive).problems == []


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_every_url_refused_exits_5(tmp_path) -> None:
    port = closed_port()
    urls = tmp_path / "urls.txt"
    urls.write_text(f"http://127.0.0.1:{port}/a.html\nhttp://127.0.0.1:{port}/b.html\n")
    run = crawl(urls, tmp_path / "archive", "-s", "RETRY_TIMES=0")
    assert run.returncode == 5, (run.returncode, run.stdout[-1500:])
    assert run.report()["counts"]["failed"] == 2


def test_every_extraction_failed_exits_5(sites, fixture_urls, tmp_path) -> None:
    # no time at all to extract: every page fails as extract_timeout
    run = crawl(fixture_urls, tmp_path / "archive", "-s", "EXTRACT_TIMEOUT=0.000001")
    assert run.returncode == 5, (run.returncode, run.report()["counts"], run.report()["failures"][:3])
    assert run.report()["counts"]["articles"] == 0


def test_pages_waiting_for_a_worker_are_not_timed_out(sites, fixture_urls, tmp_path) -> None:
    """One worker and half a second per page: the fixture's pages arrive together and
    most wait longer than that for the worker, yet each uses a few ms of CPU, so none
    fails (the limit counted the wait before: pages of a long crawl on a busy machine
    were lost as extract_timeout)."""
    run = crawl(fixture_urls, tmp_path / "archive", "-s", "EXTRACT_WORKERS=1",
                "-s", "EXTRACT_TIMEOUT=0.5")
    assert run.returncode == 0, run.stdout[-1500:]
    report = run.report()
    assert [f for f in report["failures"] if f["reason"] == "extract_timeout"] == []
    assert report["counts"]["rows"] >= 30


def test_some_urls_failed_still_exits_0(sites, fixture_urls, tmp_path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(fixture_urls.read_text() + f"http://127.0.0.1:{closed_port()}/gone.html\n")
    run = crawl(urls, tmp_path / "archive", "-s", "RETRY_TIMES=0")
    assert run.returncode == 0, run.stdout[-1500:]
    assert run.report()["counts"]["failed"] >= 1


def test_max_runtime_holds_whatever_the_queue_holds(sites, fixture_urls, tmp_path) -> None:
    """16 requests wait in the fixture host's slot at one a second: the limit drops them,
    only what is in flight finishes (before: 4s became ~20s)."""
    run = crawl(fixture_urls, tmp_path / "archive", "--max-runtime", "4s",
                "-s", "DOWNLOAD_DELAY=1", "-s", "DOWNLOAD_TIMEOUT=5")
    assert run.returncode == 0, run.stdout[-1500:]
    report = run.report()
    assert report["finish_reason"] == "closespider_timeout"
    # the limit, a request in flight that takes its whole DOWNLOAD_TIMEOUT, and 3 s for
    # the crawl's start and finish on a loaded machine (one CI run took 9.2 s against a
    # bound of 4 + 5); draining the 16 queued requests at one a second took about 20 s
    assert report["elapsed_seconds"] < 4 + 5 + 3, report["elapsed_seconds"]
    assert report["counts"]["not_sent"] > 0 and report["counts"]["failed"] == 0
    assert verify_archive(run.archive).problems == []


def test_max_runtime_holds_at_a_sites_crawl_delay(tmp_path) -> None:
    from fixtures.server import start_sites, url_list

    servers = start_sites(crawl_delay=2)
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text(url_list(servers))
        run = crawl(urls, tmp_path / "archive", "--max-runtime", "4s", "-s", "DOWNLOAD_TIMEOUT=5")
    finally:
        for server in servers.values():
            server.stop()
    assert run.returncode == 0, run.stdout[-1500:]
    report = run.report()
    assert report["stats"].get("newsarchive/politeness/crawl_delay/127.0.0.1") == 2
    assert report["finish_reason"] == "closespider_timeout"
    # the limit, a request in flight that takes its whole DOWNLOAD_TIMEOUT, and 3 s for
    # the crawl's start and finish on a loaded machine; the queue, drained at the
    # Crawl-delay of 2 s a request, would take far longer
    assert report["elapsed_seconds"] < 4 + 5 + 3, report["elapsed_seconds"]

"""The hostile web: every bad server behaviour at once, in one crawl with a good page."""

from __future__ import annotations

import pytest

from archive.verify import verify_archive
from tests.conftest import CrawlRun, crawl
from tests.sites.hostile import CASES, start_hostile


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory) -> tuple[CrawlRun, str]:
    server, base = start_hostile()
    tmp = tmp_path_factory.mktemp("hostile")
    urls = tmp / "urls.txt"
    urls.write_text("".join(f"{base}{path}\n" for path in [*CASES, "/good"]))
    run = crawl(urls, tmp / "archive", "-s", "DOWNLOAD_TIMEOUT=4", "-s", "RETRY_TIMES=1",
                "-s", "DOWNLOAD_MAXSIZE=5000000", "-s", "REDIRECT_MAX_TIMES=5",
                "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", timeout=240)
    server.shutdown()
    return run, base


def test_the_crawl_finishes_without_a_traceback(hostile_crawl) -> None:
    run, _ = hostile_crawl
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr


def test_each_failure_is_counted_under_its_reason(hostile_crawl) -> None:
    run, base = hostile_crawl
    reasons = {f["url"]: f["reason"] for f in run.report()["failures"]}
    expected = {base + path: reason for path, reason in CASES.items() if reason}
    got = {url: reasons.get(url) for url in expected}
    assert got == expected
    for url, reason in expected.items():
        assert run.report()["stats"][f"newsarchive/failed/{reason}"] >= 1


def test_the_good_page_is_archived_and_extracted(hostile_crawl) -> None:
    run, base = hostile_crawl
    rows = {r["final_url"]: r for r in run.rows()}
    assert base + "/good" in rows
    assert rows[base + "/good"]["text"].count("Paragraph") == 6


def test_nothing_half_written_and_verify_clean(hostile_crawl) -> None:
    run, _ = hostile_crawl
    assert verify_archive(run.archive).problems == []


def test_no_local_file_was_read(hostile_crawl) -> None:
    run, _ = hostile_crawl
    for path in (run.archive / "warc").iterdir():
        import gzip
        assert b"root:x:0:0" not in gzip.decompress(path.read_bytes())

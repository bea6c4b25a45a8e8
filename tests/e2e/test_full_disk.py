"""The archive's disk fills up mid-crawl: a clean stop, a clear message, nothing half-written."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from archive.ops.verify import verify_archive
from tests.conftest import run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


@pytest.fixture
def small_disk(tmp_path: Path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_stops_the_crawl_cleanly(small_disk: Path, fixture_urls: Path, tmp_path: Path) -> None:
    archive = small_disk / "archive"
    proc = run_cli("crawl", "--urls", str(fixture_urls), "--archive", str(archive),
                   "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                   "-s", "ARCHIVE_PROGRESS_INTERVAL=0", "-s", "EXTRACT_WORKERS=1")
    assert proc.returncode == 3, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    output = proc.stdout + proc.stderr
    # whichever hits the wall first: the WARC writer (ENOSPC) or SQLite
    assert "No space left on device" in output or "disk is full" in output
    assert "FATAL" in proc.stdout
    # what was written is valid: no half-written record, every row points at a record
    result = verify_archive(archive)
    assert result.records >= 3
    assert result.problems == [], result.problems


def test_after_a_full_disk_the_same_command_gives_every_article_its_row(
        small_disk: Path, sites, manifest, fixture_urls: Path) -> None:
    """The failing crawl is not recorded as finished; once there is room, running the same
    command again resumes it: what it archived is not fetched again (no 304 revisit in
    place of a row), what it archived but did not extract is extracted from the WARC."""
    import json
    import sqlite3

    archive = small_disk / "archive"
    command = ("crawl", "--urls", str(fixture_urls), "--archive", str(archive),
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "ARCHIVE_PROGRESS_INTERVAL=0", "-s", "EXTRACT_WORKERS=1")
    first = run_cli(*command)
    assert first.returncode == 3, (first.stdout[-2000:], first.stderr[-2000:])
    assert "run the same command again" in first.stdout
    for report in (archive / "reports").glob("*"):
        assert report.stat().st_size > 0, report
    db = sqlite3.connect(archive / "index.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM crawls WHERE finished_at IS NOT NULL").fetchone()[0] == 0
    archived = {url for (url,) in db.execute("SELECT url FROM captures")}
    db.close()
    done = subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], capture_output=True)
    assert done.returncode == 0, done.stderr
    second = run_cli(*command)
    assert second.returncode == 0, (second.stdout[-2000:], second.stderr[-2000:])
    assert verify_archive(archive).problems == []
    db = sqlite3.connect(archive / "index.sqlite3")
    articles = {sites[s].url(a["path"]) for s, d in manifest["sites"].items() for a in d["articles"]}
    for url in articles:
        types = [t for (t,) in db.execute("SELECT record_type FROM captures WHERE url=?", (url,))]
        assert types == ["response"], (url, types, url in archived)
    rows = [json.loads(line) for path in (archive / "corpus").glob("*.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sorted(r["final_url"] for r in rows if r["page_type"] == "article") == sorted(articles)
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(rows)

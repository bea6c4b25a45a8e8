"""The archive's disk fills up mid-crawl: a clean stop, a clear message, nothing half-written."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from archive.verify import verify_archive
from tests.conftest import run_cli


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

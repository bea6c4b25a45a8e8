"""Input that used to end in a traceback, or be silently accepted: one line, exit 2
(exit 3 when the archive cannot be written), and nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.e2e.test_cli_errors import assert_one_line_error
from tests.e2e.test_export_safety import synthetic_archive, synthetic_row

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


@pytest.fixture
def urls(tmp_path: Path) -> Path:
    path = tmp_path / "urls.txt"
    path.write_text("http://127.0.0.1:1/\n")
    return path


@pytest.mark.parametrize("option, needle", [
    (["-s", "ROBOTSTXT_OBEY=maybe"], "expected True or False"),
    (["-s", "download_delay=1"], "did you mean DOWNLOAD_DELAY?"),
    (["-s", "NO_SUCH=1"], "unknown setting -s NO_SUCH"),
    (["-s", "DOWNLOAD_DELAY=-1"], "must not be negative"),
    (["-s", "AUTOTHROTTLE_MAX_DELAY=-5"], "must not be negative"),
    (["-s", "POLITENESS_MAX_CRAWL_DELAY=-1"], "must not be negative"),
    (["-s", "CONCURRENT_REQUESTS=0"], "must be at least 1"),
    (["-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2.5"], "expected a whole number"),
    (["-s", "DOWNLOAD_TIMEOUT=0"], "must be more than 0"),
    (["--wait", "-1"], "--wait"),
])
def test_bad_crawl_options_write_nothing(tmp_path: Path, urls: Path, option: list[str], needle: str) -> None:
    proc = run_cli("crawl", "--urls", str(urls), "--archive", str(tmp_path / "a"), *option)
    assert_one_line_error(proc, needle)
    assert not (tmp_path / "a").exists()


def test_only_missing_with_a_site_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "site.toml"
    config.write_text('name = "x"\nstart_urls = ["http://127.0.0.1:1/"]\n')
    proc = run_cli("crawl", "--site", str(config), "--archive", str(tmp_path / "a"), "--only-missing")
    assert_one_line_error(proc, "--only-missing")


def test_archive_under_a_regular_file(tmp_path: Path, urls: Path) -> None:
    proc = run_cli("crawl", "--urls", str(urls), "--archive", str(urls / "a"))
    assert_one_line_error(proc, "which is a file")


def test_unwritable_archive_folder_is_status_3(tmp_path: Path, urls: Path) -> None:
    if os.geteuid() == 0:  # root writes through modes; sysfs refuses it a new folder
        archive = Path("/sys/newsarchive-test/a")
    else:
        (tmp_path / "ro").mkdir(mode=0o555)
        archive = tmp_path / "ro" / "a"
    proc = run_cli("crawl", "--urls", str(urls), "--archive", str(archive))
    assert proc.returncode == 3, proc.stderr[-2000:]
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot write the archive" in lines[0], proc.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return synthetic_archive(tmp_path / "archive", [synthetic_row(n) for n in range(3)])


@pytest.mark.parametrize("args, needle", [
    (["rebuild", "--workers", "-2"], "--workers"),
    (["rebuild", "--since", "notadate"], "bad --since 'notadate'"),
    (["export", "--format", "jsonl", "--since", "yesterday"], "bad --since 'yesterday'"),
    (["export", "--format", "jsonl", "--since", "2024-13-45"], "bad --since '2024-13-45'"),
    (["export", "--format", "jsonl", "--until", "soon"], "bad --until 'soon'"),
    (["export", "--format", "cdxj", "--site", "news.example"], "not to cdxj"),
    (["export", "--format", "wacz", "--language", "vi"], "not to wacz"),
])
def test_bad_rebuild_and_export_options(archive: Path, tmp_path: Path, args: list[str], needle: str) -> None:
    extra = ["--out", str(tmp_path / "out")] if args[0] == "export" else []
    proc = run_cli(*args, "--archive", str(archive), *extra)
    assert_one_line_error(proc, needle)
    assert not (tmp_path / "out").exists()


def test_archive_dir_setting_and_archive_option_are_one_folder(tmp_path: Path, urls: Path) -> None:
    proc = run_cli("crawl", "--urls", str(urls), "--archive", str(tmp_path / "a"),
                   "-s", f"ARCHIVE_DIR={tmp_path / 'b'}")
    assert_one_line_error(proc, "ARCHIVE_DIR", "two folders")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    # the same folder named twice is one archive, locked and written
    proc = run_cli("crawl", "--urls", str(urls), "--archive", str(tmp_path / "a"),
                   "-s", f"ARCHIVE_DIR={tmp_path / 'x' / '..' / 'a'}", "-s", "RETRY_TIMES=0",
                   "-s", "ARCHIVE_PROGRESS_INTERVAL=0", "-q")
    # the URL's host refuses connections: nothing fetched is exit 5, after a normal run
    assert proc.returncode == 5, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "urls.txt"]
    assert (tmp_path / "a" / ".lock").exists() and (tmp_path / "a" / "warc").is_dir()

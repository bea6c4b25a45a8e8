"""Bad input: one line naming the problem, a non-zero exit, no traceback; failed URLs
are counted and reported while the crawl goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, crawl, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


def assert_one_line_error(proc, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_missing_url_file(tmp_path: Path) -> None:
    proc = run_cli("crawl", "--urls", str(tmp_path / "nope.txt"), "--archive", str(tmp_path / "a"))
    assert_one_line_error(proc, "URL list not found", "nope.txt")


def test_url_file_is_a_directory(tmp_path: Path) -> None:
    proc = run_cli("crawl", "--urls", str(tmp_path), "--archive", str(tmp_path / "a"))
    assert_one_line_error(proc, "is a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_url_file(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("http://127.0.0.1/\n")
    path.chmod(0)
    proc = run_cli("crawl", "--urls", str(path), "--archive", str(tmp_path / "a"))
    assert_one_line_error(proc, "cannot read URL list")


def test_url_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_bytes(b"http://127.0.0.1/a\nhttp://127.0.0.1/\xff\xfe\n")
    proc = run_cli("crawl", "--urls", str(path), "--archive", str(tmp_path / "a"))
    assert_one_line_error(proc, "urls.txt:2", "not UTF-8")


@pytest.mark.parametrize("line, reason", [
    ("ftp://example.org/file", "not an http(s) URL"),
    ("javascript:alert(1)", "not an http(s) URL"),
    ("just some words", "whitespace"),
    ("http:///nohost", "no host"),
    ("http://127.0.0.1:99999/", "malformed URL"),
])
def test_bad_url_line_names_the_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "urls.txt"
    path.write_text(f"# header\nhttp://127.0.0.1:1/ok\n\n{line}\n", encoding="utf-8")
    proc = run_cli("crawl", "--urls", str(path), "--archive", str(tmp_path / "a"))
    assert_one_line_error(proc, "urls.txt:4", reason)
    assert not (tmp_path / "a").exists(), "nothing is written for a refused list"


def test_empty_url_list(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# only a comment\n\n")
    proc = run_cli("crawl", "--urls", str(path), "--archive", str(tmp_path / "a"))
    assert_one_line_error(proc, "no URLs to crawl")


@pytest.mark.parametrize("setting", ["DOWNLOAD_DELAY", "=3", "1X=2", "A B=1"])
def test_bad_setting_syntax(tmp_path: Path, setting: str) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("http://127.0.0.1:1/\n")
    proc = run_cli("crawl", "--urls", str(path), "--archive", str(tmp_path / "a"), "-s", setting)
    assert_one_line_error(proc, "bad -s setting", "NAME=VALUE")


@pytest.mark.parametrize("setting, needle", [("EXTRACT_POLICY=best", "expected one of news, combined, fast"),
                                              ("DOWNLOAD_DELAY=soon", "expected a number"),
                                              ("ARCHIVE_WARC_GZIP=bz2", "expected one of isal, zlib"),
                                              ("ARCHIVE_WARC_GZIP_LEVEL=6", "isal levels are 0-3")])
def test_bad_setting_value(tmp_path: Path, setting: str, needle: str) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("http://127.0.0.1:1/\n")
    proc = run_cli("crawl", "--urls", str(path), "--archive", str(tmp_path / "a"), "-s", setting)
    assert_one_line_error(proc, needle)


def test_archive_path_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("http://127.0.0.1:1/\n")
    proc = run_cli("crawl", "--urls", str(path), "--archive", str(path))
    assert_one_line_error(proc, "--archive is not a folder")


def test_a_source_tree_named_archive_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    # a project whose Python package is called "archive", as this one's is: "--archive
    # archive" from its root named the package, whose warc/ and corpus/ modules took the
    # crawl's WARC files and corpus
    package = tmp_path / "archive"
    for name in ("__init__.py", "warc/__init__.py", "warc/reader.py", "corpus/__init__.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text("# module\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    (tmp_path / "urls.txt").write_text("http://127.0.0.1:1/\n")

    def newsarchive(*args: str) -> subprocess.CompletedProcess:
        # as the installed command runs, which does not import from the working folder
        # (python -m would import that folder's "archive" package instead of ours)
        return subprocess.run([sys.executable, "-P", "-m", "crawler", *args],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path,
                              env=dict(os.environ, PYTHONPATH=str(REPO)))

    proc = newsarchive("crawl", "--urls", "urls.txt", "--archive", "archive")
    assert_one_line_error(proc, "--archive archive is not an archive: archive/warc holds "
                                "__init__.py and 1 more")
    proc = newsarchive("verify", "--archive", "archive")
    assert_one_line_error(proc, "not a newsarchive archive: archive/warc holds __init__.py")
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.name != "urls.txt")
    assert after == before


def test_verify_on_a_folder_that_is_no_archive(tmp_path: Path) -> None:
    proc = run_cli("verify", "--archive", str(tmp_path))
    assert_one_line_error(proc, "not a newsarchive archive")


def test_help_on_every_command() -> None:
    for verb in ("crawl", "verify", "rebuild", "export"):
        proc = run_cli(verb, "--help")
        assert proc.returncode == 0
        assert "--archive" in proc.stdout
    assert "crawl" in run_cli("--help").stdout


def test_failed_urls_are_counted_and_the_crawl_goes_on(tmp_path: Path, sites) -> None:
    """A refused connection and a 500 fail; the good article is still archived."""
    good = sites["globalnews"].url("/content/1250002.shtml")
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([
        "http://127.0.0.1:1/refused",  # nothing listens on port 1
        sites["globalnews"].url("/content/broken.shtml"),
        good,
    ]) + "\n")
    run = crawl(urls, tmp_path / "archive", "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=5")
    assert run.returncode == 0, run.stderr[-2000:]
    report = run.report()
    reasons = {f["url"]: f["reason"] for f in report["failures"]}
    assert reasons["http://127.0.0.1:1/refused"] == "connection_refused"
    assert reasons[sites["globalnews"].url("/content/broken.shtml")] == "http_500"
    assert [r["final_url"] for r in run.rows()] == [good]
    assert "connection_refused" in run.stdout  # in the summary too


def test_skip_invalid_lists_skipped_lines(tmp_path: Path, sites) -> None:
    good = sites["globalnews"].url("/content/1250003.shtml")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"ftp://x.example/\n{good}\nnot a url\n")
    run = crawl(urls, tmp_path / "archive", "--skip-invalid")
    assert run.returncode == 0, run.stderr[-2000:]
    skipped = run.report()["rejected_inputs"]
    assert [(s["line"], s["input"]) for s in skipped] == [(1, "ftp://x.example/"), (3, "not a url")]
    assert [r["final_url"] for r in run.rows()] == [good]


def test_scrapy_crawl_urls_from_project_root(tmp_path: Path, sites) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO
    url = sites["tintuc"].url("/the-gioi/bai-4523.html")
    urls = tmp_path / "urls.txt"
    urls.write_text(url + "\n")
    archive = tmp_path / "archive"
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={urls}",
         "-s", f"ARCHIVE_DIR={archive}", "-s", "DOWNLOAD_DELAY=0", "-s", "EXTRACT_WORKERS=1",
         "-s", "ARCHIVE_PROGRESS_INTERVAL=0.2"],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [json.loads(line) for p in (archive / "corpus").glob("*.jsonl")
            for line in p.read_text(encoding="utf-8").splitlines()]
    assert [r["final_url"] for r in rows] == [url]
    assert "1/1 URLs (100.0%)" in proc.stderr  # the progress line, to the end of the list
    # and the final corpus pass says when it starts and ends
    assert "final pass: 0 of 1 corpus rows" in proc.stderr
    assert "final pass: 1 of 1 corpus rows" in proc.stderr


def test_unnormalised_duplicates_are_fetched_once(tmp_path: Path, sites) -> None:
    """The same page written four ways (scheme case, fragment, query order, default
    path form) is one request: Scrapy's fingerprint canonicalises the URL."""
    nh = sites["newshub"]
    base = nh.url("")
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([
        nh.url("/story?id=1004&lang=zh"),
        nh.url("/story?lang=zh&id=1004"),
        nh.url("/story?id=1004&lang=zh#comments"),
        "HTTP://" + base.split("://", 1)[1] + "/story?id=1004&lang=zh",
    ]) + "\n")
    before = sum(1 for path, _ in nh.hit_times if path.startswith("/story?"))
    run = crawl(urls, tmp_path / "archive")
    assert run.returncode == 0, run.stderr[-2000:]
    assert sum(1 for path, _ in nh.hit_times if path.startswith("/story?")) - before == 1
    assert len(run.rows()) == 1

"""The demo's crawl (scripts/demo runs `python -m fixtures.demo`) and what a crawl prints:
a re-run of the demo is an incremental crawl of the same URLs, and the output holds no
Scrapy start-up report, no deprecation warning and no "finished (finished)"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, crawl

STARTUP_LINES = ("Overridden settings", "Enabled downloader middlewares", "Enabled extensions",
                 "Versions:", "Spider opened", "Spider closed")


def _demo(archive: Path, *options: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "fixtures.demo", str(archive), *options],
                          capture_output=True, text=True, timeout=300, cwd=REPO, env=env)


def _corpus_rows(archive: Path) -> int:
    return sum(1 for path in (archive / "corpus").glob("*.jsonl")
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _reports(archive: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((archive / "reports").glob("*.json"))]


def test_demo_rerun_is_an_incremental_crawl(tmp_path: Path) -> None:
    """The second run serves the same URLs (the sites keep their ports), so every article
    comes back 304 as a revisit record and no row is added: the corpus does not get a
    second copy of each article. Both runs say which failures are meant."""
    archive = tmp_path / "demo-archive"
    first = _demo(archive, "--quiet")
    assert first.returncode == 0, first.stdout + first.stderr
    rows = _corpus_rows(archive)
    assert rows >= 32
    ports = json.loads((archive / "demo-sites.json").read_text(encoding="utf-8"))

    second = _demo(archive)
    assert second.returncode == 0, second.stdout + second.stderr
    assert json.loads((archive / "demo-sites.json").read_text(encoding="utf-8")) == ports
    report = _reports(archive)[-1]
    assert report["counts"]["unchanged"] >= 32  # every article: 304, a revisit record
    assert report["counts"]["rows"] == 0
    assert report["corpus_file"] is None  # no row, no file (the first run's names its own)
    # every connection to the index closed, the HTML report's and verify's too: no
    # write-ahead log files left beside it
    assert not [p.name for p in archive.glob("index.sqlite3-*")]
    assert (archive / _reports(archive)[0]["corpus_file"]).is_file()
    assert _corpus_rows(archive) == rows
    assert "a re-run" in second.stdout and "a re-run" not in first.stdout
    # --quiet: the deliberate failures' warnings, no INFO line, no ScrapyDeprecationWarning
    # (cron mails whatever a crawl prints)
    assert "Deprecat" not in first.stderr and "py.warnings" not in first.stderr
    assert " INFO: " not in first.stderr and "WARNING: failed" in first.stderr
    assert "finished (finished)" not in first.stdout + second.stdout
    for run in (first, second):
        assert "3 URLs fail on purpose" in run.stdout
        assert "3 failed URLs are the ones that fail on purpose" in run.stdout
        assert "0 problems" in run.stdout
    assert "unchanged" in second.stdout and "revisit" in second.stdout


def test_crawl_output_has_no_startup_report_nor_deprecation(
        fixture_urls: Path, tmp_path: Path) -> None:
    """Scrapy's ~60 lines of start-up report are left out of a crawl's output (its progress
    lines and summary stay), and no ScrapyDeprecationWarning; -s LOG_LEVEL=DEBUG shows the
    report. (--quiet, warnings and errors only: the demo's first run above.)"""
    urls = tmp_path / "one.txt"
    first_url = next(line for line in fixture_urls.read_text(encoding="utf-8").splitlines()
                     if line.startswith("http"))
    urls.write_text(first_url + "\n", encoding="utf-8")
    plain = crawl(urls, tmp_path / "plain", "-s", "ARCHIVE_PROGRESS_INTERVAL=10")
    assert plain.returncode == 0, plain.stderr
    assert "Deprecat" not in plain.stderr
    assert "finished in" in plain.stdout and "finished (finished)" not in plain.stdout
    assert not [line for line in STARTUP_LINES if line in plain.stderr], plain.stderr
    assert "[newsarchive.progress] INFO: 1/1 URLs" in plain.stderr

    debug = crawl(urls, tmp_path / "debug", "-s", "LOG_LEVEL=DEBUG")
    assert debug.returncode == 0, debug.stderr
    assert "Overridden settings" in debug.stderr and "Enabled downloader middlewares" in debug.stderr


def test_summary_says_how_the_crawl_ended() -> None:
    from crawler.commands.crawl import ending

    assert ending({"finish_reason": "finished"}) == "finished"
    assert ending({"finish_reason": "shutdown"}) == "interrupted (Ctrl-C or SIGTERM)"
    assert ending({"finish_reason": "closespider_timeout"}) == \
        "stopped at its time limit (--max-runtime)"
    assert ending({"finish_reason": "archive_write_failed", "fatal_error": "disk full"}) == \
        "stopped on an error (archive_write_failed)"

"""Rebuild from the WARCs alone, and exports that other tools load."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

from archive.export import safe_name
from archive.verify import verify_archive
from tests.conftest import CrawlRun, run_cli


def copy_archive(run: CrawlRun, tmp_path: Path) -> Path:
    dest = tmp_path / "archive"
    shutil.copytree(run.archive, dest)
    return dest


def corpus_bytes(archive: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((archive / "corpus").glob("*.jsonl"))}


def test_rebuild_is_byte_identical_to_the_crawl(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = copy_archive(fixture_crawl, tmp_path)
    before = corpus_bytes(archive)
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "2")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "rebuilt 32 corpus rows" in proc.stdout
    assert corpus_bytes(archive) == before


def test_rebuild_restores_a_deleted_corpus_and_index(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = copy_archive(fixture_crawl, tmp_path)
    before = corpus_bytes(archive)
    shutil.rmtree(archive / "corpus")
    (archive / "index.sqlite3").unlink()
    for extra in archive.glob("index.sqlite3-*"):
        extra.unlink()
    proc = run_cli("rebuild", "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert corpus_bytes(archive) == before
    db = sqlite3.connect(archive / "index.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 32
    assert verify_archive(archive).problems == []


def test_export_jsonl_gz_loads_with_json(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl.gz"
    proc = run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "jsonl",
                   "--out", str(out), "--language", "vi")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in gzip.open(out, "rt", encoding="utf-8")]
    assert len(rows) == 16 and {r["language"] for r in rows} == {"vi"}


def test_export_text_names_stay_inside_the_folder(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    out = tmp_path / "text"
    proc = run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "text",
                   "--out", str(out), "--min-length", "200")
    assert proc.returncode == 0, proc.stderr
    files = sorted(p for p in out.iterdir() if p.name != "manifest.tsv")
    assert len(files) == 32
    manifest = (out / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    assert len(manifest) == 33
    for hostile in ["http://x.example/../../etc/passwd", "http://x.example/a/%2e%2e/..%2f",
                    "http://x.example/" + "\u202e" * 10, "http://x.example/" + "a" * 5000]:
        name = safe_name(hostile, 1)
        assert "/" not in name and not name.startswith(".") and len(name) < 120
        assert (out / name).resolve().parent == out.resolve()

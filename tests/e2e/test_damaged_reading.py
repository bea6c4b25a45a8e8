"""rebuild and export meet damaged WARC files: each bad record is named, the rest is used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archive.store.corpus import iter_corpus
from tests.conftest import CrawlRun, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


@pytest.fixture
def damaged(fixture_crawl: CrawlRun, tmp_path: Path) -> tuple[Path, dict, int]:
    """A copy of the fixture archive with one article's response record hit by a
    flipped byte, and garbage appended to the WARC file."""
    archive = tmp_path / "archive"
    shutil.copytree(fixture_crawl.archive, archive)
    rows = list(iter_corpus(archive / "corpus"))
    victim = rows[len(rows) // 2]
    pointer = victim["warc"]
    path = archive / "warc" / pointer["file"]
    data = bytearray(path.read_bytes())
    middle = pointer["offset"] + pointer["length"] // 2
    data[middle] ^= 0xFF
    data += b"\x00garbage that is not a WARC record\r\n" * 20
    path.write_bytes(bytes(data))
    return archive, victim, len(rows)


def test_rebuild_skips_the_damaged_record_and_names_it(damaged) -> None:
    archive, victim, count = damaged
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "2")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("newsarchive: skipped: ")]
    assert any(f"{victim['warc']['file']}@{victim['warc']['offset']}" in line for line in skipped), skipped
    assert any("garbage" in line or "not a gzip" in line or "trailing" in line for line in skipped[1:]), skipped
    rows = list(iter_corpus(archive / "corpus"))
    assert len(rows) == count - 1
    assert victim["warc"]["record_id"] not in {r["warc"]["record_id"] for r in rows}


def test_export_cdxj_and_wacz_skip_the_damaged_record(damaged, tmp_path: Path) -> None:
    archive, victim, _ = damaged
    clean = run_cli("export", "--archive", str(archive), "--format", "jsonl", "--out", str(tmp_path / "c.jsonl"))
    assert clean.returncode == 0, "jsonl reads the corpus, not the WARCs"
    for fmt in ("cdxj", "wacz"):
        out = tmp_path / f"out.{fmt}"
        proc = run_cli("export", "--archive", str(archive), "--format", fmt, "--out", str(out))
        assert proc.returncode == 1, proc.stderr[-2000:]
        assert "Traceback" not in proc.stderr
        assert f"{victim['warc']['file']}@{victim['warc']['offset']}" in proc.stderr
        assert out.stat().st_size > 0
    lines = (tmp_path / "out.cdxj").read_text().splitlines()
    offsets = {json.loads(line.split(" ", 2)[2])["offset"] for line in lines}
    assert str(victim["warc"]["offset"]) not in offsets
    assert len(lines) > 30, "every other record is indexed"

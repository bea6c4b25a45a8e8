"""Exports that hold every row with its true type, and never harm what is already on disk."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from archive.store.corpus import dumps_row
from archive.ops.export import export_corpus
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


def synthetic_row(number: int, **extra: Any) -> dict[str, Any]:
    url = f"http://news.example/a/{number}.html"
    return {
        "url": url, "final_url": url, "status": 200,
        "fetched_at": f"2024-05-{1 + number % 28:02d}T10:00:{number % 60:02d}.{number % 1000:06d}Z",
        "title": f"Story {number}", "author": None, "published": f"2024-04-{1 + number % 28:02d}",
        "sitename": "News", "language": "en", "text": f"Text of story {number}.",
        "text_sha1": "sha1:" + f"{number:040x}",
        "warc": {"file": "x.warc.gz", "offset": number * 100, "length": 99,
                 "record_id": f"<urn:uuid:00000000-0000-0000-0000-{number:012x}>"},
        "payload_digest": None, "crawl_id": "c1",
        "extractor": {"name": "readability", "version": "0.9", "options": {"policy": "combined"}},
        "description": None, "encoding": "utf-8", "original_url": None,
        "template_lines_removed": 0, "duplicate_of": None, **extra,
    }


def synthetic_archive(root: Path, rows: list[dict[str, Any]]) -> Path:
    (root / "warc").mkdir(parents=True)
    (root / "corpus").mkdir()
    with open(root / "corpus" / "c1.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(dumps_row(row) + "\n")
    return root


def test_parquet_past_one_row_group_keeps_late_values_and_types(tmp_path: Path) -> None:
    """Columns null in the whole first row group and set later; 10,050 rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    late = {"original_url": "http://source.example/x", "author": "A. Writer", "description": "d",
            "duplicate_of": {"url": "http://news.example/a/1.html", "record_id": "<urn:uuid:x>",
                             "similarity": 0.75}}
    rows = [synthetic_row(n, **(late if n >= 10_000 else {})) for n in range(10_050)]
    archive = synthetic_archive(tmp_path / "archive", rows)
    out = tmp_path / "corpus.parquet"
    assert export_corpus(archive, "parquet", out) == 10_050
    table = pq.read_table(out)
    assert table.num_rows == 10_050
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert pa.types.is_struct(table.schema.field("extractor").type)
    last = table.slice(10_049).to_pylist()[0]
    assert last["original_url"] == "http://source.example/x" and last["author"] == "A. Writer"
    assert last["duplicate_of"]["similarity"] == 0.75
    assert last["published"] == date(2024, 4, 1 + 10_049 % 28)
    assert last["fetched_at"] == datetime(2024, 5, 1 + 10_049 % 28, 10, 0, 10_049 % 60,
                                          10_049 % 1000, tzinfo=timezone.utc)
    assert json.loads(last["extractor"]["options"]) == {"policy": "combined"}
    assert table.slice(0, 1).to_pylist()[0]["duplicate_of"] is None


def test_parquet_schema_covers_the_documented_row() -> None:
    """Every field of docs/corpus-row.schema.json is a Parquet column, nullable as documented."""
    from archive.ops.parquet import corpus_schema

    doc = json.loads((REPO / "docs" / "corpus-row.schema.json").read_text())
    schema = corpus_schema()
    assert schema.names == list(doc["properties"])
    for name, prop in doc["properties"].items():
        types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
        assert schema.field(name).nullable == ("null" in types or name not in doc["required"]), name


@pytest.fixture
def small_archive(tmp_path: Path) -> Path:
    return synthetic_archive(tmp_path / "archive", [synthetic_row(n) for n in range(5)])


def assert_refused(proc, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize("name", ["c1.jsonl", "new.jsonl"])
def test_export_into_the_archive_is_refused(small_archive: Path, name: str) -> None:
    corpus = small_archive / "corpus" / "c1.jsonl"
    before = corpus.read_bytes()
    proc = run_cli("export", "--archive", str(small_archive), "--format", "jsonl",
                   "--out", str(small_archive / "corpus" / name), "--force", timeout=60)
    assert_refused(proc, "inside the archive")
    assert corpus.read_bytes() == before
    assert sorted(p.name for p in (small_archive / "corpus").iterdir()) == ["c1.jsonl"]


def test_text_export_into_a_folder_holding_the_archive_is_refused(small_archive: Path) -> None:
    proc = run_cli("export", "--archive", str(small_archive), "--format", "text",
                   "--out", str(small_archive.parent), "--force", timeout=60)
    assert_refused(proc, "holds the archive")
    assert (small_archive / "corpus" / "c1.jsonl").exists()


def test_existing_file_needs_force(small_archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine.jsonl"
    out.write_text("precious\n")
    proc = run_cli("export", "--archive", str(small_archive), "--format", "jsonl", "--out", str(out),
                   timeout=60)
    assert_refused(proc, "exists", "--force")
    assert out.read_text() == "precious\n"
    proc = run_cli("export", "--archive", str(small_archive), "--format", "jsonl", "--out", str(out),
                   "--force", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_text().splitlines()) == 5


def test_text_export_into_a_used_folder_needs_force_and_leaves_no_stale_file(
        small_archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "texts"
    out.mkdir()
    (out / "000099-stale.txt").write_text("from an earlier export\n")
    proc = run_cli("export", "--archive", str(small_archive), "--format", "text", "--out", str(out),
                   timeout=60)
    assert_refused(proc, "not empty", "--force")
    assert (out / "000099-stale.txt").exists()
    proc = run_cli("export", "--archive", str(small_archive), "--format", "text", "--out", str(out),
                   "--force", timeout=60)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 6 and "manifest.tsv" in names and "000099-stale.txt" not in names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "texts"]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "text", "wet"])
def test_a_failed_export_leaves_nothing(tmp_path: Path, fmt: str) -> None:
    """A corpus whose last line is damaged: the export fails after writing rows."""
    archive = synthetic_archive(tmp_path / "archive", [synthetic_row(n) for n in range(20)])
    with open(archive / "corpus" / "c1.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"url": "cut short\n')
    out = tmp_path / "exports" / ("texts" if fmt == "text" else f"corpus.{fmt}")
    proc = run_cli("export", "--archive", str(archive), "--format", fmt, "--out", str(out), timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert "bad corpus row" in proc.stderr and "Traceback" not in proc.stderr
    assert list((tmp_path / "exports").iterdir()) == []

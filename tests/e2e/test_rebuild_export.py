"""Rebuild from the WARCs alone, and exports that other tools load."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from archive.inputs.safe_names import url_file_name as safe_name
from archive.ops.verify import verify_archive
from tests.conftest import CrawlRun, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


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
    assert "rebuilt 38 corpus rows" in proc.stdout
    assert "rebuild: final pass, 38 of 38 rows" in proc.stderr  # progress of the last step
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
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 38
    assert verify_archive(archive).problems == []


def test_export_jsonl_gz_loads_with_json(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl.gz"
    proc = run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "jsonl",
                   "--out", str(out), "--language", "vi")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in gzip.open(out, "rt", encoding="utf-8")]
    assert len(rows) == 19 and {r["language"] for r in rows} == {"vi"}  # 16 articles, 3 sections


def test_export_text_names_stay_inside_the_folder(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    out = tmp_path / "text"
    proc = run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "text",
                   "--out", str(out), "--min-length", "200")
    assert proc.returncode == 0, proc.stderr
    files = sorted(p for p in out.iterdir() if p.name != "manifest.tsv")
    assert len(files) == 38
    manifest = (out / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    assert len(manifest) == 39  # a header, 38 rows
    for hostile in ["http://x.example/../../etc/passwd", "http://x.example/a/%2e%2e/..%2f",
                    "http://x.example/" + "\u202e" * 10, "http://x.example/" + "a" * 5000]:
        name = safe_name(hostile, 1)
        assert "/" not in name and not name.startswith(".") and len(name) < 120
        assert (out / name).resolve().parent == out.resolve()


def test_rebuild_reads_a_wget_warc(fixture_crawl: CrawlRun, fixture_urls: Path, tmp_path: Path) -> None:
    """A WARC written by wget --warc-file over the fixture site gives the same texts."""
    wget = shutil.which("wget")
    assert wget, "wget is needed for this test (Debian package wget)"
    listing = tmp_path / "list.txt"
    listing.write_text("".join(line + "\n" for line in fixture_urls.read_text().splitlines()
                               if line and not line.startswith("#")))
    subprocess.run([wget, "-q", "--warc-file=" + str(tmp_path / "wget"), "--no-warc-keep-log",
                    "-i", str(listing), "-O", "/dev/null", "--tries=1", "--timeout=5"],
                   cwd=tmp_path, timeout=120, check=False)
    archive = tmp_path / "from-wget"
    (archive / "warc").mkdir(parents=True)
    shutil.copy(tmp_path / "wget.warc.gz", archive / "warc")
    proc = run_cli("rebuild", "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr[-2000:]
    ours = {r["final_url"]: r["text"] for r in fixture_crawl.rows()}
    # articles: section pages' template lines depend on which other pages were crawled
    rows = [json.loads(line) for p in (archive / "corpus").glob("*.jsonl")
            for line in p.read_text(encoding="utf-8").splitlines()]
    # wget fetches what robots.txt keeps our crawl from; every page with text gets a row
    assert [r for r in rows if r["final_url"].endswith("/private/internal-memo.html")]
    theirs = {r["final_url"]: r["text"] for r in rows if r["page_type"] == "article"
              and not r["final_url"].endswith("/private/internal-memo.html")}
    assert set(theirs) == set(ours)
    assert theirs == ours
    assert verify_archive(archive).problems == []  # wget names the request on the response


def test_export_wet_reads_with_warcio(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator
    out = tmp_path / "corpus.warc.wet.gz"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wet",
                   "--out", str(out)).returncode == 0
    rows = {r["warc"]["record_id"]: r for r in fixture_crawl.rows(None)}
    with open(out, "rb") as fh:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Refers-To"),
                    r.content_stream().read().decode("utf-8")) for r in ArchiveIterator(fh)]
    assert records[0][0] == "warcinfo"
    conversions = records[1:]
    assert len(conversions) == 38 and all(t == "conversion" for t, _, _ in conversions)
    for _, refers_to, text in conversions:
        assert rows[refers_to]["text"] == text


def test_export_parquet_and_jsonl_load_in_pandas(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    import pandas as pd
    parquet, jsonl = tmp_path / "c.parquet", tmp_path / "c.jsonl"
    gn_host = fixture_crawl.rows()[0]["final_url"].split("/")[2].split(":")[0]
    for fmt, out in (("parquet", parquet), ("jsonl", jsonl)):
        proc = run_cli("export", "--archive", str(fixture_crawl.archive), "--format", fmt,
                       "--out", str(out), "--since", "2024-03-01", "--drop-duplicates")
        assert proc.returncode == 0, proc.stderr
    frame = pd.read_parquet(parquet)
    same = pd.read_json(jsonl, lines=True)
    assert len(frame) == len(same) > 0
    # a row without a published date (a section page) is dated by its fetch
    assert (frame["published"].dropna() >= datetime.date(2024, 3, 1)).all()
    assert frame["duplicate_of"].isna().all()
    assert set(frame.columns) >= {"url", "final_url", "text", "language", "warc", "payload_digest"}
    assert gn_host == "127.0.0.1"


def test_every_row_matches_the_documented_schema(fixture_crawl: CrawlRun) -> None:
    import jsonschema
    from tests.conftest import REPO
    schema = json.loads((REPO / "docs" / "corpus-row.schema.json").read_text())
    for row in fixture_crawl.rows():
        jsonschema.validate(row, schema)


def test_only_missing_fetches_just_what_the_archive_lacks(fixture_crawl: CrawlRun, fixture_urls: Path,
                                                          tmp_path: Path) -> None:
    from tests.conftest import crawl
    archive = copy_archive(fixture_crawl, tmp_path)
    db = sqlite3.connect(archive / "index.sqlite3")
    gone = fixture_crawl.rows()[5]["final_url"]
    db.execute("DELETE FROM documents WHERE final_url=?", (gone,))
    db.commit()
    db.close()
    run = crawl(fixture_urls, archive, "--only-missing", "-s", "ARCHIVE_CONDITIONAL_REQUESTS=False")
    assert run.returncode == 0, run.stderr[-2000:]
    new_rows = [r for r in run.rows() if r["crawl_id"] == run.report()["crawl_id"]]
    assert [r["final_url"] for r in new_rows] == [gone]


def test_rebuild_reads_a_wacz(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    """A WACZ (ours here) dropped into an empty archive rebuilds into the same texts."""
    archive = tmp_path / "from-wacz"
    (archive / "warc").mkdir(parents=True)
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wacz",
                   "--out", str(archive / "warc" / "fixture.wacz")).returncode == 0
    proc = run_cli("rebuild", "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr[-2000:]
    ours = {r["final_url"]: r["text"] for r in fixture_crawl.rows()}
    theirs = {r["final_url"]: r["text"] for r in CrawlRun(archive, 0, "", "").rows()}
    assert theirs == ours
    assert verify_archive(archive).problems == []


@pytest.mark.parametrize("option", [["--since", "2099-01-01"], ["--site", "127.0.0.1"]])
def test_rebuild_with_filters(fixture_crawl: CrawlRun, tmp_path: Path, option: list[str]) -> None:
    """Outside the filter (--since in the future: everything) rows are carried over;
    inside it (every fixture host is 127.0.0.1: everything) they are re-extracted. The
    extractor is the same, so either way the corpus comes out byte-identical."""
    archive = copy_archive(fixture_crawl, tmp_path)
    before = corpus_bytes(archive)
    proc = run_cli("rebuild", "--archive", str(archive), *option)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "rebuilt 38 corpus rows" in proc.stdout
    assert corpus_bytes(archive) == before


def test_rebuild_with_a_filter_refuses_a_damaged_old_corpus(fixture_crawl: CrawlRun,
                                                             tmp_path: Path) -> None:
    """Rows outside --since are carried over from the old corpus: a damaged line there
    would be lost, so the rebuild stops, names it, and leaves the archive as it was."""
    archive = copy_archive(fixture_crawl, tmp_path)
    corpus = sorted((archive / "corpus").glob("*.jsonl"))[0]
    with open(corpus, "a", encoding="utf-8") as fh:
        fh.write('{"torn": \n')
    before = corpus_bytes(archive)
    proc = run_cli("rebuild", "--archive", str(archive), "--since", "2099-01-01")
    assert proc.returncode == 3, proc.stderr[-2000:]  # an archive file could not be read
    assert f"{corpus.name}:39: bad corpus row" in proc.stderr, proc.stderr[-2000:]
    assert corpus_bytes(archive) == before


def test_export_jsonl_zst(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    import io

    import zstandard
    out = tmp_path / "c.jsonl.zst"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "jsonl",
                   "--out", str(out)).returncode == 0
    text = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(out.read_bytes())).read()
    assert len(text.decode("utf-8").splitlines()) == 38


def test_export_jsonl_loads_in_hugging_face_datasets_offline(fixture_crawl: CrawlRun, tmp_path: Path,
                                                             monkeypatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import datasets
    out = tmp_path / "corpus.jsonl"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "jsonl",
                   "--out", str(out)).returncode == 0
    ds = datasets.load_dataset("json", data_files=str(out), split="train",
                               cache_dir=str(tmp_path / "hf-cache"))
    assert ds.num_rows == 38
    assert sorted(ds["text"]) == sorted(r["text"] for r in fixture_crawl.rows(None))
    assert set(ds.column_names) >= {"url", "final_url", "text", "warc", "language"}


def signature_dying_in_workers(text: str) -> list[int]:
    """near_dup.signature, but a pool worker that runs it dies (as if out of memory)."""
    import multiprocessing

    from archive.corpus.near_dup import signature

    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return signature(text)


@pytest.mark.parametrize("dying", [False, True], ids=["pool", "pool-dies"])
def test_final_pass_in_a_process_pool_equals_the_serial_one(fixture_crawl: CrawlRun, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             dying: bool) -> None:
    """Near-duplicate signatures computed by 2 worker processes (small batches, so rows
    cross batches and batches overlap) give the same corpus file and index rows as
    computed here; and so does a pass whose workers die: the rest is computed here."""
    import archive.corpus.finalize as finalize
    from archive.store.index import Index

    if dying:
        monkeypatch.setattr(finalize, "signature", signature_dying_in_workers)
    results = []
    for workers in (1, 2):
        copy = tmp_path / f"w{workers}"
        shutil.copytree(fixture_crawl.archive, copy)
        monkeypatch.setattr(finalize, "PARALLEL_MIN_ROWS", 2)
        monkeypatch.setattr(finalize, "BATCH_ROWS", 5)
        corpus = next((copy / "corpus").glob("*.jsonl"))
        index = Index(copy / "index.sqlite3")
        try:
            stats = finalize.finalize_corpus(corpus, index.connection, corpus.stem, workers=workers)
            sigs = index.connection.execute(
                "SELECT record_id, sig FROM doc_signatures ORDER BY record_id").fetchall()
        finally:
            index.close()
        results.append((corpus.read_bytes(), sigs, stats))
    assert results[0][2].rows == len(fixture_crawl.rows(None)) > 10
    assert results[0][2].duplicates >= 1  # the fixture's syndicated story
    assert results[0] == results[1]

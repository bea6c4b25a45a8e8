"""Archives other tools wrote, odd and damaged, through `newsarchive rebuild/verify/export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from tests.conftest import REPO, run_cli
from tests.foreign_warcs import page_html, record_id, request_record, response_record

PYWB_SAMPLES = REPO / ".venv-pywb" / "sample_archive" / "warcs"  # pywb's test data (GPL-3.0), read in place


def rows_of(archive: Path) -> list[dict]:
    return [json.loads(line) for p in sorted((archive / "corpus").glob("*.jsonl"))
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def rebuild(archive: Path):  # noqa: ANN201
    return run_cli("rebuild", "--archive", str(archive), "--workers", "1")


def verify(archive: Path):  # noqa: ANN201
    return run_cli("verify", "--archive", str(archive))


def pywb_sample(name: str, tmp_path: Path) -> Path:
    source = PYWB_SAMPLES / name
    if not source.exists():
        pytest.fail(f"pywb's sample archive is needed ({source}); run scripts/setup")
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    (archive / "warc" / name).write_bytes(source.read_bytes())
    return archive


def test_bodies_stored_decoded_are_taken_as_recorded(tmp_path: Path) -> None:
    """pywb, Browsertrix and ArchiveWeb.page store the decoded body and keep the
    Transfer-Encoding and Content-Encoding headers; replay tools take the body as it is."""
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    with open(archive / "warc" / "recorder.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        writer.write_record(response_record(writer, 0, http_headers=[
            ("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]))
        writer.write_record(response_record(writer, 1, http_headers=[
            ("Content-Type", "text/html"), ("Content-Encoding", "gzip")]))
        writer.write_record(response_record(writer, 2))
        for number in range(3):
            writer.write_record(request_record(writer, number, extra={
                "WARC-Concurrent-To": record_id("response", number)}))
    proc = rebuild(archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "2 bodies stored decoded" in proc.stdout
    rows = rows_of(archive)
    assert len(rows) == 3
    for row in rows:
        number = int(row["final_url"].rsplit("/", 1)[1])
        assert row["text"].split("\n\n")[0] in page_html(number).decode("utf-8")
    proc = verify(archive)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_pywb_iana_sample_gives_its_pages(tmp_path: Path) -> None:
    """pywb's iana.warc.gz: chunked headers over decoded bodies, 15 HTML pages."""
    archive = pywb_sample("iana.warc.gz", tmp_path)
    proc = rebuild(archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = rows_of(archive)
    assert len(rows) == 15
    assert all(len(r["text"]) > 100 for r in rows)
    proc = verify(archive)
    assert proc.returncode == 0, proc.stdout[-3000:]

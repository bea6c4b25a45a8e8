"""What other tools' checkers say of our WARCs and WET files, record by record.

``warcio check`` and FastWARC's ``fastwarc check -p`` on the archive of a crawl (with
chunked, gzip and plain responses) and of a re-crawl (revisit records), and on a WET
export. Every check passes except two, which cannot pass on a faithful archive:

- The payload digest of a chunked response fails in both: they digest the entity with
  its chunk framing, where WARC 1.1 (6.3.2, warc-specifications#22) defines the payload
  digest without the transfer coding (warcio#74). Its block digest passes.
- FastWARC fails the payload digest of a revisit record: it digests the record's own
  (empty) payload, where WARC 1.1 (6.7.2) has a revisit carry the digest of the payload
  it stands for, the original's. Its block digest passes. warcio does not check
  revisits ("digest present but not checked").
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from archive.warc.wire import is_chunked
from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, iter_records
from tests.conftest import CrawlRun, run_cli

BIN = Path(sys.executable).parent


def warcio_check(path: Path) -> tuple[int, dict[str, list[str]]]:
    """warcio's exit status and, per record id, what it said of the record."""
    proc = subprocess.run([BIN / "warcio", "check", "-v", str(path)], capture_output=True,
                          text=True, timeout=300)
    said: dict[str, list[str]] = {}
    current = None
    for line in proc.stdout.splitlines():
        head = re.match(r"  offset \d+ WARC-Record-ID (<[^>]+>) \S+$", line)
        if head:
            current = head.group(1)
            said[current] = []
        elif line.startswith("    ") and current:
            said[current].append(line.strip())
    return proc.returncode, said


def fastwarc_check(path: Path, out: Path) -> tuple[int, dict[str, str]]:
    """FastWARC's exit status (payloads verified too) and, per record id, its verdict
    (``OK, PAYLOAD_OK``, ``OK, PAYLOAD_FAIL``, ``OK, PAYLOAD_NO_DIGEST``, ``FAIL, ...``)."""
    proc = subprocess.run([BIN / "fastwarc", "check", "-p", "-q", "-o", str(out), str(path)],
                          capture_output=True, text=True, timeout=300)
    verdicts = {}
    for line in out.read_text().splitlines():
        record_id, _, verdict = line.partition(": ")
        verdicts[record_id] = verdict
    return proc.returncode, verdicts


def records(archive: Path) -> list[WarcRecordView]:
    return [r for p in warc_files(archive / "warc") for r in iter_records(p)
            if isinstance(r, WarcRecordView)]


def chunked(rec: WarcRecordView) -> bool:
    if rec.type != "response" or not rec.is_http():
        return False
    return is_chunked([(k.encode("latin-1"), v.encode("latin-1")) for k, v in rec.http_headers()])


@pytest.fixture(scope="module")
def archives(fixture_crawl: CrawlRun, recrawled: tuple[Path, dict[str, bytes]]) -> list[Path]:
    return [fixture_crawl.archive, recrawled[0]]


def test_warcio_check_fails_only_chunked_payload_digests(archives: list[Path]) -> None:
    seen_chunked = seen_revisit = 0
    for archive in archives:
        recs = {r.record_id: r for r in records(archive)}
        failing = set()
        for path in warc_files(archive / "warc"):
            status, said = warcio_check(path)
            for record_id, messages in said.items():
                rec = recs[record_id]
                if chunked(rec):
                    seen_chunked += 1
                    assert len(messages) == 1 and messages[0].startswith("payload digest failed"), \
                        (record_id, messages)
                    failing.add(path)
                elif rec.type == "revisit":
                    seen_revisit += 1
                    assert messages == ["digest present but not checked (revisit)"]
                else:
                    assert messages == ["digest pass"], (rec.type, rec.target_uri, messages)
            assert set(said) == {r.record_id for r in recs.values() if r.file == path.name}
            assert (status != 0) == (path in failing)
    assert seen_chunked >= 1 and seen_revisit >= 10


def test_fastwarc_check_fails_only_revisit_and_chunked_payload_digests(archives: list[Path],
                                                          tmp_path: Path) -> None:
    seen_revisit = seen_chunked = 0
    for archive in archives:
        recs = {r.record_id: r for r in records(archive)}
        for path in warc_files(archive / "warc"):
            status, verdicts = fastwarc_check(path, tmp_path / "out.txt")
            assert set(verdicts) == {r.record_id for r in recs.values() if r.file == path.name}
            for record_id, verdict in verdicts.items():
                rec = recs[record_id]
                if rec.type == "revisit" or chunked(rec):
                    seen_revisit += rec.type == "revisit"
                    seen_chunked += chunked(rec)
                    assert verdict == "OK, PAYLOAD_FAIL", (record_id, verdict)
                elif rec.type == "warcinfo":
                    assert verdict == "OK, PAYLOAD_NO_DIGEST"
                else:
                    assert verdict == "OK, PAYLOAD_OK", (rec.type, rec.target_uri, verdict)
            assert (status != 0) == any(r.type == "revisit" or chunked(r) for r in recs.values()
                                        if r.file == path.name)
    assert seen_revisit >= 10 and seen_chunked >= 1


def test_wet_passes_warcio_and_fastwarc_as_common_crawl_wet_does(fixture_crawl: CrawlRun,
                                                                  tmp_path: Path) -> None:
    """Common Crawl's WET conversion records have a block digest and no payload digest,
    and name languages in ISO 639-3: ours the same, and both checkers pass every record."""
    from warcio.archiveiterator import ArchiveIterator
    out = tmp_path / "corpus.warc.wet.gz"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wet",
                   "--out", str(out)).returncode == 0
    status, said = warcio_check(out)
    assert status == 0 and said and all(m == ["digest pass"] for m in said.values())
    status, verdicts = fastwarc_check(out, tmp_path / "out.txt")
    assert status == 0 and set(verdicts.values()) == {"OK, PAYLOAD_NO_DIGEST"}
    languages = set()
    with open(out, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "conversion":
                continue
            assert rec.rec_headers.get_header("WARC-Payload-Digest") is None
            assert rec.rec_headers.get_header("WARC-Block-Digest").startswith("sha1:")
            languages.add(rec.rec_headers.get_header("WARC-Identified-Content-Language"))
    assert {"vie", "zho", "eng"} <= languages
    assert all(lang is None or re.fullmatch(r"[a-z]{3}", lang) for lang in languages)


def test_iso639_3() -> None:
    from archive.ops.languages import iso639_3
    assert [iso639_3(c) for c in ("vi", "zh", "en", "zh-Hans", "pt_BR", "fil", "", None, "xx")] == \
        ["vie", "zho", "eng", "zho", "por", "fil", None, None, None]

"""Archives other tools wrote, odd and damaged, through `newsarchive rebuild/verify/export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from tests.conftest import REPO, run_cli
from tests.foreign_warcs import (DATE, page_html, record_id, request_record, response_record, write_arc,
                                 write_pages)

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)

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
    """pywb's iana.warc.gz: chunked headers over decoded bodies, 16 HTML pages with text."""
    archive = pywb_sample("iana.warc.gz", tmp_path)
    proc = rebuild(archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = rows_of(archive)
    assert len(rows) == 16
    assert all(len(r["text"]) > 100 for r in rows)
    proc = verify(archive)
    assert proc.returncode == 0, proc.stdout[-3000:]


def stories(archive: Path) -> set[str]:
    return {r["final_url"] for r in rows_of(archive)}


@pytest.mark.parametrize("name", ["old.arc", "old.arc.gz"])
def test_arc_files_are_read(tmp_path: Path, name: str) -> None:
    archive = tmp_path / "archive"
    write_arc(archive / "warc" / name, 4, gzip=name.endswith(".gz"))
    proc = rebuild(archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert stories(archive) == {f"http://news.example/story/{n}" for n in range(4)}
    out = tmp_path / "index.cdxj"
    proc = run_cli("export", "--archive", str(archive), "--format", "cdxj", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line.split(" ", 2)[2]) for line in out.read_text().splitlines()]
    assert len(lines) == 4 and {f["filename"] for f in lines} == {name}
    data = (archive / "warc" / name).read_bytes()
    for fields in lines:  # each offset is where its record starts
        start = data[int(fields["offset"]):]
        assert start.startswith(b"\x1f\x8b" if name.endswith(".gz") else b"http://news.example/")


def test_pywb_arc_samples_are_read(tmp_path: Path) -> None:
    for name in ("example.arc", "example.arc.gz"):
        archive = pywb_sample(name, tmp_path / name)
        proc = rebuild(archive)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "from 1 responses" in proc.stdout, proc.stdout


def test_whole_file_gzip_is_read(tmp_path: Path) -> None:
    """`gzip file.warc` makes one gzip stream for all records."""
    import gzip
    plain = write_pages(tmp_path / "plain.warc", 20, gzip=False)
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    (archive / "warc" / "whole.warc.gz").write_bytes(gzip.compress(plain.read_bytes()))
    proc = rebuild(archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(stories(archive)) == 20
    proc = verify(archive)
    assert "40 index rows, 20 corpus rows" in proc.stdout, proc.stdout[-2000:]


def test_a_damaged_first_gzip_byte_costs_one_record(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path = write_pages(archive / "warc" / "pages.warc.gz", 20)
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))
    proc = rebuild(archive)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "newsarchive: skipped: pages.warc.gz@0: " in proc.stderr
    assert stories(archive) == {f"http://news.example/story/{n}" for n in range(1, 20)}


def insert_at_block_middle(path: Path, record: int, extra: bytes) -> None:
    """Insert ``extra`` in the middle of the ``record``-th record's block (plain WARC)."""
    data = path.read_bytes()
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.1\r\n", i)]
    middle = (starts[record] + starts[record + 1]) // 2
    path.write_bytes(data[:middle] + extra + data[middle:])


@pytest.mark.parametrize("extra", [b"\r\n", b"x" * 700], ids=["crlf", "700-bytes"])
def test_uncompressed_warc_resynchronises_after_a_wrong_length(tmp_path: Path, extra: bytes) -> None:
    archive = tmp_path / "archive"
    path = write_pages(archive / "warc" / "plain.warc", 20, gzip=False)
    insert_at_block_middle(path, 2, extra)  # record 2: response of story 1
    proc = rebuild(archive)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "does not end the record" in proc.stderr
    assert stories(archive) == {f"http://news.example/story/{n}" for n in range(20)} - {
        "http://news.example/story/1"}


def test_odd_headers_are_read(tmp_path: Path) -> None:
    """A Latin-1 byte in WARC-Target-URI, a folded WARC header line, HTTP headers ending
    in a bare LF: each record is read."""
    import re
    archive = tmp_path / "archive"
    path = write_pages(archive / "warc" / "odd.warc", 3, gzip=False, requests=False)
    data = path.read_bytes()
    data = data.replace(b"WARC-Target-URI: http://news.example/story/0",
                        b"WARC-Target-URI: http://news.example/story/0?q=caf\xe9", 1)
    data = data.replace(b"WARC-Date: " + DATE.encode(), b"WARC-Date:\r\n " + DATE.encode(), 2)
    head = data.index(b"HTTP/1.1 200 OK\r\n", data.index(b"story/2"))
    end = data.index(b"\r\n\r\n", head)
    fixed = data[head:end + 4].replace(b"\r\n", b"\n")
    data = data[:head] + fixed + data[end + 4:]
    # Content-Length of the record whose HTTP head lost its CRs
    cl_at = data.rindex(b"Content-Length: ", 0, head)
    cl_end = data.index(b"\r\n", cl_at)
    old = int(data[cl_at + 16:cl_end])
    new = old - (end + 4 - head - len(fixed))
    data = data[:cl_at + 16] + str(new).encode() + data[cl_end:]
    data = re.sub(rb"WARC-Block-Digest: [^\r]*\r\n", b"", data)  # the HTTP head was edited
    path.write_bytes(data)
    proc = rebuild(archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert stories(archive) == {"http://news.example/story/0?q=caf\xe9", "http://news.example/story/1",
                                "http://news.example/story/2"}


def test_clueweb09_quirks(tmp_path: Path) -> None:
    """resiliparse's clueweb-quirk.warc.gz (tests/data/README.md): 29 Nutch responses,
    HTTP heads ending in bare LF, bodies stored decoded under Content-Encoding: gzip."""
    import sqlite3
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    (archive / "warc" / "clueweb-quirk.warc.gz").write_bytes(
        (REPO / "tests" / "data" / "clueweb-quirk.warc.gz").read_bytes())
    proc = rebuild(archive)
    assert proc.returncode == 0, proc.stderr[-2000:]
    db = sqlite3.connect(archive / "index.sqlite3")
    captures = db.execute("SELECT status, content_type FROM captures").fetchall()
    assert len(captures) == 29
    assert all(status == 200 and "html" in (ctype or "") for status, ctype in captures)
    # shop pages: one of them is article-like enough for a corpus row
    assert "ヘッドポーター" in [r["title"] for r in rows_of(archive)][0]  # the brand, in its headline


def test_verify_accepts_the_block_digest_written_as_payload_digest(tmp_path: Path) -> None:
    """Nutch wrote ClueWeb09 (and so the clueweb-quirk file) with WARC-Payload-Digest equal
    to WARC-Block-Digest. The block digest holds, so the bytes are intact: verify notes it
    once per file and passes. A payload digest that is wrong otherwise is still a problem."""
    import re
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    (archive / "warc" / "clueweb-quirk.warc.gz").write_bytes(
        (REPO / "tests" / "data" / "clueweb-quirk.warc.gz").read_bytes())
    proc = verify(archive)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "0 problems" in proc.stdout and "mismatch" not in proc.stdout
    assert "note: clueweb-quirk.warc.gz: 29 records carry the block digest" in proc.stdout

    (archive / "warc" / "clueweb-quirk.warc.gz").unlink()
    path = write_pages(archive / "warc" / "ours.warc", 2, gzip=False)
    data = path.read_bytes()
    digests = re.findall(rb"WARC-Type: response\r\nWARC-Target-URI: \S+\r\n"
                         rb"WARC-Payload-Digest: (\S+)\r\nWARC-Block-Digest: (\S+)\r\n", data)
    assert len(digests) == 2
    (payload0, block0), (payload1, _) = digests
    data = data.replace(payload0, block0, 1)  # the quirk: accepted
    data = data.replace(payload1, block0, 1)  # another record's digest: a problem
    path.write_bytes(data)
    proc = verify(archive)
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "ours.warc: 1 record carries the block digest" in proc.stdout
    assert "checked: 1 problem" in proc.stdout
    mismatches = [line for line in proc.stdout.splitlines() if "payload digest mismatch" in line]
    assert len(mismatches) == 1 and "story/1" in mismatches[0], proc.stdout


def test_verify_understands_hex_and_base64_digests(tmp_path: Path) -> None:
    """warcprox writes sha1 digests in hex, warcio's examples also in base64."""
    import base64
    import re
    archive = tmp_path / "archive"
    path = write_pages(archive / "warc" / "digests.warc", 4, gzip=False)
    data = path.read_bytes()
    values = re.findall(rb"Digest: sha1:([A-Z2-7]{32})", data)
    assert len(values) == 16
    for i, value in enumerate(values):
        raw = base64.b32decode(value)
        data = data.replace(value, raw.hex().encode() if i % 2 else base64.b64encode(raw), 1)
    path.write_bytes(data)
    proc = verify(archive)
    assert proc.returncode == 0, proc.stdout[-2000:]
    flipped = data.replace(b"</article>", b"</articlE>", 1)  # a change the digests must see
    path.write_bytes(flipped)
    proc = verify(archive)
    assert proc.returncode == 1 and "digest mismatch" in proc.stdout, proc.stdout[-2000:]


def test_verify_pairs_requests_named_by_the_response(tmp_path: Path) -> None:
    """wget, wpull and Nutch put WARC-Concurrent-To on the response, naming its request."""
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    with open(archive / "warc" / "wget-style.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.0")
        for number in range(3):
            writer.write_record(request_record(writer, number))
            writer.write_record(response_record(writer, number, extra={
                "WARC-Concurrent-To": record_id("request", number)}))
    proc = verify(archive)
    assert proc.returncode == 0, proc.stdout[-2000:]
    for name in ("example-wget-1-14.warc.gz", "example-wpull.warc.gz"):
        proc = verify(pywb_sample(name, tmp_path / name))
        assert proc.returncode == 0, proc.stdout[-2000:]


def test_a_length_off_by_one_in_a_gzip_member_is_skipped_and_named(tmp_path: Path) -> None:
    import gzip
    import zlib
    archive = tmp_path / "archive"
    path = write_pages(archive / "warc" / "pages.warc.gz", 6)
    data = path.read_bytes()
    members, pos = [], 0
    while pos < len(data):
        d = zlib.decompressobj(31)
        raw = d.decompress(data[pos:])
        members.append(raw)
        pos = len(data) - len(d.unused_data)
    # member 2 is story 1's response: its Content-Length one too long
    head_end = members[2].index(b"\r\n\r\n")
    declared = int(members[2][:head_end].split(b"Content-Length: ")[1].split(b"\r\n")[0])
    members[2] = members[2].replace(b"Content-Length: %d" % declared, b"Content-Length: %d" % (declared + 1), 1)
    path.write_bytes(b"".join(gzip.compress(m, mtime=0) for m in members))
    offset = len(gzip.compress(members[0], mtime=0)) + len(gzip.compress(members[1], mtime=0))
    assert verify(archive).returncode == 1
    proc = rebuild(archive)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert f"newsarchive: skipped: pages.warc.gz@{offset}: " in proc.stderr
    assert "http://news.example/story/1" not in stories(archive)
    assert len(stories(archive)) == 5
    out = tmp_path / "index.cdxj"
    proc = run_cli("export", "--archive", str(archive), "--format", "cdxj", "--out", str(out))
    assert proc.returncode == 1 and f"pages.warc.gz@{offset}" in proc.stderr, proc.stderr
    assert len(out.read_text().splitlines()) == 5


def test_a_byte_flip_in_an_uncompressed_record_is_skipped_and_named(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    path = write_pages(archive / "warc" / "plain.warc", 6, gzip=False)
    data = path.read_bytes()
    at = data.index(b"Story 3")
    path.write_bytes(data[:at] + b"Storm 3" + data[at + 7:])
    record = data.rindex(b"WARC/1.1\r\n", 0, at)
    assert verify(archive).returncode == 1
    proc = rebuild(archive)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert f"newsarchive: skipped: plain.warc@{record}: block digest mismatch" in proc.stderr
    assert "http://news.example/story/3" not in stories(archive) and len(stories(archive)) == 5
    assert "Storm" not in json.dumps(rows_of(archive))
    out = tmp_path / "index.cdxj"
    proc = run_cli("export", "--archive", str(archive), "--format", "cdxj", "--out", str(out))
    assert proc.returncode == 1 and f"plain.warc@{record}" in proc.stderr, proc.stderr


def heavy_page_archive(tmp_path: Path) -> Path:
    """An archive of three stories, the second a page whose extraction takes seconds."""
    heavy = ("<html><head><title>Heavy</title></head><body><article><h1>Heavy</h1>" + "".join(
        f"<div><p>Paragraph {i} of a very long page with words in it.</p></div>"
        for i in range(8000)) + "</article></body></html>").encode("utf-8")
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    with open(archive / "warc" / "pages.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        for number in range(3):
            writer.write_record(response_record(writer, number, body=heavy if number == 1 else None))
    return archive


def test_a_page_over_the_extract_timeout_is_counted_and_keeps_its_earlier_row(tmp_path: Path) -> None:
    """A page whose extraction takes longer than --extract-timeout (CPU seconds) is named
    and counted as failed, and keeps the row an earlier rebuild gave it; the pages around
    it are rebuilt."""
    archive = heavy_page_archive(tmp_path)
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "1", "--extract-timeout", "0")
    assert proc.returncode == 0 and "(0 failed)" in proc.stdout, proc.stderr[-2000:]
    before = {row["final_url"]: row for row in rows_of(archive)}
    assert len(before) == 3 and "Paragraph 7999 " in before["http://news.example/story/1"]["text"]
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "1", "--extract-timeout", "0.5")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "(1 failed, 1 of them keep their earlier rows)" in proc.stdout, proc.stdout
    named = [line for line in proc.stderr.splitlines() if "not extracted" in line]
    assert len(named) == 1, named
    assert "/story/1: extract_timeout: over 0.5s of CPU; its earlier row is kept" in named[0]
    assert {row["final_url"]: row for row in rows_of(archive)} == before


def test_a_failed_page_keeps_its_earlier_row_from_another_crawls_corpus_file(tmp_path: Path) -> None:
    """A crawl that resumes killed ones moves their rows into its own corpus file, while
    their records still name the killed crawl: a page that fails in a later rebuild
    finds its earlier row there too."""
    archive = heavy_page_archive(tmp_path)
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "1", "--extract-timeout", "0")
    assert proc.returncode == 0, proc.stderr[-2000:]
    [own] = sorted((archive / "corpus").glob("*.jsonl"))
    lines = own.read_text(encoding="utf-8").splitlines(keepends=True)
    heavy_line = next(line for line in lines if "/story/1" in line)
    own.write_text("".join(line for line in lines if line is not heavy_line), encoding="utf-8")
    (archive / "corpus" / "later-crawl.jsonl").write_text("{damaged\n" + heavy_line,
                                                          encoding="utf-8")
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "1", "--extract-timeout", "0.5")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "(1 failed, 1 of them keep their earlier rows)" in proc.stdout, proc.stdout
    kept = [row for row in rows_of(archive) if row["final_url"] == "http://news.example/story/1"]
    assert len(kept) == 1 and "Paragraph 7999 " in kept[0]["text"]
    assert len(rows_of(archive)) == 3


def test_a_bad_extract_timeout_is_refused(tmp_path: Path) -> None:
    archive = write_pages(tmp_path / "archive" / "warc" / "pages.warc.gz", 1).parent.parent
    proc = run_cli("rebuild", "--archive", str(archive), "--extract-timeout", "-1")
    assert proc.returncode == 2 and "bad --extract-timeout -1" in proc.stderr, proc.stderr

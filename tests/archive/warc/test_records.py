"""Golden bytes: records built from a fixed exchange with injected ids and dates."""

from __future__ import annotations

import gzip
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from archive.warc.records import Exchange, build_exchange_records, build_warcinfo_record
from archive.warc.reader import sha1_digest

WHEN = datetime(2024, 1, 17, 11, 21, 53, 123456, tzinfo=timezone.utc)
BODY = gzip.compress(b"<html><body><p>Xin ch\xc3\xa0o</p></body></html>", mtime=0)


def exchange() -> Exchange:
    return Exchange(
        url="http://news.example/story?id=7&lang=vi", method=b"GET",
        request_headers=[(b"Host", b"news.example"), (b"User-Agent", b"newsarchive/0.1"),
                         (b"Accept-Encoding", b"gzip, deflate")],
        request_body=b"", status=200, protocol="HTTP/1.1",
        response_headers=[(b"Content-Type", b"text/html; charset=utf-8"),
                          (b"Set-Cookie", b"a=1"), (b"Set-Cookie", b"b=2"),
                          (b"Content-Encoding", b"gzip"),
                          (b"X-Caf\xc3\xa9", b"na\xc3\xafve")],
        body=BODY, fetched_at=WHEN, ip_address="127.0.0.1")


def serialise(*records) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False, warc_version="WARC/1.1")
    for record in records:
        writer.write_record(record)
    return out.getvalue()


def test_response_and_request_golden_bytes() -> None:
    request, response = build_exchange_records(
        exchange(), warcinfo_id="<urn:uuid:00000000-0000-0000-0000-000000000000>",
        request_id="<urn:uuid:11111111-1111-1111-1111-111111111111>",
        response_id="<urn:uuid:22222222-2222-2222-2222-222222222222>")
    data = serialise(response, request)
    http_response = (b"HTTP/1.1 200 OK\r\n"
                     b"Content-Type: text/html; charset=utf-8\r\n"
                     b"Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
                     b"Content-Encoding: gzip\r\n"
                     b"X-Caf\xc3\xa9: na\xc3\xafve\r\n\r\n") + BODY
    http_request = (b"GET /story?id=7&lang=vi HTTP/1.1\r\nHost: news.example\r\n"
                    b"User-Agent: newsarchive/0.1\r\nAccept-Encoding: gzip, deflate\r\n\r\n")
    expected = (
        b"WARC/1.1\r\n"
        b"WARC-Type: response\r\n"
        b"WARC-Record-ID: <urn:uuid:22222222-2222-2222-2222-222222222222>\r\n"
        b"WARC-Date: 2024-01-17T11:21:53.123456Z\r\n"
        b"WARC-Target-URI: http://news.example/story?id=7&lang=vi\r\n"
        b"WARC-IP-Address: 127.0.0.1\r\n"
        b"WARC-Concurrent-To: <urn:uuid:11111111-1111-1111-1111-111111111111>\r\n"
        b"WARC-Warcinfo-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
        + f"WARC-Payload-Digest: {sha1_digest(BODY)}\r\n".encode()
        + f"WARC-Block-Digest: {sha1_digest(http_response)}\r\n".encode()
        + b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(http_response)}\r\n\r\n".encode()
        + http_response + b"\r\n\r\n"
        + b"WARC/1.1\r\n"
        b"WARC-Type: request\r\n"
        b"WARC-Record-ID: <urn:uuid:11111111-1111-1111-1111-111111111111>\r\n"
        b"WARC-Date: 2024-01-17T11:21:53.123456Z\r\n"
        b"WARC-Target-URI: http://news.example/story?id=7&lang=vi\r\n"
        b"WARC-IP-Address: 127.0.0.1\r\n"
        b"WARC-Concurrent-To: <urn:uuid:22222222-2222-2222-2222-222222222222>\r\n"
        b"WARC-Warcinfo-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
        + f"WARC-Payload-Digest: {sha1_digest(b'')}\r\n".encode()
        + f"WARC-Block-Digest: {sha1_digest(http_request)}\r\n".encode()
        + b"Content-Type: application/http; msgtype=request\r\n"
        + f"Content-Length: {len(http_request)}\r\n\r\n".encode()
        + http_request + b"\r\n\r\n")
    assert data == expected


def test_warcio_reads_our_records_and_digests_verify() -> None:
    request, response = build_exchange_records(exchange(), warcinfo_id=None)
    records = list(ArchiveIterator(io.BytesIO(serialise(response, request)), check_digests=True))
    assert [r.rec_type for r in records] == ["response", "request"]
    assert records[0].http_headers.get_statuscode() == "200"
    assert [v for k, v in records[0].http_headers.headers if k == "Set-Cookie"] == ["a=1", "b=2"]


def test_warcinfo_golden_bytes() -> None:
    record = build_warcinfo_record("x.warc.gz", {"software": "newsarchive/0.1", "isPartOf": "c1"},
                                   when=WHEN, record_id="<urn:uuid:33333333-3333-3333-3333-333333333333>")
    body = b"software: newsarchive/0.1\r\nisPartOf: c1\r\n"
    assert serialise(record) == (
        b"WARC/1.1\r\n"
        b"WARC-Date: 2024-01-17T11:21:53.123456Z\r\n"
        b"WARC-Filename: x.warc.gz\r\n"
        b"WARC-Record-ID: <urn:uuid:33333333-3333-3333-3333-333333333333>\r\n"
        b"WARC-Type: warcinfo\r\n"
        + f"WARC-Block-Digest: {sha1_digest(body)}\r\n".encode()
        + b"Content-Type: application/warc-fields\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode() + body + b"\r\n\r\n")


def test_raw_chunked_exchange_is_kept_as_sent() -> None:
    """Wire bytes win: true reason phrase, header case and order, chunk framing; the
    payload digest is that of the de-chunked entity body (WARC 1.1, 6.3.2)."""
    head = (b"HTTP/1.1 200 Fine Thanks\r\nset-cookie: a=1\r\nContent-Type: text/html\r\n"
            b"Set-Cookie: b=2\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n")
    wire_body = b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n"
    raw_request = b"GET /story?id=7&lang=vi HTTP/1.1\r\nHost: news.example\r\n\r\n"
    ex = exchange()
    ex.raw_response, ex.raw_request = head + wire_body, raw_request
    request, response = build_exchange_records(ex, warcinfo_id=None)
    data = serialise(response, request)
    assert head + wire_body + b"\r\n\r\n" in data
    assert raw_request + b"\r\n\r\n" in data
    assert response.rec_headers.get_header("WARC-Payload-Digest") == sha1_digest(b"Hello, world")
    assert response.rec_headers.get_header("WARC-Block-Digest") == sha1_digest(head + wire_body)


@pytest.mark.parametrize("library, level", [("isal", None), ("isal", 0), ("zlib", None), ("zlib", 9)])
def test_every_gzip_library_writes_members_plain_readers_read(tmp_path: Path, library: str,
                                                              level: int | None) -> None:
    """ISA-L (the default) and zlib both write standard gzip members: Python's gzip reads
    the file whole, warcio record by record, and the digests verify."""
    from archive.warc.writer import WarcWriter

    writer = WarcWriter(tmp_path, info={"software": "t"}, gzip=library, gzip_level=level)
    location = writer.write_exchange(exchange())
    writer.close()
    path = tmp_path / location.file
    plain = gzip.decompress(path.read_bytes())
    assert plain.startswith(b"WARC/1.1\r\n") and b"WARC-Type: warcinfo" in plain[:400] and BODY in plain
    with open(path, "rb") as fh:
        records = list(ArchiveIterator(fh, check_digests=True))
        types = [r.rec_type for r in records]
    assert types == ["warcinfo", "request", "response"]
    with open(path, "rb") as fh:
        fh.seek(location.offset)
        response = next(iter(ArchiveIterator(fh)))
        assert response.rec_type == "response" and response.raw_stream.read() == BODY


def test_unknown_gzip_library_or_level_is_refused(tmp_path: Path) -> None:
    from archive.warc.writer import WarcWriter

    with pytest.raises(ValueError, match="unknown gzip library"):
        WarcWriter(tmp_path, gzip="bz2")
    with pytest.raises(ValueError, match="isal levels are 0-3"):
        WarcWriter(tmp_path, gzip="isal", gzip_level=6)

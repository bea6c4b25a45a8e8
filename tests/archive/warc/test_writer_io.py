"""How the WARC writer puts records down: one system call an exchange, a short write
finished or cut back, a payload handed to warcio whole, index lookups beside the writer."""

from __future__ import annotations

import gzip
import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.errors import ArchiveWriteError
from archive.store.index import Index
from archive.warc import writer as writer_module
from archive.warc.records import Exchange, Payload
from archive.warc.writer import WarcWriter, write_all

WHEN = datetime(2024, 1, 17, 11, 21, 53, 123456, tzinfo=timezone.utc)
BODY = b"<html><body>" + b"<p>A paragraph of the story.</p>" * 4000 + b"</body></html>"


def exchange(url: str = "http://news.example/a") -> Exchange:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(BODY)
    return Exchange(url=url, method=b"GET", request_headers=[(b"Host", b"news.example")],
                    request_body=b"", status=200, protocol="HTTP/1.1",
                    response_headers=[(b"Content-Type", b"text/html")], body=BODY, fetched_at=WHEN,
                    raw_request=b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", raw_response=head + BODY)


def test_an_exchange_goes_down_in_one_system_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = WarcWriter(tmp_path, info={"software": "t"})
    calls: list[int] = []
    real = os.writev

    def counting(fd: int, buffers: list[memoryview]) -> int:
        calls.append(len(buffers))
        return real(fd, buffers)

    monkeypatch.setattr(writer_module.os, "writev", counting)
    first = writer.write_exchange(exchange())
    calls.clear()
    second = writer.write_exchange(exchange("http://news.example/b"))
    assert calls == [2]  # request and response members, together
    writer.close()
    data = (tmp_path / second.file).read_bytes()
    assert second.offset > first.offset + first.length
    assert len(data) == second.offset + second.length
    assert BODY in gzip.decompress(data[second.offset:second.offset + second.length])


def test_short_writes_are_finished(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    parts = [b"a" * 70_000, b"b" * 5, b"c" * 100_000]
    received = bytearray()

    def drain() -> None:
        while chunk := os.read(read_end, 65536):
            received.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    write_all(write_end, parts)  # a pipe takes 64 KB at a time: writev comes back short
    os.close(write_end)
    reader.join()
    os.close(read_end)
    assert bytes(received) == b"".join(parts)


def test_a_failed_write_leaves_no_part_of_the_exchange(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    writer = WarcWriter(tmp_path, info={"software": "t"})
    kept = writer.write_exchange(exchange())
    real = os.writev

    def half_then_full(fd: int, buffers: list[memoryview]) -> int:
        if len(buffers) > 1:
            return real(fd, [buffers[0]])  # the request member lands, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer_module.os, "writev", half_then_full)
    with pytest.raises(ArchiveWriteError):
        writer.write_exchange(exchange("http://news.example/b"))
    monkeypatch.setattr(writer_module.os, "writev", real)
    after = writer.write_exchange(exchange("http://news.example/c"))
    assert after.offset > kept.offset + kept.length  # written where the failed one began
    writer.close()
    data = (tmp_path / after.file).read_bytes()
    assert len(data) == after.offset + after.length
    plain = gzip.decompress(data)
    assert b"http://news.example/b" not in plain and b"http://news.example/c" in plain


def test_warcio_gets_the_payload_in_one_piece() -> None:
    payload = Payload(memoryview(BODY)[10:])
    assert bytes(payload.read(16384)) == BODY[10:]  # all of it, whatever the size asked
    assert not payload.read(16384)
    payload.seek(0)
    assert payload.tell() == 0 and bytes(payload.read()) == BODY[10:]


def test_lookups_of_earlier_captures_do_not_wait_for_the_writer(tmp_path: Path) -> None:
    """The crawl asks, for each request, for the URL's last capture; the WARC writer
    thread holds the index's write lock while it inserts rows."""
    index = Index(tmp_path / "index.sqlite3")
    index.add_capture(crawl_id="c", url="http://news.example/a", status=200, fetched_at="2024-01-17",
                      warc_file="f.warc.gz", warc_offset=0, warc_length=10, record_id="<urn:uuid:1>",
                      payload_digest="sha1:X", content_type="text/html", ip_address=None,
                      record_type="response", etag=None, last_modified=None)
    found: list[object] = []
    with index.lock:  # the writer, inserting
        looker = threading.Thread(target=lambda: found.append(index.last_full_capture("http://news.example/a")))
        looker.start()
        looker.join(timeout=5)
        assert not looker.is_alive(), "the lookup waited for the writer's lock"
    assert found and found[0] is not None and found[0]["record_id"] == "<urn:uuid:1>"
    index.close()
    with pytest.raises(sqlite3.ProgrammingError):  # closed means closed, for lookups too
        index.last_full_capture("http://news.example/a")


def test_records_prepared_for_a_closed_file_name_the_file_they_go_in(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, info={"software": "t"})
    writer.write_exchange(exchange())
    prepared = writer.prepare_exchange(exchange("http://news.example/b"))
    writer.close()  # rotated before it was written
    location = writer.write_prepared(prepared)
    writer.close()
    with open(tmp_path / location.file, "rb") as fh:
        records = list(ArchiveIterator(fh))
    warcinfo_id = records[0].rec_headers.get_header("WARC-Record-ID")
    assert [r.rec_type for r in records] == ["warcinfo", "request", "response"]
    assert all(r.rec_headers.get_header("WARC-Warcinfo-ID") == warcinfo_id for r in records[1:])


def test_threads_writing_at_once_keep_each_exchange_whole(tmp_path: Path) -> None:
    """Several threads prepare and write exchanges at once, the files rotating under them:
    each request lies just before its response, and names its file's warcinfo record."""
    writer = WarcWriter(tmp_path, info={"software": "t"}, max_size=5_000)

    def work(thread: int) -> None:
        for i in range(15):
            writer.write_exchange(exchange(f"http://news.example/{thread}/{i}"))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.close()
    urls = []
    assert len(writer.files_closed) > 3
    for name in writer.files_closed:
        with open(tmp_path / name, "rb") as fh:
            records = list(ArchiveIterator(fh, check_digests=True))
        assert records[0].rec_type == "warcinfo"
        warcinfo_id = records[0].rec_headers.get_header("WARC-Record-ID")
        pairs = records[1:]
        assert len(pairs) % 2 == 0
        for request, response in zip(pairs[::2], pairs[1::2], strict=True):
            assert (request.rec_type, response.rec_type) == ("request", "response")
            assert request.rec_headers.get_header("WARC-Concurrent-To") == \
                response.rec_headers.get_header("WARC-Record-ID")
            assert request.rec_headers.get_header("WARC-Warcinfo-ID") == warcinfo_id
            assert response.rec_headers.get_header("WARC-Warcinfo-ID") == warcinfo_id
            urls.append(response.rec_headers.get_header("WARC-Target-URI"))
    assert sorted(urls) == sorted(f"http://news.example/{t}/{i}" for t in range(4) for i in range(15))


def test_a_file_whose_warcinfo_cannot_be_written_is_not_used(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk is full when a new file's warcinfo record is written: the empty file goes,
    and once there is room the next exchange opens a file that holds its warcinfo."""
    writer = WarcWriter(tmp_path, info={"software": "t"})
    real = os.writev

    def full(fd: int, buffers: list[memoryview]) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer_module.os, "writev", full)
    with pytest.raises(ArchiveWriteError):
        writer.write_exchange(exchange())
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(writer_module.os, "writev", real)
    location = writer.write_exchange(exchange("http://news.example/c"))
    writer.close()
    plain = gzip.decompress((tmp_path / location.file).read_bytes())
    assert b"WARC-Type: warcinfo" in plain.split(b"\r\n\r\n", 1)[0]  # its first record
    assert b"http://news.example/c" in plain

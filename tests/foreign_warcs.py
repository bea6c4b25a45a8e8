"""Small WARC files as other tools write them, made with warcio (fixed ids and dates),
for tests that then damage them byte by byte or read them through the command line."""

from __future__ import annotations

import io
import random
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fixtures.textgen import article, title

DATE = "2024-01-02T03:04:05Z"


def page_html(number: int) -> bytes:
    """An article page of about 2 KB whose text extraction keeps."""
    rng = random.Random(number)
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article("en", rng, (5, 6)))
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title('en', rng)}</title>"
            f"<meta property='og:type' content='article'></head><body><article>"
            f"<h1>Story {number}</h1>\n{paragraphs}</article></body></html>").encode("utf-8")


def record_id(kind: str, number: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{kind[:2].encode().hex()}{number:08d}>"


def response_record(writer: WARCWriter, number: int, *, body: bytes | None = None,
                    http_headers: list[tuple[str, str]] | None = None,
                    extra: dict[str, str] | None = None, uri: str | None = None):
    """A response record of ``page_html(number)`` (or ``body``) as warcio writes it:
    payload digest over the body as given."""
    body = page_html(number) if body is None else body
    headers = StatusAndHeaders("200 OK", http_headers or [
        ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1")
    fields = {"WARC-Record-ID": record_id("response", number), "WARC-Date": DATE}
    fields.update(extra or {})
    return writer.create_warc_record(uri or f"http://news.example/story/{number}", "response",
                                     payload=io.BytesIO(body), length=len(body),
                                     http_headers=headers, warc_headers_dict=fields)


def request_record(writer: WARCWriter, number: int, *, extra: dict[str, str] | None = None,
                   uri: str | None = None):
    headers = StatusAndHeaders(f"GET /story/{number} HTTP/1.1", [("Host", "news.example")],
                               is_http_request=True)
    fields = {"WARC-Record-ID": record_id("request", number), "WARC-Date": DATE}
    fields.update(extra or {})
    return writer.create_warc_record(uri or f"http://news.example/story/{number}", "request",
                                     payload=io.BytesIO(b""), length=0, http_headers=headers,
                                     warc_headers_dict=fields)


def write_pages(path: Path, count: int, *, gzip: bool = True, requests: bool = True) -> Path:
    """``count`` request/response pairs (the request naming its response, as warcio and
    Heritrix write it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip, warc_version="WARC/1.1")
        for number in range(count):
            writer.write_record(response_record(writer, number))
            if requests:
                writer.write_record(request_record(writer, number, extra={
                    "WARC-Concurrent-To": record_id("response", number)}))
    return path


def write_arc(path: Path, count: int, *, gzip: bool) -> Path:
    """An ARC v1 file (as the Internet Archive's crawlers wrote before WARC): a filedesc
    record, then one record per page; ``gzip``: one gzip member per record."""
    import gzip as gz

    def member(header: str, block: bytes) -> bytes:
        raw = header.encode("latin-1") + b"\n" + block + b"\n"
        return gz.compress(raw, mtime=0) if gzip else raw

    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [member(f"filedesc://{path.name} 0.0.0.0 20240102030405 text/plain {len(desc)}", desc)]
    for number in range(count):
        body = page_html(number)
        block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                 % len(body)) + body
        out.append(member(f"http://news.example/story/{number} 192.0.2.1 20240102030405 "
                          f"text/html {len(block)}", block))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(out))
    return path

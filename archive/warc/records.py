"""Build WARC 1.1 records from one HTTP exchange, byte for byte.

warcio re-encodes HTTP headers (non-ASCII is percent-encoded, repeated headers
may be reordered by callers); ``RawHttpHeaders`` keeps the block exactly as it
crossed the wire, so the block digest is the digest of what was received.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from urllib.parse import urlsplit
from typing import Any

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date

from archive import __version__
from .wire import dechunk, head_end, is_chunked, parse_head
from .reader import sha1_digest

__all__ = ["REQUESTED_URI_HEADER", "Exchange", "PriorCapture", "revisit_profile", "NOT_MODIFIED",
           "IDENTICAL", "RawHttpHeaders", "build_exchange_records", "build_warcinfo_record",
           "warc_date", "SOFTWARE"]

SOFTWARE = f"newsarchive/{__version__}"
# WARC extension field on a response reached through redirects: the URL first requested.
# (WARC 1.1 allows extension fields; names starting "WARC-" are reserved for the standard.)
REQUESTED_URI_HEADER = "NewsArchive-Requested-URI"
Header = tuple[bytes, bytes]


@dataclass(frozen=True)
class PriorCapture:
    record_id: str
    target_uri: str
    date: str  # its WARC-Date
    payload_digest: str
    etag: str | None = None
    last_modified: str | None = None


NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
IDENTICAL = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


@dataclass
class Exchange:
    """One HTTP request and its response, as sent and as received."""

    url: str
    method: bytes
    request_headers: list[Header]
    request_body: bytes
    status: int
    protocol: str  # "HTTP/1.1"
    response_headers: list[Header]
    body: bytes  # as received: content-encoding kept
    fetched_at: datetime
    reason: str | None = None  # reason phrase when the transport kept it
    ip_address: str | None = None
    truncated: str | None = None  # WARC-Truncated reason ("length", "time", ...)
    extra_warc_headers: dict[str, str] = field(default_factory=dict)
    # The exact bytes sent and received, when the transport kept them: then the
    # records hold these instead of a message rebuilt from the parsed fields.
    raw_request: bytes | None = None
    raw_response: bytes | None = None
    # The URL's last full capture, when this request was conditional (a re-crawl):
    # then a 304, or a 200 with the same payload, is archived as a revisit record.
    prior: PriorCapture | None = None


    def request_line(self) -> bytes:
        parts = urlsplit(self.url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        return self.method + b" " + target.encode("ascii", "surrogateescape") + b" " + \
            self.protocol.encode("ascii")

    def status_line(self) -> bytes:
        reason = self.reason
        if reason is None:
            try:
                reason = HTTPStatus(self.status).phrase
            except ValueError:
                reason = ""
        return f"{self.protocol} {self.status} {reason}".rstrip().encode("latin-1")


class RawHttpHeaders(StatusAndHeaders):  # type: ignore[misc]  # warcio is untyped (no stubs)
    """StatusAndHeaders whose serialised form is the exact bytes given."""

    def __init__(self, first_line: bytes, headers: list[Header], *, is_request: bool,
                 raw: bytes | None = None) -> None:
        line = first_line.decode("latin-1")
        protocol, _, rest = line.partition(" ")
        pairs = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers]
        if is_request:
            super().__init__(line, pairs, is_http_request=True)
        else:
            super().__init__(rest, pairs, protocol=protocol)
        self._raw = raw if raw is not None else (
            first_line + b"\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n")

    @classmethod
    def from_head(cls, head: bytes, *, is_request: bool) -> RawHttpHeaders:
        """Headers whose serialised form is ``head`` exactly (blank line included)."""
        first, headers = parse_head(head)
        return cls(first, headers, is_request=is_request, raw=head)

    def compute_headers_buffer(self, header_filter: Any = None) -> None:  # warcio's API
        self.headers_buff = self._raw


class Payload:
    """A record's block after its HTTP headers, for warcio to write: ``read`` hands over
    all that is left in one piece (a view of the bytes received, not a copy), where a
    BytesIO would be copied out 16 KB at a time, each piece copied again by the writer."""

    def __init__(self, data: bytes | memoryview) -> None:
        self._data = data
        self._pos = 0

    def read(self, size: int = -1) -> bytes | memoryview:  # whatever ``size``: all that is left
        data = self._data if self._pos == 0 else self._data[self._pos:]
        self._pos = len(self._data)
        return data

    def tell(self) -> int:
        return self._pos

    def seek(self, pos: int, whence: int = 0) -> int:
        self._pos = pos if whence == 0 else (self._pos + pos if whence == 1 else len(self._data) + pos)
        return self._pos

    def close(self) -> None:
        pass


def _http_block(raw: bytes | None, first_line: bytes, headers: list[Header], body: bytes, *,
                is_request: bool) -> tuple[RawHttpHeaders, bytes | memoryview, str]:
    """(headers, block body, payload digest): from the wire bytes when they parse, else
    rebuilt from the parsed fields. The payload digest is that of the entity body, with
    any chunked transfer coding removed (WARC 1.1, 6.3.2; warc-specifications#22)."""
    end = head_end(raw) if raw else -1
    if raw and end >= 0:
        first, parsed = parse_head(raw[:end])
        http_headers = RawHttpHeaders(first, parsed, is_request=is_request, raw=raw[:end])
        wire_body = memoryview(raw)[end:]  # the body as received, not copied
        entity: bytes | memoryview = wire_body
        if is_chunked(parsed):
            entity, _complete = dechunk(bytes(wire_body))
        return http_headers, wire_body, sha1_digest(entity)
    return RawHttpHeaders(first_line, headers, is_request=is_request), body, sha1_digest(body)


def _block_digest(http_headers: RawHttpHeaders, body: bytes | memoryview) -> str:
    """The block digest (HTTP headers and body), in two hash calls. warcio's own would
    feed the body in 16 KB pieces, each giving up and taking back the GIL: behind a busy
    reactor thread every take-back waits up to 5 ms (sys.getswitchinterval)."""
    digest = hashlib.sha1(http_headers._raw)
    digest.update(body)
    return "sha1:" + base64.b32encode(digest.digest()).decode("ascii")


def warc_date(when: datetime) -> str:
    """WARC 1.1 date with microseconds, UTC."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    return str(datetime_to_iso_date(when, use_micros=True))


def _builder() -> RecordBuilder:
    return RecordBuilder(warc_version="WARC/1.1")


def build_exchange_records(ex: Exchange, *, warcinfo_id: str | None,
                           request_id: str | None = None,
                           response_id: str | None = None) -> tuple[ArcWarcRecord, ArcWarcRecord]:
    """The (request, response) record pair for ``ex``; ids may be injected (tests)."""
    builder = _builder()
    date = warc_date(ex.fetched_at)
    response_id = response_id or builder._make_warc_id()
    request_id = request_id or builder._make_warc_id()

    def headers(record_type: str, record_id: str, concurrent: str, digest: str) -> dict[str, str]:
        # Conventional order (Heritrix, wget): type, id, date, target, then the rest.
        fields = {"WARC-Type": record_type, "WARC-Record-ID": record_id, "WARC-Date": date,
                  "WARC-Target-URI": ex.url}
        if ex.ip_address:
            fields["WARC-IP-Address"] = ex.ip_address
        fields["WARC-Concurrent-To"] = concurrent
        if warcinfo_id:
            fields["WARC-Warcinfo-ID"] = warcinfo_id
        fields["WARC-Payload-Digest"] = digest
        return fields

    http_resp, resp_body, resp_digest = _http_block(
        ex.raw_response, ex.status_line(), ex.response_headers, ex.body, is_request=False)
    profile = revisit_profile(ex, resp_digest)
    resp_headers = headers("revisit" if profile else "response", response_id, request_id,
                           ex.prior.payload_digest if profile and ex.prior else resp_digest)
    if profile and ex.prior:
        # WARC 1.1 6.7: the block holds the HTTP headers only; the payload is the original's
        resp_body = b""
        resp_headers.update({"WARC-Profile": profile, "WARC-Refers-To": ex.prior.record_id,
                             "WARC-Refers-To-Target-URI": ex.prior.target_uri,
                             "WARC-Refers-To-Date": ex.prior.date})
    if ex.truncated:
        resp_headers["WARC-Truncated"] = ex.truncated
    resp_headers.update(ex.extra_warc_headers)
    response = builder.create_warc_record(
        ex.url, "revisit" if profile else "response", payload=Payload(resp_body), length=len(resp_body),
        warc_headers_dict=resp_headers, http_headers=http_resp)

    http_req, req_body, req_digest = _http_block(
        ex.raw_request, ex.request_line(), ex.request_headers, ex.request_body, is_request=True)
    request = builder.create_warc_record(
        ex.url, "request", payload=Payload(req_body), length=len(req_body),
        warc_headers_dict=headers("request", request_id, response_id, req_digest),
        http_headers=http_req)
    # warcio computes digests lazily at write time; do it now so callers can read them
    # (the header goes where warcio's ensure_digest would put it, last).
    response.rec_headers.add_header("WARC-Block-Digest", _block_digest(http_resp, resp_body))
    request.rec_headers.add_header("WARC-Block-Digest", _block_digest(http_req, req_body))
    return request, response


def revisit_profile(ex: Exchange, payload_digest: str) -> str | None:
    """The revisit profile for this exchange, or None when it is archived in full."""
    if ex.prior is None:
        return None
    if ex.status == 304:
        return NOT_MODIFIED
    if ex.status == 200 and payload_digest == ex.prior.payload_digest:
        return IDENTICAL
    return None


def build_warcinfo_record(filename: str, info: dict[str, str], *, when: datetime,
                          record_id: str | None = None) -> ArcWarcRecord:
    """A warcinfo record: ``info`` as ``key: value`` lines (application/warc-fields)."""
    builder = _builder()
    body = "".join(f"{k}: {v}\r\n" for k, v in info.items()).encode("utf-8")
    headers = {"WARC-Date": warc_date(when), "WARC-Filename": filename}
    if record_id:
        headers["WARC-Record-ID"] = record_id
    return builder.create_warc_record("", "warcinfo", payload=io.BytesIO(body),
                                      length=len(body), warc_content_type="application/warc-fields",
                                      warc_headers_dict=headers)

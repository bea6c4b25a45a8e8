"""Read WARC files record by record, strictly, with exact offsets.

warcio's iterator is lenient: it passes a file cut mid-record. This reader
walks the gzip members itself, so every record comes with its offset and
length, and a truncated or corrupt member is reported, not skipped.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WarcRecordView", "ReadProblem", "iter_records", "read_record_at", "sha1_digest",
           "decode_content", "decode_body"]

CHUNK = 1 << 20


def sha1_digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


@dataclass
class ReadProblem:
    file: str
    offset: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}@{self.offset}: {self.message}"


@dataclass
class WarcRecordView:
    """One WARC record: its headers and block, where it lies in its file."""

    file: str
    offset: int
    length: int
    version: str
    headers: list[tuple[str, str]]
    block: bytes
    trailer_ok: bool
    declared_length: int

    def get(self, name: str, default: str | None = None) -> str | None:
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return default

    @property
    def type(self) -> str:
        return self.get("WARC-Type") or ""

    @property
    def record_id(self) -> str:
        return self.get("WARC-Record-ID") or ""

    @property
    def target_uri(self) -> str | None:
        uri = self.get("WARC-Target-URI")
        # wget (1.21) writes <http://...>, after the WARC 1.0 grammar's angle brackets
        if uri and uri.startswith("<") and uri.endswith(">"):
            return uri[1:-1]
        return uri

    def is_http(self) -> bool:
        return (self.get("Content-Type") or "").startswith("application/http")

    def http_parts(self) -> tuple[bytes, bytes]:
        """(HTTP head with its blank line, payload) of an application/http block. The head
        ends at its first empty line, CRLF or a bare LF (Nutch, ClueWeb09)."""
        pos = 0
        block = self.block
        while True:
            eol = block.find(b"\n", pos)
            if eol < 0:
                return block, b""
            if eol == pos or (eol == pos + 1 and block[pos] == 0x0D):
                if pos:  # an empty line ends the head; not a leading one
                    return block[:eol + 1], block[eol + 1:]
            pos = eol + 1

    def http_entity(self) -> tuple[bytes, bool]:
        """(entity body, taken as recorded): the payload with any chunked transfer coding
        removed. A body the headers call chunked but that is not (a recorder stored the
        decoded body) is taken as it is."""
        from .http_wire import chunked_entity, is_chunked, parse_head
        head, body = self.http_parts()
        if is_chunked(parse_head(head)[1]):
            return chunked_entity(body)
        return body, False

    def http_payload(self) -> bytes:
        """The entity body: the payload with any chunked transfer coding removed."""
        return self.http_entity()[0]

    def http_status(self) -> int | None:
        head, _ = self.http_parts()
        first = head.split(b"\n", 1)[0].split()
        try:
            return int(first[1])
        except (IndexError, ValueError):
            return None

    def http_headers(self) -> list[tuple[str, str]]:
        from .http_wire import parse_head
        head, _ = self.http_parts()
        return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in parse_head(head)[1]]

    def http_header(self, name: str) -> str | None:
        lname = name.lower()
        for k, v in self.http_headers():
            if k.lower() == lname:
                return v
        return None


def parse_record(data: bytes, file: str, offset: int, length: int) -> WarcRecordView:
    end = data.find(b"\r\n\r\n")
    if end < 0:
        raise ValueError("no end of WARC headers")
    lines = data[:end].decode("utf-8").split("\r\n")
    version = lines[0]
    if not version.startswith("WARC/"):
        raise ValueError(f"not a WARC record (starts {version[:20]!r})")
    headers = []
    for line in lines[1:]:
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"bad WARC header line {line[:40]!r}")
        headers.append((key.strip(), value.strip()))
    clen = next((v for k, v in headers if k.lower() == "content-length"), None)
    if clen is None or not clen.isdigit():
        raise ValueError("no valid Content-Length")
    declared = int(clen)
    block = data[end + 4:end + 4 + declared]
    trailer = data[end + 4 + declared:]
    return WarcRecordView(file, offset, length, version, headers, block,
                          trailer == b"\r\n\r\n", declared)


_GZIP_MAGIC = b"\x1f\x8b\x08"


def _next_member(fh, start: int) -> int | None:  # noqa: ANN001
    """The offset of the next gzip header at or after ``start``, or None."""
    fh.seek(start)
    pos, tail = start, b""
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(_GZIP_MAGIC)
        if found >= 0:
            return pos - len(tail) + found
        tail = data[-2:]
        pos += len(chunk)


def _iter_gzip_members(fh, name: str) -> Iterator[tuple[int, int, bytes] | ReadProblem]:  # noqa: ANN001
    """Members with their offsets. A corrupt member is reported and skipped: reading
    goes on at the next gzip header, so one bad record does not hide the rest."""
    member_start = 0
    while True:
        fh.seek(member_start)
        base = member_start  # file offset of the first byte of ``data``
        decomp = zlib.decompressobj(31)
        out: list[bytes] = []
        pending = False
        bad: str | None = None
        while bad is None:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            data = chunk
            while data:
                try:
                    out.append(decomp.decompress(data))
                except zlib.error as exc:
                    bad = f"corrupt gzip member ({exc})"
                    break
                pending = True
                if decomp.eof:
                    unused = decomp.unused_data
                    end = base + len(data) - len(unused)
                    yield member_start, end - member_start, b"".join(out)
                    member_start, base, data = end, end, unused
                    decomp, out, pending = zlib.decompressobj(31), [], False
                    if data and not data.startswith(b"\x1f\x8b"):
                        bad = "garbage between records"
                        break
                else:
                    base += len(data)
                    data = b""
        if bad is None:
            if pending:
                yield ReadProblem(name, member_start, "truncated gzip member (file ends mid-record)")
            return
        resume = _next_member(fh, member_start + 1)
        skipped = "to the end of the file" if resume is None else f"{resume - member_start} bytes skipped"
        yield ReadProblem(name, member_start, f"{bad}; {skipped}")
        if resume is None:
            return
        member_start = resume


def _iter_plain_records(fh, name: str) -> Iterator[tuple[int, int, bytes] | ReadProblem]:
    data = fh.read()
    pos = 0
    while pos < len(data):
        end = data.find(b"\r\n\r\n", pos)
        if end < 0:
            yield ReadProblem(name, pos, "truncated record headers")
            return
        head = data[pos:end].decode("utf-8", "replace")
        clen = None
        for line in head.split("\r\n"):
            if line.lower().startswith("content-length:"):
                clen = line.split(":", 1)[1].strip()
        if clen is None or not clen.isdigit():
            yield ReadProblem(name, pos, "record without a valid Content-Length")
            return
        stop = end + 4 + int(clen) + 4
        if stop > len(data):
            yield ReadProblem(name, pos, "truncated record (file ends mid-record)")
            return
        yield pos, stop - pos, data[pos:stop]
        pos = stop


WACZ_SEP = "#"  # "x.wacz#archive/y.warc.gz": a WARC inside a WACZ


def iter_records(path: str | Path) -> Iterator[WarcRecordView | ReadProblem]:
    """Every record of a WARC file (gzip per record, or uncompressed), then any problem.
    A WACZ is read as the WARCs it holds, named ``x.wacz#archive/y.warc.gz``."""
    path = Path(path)
    if path.suffix == ".wacz":
        import zipfile
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if member.startswith("archive/") and ".warc" in member:
                    with zf.open(member) as fh:
                        yield from _iter_stream(fh, f"{path.name}{WACZ_SEP}{member}")
        return
    with open(path, "rb") as fh:
        yield from _iter_stream(fh, path.name)


def _iter_stream(fh, name: str) -> Iterator[WarcRecordView | ReadProblem]:  # noqa: ANN001
    magic = fh.read(2)
    fh.seek(0)
    members = (_iter_gzip_members(fh, name) if magic == b"\x1f\x8b"
               else _iter_plain_records(fh, name))
    for item in members:
        if isinstance(item, ReadProblem):
            yield item
            continue
        offset, length, data = item
        try:
            yield parse_record(data, name, offset, length)
        except (ValueError, UnicodeDecodeError) as exc:
            yield ReadProblem(name, offset, f"unparsable record: {exc}")


def read_record_at(path: str | Path, offset: int, length: int | None = None) -> WarcRecordView:
    """The record at ``offset`` (one gzip member, or an uncompressed record); ``path``
    may name a WARC inside a WACZ (``x.wacz#archive/y.warc.gz``)."""
    path = Path(path)
    if WACZ_SEP in path.name:
        import zipfile
        wacz, member = str(path).split(WACZ_SEP, 1)
        with zipfile.ZipFile(wacz) as zf, zf.open(member) as fh:
            fh.seek(offset)
            raw = fh.read(length) if length else fh.read()
    else:
        with open(path, "rb") as fh:
            fh.seek(offset)
            raw = fh.read(length) if length else fh.read()
    if raw[:2] == b"\x1f\x8b":
        decomp = zlib.decompressobj(31)
        data = decomp.decompress(raw)
        if not decomp.eof:
            raise ValueError("truncated gzip member")
        used = len(raw) - len(decomp.unused_data)
        return parse_record(data, path.name, offset, used)
    return parse_record(raw, path.name, offset, len(raw))


def decode_content(payload: bytes, content_encoding: str | None) -> bytes:
    """The payload with its Content-Encoding undone (gzip, deflate; br and zstd when
    their libraries are installed), as a browser would see it."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            payload = zlib.decompressobj(47).decompress(payload)
        elif coding == "deflate":
            try:
                payload = zlib.decompress(payload)
            except zlib.error:
                payload = zlib.decompress(payload, -15)  # raw deflate, as some servers send
        elif coding == "br":
            import brotli  # type: ignore[import-not-found]
            payload = brotli.decompress(payload)
        elif coding == "zstd":
            import zstandard  # type: ignore[import-not-found]
            payload = zstandard.ZstdDecompressor().decompressobj().decompress(payload)
        elif coding != "identity":
            raise ValueError(f"unknown Content-Encoding {coding!r}")
    return payload


_MAGIC = {"gzip": b"\x1f\x8b", "x-gzip": b"\x1f\x8b", "zstd": b"\x28\xb5\x2f\xfd"}


def decode_body(payload: bytes, content_encoding: str | None) -> tuple[bytes, bool]:
    """(decoded payload, taken as recorded). A payload that does not decode and does not
    start like its Content-Encoding (a recorder stored it decoded and kept the header;
    ClueWeb09 did so) is taken as it is, as replay tools do. One that starts like it and
    still fails is damaged: the error is raised."""
    try:
        return decode_content(payload, content_encoding), False
    except ImportError:
        raise
    except Exception:  # noqa: BLE001 - zlib, brotli and zstandard raise their own errors
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        magic = _MAGIC.get(codings[-1]) if codings else None
        if magic is not None and payload.startswith(magic):
            raise
        return payload, True

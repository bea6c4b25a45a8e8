"""Read WARC (and ARC) files record by record, with exact offsets.

warcio's iterator is lenient: it passes a file cut mid-record. This reader
(``warc_scan``) walks the gzip members itself, so every record comes with its
offset and length, and a truncated or corrupt member, a wrong Content-Length or
garbage is reported once; reading goes on at the next record.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["WarcRecordView", "ReadProblem", "iter_records", "read_record_at", "sha1_digest",
           "digest_matches",
           "decode_content", "decode_body"]



def sha1_digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def digest_matches(declared: str, *candidates: bytes) -> bool | None:
    """Whether ``declared`` ("sha1:...", in base32 as Heritrix and we write it, in hex as
    warcprox does, or in base64) is the digest of one of ``candidates``; None when its
    algorithm or encoding is not known."""
    algorithm, sep, value = declared.partition(":")
    algorithm = algorithm.strip().lower().replace("-", "")
    value = value.strip()
    if not sep or algorithm not in hashlib.algorithms_guaranteed or algorithm.startswith("shake"):
        return None
    size = hashlib.new(algorithm).digest_size
    try:
        if len(value) == 2 * size and all(c in "0123456789abcdefABCDEF" for c in value):
            expected = bytes.fromhex(value)
        elif len(value.rstrip("=")) == -(-size * 8 // 5):
            bare = value.rstrip("=").upper()
            expected = base64.b32decode(bare + "=" * (-len(bare) % 8))
        else:
            bare = value.rstrip("=")
            expected = base64.b64decode(bare + "=" * (-len(bare) % 4), altchars=b"-_"
                                        if "-" in bare or "_" in bare else None, validate=True)
    except ValueError:
        return None
    if len(expected) != size:
        return None
    return any(hashlib.new(algorithm, data).digest() == expected for data in candidates)


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
    seekable: bool = True  # False: shares a gzip member (a whole-file gzip); offsets are then
    # positions in the decompressed stream

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


def _is_gzipped(fh: IO[bytes], name: str) -> bool:
    """By the first bytes; a file that starts like neither gzip nor a record (its first
    byte damaged) by its name."""
    head = fh.read(16)
    fh.seek(0)
    if head.startswith(b"\x1f\x8b"):
        return True
    if head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc:")):
        return False
    return name.removesuffix(".open").endswith(".gz")


def _iter_stream(fh: IO[bytes], name: str) -> Iterator[WarcRecordView | ReadProblem]:
    from .warc_scan import ByteSource, scan_records
    yield from scan_records(ByteSource(fh, _is_gzipped(fh, name), name), name)


WACZ_SEP = "#"  # "x.wacz#archive/y.warc.gz": a WARC inside a WACZ


def iter_records(path: str | Path) -> Iterator[WarcRecordView | ReadProblem]:
    """Every record of a WARC or ARC file (gzip per record, one gzip stream, or
    uncompressed), and every problem met, in file order. A WACZ is read as the WARCs it
    holds, named ``x.wacz#archive/y.warc.gz``."""
    path = Path(path)
    if path.suffix == ".wacz":
        import zipfile
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if member.startswith("archive/") and (".warc" in member or ".arc" in member):
                    with zf.open(member) as fh:
                        yield from _iter_stream(fh, f"{path.name}{WACZ_SEP}{member}")
        return
    with open(path, "rb") as fh:
        yield from _iter_stream(fh, path.name)


def read_record_at(path: str | Path, offset: int, length: int | None = None) -> WarcRecordView:
    """The record at ``offset`` (one gzip member, or an uncompressed record); ``path``
    may name a WARC inside a WACZ (``x.wacz#archive/y.warc.gz``)."""
    import io
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
    for item in _iter_stream(io.BytesIO(raw), path.name):
        if isinstance(item, ReadProblem):
            raise ValueError(item.message)
        item.offset += offset
        return item
    raise ValueError("no record there")


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

"""Read WARC (and ARC) files record by record, with exact offsets.

warcio's iterator is lenient: it passes a file cut mid-record. This reader
(``warc_scan``) walks the gzip members itself, so every record comes with its
offset and length, and a truncated or corrupt member, a wrong Content-Length or
garbage is reported once; reading goes on at the next record.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .record import ReadProblem, WarcRecordView, digest_matches, sha1_digest
from .scan import ByteSource, scan_records

__all__ = ["WarcRecordView", "ReadProblem", "iter_records", "read_record_at", "sha1_digest",
           "digest_matches", "wacz_warc_members", "WACZ_SEP",
           "decode_content", "decode_body"]



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
    yield from scan_records(ByteSource(fh, _is_gzipped(fh, name), name), name)


WACZ_SEP = "#"  # "x.wacz#archive/y.warc.gz": a WARC inside a WACZ


def iter_records(path: str | Path) -> Iterator[WarcRecordView | ReadProblem]:
    """Every record of a WARC or ARC file (gzip per record, one gzip stream, or
    uncompressed), and every problem met, in file order. A WACZ is read as the WARCs it
    holds, named ``x.wacz#archive/y.warc.gz``."""
    path = Path(path)
    if path.suffix == ".wacz":
        with zipfile.ZipFile(path) as zf:
            for member in wacz_warc_members(zf):
                with zf.open(member) as fh:
                    yield from _iter_stream(fh, f"{path.name}{WACZ_SEP}{member}")
        return
    with open(path, "rb") as fh:
        yield from _iter_stream(fh, path.name)


def wacz_warc_members(zf: zipfile.ZipFile) -> list[str]:
    """The WARC (and ARC) files a WACZ holds: its members under ``archive/``."""
    return [m for m in zf.namelist()
            if m.startswith("archive/") and (".warc" in m or ".arc" in m)]


def read_record_at(path: str | Path, offset: int, length: int | None = None) -> WarcRecordView:
    """The record at ``offset`` (one gzip member, or an uncompressed record); ``path``
    may name a WARC inside a WACZ (``x.wacz#archive/y.warc.gz``)."""
    import io
    path = Path(path)
    text = str(path)
    if ".wacz" + WACZ_SEP in text:  # the member's "/" makes path.name its base name
        wacz, member = text.split(".wacz" + WACZ_SEP, 1)
        with zipfile.ZipFile(wacz + ".wacz") as zf, zf.open(member) as fh:
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
            import brotli
            payload = brotli.decompress(payload)
        elif coding == "zstd":
            import zstandard
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

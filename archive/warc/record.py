"""One WARC record as read from a file, and the checks of its digests.

``WarcRecordView`` holds a record's headers and block with where it was found;
``ReadProblem`` is what a reader reports instead of a record it could not read.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from .wire import chunked_entity, is_chunked, parse_head

__all__ = ["WarcRecordView", "ReadProblem", "sha1_digest", "digest_matches"]


def sha1_digest(data: bytes | memoryview) -> str:
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
        head, _ = self.http_parts()
        return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in parse_head(head)[1]]

    def http_header(self, name: str) -> str | None:
        lname = name.lower()
        for k, v in self.http_headers():
            if k.lower() == lname:
                return v
        return None

"""Find the records of a WARC (or ARC) file in a stream, trusting none of its fields.

``ByteSource`` gives the file's bytes, or its gzip members decompressed one after
another (one member per record, or one stream for the whole file as ``gzip file.warc``
makes), holding one record and a look-ahead in memory. ``scan_records`` cuts records
out of it: a bad gzip member, a wrong ``Content-Length``, a stray line or garbage is
reported once and reading goes on at the next record header, as warcio and FastWARC
resynchronise.

Offsets: a record that fills one gzip member is at that member's offset in the file,
with its compressed length, so it can be read back by seeking. Records sharing one
member (a whole-file gzip) cannot be: they get positions in the decompressed stream
and ``seekable`` False.
"""

from __future__ import annotations

import re
import uuid
import zlib
from collections.abc import Iterator
from typing import IO

from .record import ReadProblem, WarcRecordView

__all__ = ["ByteSource", "scan_records"]

CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b\x08"
MAX_HEAD = 1 << 20  # WARC headers longer than this are not headers
_VERSION = re.compile(rb"WARC/\d+\.\d+\r*\n\Z")  # WARC/0.18 (ClueWeb09) to WARC/1.1
_ARC_HEAD = re.compile(rb"\S+ \S+ \d{12,14} \S* (?:\S+ )*\d+\r*\n\Z")
_BLANK = re.compile(rb"\r*\n\Z")


class ByteSource:
    """The bytes of a WARC file as its records are read; ``pos`` counts bytes of the
    (decompressed) stream. Bytes before ``release()``'s point are dropped."""

    def __init__(self, fh: IO[bytes], gzipped: bool, name: str) -> None:
        self.fh, self.gzipped, self.name = fh, gzipped, name
        self.buf = bytearray()
        self.base = 0  # stream position of buf[0]
        self.pos = 0
        self.done = False
        self.problems: list[ReadProblem] = []
        self.bad: list[tuple[int, int]] = []  # stream ranges lost or from bad members
        self.members: list[tuple[int, int, int, int]] = []  # (u_start, u_end, c_start, c_end)
        self.produced = 0  # stream bytes produced so far
        self.c_pos = 0  # file offset of self.pending[0]
        self.pending = b""
        self.decomp: zlib._Decompress | None = None
        self.m_c_start = self.m_u_start = 0

    # -- producing ----------------------------------------------------------------------
    def _more(self) -> bool:
        """Add bytes to the buffer (or learn that a member ended); False at the end."""
        if self.done:
            return False
        if not self.gzipped:
            chunk = self.fh.read(CHUNK)
            if not chunk:
                self.done = True
                return False
            self.buf += chunk
            self.produced += len(chunk)
            return True
        if len(self.pending) < len(GZIP_MAGIC):
            self.pending += self.fh.read(CHUNK)
            if not self.pending:
                if self.decomp is not None:
                    self._lose("truncated gzip member (file ends mid-record)", None)
                self.done = True
                return False
        if self.decomp is None:
            if not self.pending.startswith(GZIP_MAGIC):
                self._resync("not a gzip member (garbage between records)", self.c_pos)
                return True
            self.decomp = zlib.decompressobj(31)
            self.m_c_start, self.m_u_start = self.c_pos, self.produced
        try:
            out = self.decomp.decompress(self.pending, CHUNK)
        except zlib.error as exc:
            self._lose(f"corrupt gzip member ({exc})", self.m_c_start + 1)
            return True
        if self.decomp.eof:
            unused = self.decomp.unused_data
            used = len(self.pending) - len(unused)
            self.buf += out
            self.produced += len(out)
            self.members.append((self.m_u_start, self.produced, self.m_c_start, self.c_pos + used))
            self.pending, self.c_pos, self.decomp = unused, self.c_pos + used, None
            return True
        tail = self.decomp.unconsumed_tail
        self.c_pos += len(self.pending) - len(tail)
        self.pending = tail
        self.buf += out
        self.produced += len(out)
        return True

    def _lose(self, why: str, resume_from: int | None) -> None:
        """The member being read is bad: its bytes are marked lost, reading goes on at
        the next gzip header after ``resume_from`` (None: the file has ended)."""
        self.bad.append((self.m_u_start, self.produced))
        self.decomp = None
        if resume_from is None:
            self.problems.append(ReadProblem(self.name, self.m_c_start, why))
            return
        self._resync(why, self.m_c_start, search_from=resume_from)

    def _resync(self, why: str, at: int, search_from: int | None = None) -> None:
        """Skip to the next gzip header at or after ``search_from`` and report."""
        start = self.c_pos if search_from is None else search_from
        self.fh.seek(start)
        pos, tail, found = start, b"", None
        while found is None:
            chunk = self.fh.read(CHUNK)
            if not chunk:
                break
            data = tail + chunk
            hit = data.find(GZIP_MAGIC)
            if hit >= 0:
                found = pos - len(tail) + hit
            tail = data[-2:]
            pos += len(chunk)
        skipped = "to the end of the file" if found is None else f"{found - at} bytes skipped"
        self.problems.append(ReadProblem(self.name, at, f"{why}; {skipped}"))
        self.bad.append((self.produced, self.produced))
        if found is None:
            self.pending, self.done = b"", True
        else:
            self.fh.seek(found)
            self.pending, self.c_pos = b"", found

    # -- consuming ----------------------------------------------------------------------
    def peek(self, n: int) -> bytes:
        while self.base + len(self.buf) - self.pos < n and self._more():
            pass
        i = self.pos - self.base
        return bytes(self.buf[i:i + n])

    def read(self, n: int) -> bytes:
        data = self.peek(n)
        self.pos += len(data)
        return data

    def readline(self, limit: int = MAX_HEAD) -> bytes:
        i = self.pos - self.base
        while True:
            eol = self.buf.find(b"\n", i, i + limit)
            if eol >= 0 or len(self.buf) - i >= limit or not self._more():
                break
            i = self.pos - self.base
        end = eol + 1 if eol >= 0 else min(len(self.buf), i + limit)
        line = bytes(self.buf[i:end])
        self.pos += len(line)
        return line

    def release(self) -> None:
        """Forget the bytes before ``pos`` (and members and bad ranges behind it)."""
        drop = self.pos - self.base
        if drop > 0:
            del self.buf[:drop]
            self.base = self.pos
        self.members = [m for m in self.members if m[1] > self.pos]
        self.bad = [b for b in self.bad if b[1] >= self.pos]

    def lost(self, start: int, end: int) -> bool:
        """Whether bytes between ``start`` and ``end`` were lost or came from a bad member."""
        return any(lo < end and start < hi or start < lo == hi < end for lo, hi in self.bad)

    def placement(self, start: int, end: int) -> tuple[int, int, bool]:
        """(offset, length, seekable) of the record at stream bytes ``start:end``."""
        if not self.gzipped:
            return start, end - start, True
        while self.decomp is not None and self.produced <= end and self._more():
            pass  # learn whether the member ends with the record
        for u_start, u_end, c_start, c_end in self.members:
            if u_start == start and u_end == end:
                return c_start, c_end - c_start, True
        return start, end - start, False


def _header_lines(raw: bytes) -> list[tuple[str, str]] | None:
    """(name, value) pairs of a header block: UTF-8, else Latin-1 (a raw byte in
    WARC-Target-URI); folded lines joined; None if a line is not a header."""
    headers: list[tuple[str, str]] = []
    for line in raw.replace(b"\r", b"").split(b"\n"):
        if not line:
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("latin-1")
        if text[:1] in (" ", "\t") and headers:
            key, value = headers[-1]
            headers[-1] = (key, f"{value} {text.strip()}".strip())
            continue
        key, sep, value = text.partition(":")
        if not sep or not key.strip():
            return None
        headers.append((key.strip(), value.strip()))
    return headers


def _arc_record(src: ByteSource, line: bytes, start: int, name: str) -> WarcRecordView | str:
    """An ARC (v1 or v2) record as the WARC record arc2warc would make of it."""
    fields = line.decode("latin-1").split()
    length = int(fields[-1])
    block = src.read(length)
    if len(block) < length:
        return "truncated record (file ends mid-record)"
    follow = src.peek(1)
    if follow not in (b"\n", b""):
        return f"ARC length {length} does not end the record"
    block_end = src.pos
    while src.peek(1) in (b"\r", b"\n") and src.pos - block_end < 8:
        src.read(1)
    end = src.pos
    offset, rec_length, seekable = src.placement(start, end)
    url, ip, date = fields[0], fields[1], fields[2]
    iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}T{date[8:10]}:{date[10:12]}:{date[12:14] or '00'}Z"
    rid = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{name}@{offset}')}>"
    if url.startswith("filedesc:"):
        kind, ctype = "warcinfo", "text/plain"
    elif block.startswith(b"HTTP/"):
        kind, ctype = "response", "application/http; msgtype=response"
    else:
        kind, ctype = "resource", fields[3]
    headers = [("WARC-Type", kind), ("WARC-Record-ID", rid), ("WARC-Date", iso)]
    if kind != "warcinfo":
        headers += [("WARC-Target-URI", url), ("WARC-IP-Address", ip)]
    headers += [("Content-Type", ctype), ("Content-Length", str(length))]
    return WarcRecordView(name, offset, rec_length, "WARC/1.0", headers, block, True, length,
                          seekable=seekable)


def _warc_record(src: ByteSource, version: bytes, start: int, name: str) -> WarcRecordView | str:
    head = bytearray()
    while True:
        line = src.readline()
        if not line:
            return "truncated record headers"
        if _BLANK.match(line):
            break
        head += line
        if len(head) > MAX_HEAD:
            return "no end of WARC headers"
    headers = _header_lines(bytes(head))
    if headers is None:
        return "bad WARC header line"
    clen = next((v for k, v in headers if k.lower() == "content-length"), "")
    if not clen.isdigit():
        return "no valid Content-Length"
    declared = int(clen)
    block = src.read(declared)
    if len(block) < declared:
        return "truncated record (file ends mid-record)"
    block_end = src.pos
    trailer = src.peek(4)
    trailer_ok = trailer == b"\r\n\r\n"
    if trailer_ok:
        src.read(4)
    else:
        # a short or long run of line ends, then the next record: the record is whole,
        # its trailer is not (verify says so); anything else means a wrong Content-Length
        blanks = 0
        while blanks < 8 and src.peek(1) in (b"\r", b"\n"):
            src.read(1)
            blanks += 1
        follow = src.peek(5)
        if follow and follow != b"WARC/":
            src.pos = block_end
            return f"Content-Length {declared} does not end the record"
    end = src.pos
    offset, length, seekable = src.placement(start, end)
    return WarcRecordView(name, offset, length, version.decode("ascii").strip(), headers, block,
                          trailer_ok, declared, seekable=seekable)


def scan_records(src: ByteSource, name: str) -> Iterator[WarcRecordView | ReadProblem]:
    """Every record of ``src``; each problem once, then reading goes on."""
    arc: bool | None = None
    resyncing = False  # looking for the next header after a damaged record
    skip_start: int | None = None
    while True:
        yield from src.problems
        src.problems.clear()
        src.release()
        start = src.pos
        line = src.readline()
        if not line:
            break
        if _BLANK.match(line):
            continue
        if arc is None:
            arc = line.startswith(b"filedesc://")
        is_head = bool(_ARC_HEAD.match(line)) if arc else bool(_VERSION.match(line))
        if not is_head:
            if skip_start is None:
                skip_start = start
            continue
        if skip_start is not None:
            if not resyncing and not src.lost(skip_start, start):
                yield ReadProblem(name, _member_offset(src, skip_start),
                                  f"not a WARC record; {start - skip_start} bytes skipped")
            skip_start = None
        resyncing = False
        after_head = src.pos
        rec = _arc_record(src, line, start, name) if arc else _warc_record(src, line, start, name)
        if isinstance(rec, WarcRecordView) and not src.lost(start, src.pos):
            yield rec
            continue
        if isinstance(rec, str) and not src.lost(start, max(src.pos, after_head + 1)):
            plain = rec.startswith(("truncated", "Content-Length", "ARC length"))
            yield ReadProblem(name, _member_offset(src, start),
                              rec if plain else f"unparsable record: {rec}")
        src.pos = after_head  # look for the next record inside this one's claimed bytes
        resyncing = True
    if skip_start is not None and not resyncing and not src.lost(skip_start, src.pos):
        yield ReadProblem(name, _member_offset(src, skip_start), f"not a WARC record; {src.pos - skip_start} bytes "
                          "skipped to the end of the file")
    yield from src.problems
    src.problems.clear()


def _member_offset(src: ByteSource, start: int) -> int:
    """The file offset of the gzip member a stream position lies in (in a plain file,
    the position itself)."""
    if not src.gzipped:
        return start
    for u_start, u_end, c_start, _ in src.members:
        if u_start <= start < u_end:
            return c_start
    if src.decomp is not None and src.m_u_start <= start:
        return src.m_c_start
    return start

"""A rotating WARC writer: one gzip member per record, ``.open`` while written.

File names follow ``PREFIX-YYYYMMDDhhmmssfff-NNNNN-HOST.warc.gz``. Every file
starts with its own warcinfo record. A record is either wholly in the file or
not at all: a failed write truncates the file back to where the record began
and raises ArchiveWriteError, which the crawl treats as fatal.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import zlib
import socket
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

from isal import isal_zlib
from warcio.recordloader import ArcWarcRecord
from warcio.warcwriter import WARCWriter

from archive.errors import ArchiveWriteError
from .records import Exchange, build_exchange_records, build_warcinfo_record

__all__ = ["WarcWriter", "RecordLocation", "OPEN_SUFFIX"]

OPEN_SUFFIX = ".open"

# Each record is one gzip member in the standard format whichever library writes it;
# readers (warcio, pywb, zcat) use plain zlib. (module, default level, levels)
# On the benchmark pages (bench/pages.py, 50-300 KB of HTML), one page:
#   zlib level 6   2.95 ms, 0.178 of the size    zlib level 9 4.80 ms, 0.176
#   zlib level 1   1.15 ms, 0.207                ISA-L level 2 0.21 ms, 0.187
# ISA-L (python-isal) compresses 14x faster than zlib's level 6 for files 5% larger.
COMPRESSORS = {"isal": (isal_zlib, 2, range(0, 4)), "zlib": (zlib, 6, range(1, 10))}


def gzip_compressor(library: str, level: int | None) -> tuple[Any, int]:
    """(zlib-like module, level) for a library of COMPRESSORS and a level (None: its
    default); ValueError says what is wrong."""
    if library not in COMPRESSORS:
        raise ValueError(f"unknown gzip library {library!r}: "
                         f"expected one of {', '.join(COMPRESSORS)}")
    module, default_level, levels = COMPRESSORS[library]
    if level is None:
        return module, default_level
    if level not in levels:
        raise ValueError(f"{library} levels are {levels.start}-{levels.stop - 1}, not {level}")
    return module, level


@dataclass(frozen=True)
class RecordLocation:
    """Where a record landed: enough to read it back with one seek."""

    file: str  # name under DIR/warc, final (closed) name
    offset: int
    length: int
    record_id: str
    payload_digest: str | None = None
    block_digest: str | None = None
    record_type: str = "response"  # or "revisit"
    profile: str | None = None


def write_all(fd: int, buffers: list[bytes]) -> None:
    """Write ``buffers`` in order with as few system calls as the kernel allows (one,
    unless a write is short); OSError when nothing more can be written."""
    views = [memoryview(buffer) for buffer in buffers if buffer]
    while views:
        written = os.writev(fd, views)
        if not written:
            raise OSError("short write")
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if written:
            views[0] = views[0][written:]


class _Pieces:
    """A file for warcio that keeps what is written to it as a list of pieces."""

    def __init__(self, pieces: list[bytes]) -> None:
        self.write = pieces.append

    def flush(self) -> None:
        pass


@dataclass
class PreparedExchange:
    """An exchange's records as gzip members, ready to be written (prepare_exchange)."""

    exchange: Exchange
    warcinfo_id: str | None  # of the file they were prepared for
    members: list[bytes]  # request, response
    # the response's location with its file, offset and length still to come
    response: RecordLocation


class WarcWriter:
    """Append records to rotating WARC files in ``directory``.

    Thread-safe: one lock around each exchange's write, so a request and its response
    stay adjacent and a rotation never splits them; records are built, digested and
    compressed before it (prepare_exchange), by as many threads as call.
    """

    def __init__(self, directory: str | Path, *, prefix: str = "newsarchive",
                 max_size: int = 1_000_000_000, info: dict[str, str] | None = None,
                 host: str | None = None, gzip: str = "isal", gzip_level: int | None = None) -> None:
        self.directory = Path(directory)
        self.prefix = prefix
        self.max_size = max_size
        self.info = dict(info or {})
        # warcio always compresses with zlib at level 9 (see COMPRESSORS for the figures)
        self._zlib, self.gzip_level = gzip_compressor(gzip, gzip_level)
        self.host = (host or socket.gethostname()).replace("-", "_") or "localhost"
        self._lock = threading.Lock()
        self._serial = 0
        self._fh: BinaryIO | None = None
        self._size = 0
        self._name: str | None = None
        self._warcinfo_id: str | None = None
        self.files_closed: list[str] = []
        self.records_written = 0
        self._last_exchange: tuple[str, int, int] | None = None  # file, start, end
        # One warcio writer a thread (each one built asks the OS for the host name),
        # writing into a list of pieces: see _member
        self._local = threading.local()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveWriteError(f"cannot create WARC directory {self.directory}: {exc}") from exc

    # -- files -------------------------------------------------------------
    def _new_name(self, now: datetime) -> str:
        self._serial += 1
        stamp = now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"
        return f"{self.prefix}-{stamp}-{self._serial:05d}-{self.host}.warc.gz"

    def _open(self) -> None:
        now = datetime.now(timezone.utc)
        name = self._new_name(now)
        while (self.directory / name).exists() or (self.directory / (name + OPEN_SUFFIX)).exists():
            name = self._new_name(now)
        path = self.directory / (name + OPEN_SUFFIX)
        try:
            # Unbuffered: each exchange goes down in one writev, so after a failed write
            # (a full disk) nothing is left in a buffer and the rollback can cut cleanly.
            self._fh = open(path, "xb", buffering=0)
            # Held while the file is written: repair leaves a locked file alone.
            fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise ArchiveWriteError(f"cannot create {path}: {exc}") from exc
        self._name = name
        self._size = 0  # bytes written to it: where the next record goes
        warcinfo = build_warcinfo_record(name, self.info, when=now)
        self._warcinfo_id = warcinfo.rec_headers.get_header("WARC-Record-ID")
        try:
            self._write_records([warcinfo])
        except BaseException:
            # no file without its warcinfo record: records written later would name one
            # it does not hold. The empty file goes; the next write opens a new one.
            fh, self._fh, self._name, self._warcinfo_id = self._fh, None, None, None
            with contextlib.suppress(OSError):
                fh.close()
            path.unlink(missing_ok=True)
            raise

    def close(self) -> None:
        """Close the current file and drop its ``.open`` suffix."""
        with self._lock:
            self._close_locked()

    def _close_locked(self) -> None:
        if self._fh is None:
            return
        assert self._name is not None
        fh, name = self._fh, self._name
        self._fh = self._name = None
        try:
            os.fsync(fh.fileno())
            fh.close()
            os.replace(self.directory / (name + OPEN_SUFFIX), self.directory / name)
        except OSError as exc:
            raise ArchiveWriteError(f"cannot close WARC file {name}: {exc}") from exc
        self.files_closed.append(name)

    @property
    def current_file(self) -> str | None:
        return self._name

    # -- records -------------------------------------------------------------
    def _member(self, record: ArcWarcRecord) -> bytes:
        """One record as one gzip member. warcio writes the record into a list of its
        pieces (the payload in one piece: records.Payload), joined once and compressed in
        one call, which releases the GIL for all of the work."""
        local = self._local
        if not hasattr(local, "warcio"):
            local.pieces = []
            local.warcio = WARCWriter(_Pieces(local.pieces), gzip=False, warc_version="WARC/1.1")
        pieces: list[bytes] = local.pieces
        pieces.clear()
        local.warcio.write_record(record)
        member: bytes = self._zlib.compress(b"".join(pieces), self.gzip_level, zlib.MAX_WBITS + 16)
        pieces.clear()
        return member

    def _write_records(self, records: list[ArcWarcRecord]) -> list[tuple[int, int]]:
        """Write ``records`` back to back; all or none of them reach the file."""
        return self._write_members([self._member(record) for record in records])

    def _write_members(self, members: list[bytes]) -> list[tuple[int, int]]:
        """Write gzip members back to back; all or none of them reach the file."""
        assert self._fh is not None
        start = offset = self._size
        spans = []
        for member in members:
            spans.append((offset, len(member)))
            offset += len(member)
        try:
            write_all(self._fh.fileno(), members)
        except Exception as exc:
            self._rollback(start)
            raise ArchiveWriteError(f"WARC write to {self._name} failed: {exc}") from exc
        self._size = offset
        self.records_written += len(members)
        return spans

    def _rollback(self, start: int) -> None:
        """Cut a partly written record off the file so it never looks complete."""
        assert self._fh is not None
        try:
            os.ftruncate(self._fh.fileno(), start)
            self._fh.seek(start)
        except OSError:
            # The file may now end in a partial record; verify/repair will cut it.
            pass
        try:
            self._size = self._fh.tell()
        except OSError:
            self._size = start

    def prepare_exchange(self, exchange: Exchange) -> PreparedExchange:
        """Build, digest and compress the request and response records of ``exchange``,
        ready to be written. Takes no lock: several threads prepare exchanges at once
        (the digests and the compression release the GIL), one writes them."""
        warcinfo_id = self._warcinfo_id  # the open file's; checked again when written
        request, response = build_exchange_records(exchange, warcinfo_id=warcinfo_id)
        headers = response.rec_headers
        location = RecordLocation("", 0, 0, headers.get_header("WARC-Record-ID"),
                                  headers.get_header("WARC-Payload-Digest"),
                                  headers.get_header("WARC-Block-Digest"),
                                  headers.get_header("WARC-Type"), headers.get_header("WARC-Profile"))
        return PreparedExchange(exchange, warcinfo_id, [self._member(request), self._member(response)],
                                location)

    def write_prepared(self, prepared: PreparedExchange) -> RecordLocation:
        """Write an exchange's prepared records, request then response, both or neither;
        return the response's location."""
        with self._lock:
            if self._fh is not None and self._size >= self.max_size:
                self._close_locked()
            if self._fh is None:
                self._open()
            if prepared.warcinfo_id != self._warcinfo_id:
                # prepared for no file yet or for the file closed since: the records name
                # the warcinfo record of the file they go in
                prepared = self.prepare_exchange(prepared.exchange)
            spans = self._write_members(prepared.members)
            offset, length = spans[1]
            assert self._name is not None
            self._last_exchange = (self._name, spans[0][0], offset + length)
            return replace(prepared.response, file=self._name, offset=offset, length=length)

    def write_exchange(self, exchange: Exchange) -> RecordLocation:
        """Write request and response records; return the response's location."""
        return self.write_prepared(self.prepare_exchange(exchange))

    def unwrite_exchange(self, location: RecordLocation) -> bool:
        """Cut the exchange whose response is at ``location`` off its file, when nothing
        was written after it; return whether it was cut. For a capture whose index row
        could not be written (a full disk): the WARC must not hold a record its index
        does not list, or the next crawl would fetch it again and verify report it."""
        with self._lock:
            last = self._last_exchange
            if (last is None or self._fh is None or last[0] != location.file
                    or last[2] != location.offset + location.length or self._size != last[2]):
                return False
            self._rollback(last[1])
            self._last_exchange = None
            self.records_written -= 2
            return True

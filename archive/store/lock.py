"""One run at a time per archive (crawl, rebuild, merge): an flock on DIR/.lock, held
for the whole run. A rebuild beside a crawl would index the same records twice."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from archive.errors import ArchiveWriteError, InputError

__all__ = ["hold_archive_lock"]

_held: dict[Path, int] = {}  # archive -> fd, for this process


def hold_archive_lock(archive: str | Path, wait: float = 0.0, command: str = "crawl") -> None:
    """Take the archive's lock for the rest of this process (a no-op if held already).

    With ``wait`` > 0, wait up to that many seconds for another run to end; then, or
    at once, raise InputError naming the command and process that hold it.
    ArchiveWriteError when the folder or its lock file cannot be made.
    """
    archive = Path(archive).resolve()
    if archive in _held:
        return
    path = archive / ".lock"
    try:
        archive.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ArchiveWriteError(f"cannot write the archive {archive}: {exc.strerror}") from None
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
                os.close(fd)
                raise InputError(f"another run holds {archive} ({holder}); "
                                 f"it must end first (or pass --wait SECONDS)") from None
            time.sleep(0.2)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{command}, pid {os.getpid()}, since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
    _held[archive] = fd

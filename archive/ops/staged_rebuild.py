"""Where ``rebuild`` writes its new index and corpus: ``DIR/.rebuild/``, beside the old
ones, swapped in only once complete.

A rebuild killed (SIGKILL, power loss) or stopped by a full disk before it is
complete leaves the archive's index and corpus as they were; the staging folder
it leaves is removed by the next run that takes the archive's lock. Once
complete, a marker file (``complete``, listing the new corpus files) is written
and fsynced, then the files are moved in; a run that finds the marker finishes
the moves, so a kill during them loses nothing either. Every move is a rename
inside the archive (one file system).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

__all__ = ["StagedRebuild", "recover_staged_rebuild"]

STAGING_DIR = ".rebuild"
_MARKER = "complete"
# names the rebuild of earlier versions wrote next to the corpus files themselves
_OLD_LEFTOVERS = ("*.jsonl.rebuild", "*.jsonl.rebuild.final")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


class StagedRebuild:
    def __init__(self, archive: Path) -> None:
        self.archive = archive
        self.dir = archive / STAGING_DIR
        self.corpus_dir = self.dir / "corpus"
        self.index_path = self.dir / "index.sqlite3"

    def start(self) -> None:
        """An empty staging folder (after finishing or discarding an earlier one)."""
        recover_staged_rebuild(self.archive)
        self.corpus_dir.mkdir(parents=True)

    def copy_crawls(self, db: sqlite3.Connection) -> str | None:
        """The old index's ``crawls`` rows (when and how each crawl ran: not in the
        WARCs) into the new index; a problem message if the old index is unreadable."""
        old = self.archive / "index.sqlite3"
        if not old.exists():
            return None
        try:
            src = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
            try:
                have = {r[1] for r in src.execute("PRAGMA table_info(crawls)")}
                want = [c for c in ("crawl_id", "started_at", "finished_at", "spider", "stats", "input_key")
                        if c in have]
                rows = src.execute(f"SELECT {', '.join(want)} FROM crawls").fetchall() if want else []
            finally:
                src.close()
        except sqlite3.Error as exc:
            return f"{old}: crawls not carried over, the old index is unreadable: {exc}"
        db.executemany(f"INSERT INTO crawls ({', '.join(want)}) VALUES ({', '.join('?' * len(want))})",
                       rows)
        return None

    def mark_complete(self) -> None:
        """From here on the staged index and corpus are the archive's: a run that finds
        them moves them in. The index must be closed (its WAL checkpointed)."""
        names = sorted(p.name for p in self.corpus_dir.glob("*.jsonl"))
        for name in names:
            _fsync_file(self.corpus_dir / name)
        _fsync_file(self.index_path)
        _fsync_dir(self.corpus_dir)
        marker = self.dir / _MARKER
        tmp = marker.with_name(_MARKER + ".tmp")
        tmp.write_text(json.dumps({"corpus_files": names}), encoding="utf-8")
        _fsync_file(tmp)
        os.replace(tmp, marker)
        _fsync_dir(self.dir)

    def swap_in(self) -> None:
        _swap_in(self.archive, self.dir)

    def discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _swap_in(archive: Path, staging: Path) -> None:
    """Move a complete staged rebuild in (again, after a kill: each step is idempotent)."""
    marker = json.loads((staging / _MARKER).read_text(encoding="utf-8"))
    keep = set(marker["corpus_files"])
    corpus = archive / "corpus"
    corpus.mkdir(exist_ok=True)
    for name in sorted(keep):
        if (staging / "corpus" / name).exists():
            os.replace(staging / "corpus" / name, corpus / name)
    # the corpus holds what the WARCs give: a crawl whose records are all gone has no file
    for path in corpus.glob("*.jsonl"):
        if path.name not in keep:
            path.unlink()
    new_index = staging / "index.sqlite3"
    if new_index.exists():
        old_index = archive / "index.sqlite3"
        if old_index.exists():
            # its WAL must not outlive it: SQLite would replay the old frames onto the new file
            try:
                db = sqlite3.connect(old_index)
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.close()
            except sqlite3.Error:
                pass  # unreadable: it is being replaced, and its WAL removed below
        for suffix in ("-wal", "-shm"):
            Path(f"{old_index}{suffix}").unlink(missing_ok=True)
        os.replace(new_index, old_index)
    _fsync_dir(corpus)
    _fsync_dir(archive)
    shutil.rmtree(staging)


def recover_staged_rebuild(archive: str | Path) -> None:
    """Finish a rebuild that was complete when it was killed, or remove what an
    incomplete one left. Call it holding the archive's lock."""
    archive = Path(archive)
    staging = archive / STAGING_DIR
    if (staging / _MARKER).exists():
        _swap_in(archive, staging)
    elif staging.exists():
        shutil.rmtree(staging)
    for pattern in _OLD_LEFTOVERS:
        for path in (archive / "corpus").glob(pattern):
            path.unlink()

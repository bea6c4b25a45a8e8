"""archive.store.index.read_index: reads an index, leaves no write-ahead log files
behind, and lets the caller's read report a damaged one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive.store.index import Index, read_index


def test_reads_and_leaves_no_log_files(tmp_path: Path) -> None:
    index = Index(tmp_path / "index.sqlite3")
    index.close()
    db = read_index(tmp_path / "index.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM captures").fetchone() == (0,)
    with pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM captures")  # query_only: it reads, nothing else
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.sqlite3"]


def test_a_damaged_file_raises_at_the_first_read(tmp_path: Path) -> None:
    (tmp_path / "index.sqlite3").write_bytes(b"not a database at all" * 100)
    db = read_index(tmp_path / "index.sqlite3")
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("SELECT 1 FROM captures")

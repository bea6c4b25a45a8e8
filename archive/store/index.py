"""The archive's SQLite index: captures (one per response record) and documents.

The index is derived data: everything in it can be rebuilt from the WARCs and
the corpus, so it favours speed (WAL, synchronous=NORMAL) over fsync per row.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from archive.errors import ArchiveWriteError

__all__ = ["Index"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    crawl_id TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    fetched_at TEXT NOT NULL,
    content_type TEXT,
    warc_file TEXT NOT NULL,
    warc_offset INTEGER NOT NULL,
    warc_length INTEGER NOT NULL,
    record_id TEXT NOT NULL UNIQUE,
    payload_digest TEXT,
    ip_address TEXT,
    record_type TEXT NOT NULL DEFAULT 'response',
    etag TEXT,
    last_modified TEXT
);
CREATE INDEX IF NOT EXISTS captures_url ON captures(url);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    crawl_id TEXT NOT NULL,
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    record_id TEXT NOT NULL,
    title TEXT,
    published TEXT,
    language TEXT,
    text_sha1 TEXT NOT NULL,
    text_length INTEGER NOT NULL,
    corpus_file TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_url ON documents(url);
-- the final pass updates each document by record id: without this, a scan per row
CREATE INDEX IF NOT EXISTS documents_record ON documents(record_id);
CREATE INDEX IF NOT EXISTS documents_final_url ON documents(final_url);
-- failed URLs as they happen: a killed crawl's survive for the report of the run that resumes it
CREATE TABLE IF NOT EXISTS failures (
    crawl_id TEXT NOT NULL,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS crawls (
    crawl_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    spider TEXT,
    stats TEXT
);
"""


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN ... COMMIT on a connection in autocommit mode (isolation_level=None), or
    ROLLBACK when the block raises."""
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def read_index(path: str | Path) -> sqlite3.Connection:
    """A connection that only reads the index at ``path``. Opened for writing where the
    file may be written (reads only: ``query_only``): a read-only connection that is the
    last to close leaves the write-ahead log's ``-wal`` and ``-shm`` files beside the
    index, which a writing one removes. Read-only where the file or its folder is.
    A damaged file is opened all the same: the caller's first read raises, where it
    reports that the index cannot be read."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    except sqlite3.OperationalError:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        db.execute("PRAGMA query_only=ON")
    except sqlite3.DatabaseError:
        pass  # not a database: the caller's first read says so
    return db


def last_full_capture(db: sqlite3.Connection, url: str) -> sqlite3.Row | None:
    """In any index database (a shared crawl's worker also reads the merged one)."""
    cur = db.execute("SELECT * FROM captures WHERE url=? AND status=200 AND record_type='response' "
                     "ORDER BY fetched_at DESC LIMIT 1", (url,))
    cur.row_factory = sqlite3.Row
    row: sqlite3.Row | None = cur.fetchone()
    return row


def archived_urls(db: sqlite3.Connection) -> set[str]:
    """URLs the archive holds a document for (as requested and as final), and URLs of
    redirects it holds (each stands for its target, which is checked itself)."""
    return {r[0] for r in db.execute(
        "SELECT url FROM documents UNION SELECT final_url FROM documents "
        "UNION SELECT url FROM captures WHERE status BETWEEN 300 AND 399")}


class Index:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        # A second connection for the crawl's lookups of earlier captures, one per request
        # (last_full_capture): with WAL a reader never waits for the writer, so the
        # reactor does not queue behind the WARC writer thread's inserts on _lock.
        self._read_lock = threading.Lock()
        self._read_db: sqlite3.Connection | None = None
        self._closed = False
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.Error as exc:
            raise ArchiveWriteError(f"cannot open index {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        """Columns added since 0.1.0, for archives written before them."""
        have = {r[1] for r in self._db.execute("PRAGMA table_info(captures)")}
        for column, decl in (("record_type", "TEXT NOT NULL DEFAULT 'response'"),
                             ("etag", "TEXT"), ("last_modified", "TEXT")):
            if column not in have:
                self._db.execute(f"ALTER TABLE captures ADD COLUMN {column} {decl}")
        have = {r[1] for r in self._db.execute("PRAGMA table_info(crawls)")}
        if "input_key" not in have:
            self._db.execute("ALTER TABLE crawls ADD COLUMN input_key TEXT")

    def last_full_capture(self, url: str) -> sqlite3.Row | None:
        """The URL's latest 200 archived in full: what a conditional request refers to."""
        with self._read_lock:
            if self._closed:  # as the main connection does once closed
                raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
            if self._read_db is None:
                self._read_db = sqlite3.connect(self.path, check_same_thread=False,
                                                isolation_level=None)
            return last_full_capture(self._read_db, url)

    def archived_urls(self) -> set[str]:
        with self._lock:
            return archived_urls(self._db)

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        cols = ", ".join(row)
        marks = ", ".join("?" * len(row))
        with self._lock:
            try:
                cur = self._db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                                       tuple(row.values()))
            except sqlite3.Error as exc:
                raise ArchiveWriteError(f"index write failed ({table}): {exc}") from exc
            return int(cur.lastrowid or 0)

    def add_capture(self, **row: Any) -> int:
        return self._insert("captures", row)

    def add_document(self, **row: Any) -> int:
        return self._insert("documents", row)

    @property
    def lock(self) -> threading.Lock:
        """Held around every use of ``connection`` from more than one thread."""
        return self._lock

    @property
    def connection(self) -> sqlite3.Connection:
        """For the site-template and near-duplicate tables (archive/corpus/site_template.py,
        archive/corpus/near_dup.py), which keep their own schema in the same database."""
        return self._db

    def start_crawl(self, crawl_id: str, started_at: str, spider: str,
                    input_key: str | None = None) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO crawls (crawl_id, started_at, spider, input_key) "
                             "VALUES (?, ?, ?, ?)", (crawl_id, started_at, spider, input_key))

    def unfinished_crawls(self, input_key: str, but: str) -> list[str]:
        """Crawls of the same input that never finished (killed), oldest first."""
        return [r["crawl_id"] for r in self.query(
            "SELECT crawl_id FROM crawls WHERE input_key=? AND finished_at IS NULL AND crawl_id != ? "
            "ORDER BY started_at", (input_key, but))]

    def set_input_key(self, crawl_id: str, input_key: str) -> None:
        with self._lock:
            self._db.execute("UPDATE crawls SET input_key=? WHERE crawl_id=?", (input_key, crawl_id))

    def unextracted_captures(self, crawl_ids: list[str]) -> list[sqlite3.Row]:
        """Full 2xx HTML captures of these crawls that have no document (yet)."""
        marks = ",".join("?" * len(crawl_ids))
        return self.query(
            f"SELECT c.* FROM captures c WHERE c.crawl_id IN ({marks}) AND c.record_type='response' "
            "AND c.status BETWEEN 200 AND 299 AND (c.content_type IS NULL OR c.content_type LIKE "
            "'%html%') AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.record_id = c.record_id)",
            tuple(crawl_ids))

    def forget_records_past(self, warc_file: str, end: int) -> int:
        """Drop the captures (and their documents) whose record lies at or past ``end`` in
        ``warc_file``: a repair cut those records off, and a row must never name a record
        the WARC does not hold (a resumed crawl would skip its URL, history list it)."""
        gone = "SELECT record_id FROM captures WHERE warc_file=? AND warc_offset + warc_length > ?"
        with self._lock:
            try:
                with transaction(self._db):
                    self._db.execute(f"DELETE FROM documents WHERE record_id IN ({gone})",
                                     (warc_file, end))
                    cur = self._db.execute("DELETE FROM captures WHERE warc_file=? AND "
                                           "warc_offset + warc_length > ?", (warc_file, end))
            except sqlite3.Error as exc:
                raise ArchiveWriteError(f"index write failed (captures): {exc}") from exc
            return cur.rowcount

    def add_failure(self, crawl_id: str, url: str, reason: str, detail: str) -> None:
        self._insert("failures", {"crawl_id": crawl_id, "url": url, "reason": reason, "detail": detail})

    def failures(self, crawl_id: str) -> list[dict[str, Any]]:
        return [{"url": r["url"], "reason": r["reason"], "detail": r["detail"]} for r in self.query(
            "SELECT url, reason, detail FROM failures WHERE crawl_id=? ORDER BY rowid", (crawl_id,))]

    def crawl_counts(self, crawl_id: str) -> dict[str, int]:
        """What a crawl's captures and documents say it did (for a killed crawl, whose
        own counts died with it)."""
        (responses,) = self.query("SELECT COUNT(*) FROM captures WHERE crawl_id=?", (crawl_id,))[0]
        (unchanged,) = self.query("SELECT COUNT(*) FROM captures WHERE crawl_id=? AND "
                                  "record_type='revisit'", (crawl_id,))[0]
        (articles, changed) = self.query(
            "SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM documents e WHERE "
            "e.final_url = d.final_url AND e.id < d.id)), 0) FROM documents d WHERE crawl_id=?",
            (crawl_id,))[0]
        return {"responses": responses, "rows": articles, "new": articles - changed,
                "changed": changed, "unchanged": unchanged}

    def crawl_started_at(self, crawl_id: str) -> str | None:
        rows = self.query("SELECT started_at FROM crawls WHERE crawl_id=?", (crawl_id,))
        return rows[0]["started_at"] if rows else None

    def captured_urls(self, crawl_ids: list[str]) -> set[str]:
        marks = ",".join("?" * len(crawl_ids))
        return {r["url"] for r in self.query(
            f"SELECT url FROM captures WHERE crawl_id IN ({marks})", tuple(crawl_ids))}

    def finish_crawl(self, crawl_id: str, finished_at: str, stats_json: str) -> None:
        with self._lock:  # raises sqlite3.Error (a full disk): the caller reports it
            self._db.execute("UPDATE crawls SET finished_at=?, stats=? WHERE crawl_id=?",
                             (finished_at, stats_json, crawl_id))

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cur = self._db.execute(sql, params)
            cur.row_factory = sqlite3.Row
            return cur.fetchall()

    def close(self) -> None:
        with self._read_lock:
            self._closed = True
            if self._read_db is not None:
                self._read_db.close()
                self._read_db = None
        with self._lock:
            self._db.close()

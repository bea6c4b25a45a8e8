"""``newsarchive rebuild``: the corpus and index again, from the WARCs alone.

Reads every response record in WARC order, extracts HTML pages in a process
pool (results kept in input order, with a bounded window so memory stays
flat), and writes each crawl's corpus file anew. The same WARCs and extractor
version give a byte-identical corpus. WARCs written by other tools (no
warcinfo ``isPartOf``) go to a corpus named after their file.

The new index and corpus are written beside the old ones and swapped in when
complete (archive/staged_rebuild.py): an interrupted rebuild leaves the archive
as it was, and afterwards the corpus holds exactly what the WARCs give.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor  # noqa: F401 - typing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from archive.store.corpus import dumps_row, is_extraction_candidate, make_row
from archive.errors import ArchiveReadError, ArchiveWriteError
from archive.store.row_filter import ExportFilter
from archive.extract.document import ExtractOptions, ExtractResult, extract_document
from archive.corpus.finalize import every, finalize_corpus
from archive.extract.rights import tdm_headers
from archive.store.index import Index
from archive.warc.records import REQUESTED_URI_HEADER
from archive.inputs.safe_names import corpus_file_name
from archive.corpus.site_template import SiteTemplates, site_of
from .staged_rebuild import StagedRebuild
from archive.warc.check import record_damage
from archive.warc.files import warc_files
from archive.warc.reader import ReadProblem, WarcRecordView, decode_body, iter_records
from archive.warc.writer import OPEN_SUFFIX
from archive.extract.workers import (LIGHT_START_PAGES, PageTimeLimit, RecyclingPool, backstop,
                                     default_workers)

__all__ = ["RebuildSummary", "rebuild_corpus", "iter_candidates", "Entry", "CorpusBuilder", "run_staged"]


@dataclass
class RebuildSummary:
    responses: int = 0
    revisits: int = 0
    rows: int = 0
    failed: int = 0
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # damaged records, skipped
    extract_errors: list[str] = field(default_factory=list)  # pages archived but not extractable
    kept_rows: int = 0  # of those, pages whose row from before the rebuild is kept
    # bodies whose headers say chunked or compressed but that were stored decoded: used as
    # they are (pywb, Browsertrix and ArchiveWeb.page record so)
    as_recorded: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Candidate:
    crawl_id: str
    record: WarcRecordView
    body: bytes | None  # decoded payload, None when not an extraction candidate
    content_type: str | None
    error: str | None = None


def _crawl_id_of(rec: WarcRecordView) -> str | None:
    for line in rec.block.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "isPartOf" and value.strip():
            return value.strip()
    return None


def iter_candidates(archive: Path, problems: list[str], only: ExportFilter | None = None,
                    as_recorded: list[str] | None = None,
                    files: Sequence[Path] | None = None) -> Iterator[Candidate]:
    """Every response record of the archive (or of ``files``), in WARC order, with its
    decoded payload."""
    for path in warc_files(archive / "warc") if files is None else files:
        name = path.name.removesuffix(OPEN_SUFFIX)
        crawl_id = name.split(".warc")[0].removesuffix(".wacz")
        for rec in iter_records(path):
            if isinstance(rec, ReadProblem):
                problems.append(str(rec))
                continue
            if rec.type == "warcinfo":
                crawl_id = _crawl_id_of(rec) or crawl_id
                continue
            if rec.type not in ("response", "revisit") or not rec.is_http():
                continue
            damage = record_damage(rec)  # a digest or length that does not hold: skipped, named
            if damage:
                problems.extend(damage)
                continue
            if path.suffix != ".wacz":
                rec.file = name
            status = rec.http_status() or 0
            content_type = rec.http_header("Content-Type")
            if rec.type == "revisit":  # indexed (history, validators), never extracted
                yield Candidate(crawl_id, rec, None, content_type)
                continue
            if not is_extraction_candidate(status, content_type) or (
                    only is not None and not only.keep({"final_url": rec.target_uri or "",
                                                        "fetched_at": rec.get("WARC-Date") or "",
                                                        "text": "x" * only.min_length})):
                yield Candidate(crawl_id, rec, None, content_type)
                continue
            try:
                entity, unchunked = rec.http_entity()
                body, undecoded = decode_body(entity, rec.http_header("Content-Encoding"))
            except Exception as exc:  # noqa: BLE001 - zlib, brotli, zstandard errors
                yield Candidate(crawl_id, rec, None, content_type, f"undecodable payload: {exc}")
                continue
            if (unchunked or undecoded) and as_recorded is not None:
                said = "chunked" if unchunked else f"Content-Encoding {rec.http_header('Content-Encoding')}"
                as_recorded.append(f"{rec.file}@{rec.offset} {rec.target_uri}: headers say {said}, "
                                   "body stored decoded")
            yield Candidate(crawl_id, rec, body, content_type)


# The default CPU seconds one page's extraction may use in its worker (the crawl's
# EXTRACT_TIMEOUT default): a page that takes longer is counted as failed, not waited for.
EXTRACT_TIMEOUT = 120.0


def _ordered_results(pool: RecyclingPool, candidates: Iterator[Candidate],
                     options: ExtractOptions, window: int
                     ) -> Iterator[tuple[Candidate, ExtractResult | None, str | None]]:
    pending: deque[tuple[Candidate, Future[Any] | None]] = deque()
    wait = backstop(pool.time_limit)  # counted once the page is the oldest one waiting

    def drain_one() -> tuple[Candidate, ExtractResult | None, str | None]:
        cand, future = pending.popleft()
        if future is None:
            return cand, None, cand.error
        try:
            return cand, future.result(wait), None
        except PageTimeLimit:
            return cand, None, f"extract_timeout: over {pool.time_limit:g}s of CPU"
        except TimeoutError:
            future.cancel()
            pool.abandon(future)
            return cand, None, f"extract_timeout: no answer from its worker in {wait:.0f}s"
        except Exception as exc:  # noqa: BLE001 - one page's failure is counted, not fatal
            return cand, None, f"{type(exc).__name__}: {exc}"

    for cand in candidates:
        future = None
        if cand.body is not None:
            future = pool.submit(extract_document, cand.body, cand.record.target_uri or "",
                                 cand.content_type, options, tdm_headers(cand.record.http_headers()))
        pending.append((cand, future))
        while len(pending) >= window:
            yield drain_one()
    while pending:
        yield drain_one()


COMMIT_EVERY = 500


def _validators(db: sqlite3.Connection, entry: Entry) -> tuple[str | None, str | None]:
    """(ETag, Last-Modified) as the crawl indexes them (crawler/session.py): the
    response's own; a revisit's own, else those of the capture it refers to (indexed
    before it: WARC order is fetch order)."""
    etag, last_modified = entry.etag, entry.last_modified
    if entry.record_type == "revisit" and (etag is None or last_modified is None):
        original = db.execute("SELECT etag, last_modified FROM captures WHERE record_id=?",
                              (entry.refers_to or "",)).fetchone()
        if original is not None:
            etag = etag if etag is not None else original[0]
            last_modified = last_modified if last_modified is not None else original[1]
    return etag, last_modified


class _EarlierRows:
    """The rows the archive's corpus held before the rebuild, found by record id, in
    whichever corpus file holds them: a row is usually in its own crawl's file, but a
    crawl that resumed killed ones moved their rows into its own. Only positions are
    held, so a rebuild of a large corpus does not hold the whole corpus; the files are
    read on the first lookup. A damaged line (not JSON) cannot be found; ``damaged``
    names each one."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.positions: dict[str, tuple[Path, int, int]] | None = None
        self.damaged: list[str] = []

    def _read_positions(self) -> dict[str, tuple[Path, int, int]]:
        found: dict[str, tuple[Path, int, int]] = {}
        for path in sorted(self.corpus_dir.glob("*.jsonl")) if self.corpus_dir.is_dir() else []:
            with open(path, "rb") as fh:
                pos = 0
                for number, line in enumerate(fh, start=1):
                    if line.strip():
                        try:
                            found.setdefault(json.loads(line)["warc"]["record_id"],
                                             (path, pos, len(line)))
                        except (ValueError, KeyError, TypeError):
                            self.damaged.append(f"{path}:{number}")
                    pos += len(line)
        return found

    def get(self, record_id: str) -> dict[str, Any] | None:
        if self.positions is None:
            self.positions = self._read_positions()
        where = self.positions.get(record_id)
        if where is None:
            return None
        path, offset, length = where
        with open(path, "rb") as fh:
            fh.seek(offset)
            row: dict[str, Any] = json.loads(fh.read(length))
        return row


@dataclass
class Entry:
    """One response or revisit record of a rebuild, extracted: what the index and the
    corpus take from it. A ``rebuild --redis`` worker writes these to its parts
    (archive/ops/rebuild_parts.py) and ``merge`` reads them back into the same
    ``CorpusBuilder`` a single rebuild feeds, so both make the same corpus and index."""
    crawl_id: str
    file: str
    offset: int
    length: int | None
    record_id: str
    record_type: str
    url: str  # the record's target URI
    requested_url: str | None
    status: int
    fetched_at: str
    content_type: str | None
    payload_digest: str | None
    ip_address: str | None
    etag: str | None
    last_modified: str | None
    refers_to: str | None
    row: dict[str, Any] | None = None  # the corpus row made of it, before the final pass
    keys: list[str] | None = None  # the row's line keys (site templates)
    error: str | None = None  # not extracted, and why
    outside_filter: bool = False  # `rebuild --site/--since`: the row it had is kept

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(**data)


def _entries(pool: RecyclingPool, candidates: Iterator[Candidate], options: ExtractOptions,
             window: int) -> Iterator[Entry]:
    for cand, result, error in _ordered_results(pool, candidates, options, window):
        rec = cand.record
        fetched_at = rec.get("WARC-Date") or ""
        entry = Entry(
            crawl_id=cand.crawl_id, file=rec.file, offset=rec.offset, length=rec.length,
            record_id=rec.record_id, record_type=rec.type, url=rec.target_uri or "",
            requested_url=rec.get(REQUESTED_URI_HEADER), status=rec.http_status() or 0,
            fetched_at=fetched_at, content_type=cand.content_type,
            payload_digest=rec.get("WARC-Payload-Digest"), ip_address=rec.get("WARC-IP-Address"),
            etag=rec.http_header("ETag"), last_modified=rec.http_header("Last-Modified"),
            refers_to=rec.get("WARC-Refers-To"), error=error,
            outside_filter=cand.body is None and cand.error is None)
        if result is not None and result.document is not None:
            row = make_row(url=entry.requested_url or entry.url, final_url=entry.url,
                           status=entry.status, fetched_at=fetched_at, doc=result.document,
                           warc={"file": rec.file, "offset": rec.offset, "length": rec.length,
                                 "record_id": rec.record_id},
                           payload_digest=entry.payload_digest, crawl_id=cand.crawl_id)
            row["template_lines_removed"] = 0
            entry.row = row
            entry.keys = list(result.document.line_keys) or None
        yield entry


class CorpusBuilder:
    """The new index and corpus files of a rebuild, fed entries in WARC order."""

    def __init__(self, archive: Path, staged: StagedRebuild, index: Index, summary: RebuildSummary,
                 progress: IO[str] | None = None, only: ExportFilter | None = None) -> None:
        self.archive = archive
        self.corpus_dir = staged.corpus_dir
        self.index = index
        self.summary = summary
        self.progress = progress
        self.only = only
        self.templates = SiteTemplates(index.connection)
        self.outputs: dict[str, IO[bytes]] = {}
        self.seen_crawls: set[str] = set()
        self.used: set[tuple[str, str, str]] = set()
        self.earlier = _EarlierRows(archive / "corpus")
        self.done = 0

    def _store(self, crawl_id: str, row: dict[str, Any], keys: Sequence[str] | None = None) -> None:
        """Write a row (new, or kept from before) and index its document."""
        out = self.outputs.get(crawl_id)
        if out is None:
            out = self.outputs[crawl_id] = open(
                self.corpus_dir / f"{corpus_file_name(crawl_id)}.rebuild", "wb")
        self.templates.observe(site_of(row["final_url"]), row["final_url"], row["text"].split("\n\n"),
                               keys, row["title"])
        out.write((dumps_row(row) + "\n").encode("utf-8"))
        self.index.add_document(crawl_id=crawl_id, url=row["url"], final_url=row["final_url"],
                                record_id=row["warc"]["record_id"], title=row["title"],
                                published=row["published"], language=row["language"],
                                text_sha1=row["text_sha1"], text_length=len(row["text"]),
                                corpus_file=corpus_file_name(crawl_id))
        self.summary.rows += 1

    def add_all(self, entries: Iterable[Entry]) -> None:
        # The index rows of COMMIT_EVERY records per transaction: in autocommit mode each
        # of a record's inserts was a commit of its own (the new index is staged: an
        # interrupted rebuild leaves the old one, and is simply run again).
        db = self.index.connection
        db.execute("BEGIN")
        for entry in entries:
            if self.done and self.done % COMMIT_EVERY == 0:
                db.execute("COMMIT")
                db.execute("BEGIN")
            self.done += 1
            self._add(entry)
        db.execute("COMMIT")

    def _add(self, entry: Entry) -> None:
        summary = self.summary
        self.seen_crawls.add(entry.crawl_id)
        etag, last_modified = _validators(self.index.connection, entry)
        self.index.add_capture(
            crawl_id=entry.crawl_id, url=entry.url, status=entry.status,
            fetched_at=entry.fetched_at, content_type=entry.content_type, warc_file=entry.file,
            warc_offset=entry.offset, warc_length=entry.length, record_id=entry.record_id,
            payload_digest=entry.payload_digest, ip_address=entry.ip_address,
            record_type=entry.record_type, etag=etag, last_modified=last_modified)
        if entry.record_type == "revisit":
            summary.revisits += 1
            return
        summary.responses += 1
        if entry.error:
            summary.failed += 1
            # a page that had a row and fails now (over the time limit, a worker that
            # died) keeps the row it had: a rebuild never drops a document unasked
            kept = self.earlier.get(entry.record_id)
            summary.extract_errors.append(
                f"{entry.file}@{entry.offset} {entry.url}: {entry.error}"
                + ("; its earlier row is kept" if kept else
                   "; no earlier row found" + (f" (the old corpus has {len(self.earlier.damaged)}"
                                               " damaged lines)" if self.earlier.damaged else "")))
            if kept is not None:
                summary.kept_rows += 1
                seen_key = (entry.crawl_id, entry.url, entry.payload_digest or "")
                if seen_key not in self.used:
                    self.used.add(seen_key)
                    self._store(entry.crawl_id, kept)
            return
        if entry.outside_filter and self.only is not None:
            # outside the filter: the row it had, if any, is kept as it was; the filter
            # promises every row outside it stays, so a damaged old corpus stops the
            # rebuild before anything is replaced
            kept = self.earlier.get(entry.record_id)
            if self.earlier.damaged:
                raise ArchiveReadError(f"{self.earlier.damaged[0]}: bad corpus row; rows outside "
                                       "--site/--since could not all be kept (see `newsarchive verify`)")
            if kept is not None:
                self._store(entry.crawl_id, kept)
            return
        if entry.row is None:
            return
        # a tool without a dupefilter (wget -i) fetches a repeated URL again: the
        # same payload in the same crawl is one document
        seen_key = (entry.crawl_id, entry.url, entry.payload_digest or "")
        if seen_key in self.used:
            return
        self.used.add(seen_key)
        self._store(entry.crawl_id, entry.row, entry.keys)
        if self.progress is not None and summary.rows % 500 == 0:
            self.progress.write(f"rebuild: {summary.responses} responses, {summary.rows} rows\n")

    def finish(self, workers: int) -> None:
        """Each crawl's corpus file through the final pass, in place in the staging folder."""
        for crawl_id in sorted(self.seen_crawls - set(self.outputs)):  # crawls with no article left
            self.outputs[crawl_id] = open(self.corpus_dir / f"{corpus_file_name(crawl_id)}.rebuild", "wb")
        progress = self.progress
        for crawl_id, out in self.outputs.items():
            out.flush()
            os.fsync(out.fileno())
            out.close()
            final = self.corpus_dir / corpus_file_name(crawl_id)
            report = None if progress is None else every(10.0, lambda done, total: progress.write(
                f"rebuild: final pass, {done} of {total} rows\n"))
            finalize_corpus(self.corpus_dir / f"{final.name}.rebuild", self.index.connection, crawl_id,
                            workers=workers, progress=report, warc_dir=self.archive / "warc")
            os.replace(self.corpus_dir / f"{final.name}.rebuild", final)
            self.summary.files.append(final.name)

    def close(self) -> None:
        for out in self.outputs.values():
            if not out.closed:
                with contextlib.suppress(OSError):  # its flush fails on a full disk: discarded
                    out.close()


def run_staged(archive: Path, fill: Callable[[CorpusBuilder, RebuildSummary], None], *,
               workers: int, progress: IO[str] | None = None,
               only: ExportFilter | None = None) -> RebuildSummary:
    """A new index and corpus, filled by ``fill``, finished, and swapped in when complete."""
    started = time.monotonic()
    summary = RebuildSummary()
    staged = StagedRebuild(archive)
    index: Index | None = None
    builder: CorpusBuilder | None = None
    complete = False
    try:
        staged.start()
        index = Index(staged.index_path)
        problem = staged.copy_crawls(index.connection)
        if problem:
            summary.problems.append(problem)
        builder = CorpusBuilder(archive, staged, index, summary, progress, only)
        fill(builder, summary)
        builder.finish(workers)
        index.close()
        staged.mark_complete()
        complete = True
        staged.swap_in()
    except (OSError, sqlite3.Error) as exc:
        state = ("it was complete: the next rebuild, crawl or merge moves the rest in" if complete
                 else "the archive is as it was")
        raise ArchiveWriteError(f"rebuild could not write the corpus or the index ({state}): "
                                f"{exc}") from exc
    finally:
        if builder is not None:
            builder.close()
        if index is not None:
            index.close()
        if not complete:
            staged.discard()
    summary.seconds = time.monotonic() - started
    return summary


def rebuild_corpus(archive: str | Path, *, workers: int | None = None,
                   options: ExtractOptions = ExtractOptions(),
                   progress: IO[str] | None = None,
                   only: ExportFilter | None = None,
                   time_limit: float | None = EXTRACT_TIMEOUT) -> RebuildSummary:
    """Re-extract every document; with ``only`` (site, since), just the matching ones,
    the others keeping the rows they have. ``time_limit``: CPU seconds a page may use
    (None: no limit); a page over it is counted in ``failed`` and named in
    ``extract_errors``."""
    archive = Path(archive)
    workers = default_workers(workers)

    def fill(builder: CorpusBuilder, summary: RebuildSummary) -> None:
        candidates = iter_candidates(archive, summary.problems, only, summary.as_recorded)
        # the records read before the pool starts say whether the archive is a few
        # pages (a pool that starts 2 s sooner: workers.LIGHT_START_PAGES)
        head = deque(itertools.islice(candidates, LIGHT_START_PAGES + 1))
        pages = len(head) if len(head) <= LIGHT_START_PAGES else None

        def replayed() -> Iterator[Candidate]:
            # handed out and forgotten, as the records after them are
            while head:
                yield head.popleft()
            yield from candidates

        with RecyclingPool(workers, time_limit=time_limit, pages=pages) as pool:
            builder.add_all(_entries(pool, replayed(), options, window=workers * 8))

    return run_staged(archive, fill, workers=workers, progress=progress, only=only)

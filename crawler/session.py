"""The archive a crawl writes to: one per crawler, shared by its components.

It owns the crawl id, the WARC writer, the index, the corpus file and the list
of failed URLs, and writes the crawl report when the spider closes.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from archive import __version__
from archive.corpus import CorpusWriter, iter_corpus
from archive.errors import ArchiveReadError, ArchiveWriteError
from archive.finalize import every, finalize_corpus
from archive.index import Index, transaction
from archive.near_dup import NearDuplicates
from archive.lock import hold_archive_lock
from archive.records import REQUESTED_URI_HEADER, SOFTWARE, Exchange, warc_date
from archive.repair import repair_open_files
from archive.safe_names import corpus_file_name, report_file_name
from archive.staged_rebuild import recover_staged_rebuild
from archive.warc_reader import decode_content, read_record_at
from archive.warc_writer import RecordLocation, WarcWriter
from archive.workers import default_workers

logger = logging.getLogger(__name__)
progress_logger = logging.getLogger("newsarchive.progress")  # crawler/progress.py's

# Settings that shape what a capture holds; recorded in every warcinfo record.
CAPTURE_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT",
                    "REDIRECT_MAX_TIMES", "RETRY_TIMES", "COOKIES_ENABLED", "DOWNLOAD_DELAY",
                    "CONCURRENT_REQUESTS_PER_DOMAIN")


def ran_to_its_end(reason: str, fatal: str | None) -> bool:
    """A crawl that ended by itself or by a limit it was given (``--max-runtime``,
    Scrapy's other CLOSESPIDER_* limits) is finished; one stopped by a signal (Ctrl-C,
    SIGTERM: "shutdown") or by an archive that could not be written is not, so the next
    run of the same command resumes it."""
    return fatal is None and (reason == "finished" or reason.startswith("closespider_"))


def new_crawl_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def isoformat(when: datetime) -> str:
    return when.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


class ArchiveSession:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.started_at = datetime.now(timezone.utc)
        self.crawl_id = settings.get("ARCHIVE_CRAWL_ID") or new_crawl_id(self.started_at)
        self.dir = Path(settings.get("ARCHIVE_DIR"))
        hold_archive_lock(self.dir, settings.getfloat("ARCHIVE_LOCK_WAIT"))
        recover_staged_rebuild(self.dir)  # a rebuild killed while moving its result in
        self.resumed: list[str] = []
        self.resumed_urls: set[str] = set()  # what the resumed crawls captured
        self.failures: list[dict[str, Any]] = []
        self.rejected_inputs: list[dict[str, Any]] = []
        self.fatal: str | None = None
        info = {
            "software": f"{SOFTWARE} (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "hostname": socket.gethostname(),
            "operator": settings.get("ARCHIVE_OPERATOR") or "unspecified",
            "isPartOf": self.crawl_id,
            "http-header-user-agent": settings.get("USER_AGENT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        }
        for name in CAPTURE_SETTINGS:
            info[f"setting-{name}"] = str(settings.get(name))
        if settings.get("REDIS_URL"):  # one worker of a shared crawl (crawler/cluster.py)
            info["cluster-name"] = settings.get("CLUSTER_NAME")
            info["cluster-worker"] = settings.get("CLUSTER_WORKER_ID")
        self.index = Index(self.dir / "index.sqlite3")
        # WARC files a killed crawl left open are closed first (a live crawl's are locked),
        # and the index forgets the records the repair cut off.
        for fixed in repair_open_files(self.dir / "warc"):
            logger.warning("repaired %s: %s", fixed.file, fixed.skipped or
                           f"kept {fixed.kept_records} records, cut {fixed.cut_bytes} bytes")
            if not fixed.skipped:
                dropped = self.index.forget_records_past(fixed.file, fixed.end)
                if dropped:
                    logger.warning("%s: %d index rows named records cut off; their URLs are "
                                   "fetched again", fixed.file, dropped)
        self.warc = WarcWriter(self.dir / "warc", prefix=settings.get("ARCHIVE_WARC_PREFIX"),
                               max_size=settings.getint("ARCHIVE_WARC_MAX_SIZE"), info=info,
                               gzip=settings.get("ARCHIVE_WARC_GZIP"),
                               gzip_level=(None if settings.get("ARCHIVE_WARC_GZIP_LEVEL") in (None, "")
                                           else settings.getint("ARCHIVE_WARC_GZIP_LEVEL")))
        # WARC records are built, digested and compressed on this thread, never on the
        # reactor's (zlib and hashlib release the GIL); one thread keeps records in order.
        self.writer_thread = ThreadPoolExecutor(1, thread_name_prefix="warc-writer")
        self.index = Index(self.dir / "index.sqlite3")
        # a final pass killed before its rename leaves its output behind; the rows it was
        # writing are in the crawl's own file, which the run resuming it finalizes
        for stray in (self.dir / "corpus").glob("*.jsonl.final"):
            stray.unlink(missing_ok=True)
        self.corpus = CorpusWriter(self.dir / "corpus" / corpus_file_name(self.crawl_id))
        self.index.start_crawl(self.crawl_id, isoformat(self.started_at), "")
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    def shared_index(self) -> sqlite3.Connection | None:
        """A worker of a shared crawl also reads the merged archive's index it writes
        into (ARCHIVE/index.sqlite3, read-only): what earlier crawls captured there
        makes re-crawls conditional and --only-missing skip. None otherwise."""
        if not hasattr(self, "_shared_index"):
            self._shared_index = None
            shared = self.crawler.settings.get("ARCHIVE_SHARED_DIR")
            path = Path(shared) / "index.sqlite3" if shared else None
            if path is not None and path.exists():
                try:
                    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                    db.row_factory = sqlite3.Row
                    db.execute("SELECT 1 FROM captures LIMIT 1")
                    self._shared_index = db
                except sqlite3.Error as exc:
                    logger.warning("cannot read the shared archive's index %s: %s", path, exc)
        return self._shared_index

    def archive_exchange(self, exchange: Exchange) -> RecordLocation:
        """Write one exchange to WARC and index it; runs on the writer thread."""
        location = self.warc.write_exchange(exchange)
        def header(name: bytes) -> str | None:
            value = next((v for k, v in exchange.response_headers if k.lower() == name), None)
            return value.decode("latin-1") if value is not None else None

        content_type = header(b"content-type")
        etag, last_modified = header(b"etag"), header(b"last-modified")
        if location.record_type == "revisit" and exchange.prior is not None:
            # a 304 need not repeat them: the original's still hold (rebuild does the same)
            etag = etag if etag is not None else exchange.prior.etag
            last_modified = last_modified if last_modified is not None else exchange.prior.last_modified
        try:
            self.index.add_capture(
                crawl_id=self.crawl_id, url=exchange.url, status=exchange.status,
                fetched_at=warc_date(exchange.fetched_at), warc_file=location.file,
                warc_offset=location.offset, warc_length=location.length,
                record_id=location.record_id, payload_digest=location.payload_digest,
                content_type=content_type, ip_address=exchange.ip_address,
                record_type=location.record_type, etag=etag, last_modified=last_modified)
        except ArchiveWriteError:
            self.warc.unwrite_exchange(location)  # every record the WARC holds is indexed
            raise
        return location

    def resume(self, input_key: str) -> set[str]:
        """Mark this crawl's input; return the URLs that crawls of the same input which
        never finished (killed) already captured: a resumed run skips them."""
        self.resumed = self.index.unfinished_crawls(input_key, but=self.crawl_id)
        self.index.set_input_key(self.crawl_id, input_key)
        if not self.resumed:
            return set()
        logger.warning("resuming %s: URLs they captured are not fetched again",
                       ", ".join(self.resumed))
        self.resumed_urls = self.index.captured_urls(self.resumed)
        for killed in self.resumed:
            self._report_killed(killed)
        return set(self.resumed_urls)

    def _report_killed(self, crawl_id: str) -> None:
        """The report of a crawl this one resumes: what its captures, documents and
        failures in the index say, when it died before writing one; else its own, marked."""
        path = self.dir / "reports" / report_file_name(crawl_id)
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            report = {"crawl_id": crawl_id, "software": SOFTWARE, "version": __version__,
                      "started_at": self.index.crawl_started_at(crawl_id), "finished_at": None,
                      "finish_reason": "killed", "finished": False, "fatal_error": None,
                      "archive": str(self.dir), "corpus_file": f"corpus/{corpus_file_name(crawl_id)}"}
            failures = self.index.failures(crawl_id)
            report["counts"] = {**self.index.crawl_counts(crawl_id), "failed": len(failures)}
            report["failures"] = failures
            report["note"] = "killed: counts from the index (its captures, documents, failures)"
        report["resumed_by"] = self.crawl_id
        write_report(path, report)

    def replay_captures(self) -> list[tuple[str, int, bytes, str | None]]:
        """(url, status, decoded body, content type) of every full capture the killed
        crawls made, in capture order: a resumed discovery crawl parses these instead
        of fetching them again."""
        if not self.resumed:
            return []
        marks = ",".join("?" * len(self.resumed))
        out = []
        for row in self.index.query(
                f"SELECT * FROM captures WHERE crawl_id IN ({marks}) AND record_type='response' "
                "ORDER BY fetched_at", tuple(self.resumed)):
            path = self.dir / "warc" / row["warc_file"]
            try:
                rec = read_record_at(path if path.exists() else path.with_name(path.name + ".open"),
                                     row["warc_offset"], row["warc_length"])
                body = decode_content(rec.http_payload(), rec.http_header("Content-Encoding"))
            except (OSError, ValueError):
                continue
            out.append((row["url"], row["status"], body, row["content_type"]))
        return out

    def unfinished_items(self) -> list[dict[str, Any]]:
        """Pages the killed crawls fetched but never extracted, as items read back from
        their WARC records: they are extracted now instead of being fetched again."""
        items = []
        for row in self.index.unextracted_captures(self.resumed) if self.resumed else []:
            path = self.dir / "warc" / row["warc_file"]
            try:
                rec = read_record_at(path if path.exists() else path.with_name(path.name + ".open"),
                                     row["warc_offset"], row["warc_length"])
                body = decode_content(rec.http_payload(), rec.http_header("Content-Encoding"))
            except (OSError, ValueError) as exc:
                logger.warning("cannot read back %s: %s", row["url"], exc)
                continue
            location = RecordLocation(row["warc_file"], row["warc_offset"], row["warc_length"],
                                      row["record_id"], row["payload_digest"])
            items.append({"url": rec.get(REQUESTED_URI_HEADER) or row["url"], "final_url": row["url"],
                          "status": row["status"], "fetched_at": row["fetched_at"],
                          "content_type": row["content_type"], "body": body, "warc": location})
        return items

    def item_from_capture(self, item: dict[str, Any]) -> dict[str, Any] | None:
        """``item`` (a page's, without its body) with its body read back from its WARC
        record (``item["warc"]``), content-encoding undone; None if it cannot be read."""
        location = item["warc"]
        path = self.dir / "warc" / location.file
        try:
            rec = read_record_at(path if path.exists() else path.with_name(path.name + ".open"),
                                 location.offset, location.length)
            body = decode_content(rec.http_payload(), rec.http_header("Content-Encoding"))
        except (OSError, ValueError) as exc:
            logger.warning("cannot read back %s: %s", item.get("url"), exc)
            return None
        return {**item, "body": body}

    def request_dropped(self, request: Any, spider: Any = None) -> None:
        """The dupefilter drops a redirect back to a URL of its own chain without a word:
        that is a redirect loop, and it is reported."""
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:
            self.record_failure(chain[0], "redirect_loop", f"back to {request.url}")

    def record_failure(self, url: str, reason: str, detail: str = "") -> None:
        """Count and list a failed URL (stats ``fetch/failed/<reason>``), logged once."""
        if reason == "not_sent":  # dropped when the crawl stopped (crawler/stop.py): not a failure
            self.crawler.stats.inc_value("newsarchive/not_sent")
            return
        self.crawler.stats.inc_value(f"newsarchive/failed/{reason}")
        self.crawler.stats.inc_value("newsarchive/failed")
        self.failures.append({"url": url, "reason": reason, "detail": detail[:500]})
        try:
            self.index.add_failure(self.crawl_id, url, reason, detail[:500])
        except ArchiveWriteError:
            pass  # the report still lists it; only a kill before the end would lose it
        logger.warning("failed %s: %s %s", url, reason, detail[:200])

    def fail_crawl(self, message: str, reason: str = "archive_write_failed") -> None:
        """Stop the crawl: the archive can no longer be written (full disk, I/O error),
        or a shared crawl's Redis is gone."""
        if self.fatal is not None:
            return
        self.fatal = message
        logger.error("stopping the crawl: %s", message)
        self.crawler.stats.set_value("newsarchive/fatal", message)
        engine = self.crawler.engine
        if engine is not None:
            deferred_from_coro(engine.close_spider_async(reason=reason))

    def report(self, reason: str) -> dict[str, Any]:
        stats = self.crawler.stats.get_stats()
        finished = datetime.now(timezone.utc)
        elapsed = (finished - self.started_at).total_seconds()
        counts = {
            "responses": stats.get("downloader/response_count", 0),
            "requests": stats.get("downloader/request_count", 0),
            "warc_records": self.warc.records_written,
            "rows": stats.get("newsarchive/articles", 0),  # corpus rows written, every type
            "articles": sum(v for k, v in stats.items()
                            if k in ("newsarchive/page_type/article",
                                     "newsarchive/page_type/liveblog")),
            "not_articles": sum(v for k, v in stats.items() if k.startswith("newsarchive/skipped/")),
            "failed": stats.get("newsarchive/failed", 0),
            "new": stats.get("newsarchive/documents/new", 0),
            "changed": stats.get("newsarchive/documents/changed", 0),
            "unchanged": stats.get("newsarchive/unchanged", 0),
            "skipped_as_done": stats.get("newsarchive/resume/skipped", 0),
            # rows by page type, and pages of the types this crawl does not keep
            "page_types": {k.rsplit("/", 1)[1]: v for k, v in sorted(stats.items())
                           if k.startswith("newsarchive/page_type/")},
            "skipped_page_types": {k.rsplit("/", 1)[1]: v for k, v in sorted(stats.items())
                                   if k.startswith("newsarchive/skipped/page_type/")},
            # why each extracted page was decoded as it was (archive/charset.py), and how
            # many were not in the encoding their HTTP header or <meta> declared
            "encodings": {k.rsplit("/", 1)[1]: v for k, v in sorted(stats.items())
                          if k.startswith("newsarchive/encoding/")},
            "encoding_not_as_declared": stats.get("newsarchive/encoding_not_as_declared", 0),
            # a site crawl's `since` window: pages kept and left out by the date a sitemap
            # or feed gives them, and by their own date (for URLs no listing dates)
            "in_window_by_listing": stats.get("newsarchive/since/in_window_by_listing", 0),
            "before_since_by_listing": stats.get("newsarchive/discovery/before_since", 0),
            "in_window_by_page": stats.get("newsarchive/since/in_window_by_page", 0),
            "before_since_by_page": stats.get("newsarchive/since/before_since_by_page", 0),
            # a site crawl's calendar and pagination pages past max_trap_depth, not fetched
            "trap_skipped": stats.get("newsarchive/discovery/trap_skipped", 0),
            "not_sent": stats.get("newsarchive/not_sent", 0),
            "not_extracted": self._not_extracted(),
        }
        failures = self.failures
        if self.resumed:
            # the report of the whole crawl: the killed runs' part, from the index, and this
            # run's; a killed run's failure stands unless this run fetched its URL again
            this_run, counts = counts, dict(counts)
            failures = []
            for killed in self.resumed:
                for name, value in self.index.crawl_counts(killed).items():
                    counts[name] += value
                failures += [f for f in self.index.failures(killed) if f["url"] in self.resumed_urls]
            failures += self.failures
            counts["failed"] = len(failures)
            # the killed runs' rows are in this run's corpus file now: their page types
            types = self._page_types_of_corpus()
            counts["page_types"] = types
            counts["articles"] = types.get("article", 0) + types.get("liveblog", 0)
        return {
            "crawl_id": self.crawl_id,
            "software": SOFTWARE,
            "version": __version__,
            "started_at": isoformat(self.started_at),
            "finished_at": isoformat(finished),
            "elapsed_seconds": round(elapsed, 3),
            "finish_reason": reason,
            "finished": ran_to_its_end(reason, self.fatal),
            "fatal_error": self.fatal,
            "archive": str(self.dir),
            "corpus_file": str(self.corpus.path.relative_to(self.dir)),
            "warc_files": list(self.warc.files_closed),
            "counts": counts,
            "resumed_crawls": self.resumed,
            **({"counts_this_run": this_run} if self.resumed else {}),
            "failures": failures,
            "rejected_inputs": self.rejected_inputs,
            "stats": {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in stats.items()},
        }

    def _adopt_resumed_rows(self) -> list[Path]:
        """Move the corpus rows of the crawls this one resumed into its own file, so that
        its final pass (site templates, near-duplicates, WARC order) covers the whole
        crawl, as an uninterrupted one's does. Returns their files, to be removed once this
        one is closed. A row is moved when its document names its file: a row whose
        document was never written (a kill, a full disk) was extracted again, and a file
        a killed resume had already moved is not moved twice."""
        moved = []
        for killed in self.resumed:
            path = self.corpus.path.with_name(corpus_file_name(killed))
            if not path.exists():
                continue
            ids = []
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError:  # torn by the kill: its page is extracted again
                        continue
                    record_id = row["warc"]["record_id"]
                    if self.index.query("SELECT 1 FROM documents WHERE record_id=? AND corpus_file=?",
                                        (record_id, path.name)):
                        self.corpus.write(row)
                        ids.append(record_id)
            with self.index.lock, transaction(self.index.connection):
                self.index.connection.executemany(
                    "UPDATE documents SET corpus_file=? WHERE record_id=?",
                    [(self.corpus.path.name, record_id) for record_id in ids])
            moved.append(path)
        return moved

    def _page_types_of_corpus(self) -> dict[str, int]:
        types: dict[str, int] = {}
        try:
            for row in iter_corpus(self.corpus.path):
                kind = row.get("page_type") or "unknown"
                types[kind] = types.get(kind, 0) + 1
        except (OSError, ArchiveReadError):
            pass
        return dict(sorted(types.items()))

    def _not_extracted(self) -> int:
        """This crawl's archived pages that got no corpus row nor a reason why not: cut
        off by a fatal error or a kill; the next run of the same command extracts them."""
        if self.fatal is None:
            return 0
        try:
            return len(self.index.unextracted_captures([self.crawl_id]))
        except sqlite3.Error:
            return 0

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.writer_thread.shutdown(wait=True)
        try:
            self.warc.close()
        except Exception as exc:  # noqa: BLE001 - reported below, not swallowed
            self.fatal = self.fatal or str(exc)
        cluster = getattr(self.crawler, "_newsarchive_cluster", None)
        combined: dict[str, Any] | None = None
        if cluster is not None:
            # before the final pass, which can take minutes on a large crawl and would
            # keep the others waiting for this worker's counts (they are known now)
            try:
                combined = cluster.leave(self.report(reason))
            except Exception as exc:  # noqa: BLE001 - Redis gone: this worker's report still counts
                logger.error("could not leave the shared crawl cleanly: %s", exc)
                combined = {"name": cluster.name, "error": str(exc)}
        try:
            adopted = self._adopt_resumed_rows()
            self.corpus.close()
            for path in adopted:  # their rows are in this crawl's file now
                path.unlink(missing_ok=True)
            # an interrupted crawl's rows get theirs in the run that resumes it
            if ran_to_its_end(reason, self.fatal):
                workers = default_workers(self.crawler.settings.getint("EXTRACT_WORKERS"))
                near = NearDuplicates(self.index.connection)
                for killed in self.resumed:  # registered if it was killed in its final pass
                    near.forget_crawl(killed)
                final = finalize_corpus(self.corpus.path, self.index.connection, self.crawl_id,
                                        workers=workers, progress=self._final_pass_progress())
                self.crawler.stats.set_value("newsarchive/template_lines_removed", final.template_lines)
                self.crawler.stats.set_value("newsarchive/near_duplicates", final.duplicates)
        except (OSError, sqlite3.Error, ArchiveWriteError) as exc:
            # the corpus file keeps its rows as written (valid, but unsorted and not
            # cleaned by the final template); rebuild can redo it once there is room
            self.corpus.path.with_name(self.corpus.path.name + ".final").unlink(missing_ok=True)
            self.fatal = self.fatal or f"corpus finalisation failed: {exc}"
            self.crawler.stats.set_value("newsarchive/fatal", self.fatal)
        if self.corpus.path.exists() and self.corpus.path.stat().st_size == 0:
            self.corpus.path.unlink()  # no rows (a resume with nothing left, a re-crawl of 304s)
        report = self.report(reason)
        if combined is not None:
            report["cluster"] = combined
        self.final_report = report
        if report["finished"]:
            # An interrupted crawl stays unfinished in the index: the next run of the same
            # command resumes it (skips what it captured, extracts what it did not).
            try:
                self.index.finish_crawl(self.crawl_id, report["finished_at"], json.dumps(report["counts"]))
                for killed in self.resumed:  # resumed to the end: they count as finished now
                    self.index.finish_crawl(killed, report["finished_at"],
                                            json.dumps({"killed": True, "resumed_by": self.crawl_id}))
            except sqlite3.Error as exc:
                logger.error("could not record the crawl in the index: %s", exc)
        self.index.close()
        if getattr(self, "_shared_index", None) is not None:
            self._shared_index.close()
        self.report_path = write_report(self.dir / "reports" / report_file_name(self.crawl_id),
                                        report)


    def _final_pass_progress(self) -> Any:
        """Progress lines for the final corpus pass, as often as the crawl's own
        (ARCHIVE_PROGRESS_INTERVAL; 0: none)."""
        interval = self.crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        if interval <= 0:
            return None
        return every(interval, lambda done, total: progress_logger.info(
            "final pass: %d of %d corpus rows (site templates, near-duplicates)", done, total))


def write_report(path: Path, report: dict[str, Any]) -> Path:
    """Write a report whole or not at all (a full disk left 0-byte reports)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(report, ensure_ascii=False, indent=2))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        logger.error("could not write the crawl report %s: %s", path, exc)
        tmp.unlink(missing_ok=True)
    return path


def archive_session(crawler: Crawler) -> ArchiveSession:
    """The crawler's session, made on first use."""
    session = getattr(crawler, "_newsarchive_session", None)
    if session is None:
        session = ArchiveSession(crawler)
        crawler._newsarchive_session = session  # type: ignore[attr-defined]
    return session

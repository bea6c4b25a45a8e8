"""The archive a crawl writes to: one per crawler, shared by its components.

It owns the crawl id, the WARC writer, the index, the corpus file and the list
of failed URLs, and writes the crawl report when the spider closes.
"""

from __future__ import annotations

import json
import logging
import secrets
import socket
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from archive.store.corpus import CorpusWriter
from archive.errors import ArchiveWriteError
from archive.store.index import Index
from archive.store.lock import hold_archive_lock
from archive.warc.records import SOFTWARE, Exchange, warc_date
from archive.warc.repair import repair_open_files
from archive.inputs.safe_names import corpus_file_name, report_file_name
from archive.ops.staged_rebuild import recover_staged_rebuild
from archive.warc.writer import PreparedExchange, RecordLocation, WarcWriter
from archive.extract.workers import default_workers

from .crawl_signals import crawl_failed, worker_leaving
from .meta import META_LINE
from .progress import STAT_DONE
from .report import Reporting, isoformat, ran_to_its_end, write_html_report_logged, write_report
from .resume import Resume

logger = logging.getLogger(__name__)
progress_logger = logging.getLogger("newsarchive.progress")  # crawler/progress.py's

# Threads that build, digest and compress WARC records (see ArchiveSession.__init__)
WARC_WRITER_THREADS = 3

# Settings that shape what a capture holds; recorded in every warcinfo record.
CAPTURE_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT",
                    "REDIRECT_MAX_TIMES", "RETRY_TIMES", "COOKIES_ENABLED", "DOWNLOAD_DELAY",
                    "CONCURRENT_REQUESTS_PER_DOMAIN")


def new_crawl_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


class ArchiveSession(Resume, Reporting):
    """The archive a crawl writes to (see the module's docstring)."""

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
        if settings.get("REDIS_URL"):  # one worker of a shared crawl (crawler/cluster/)
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
        # WARC records are built, digested and compressed on these threads, never on the
        # reactor's. The digests and the compression release the GIL, but each thread
        # then waits for it back while the reactor runs: one thread alone spent 4 times
        # its CPU time waiting a record, and exchanges queued behind it (median 14-20 ms
        # in the queue at 2,000 URLs). Several prepare exchanges at once; each writes its
        # own under _archive_lock, WARC record then index row (archive_exchange).
        self.writer_thread = ThreadPoolExecutor(WARC_WRITER_THREADS, thread_name_prefix="warc-writer")
        self._archive_lock = threading.Lock()
        # a final pass killed before its rename leaves its output behind; the rows it was
        # writing are in the crawl's own file, which the run resuming it finalizes
        for pattern in ("*.jsonl.final", "*.jsonl.final.dup"):
            for stray in (self.dir / "corpus").glob(pattern):
                stray.unlink(missing_ok=True)
        self.corpus = CorpusWriter(self.dir / "corpus" / corpus_file_name(self.crawl_id))
        self.index.start_crawl(self.crawl_id, isoformat(self.started_at), "")
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(self.fail_crawl, signal=crawl_failed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveSession:
        return cls(crawler)

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
        """Write one exchange to WARC and index it; runs on a writer thread."""
        prepared = self.warc.prepare_exchange(exchange)  # beside the other writer threads
        with self._archive_lock:  # the index row follows its record; none comes between
            return self._write_and_index(exchange, prepared)

    def _write_and_index(self, exchange: Exchange, prepared: PreparedExchange) -> RecordLocation:
        location = self.warc.write_prepared(prepared)
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

    def request_dropped(self, request: Any, spider: Any = None) -> None:
        """The dupefilter drops a redirect to a URL fetched already without a word. Back to
        a URL of its own chain, that is a redirect loop, reported as a failure; to
        another (two URLs of a list redirecting to one page, a tracking link to a page
        of the list) it is counted: the page's row is the one of the URL fetched first.
        Either way a URL of the list is done (the progress line's count)."""
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:
            self.record_failure(chain[0], "redirect_loop", f"back to {request.url}")
        elif chain:
            self.crawler.stats.inc_value("newsarchive/redirected_to_fetched")
            logger.info("%s redirects to %s, fetched already: the row of that fetch stands",
                        chain[0], request.url)
        elif request.meta.get(META_LINE) is not None:
            # a URL of the list that is another's to the dupefilter (a #fragment, the
            # query's parameters in another order), or one a redirect fetched already
            self.crawler.stats.inc_value("newsarchive/same_as_fetched")
            logger.info("%s is the same page as one fetched already: its row stands",
                        request.url)
        if request.meta.get(META_LINE) is not None:
            self.crawler.stats.inc_value(STAT_DONE)

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

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.writer_thread.shutdown(wait=True)
        try:
            self.warc.close()
        except Exception as exc:  # noqa: BLE001 - reported below, not swallowed
            self.fatal = self.fatal or str(exc)
        # a shared crawl's worker leaves it here, before the final pass (crawler/cluster/)
        combined: dict[str, Any] | None = None
        for _, answer in self.crawler.signals.send_catch_log(
                worker_leaving, make_report=lambda: self.report(reason)):
            if isinstance(answer, dict):
                combined = answer
        try:
            adopted = self._adopt_resumed_rows()
            self.corpus.close()
            for path in adopted:  # their rows are in this crawl's file now
                path.unlink(missing_ok=True)
            # an interrupted crawl's rows get theirs in the run that resumes it
            if ran_to_its_end(reason, self.fatal):
                # imported here: the final pass's code (numpy among it, 15 MB) is not
                # loaded in the crawl process while it crawls
                from archive.corpus.finalize import finalize_corpus
                from archive.corpus.near_dup import NearDuplicates
                workers = default_workers(self.crawler.settings.getint("EXTRACT_WORKERS"))
                near = NearDuplicates(self.index.connection)
                for killed in self.resumed:  # registered if it was killed in its final pass
                    near.forget_crawl(killed)
                final = finalize_corpus(self.corpus.path, self.index.connection, self.crawl_id,
                                        workers=workers, progress=self._final_pass_progress(),
                                        warc_dir=self.dir / "warc")
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
        shared = getattr(self, "_shared_index", None)
        if shared is not None:
            shared.close()
        self.report_path = write_report(self.dir / "reports" / report_file_name(self.crawl_id),
                                        report)
        if self.report_path.exists():
            write_html_report_logged(self.dir, self.crawl_id)


    def _final_pass_progress(self) -> Any:
        """Progress lines for the final corpus pass, as often as the crawl's own
        (ARCHIVE_PROGRESS_INTERVAL; 0: none)."""
        from archive.corpus.finalize import every
        interval = self.crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        if interval <= 0:
            return None
        return every(interval, lambda done, total: progress_logger.info(
            "final pass: %d of %d corpus rows (site templates, near-duplicates)", done, total))


def archive_session(crawler: Crawler) -> ArchiveSession:
    """The crawler's session: the extension crawler/addon.py enables."""
    session = crawler.get_extension(ArchiveSession)
    if session is None:
        raise RuntimeError("no ArchiveSession extension: crawls need crawler.addon.NewsArchiveAddon")
    return session


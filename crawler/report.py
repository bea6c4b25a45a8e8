"""The crawl report: counts, failures and stats, whole or not at all on disk."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from archive import __version__
from archive.errors import ArchiveReadError, NewsArchiveError
from archive.ops.report import write_html_report
from archive.store.corpus import corpus_counts
from archive.warc.records import SOFTWARE

from .session_state import SessionState

logger = logging.getLogger("crawler.session")


def ran_to_its_end(reason: str, fatal: str | None) -> bool:
    """A crawl that ended by itself or by a limit it was given (``--max-runtime``,
    Scrapy's other CLOSESPIDER_* limits) is finished; one stopped by a signal (Ctrl-C,
    SIGTERM: "shutdown") or by an archive that could not be written is not, so the next
    run of the same command resumes it."""
    return fatal is None and (reason == "finished" or reason.startswith("closespider_"))


def isoformat(when: datetime) -> str:
    return when.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


# The reasons a page got no corpus row besides its page type, as the report's console
# summary names them (counts.no_row_reasons holds the keys)
NO_ROW_REASONS = {
    "not_html": "not HTML",
    "empty": "empty body",
    "unparsable": "markup lxml could not parse",
    "no_text": "no text in its HTML (a page its scripts build?)",
    "before_since": "dated before --since",
}


class Reporting(SessionState):
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
            # rows whose text is the description the page's head declares: a post its
            # scripts build, with no text in its HTML (docs/extraction.md)
            "description_only": stats.get("newsarchive/description_only", 0),
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
            # why the other pages got no row (NO_ROW_REASONS)
            "no_row_reasons": {k.rsplit("/", 1)[1]: v for k, v in sorted(stats.items())
                               if k.startswith("newsarchive/skipped/") and k.count("/") == 2
                               and v > 0},
            # why each extracted page was decoded as it was (archive/extract/charset.py), and
            # how many were not in the encoding their HTTP header or <meta> declared
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
            # URLs that redirected to a page this crawl had fetched already: its row stands
            "redirected_to_fetched": stats.get("newsarchive/redirected_to_fetched", 0),
            # URLs of the list that are one page to the dupefilter with one fetched
            # already (a #fragment apart, the query's parameters in another order)
            "same_as_fetched": stats.get("newsarchive/same_as_fetched", 0),
            # page requisites (--requisites): responses, their bytes (as received, decoded), failures
            "requisites": stats.get("newsarchive/requisites/fetched", 0),
            "requisite_bytes": stats.get("newsarchive/requisites/bytes", 0),
            "requisites_failed": stats.get("newsarchive/requisites/failed", 0),
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
            types, described = self._corpus_counts()
            counts["page_types"] = types
            counts["description_only"] = described
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
            # None when this run wrote no row (a re-crawl of unchanged pages): no file
            "corpus_file": (str(self.corpus.path.relative_to(self.dir))
                            if self.corpus.path.exists() else None),
            "warc_files": list(self.warc.files_closed),
            "counts": counts,
            "resumed_crawls": self.resumed,
            **({"counts_this_run": this_run} if self.resumed else {}),
            "failures": failures,
            "rejected_inputs": self.rejected_inputs,
            "stats": {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in stats.items()},
        }

    def _corpus_counts(self) -> tuple[dict[str, int], int]:
        """This run's corpus file's rows by page type, and its description rows
        (corpus_counts); none where the file cannot be read."""
        try:
            return corpus_counts(self.corpus.path)
        except (OSError, ArchiveReadError):
            return {}, 0

    def _not_extracted(self) -> int:
        """This crawl's archived pages that got no corpus row nor a reason why not: cut
        off by a fatal error or a kill; the next run of the same command extracts them."""
        if self.fatal is None:
            return 0
        try:
            return len(self.index.unextracted_captures([self.crawl_id]))
        except sqlite3.Error:
            return 0


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


def write_html_report_logged(archive: Path, crawl_id: str) -> None:
    """The HTML page beside the JSON report (archive/ops/report.py); a failure is logged
    once and costs the crawl nothing (``newsarchive report`` writes it again)."""
    try:
        write_html_report(archive, crawl_id)
    except (NewsArchiveError, OSError, ValueError) as exc:
        logger.error("could not write the HTML crawl report of %s: %s", crawl_id, exc)

"""A crawl that resumes killed runs of the same input: what they captured is skipped,
what they fetched but did not extract is read back from the WARCs, their corpus rows
move into this run's file, and each gets a report."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from archive import __version__
from archive.extract.rights import tdm_headers
from archive.inputs.safe_names import corpus_file_name, report_file_name
from archive.store.index import transaction
from archive.warc.reader import decode_content, read_record_at
from archive.warc.records import REQUESTED_URI_HEADER, SOFTWARE
from archive.warc.writer import RecordLocation

from .report import write_report
from .session_state import SessionState

logger = logging.getLogger("crawler.session")


class Resume(SessionState):
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
                          "content_type": row["content_type"], "body": body, "warc": location,
                          "tdm_headers": tdm_headers(rec.http_headers())})
        return items

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

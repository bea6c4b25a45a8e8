"""Rights fields for corpus rows, read in the final pass from what the archive holds.

The crawl, ``rebuild`` and ``merge`` run the same final pass over the same WARC
records, so a row's rights are the same whichever made it. What the page says
(its TDM header and <meta>, JSON-LD, licence and canonical links) its extraction
read already, from the tree it parsed (archive/extract/document.py); here, per
host, once: the latest robots.txt and ``/.well-known/tdmrep.json`` responses
captured up to the page's fetch. A page's record is read again only for a row
made before its extraction did that, or whose TDM fields a tdmrep.json that no
longer applies had set.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.extract.rights import (PAGE_FIELDS, RIGHTS_FIELDS, page_rights, robots_ai, tdmrep_rule,
                                    with_tdmrep)
from archive.warc.reader import decode_body, read_record_at

logger = logging.getLogger(__name__)

TDMREP_PATH = "/.well-known/tdmrep.json"

HostFile = tuple[str, int | None, bytes | None]  # (fetched_at, status, body)


class RightsReader:
    def __init__(self, db: sqlite3.Connection, warc_dir: Path) -> None:
        self.db = db
        self.warc_dir = warc_dir
        self._host_files: dict[str, list[HostFile]] = {}

    def _record(self, file: str, offset: int, length: int | None) -> tuple[int | None, list[tuple[str, str]], bytes]:
        record = read_record_at(self.warc_dir / file, offset, length)
        headers = record.http_headers()
        body, _ = decode_body(record.http_payload(), record.http_header("Content-Encoding"))
        return record.http_status(), headers, body

    def _captures(self, url: str) -> list[HostFile]:
        """Every full response captured for ``url`` (robots.txt, tdmrep.json), oldest first."""
        if url not in self._host_files:
            found: list[HostFile] = []
            rows = self.db.execute(
                "SELECT fetched_at, warc_file, warc_offset, warc_length FROM captures "
                "WHERE url=? AND record_type='response' ORDER BY fetched_at", (url,)).fetchall()
            for fetched_at, file, offset, length in rows:
                try:
                    status, _, body = self._record(file, offset, length)
                except (OSError, ValueError) as exc:
                    logger.warning("rights: cannot read %s in %s: %s", url, file, exc)
                    continue
                found.append((fetched_at, status, body))
            self._host_files[url] = found
        return self._host_files[url]

    def _as_of(self, url: str, fetched_at: str) -> tuple[int | None, bytes | None] | None:
        """The capture of ``url`` in force when a page was fetched: the latest before
        it, else the first after it (a page fetched while robots.txt was in flight)."""
        captures = self._captures(url)
        if not captures:
            return None
        before = [c for c in captures if c[0] <= fetched_at]
        chosen = before[-1] if before else captures[0]
        return chosen[1], chosen[2]

    def fields(self, row: dict[str, Any]) -> dict[str, Any]:
        """The rights fields of one row: the page's own (``PAGE_FIELDS``, which its
        extraction read from the page) with the host's robots.txt and tdmrep.json added.
        A row without them (from an older version), or one whose TDM fields came from a
        tdmrep.json that no longer applies, has them read from its record; all null when
        it cannot be read."""
        url = row.get("final_url") or row["url"]
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        fetched_at = row.get("fetched_at") or ""
        robots = self._as_of(origin + "/robots.txt", fetched_at)
        tdm_file = self._as_of(origin + TDMREP_PATH, fetched_at)
        tdmrep = None
        if tdm_file is not None and tdm_file[0] is not None and 200 <= tdm_file[0] < 300:
            tdmrep = tdmrep_rule(tdm_file[1], url)
        if all(key in row for key in PAGE_FIELDS) and (tdmrep is not None
                                                        or row["tdm_source"] != "tdmrep.json"):
            page = {key: row[key] for key in PAGE_FIELDS}
        else:
            warc = row["warc"]
            try:
                _, headers, body = self._record(warc["file"], warc["offset"], warc["length"])
            except (OSError, ValueError) as exc:
                logger.warning("rights: cannot read the record of %s: %s", url, exc)
                return dict.fromkeys(RIGHTS_FIELDS) | {"paywalled": False}
            page = page_rights(body, url, headers, None)
        out = with_tdmrep(page, tdmrep)
        out["robots_ai"] = robots_ai(robots[0], robots[1], url) if robots else None
        return out

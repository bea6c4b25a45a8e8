"""Learn each site's template from its pages, and take it out of their text.

A paragraph that recurs in the extracted text of several pages of one site is
not article text: a menu line, a "Tin liên quan" heading, a "Recent Posts"
title, a share bar, a footer. What is learned is stored per site in the index
(table ``site_lines``: site, line key, document, a sample of the line), so it
works across crawls and can be inspected:

    SELECT sample, COUNT(*) FROM site_lines WHERE site = 'example.com'
    GROUP BY key HAVING COUNT(*) >= 3 ORDER BY 2 DESC;

Copies of one page count as one page. The same article at three URLs (an AMP or a
print version, a path under two sections, a URL list with variants) holds every
one of its lines three times, and counting each URL emptied all three rows.
Table ``site_docs`` gives each document its ``copy`` key: its title (its headline)
and its longest line. Pages that share both are one page for the count; different pages
that share only template lines (shells of different stories with the site's
description as their only text) still differ by their titles.
"""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from archive.extract.keys import line_key

__all__ = ["SiteTemplates", "copy_key", "site_of", "line_key", "MIN_PAGES"]

# A line on this many distinct pages of a site is template. 3, not 2: a quote or a
# paragraph one article repeats from another (the same story updated, a correction)
# appears on two pages and must stay. On the fixture sites every clutter line that the
# extractors keep is on at least 3 pages.
MIN_PAGES = 3
# Lines shorter than this are not learned (dates, "Home"): too common inside text.
MIN_LINE_CHARS = 4

SCHEMA = """
CREATE TABLE IF NOT EXISTS site_lines (
    site TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, sample TEXT NOT NULL,
    PRIMARY KEY (site, key, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_docs (
    site TEXT NOT NULL, doc TEXT NOT NULL, copy TEXT NOT NULL,
    PRIMARY KEY (site, doc)) WITHOUT ROWID;
"""

# Lines on enough documents of a site, and how many documents hold each
_CANDIDATES = ("SELECT key, COUNT(*) FROM site_lines WHERE site = ?1 GROUP BY key "
               "HAVING COUNT(*) >= ?2")
# The documents of a site that have copies among its documents, with their copy keys
_COPIES = ("SELECT doc, copy FROM site_docs WHERE site = ?1 AND copy IN "
           "(SELECT copy FROM site_docs WHERE site = ?1 GROUP BY copy HAVING COUNT(*) > 1)")
# Their lines: one pass over the site's lines, however many copies there are
_COPY_LINES = ("SELECT key, doc FROM site_lines WHERE site = ?1 AND doc IN "
               "(SELECT doc FROM site_docs WHERE site = ?1 AND copy IN "
               "(SELECT copy FROM site_docs WHERE site = ?1 GROUP BY copy HAVING COUNT(*) > 1))")


# Rows of site_lines one INSERT statement writes (4 values a row, far under SQLite's
# limit of 32,766 values a statement)
INSERT_ROWS = 128


@functools.lru_cache(maxsize=INSERT_ROWS)
def _insert_rows(count: int) -> str:
    return "INSERT OR IGNORE INTO site_lines VALUES " + ", ".join(["(?, ?, ?, ?)"] * count)


def copy_key(title: str | None, paragraphs: Sequence[str], keys: Sequence[str]) -> str:
    """What copies of one page share: the title (the page's headline) and the longest
    line (the first of the longest, as the text has them). One line: an AMP or print
    copy may differ in a shorter one (a caption, a print notice)."""
    longest = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]), default=None)
    return line_key(" ".join((title or "").split())) + (keys[longest] if longest is not None else "")


def site_of(url: str) -> str:
    return (urlsplit(url).netloc or "").lower()


class SiteTemplates:
    def __init__(self, db: sqlite3.Connection, min_pages: int = MIN_PAGES) -> None:
        self.db = db
        self.min_pages = min_pages
        self.db.executescript(SCHEMA)
        self._cache: dict[str, tuple[int, int, set[str]]] = {}  # site -> calls, next refresh, keys

    def observe(self, site: str, doc: str, paragraphs: list[str],
                keys: Sequence[str] | None = None, title: str | None = None) -> None:
        """Record the raw paragraphs of one document (idempotent per document).
        ``keys``, when given, are their line_key()s, worked out already; ``title`` is
        the document's title, part of what makes two documents copies of one page."""
        if keys is None:
            keys = [line_key(p) for p in paragraphs]
        self.db.execute("INSERT OR REPLACE INTO site_docs VALUES (?, ?, ?)",
                        (site, doc, copy_key(title, paragraphs, keys)))
        rows = list({(site, key, doc, p[:200]) for p, key in zip(paragraphs, keys, strict=True)
                     if len(p.strip()) >= MIN_LINE_CHARS})
        # Many rows a statement, not executemany's one statement a row: each row was then
        # a transaction of its own (the WAL written again for every row), and each step a
        # release of the GIL, which a crawl's reactor, where this runs, waits to get back
        # from the WARC writer threads (4.5 ms a page in a profiled crawl).
        for start in range(0, len(rows), INSERT_ROWS):
            chunk = rows[start:start + INSERT_ROWS]
            self.db.execute(_insert_rows(len(chunk)), [value for row in chunk for value in row])

    def template(self, site: str) -> set[str]:
        """The keys of the lines on ``min_pages`` or more pages of the site, copies of a
        page counting once. (One COUNT(DISTINCT) over a join cost 5x the plain count on
        a 20,000-page site; this costs the plain count where no page has copies, and
        one more pass over the site's lines where some have.) Documents recorded
        before site_docs existed count by their names."""
        counts = dict(self.db.execute(_CANDIDATES, (site, self.min_pages)))
        copies = dict(self.db.execute(_COPIES, (site,)))
        if counts and copies:
            held: Counter[tuple[str, str]] = Counter()  # (line, copy key) -> documents
            for key, doc in self.db.execute(_COPY_LINES, (site,)):
                if key in counts:
                    held[key, copies[doc]] += 1
            for (key, _copy), docs in held.items():
                counts[key] -= docs - 1
        return {key for key, count in counts.items() if count >= self.min_pages}

    def cached_template(self, site: str, refresh_every: int = 20) -> set[str]:
        """The site's template, re-read from the index every ``refresh_every`` calls at
        first, then every 10% more pages: a re-read scans the site's lines, so a fixed
        interval would make a 100,000-page crawl quadratic; this keeps it O(n log n).
        (The final pass applies the complete template anyway.)"""
        calls, next_refresh, keys = self._cache.get(site, (0, 0, set()))
        if calls >= next_refresh:
            keys = self.template(site)
            next_refresh = max(calls + refresh_every, int(calls * 1.1))
        self._cache[site] = (calls + 1, next_refresh, keys)
        return keys

    @staticmethod
    def clean(paragraphs: list[str], template: set[str],
              keys: Sequence[str] | None = None) -> tuple[list[str], int]:
        """(paragraphs without template lines, how many removed). A line repeated within
        one page stays: code, table rows and refrains repeat, and the ground truth of
        the Readability test pages keeps them (F1 0.908 -> 0.938 there without removing
        them; WCXB dev articles within 0.001 either way)."""
        if keys is None:
            keys = [line_key(p) for p in paragraphs]
        kept = [para for para, key in zip(paragraphs, keys, strict=True) if key not in template]
        return kept, len(paragraphs) - len(kept)

    def forget(self) -> None:
        self.db.execute("DELETE FROM site_lines")
        self.db.execute("DELETE FROM site_docs")
        self._cache.clear()

"""What a page's observed lines cost: the crawl's reactor records them for each page."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive.corpus.site_template import MIN_LINE_CHARS, SiteTemplates
from archive.extract.keys import line_key


def paragraphs(count: int, page: int) -> list[str]:
    # every third one the same on each page (a template line), some too short to learn
    return [f"A line of the template, number {i}." if i % 3 == 0 else
            ("ok" if i % 7 == 0 else f"Page {page} says thing {i} about the story.")
            for i in range(count)]


def test_a_page_s_lines_go_in_few_statements_and_all_of_them(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
    templates = SiteTemplates(db)
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    count = 261  # lines on a page; a statement holds up to 128
    for page in range(3):
        templates.observe("s.example", f"http://s.example/{page}", paragraphs(count, page))
    db.set_trace_callback(None)
    # one statement a row made each row a transaction of its own, and on the reactor
    # thread gave up the GIL once a row
    assert len(statements) <= 3 * 3
    expected = {("s.example", line_key(p), f"http://s.example/{page}", p[:200])
                for page in range(3) for p in paragraphs(count, page) if len(p) >= MIN_LINE_CHARS}
    assert set(db.execute("SELECT site, key, doc, sample FROM site_lines")) == expected
    template = templates.template("s.example")
    assert template == {line_key(p) for p in paragraphs(count, 0) if p.startswith("A line")}
    # observing a page again adds nothing
    templates.observe("s.example", "http://s.example/0", paragraphs(count, 0))
    assert db.execute("SELECT COUNT(*) FROM site_lines").fetchone()[0] == len(expected)

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


STORY = ["The council voted on Monday to keep the ferry running through the winter months.",
         "Residents had asked for it at the meeting.", "Share this story"]


def test_copies_of_one_page_count_once(tmp_path: Path) -> None:
    """The same story at three URLs (with its title) is one page for the template: its
    lines stay. A line it shares with two other stories is template all the same."""
    db = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
    templates = SiteTemplates(db)
    for url in ("/ferry", "/amp/ferry", "/ferry/print"):
        templates.observe("s.example", "http://s.example" + url, STORY, title="Ferry stays")
    assert templates.template("s.example") == set()
    for n in (1, 2):
        templates.observe("s.example", f"http://s.example/other-{n}",
                          [f"Another story, number {n}, about the market's new hall.",
                           "Share this story"], title=f"Market {n}")
    assert templates.template("s.example") == {line_key("Share this story")}


def test_different_pages_with_the_same_text_are_not_copies(tmp_path: Path) -> None:
    """Shells of three stories whose only text is the site's description: the titles
    differ, so the description is template, as before copies counted once."""
    db = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
    templates = SiteTemplates(db)
    description = ["Bay Herald: news from the harbour towns, every day since 1921."]
    for n in range(3):
        templates.observe("s.example", f"http://s.example/story-{n}", description,
                          title=f"Story {n}")
    assert templates.template("s.example") == {line_key(description[0])}


def test_lines_recorded_before_copies_were_known_count_by_document(tmp_path: Path) -> None:
    """An index written before site_docs existed: its documents count by their names."""
    db = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
    db.execute("CREATE TABLE site_lines (site TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL,"
               " sample TEXT NOT NULL, PRIMARY KEY (site, key, doc)) WITHOUT ROWID")
    for n in range(3):
        db.execute("INSERT INTO site_lines VALUES (?, ?, ?, ?)",
                   ("s.example", line_key("Share this story"), f"http://s.example/{n}",
                    "Share this story"))
    templates = SiteTemplates(db)
    assert templates.template("s.example") == {line_key("Share this story")}
    # one of them recorded again, with its copy key now, is still one page of the three
    templates.observe("s.example", "http://s.example/0", ["Share this story"], title="A")
    assert templates.template("s.example") == {line_key("Share this story")}


def test_briefs_whose_longest_line_is_the_footer_are_not_copies(tmp_path: Path) -> None:
    """Short briefs of a site whose longest line is the footer: their headlines differ,
    so they are not copies, and the footer is template."""
    db = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
    templates = SiteTemplates(db)
    footer = ("Harbour News is published by the Harbour News Cooperative, Quay Road 4, "
              "and printed on recycled paper.")
    for n in range(4):
        templates.observe("s.example", f"http://s.example/brief-{n}",
                          [f"Brief {n}: the ferry ran late.", footer], title=f"Ferry late ({n})")
    assert templates.template("s.example") == {line_key(footer)}


def test_copies_that_differ_below_their_longest_line_are_still_copies(tmp_path: Path) -> None:
    """An AMP copy with a photo's caption and a print copy with a print notice: the
    same story, whose lines stay."""
    db = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
    templates = SiteTemplates(db)
    story = STORY[:2]
    extras = ["", "The new ferry at the quay on Monday morning, before its first crossing.",
              "Printed from harbour.example; all rights reserved by the Harbour Daily."]
    for url, extra in zip(("/ferry", "/amp/ferry", "/ferry/print"), extras, strict=True):
        templates.observe("s.example", "http://s.example" + url, story + ([extra] if extra else []),
                          title="Ferry stays")
    assert templates.template("s.example") == set()

"""A short post on a dated story's URL (a photo post's caption, a paywalled story's
opening paragraph) is an article: its text is the post, not the page's sidebars, share
boxes and closed comments that a page's frame-free text would hold. A thread whose posts
the extractor missed (the page's long paragraphs are not in its short text) stays a
page, read whole (archive/extract/page_type.py)."""

from __future__ import annotations

import pytest

from archive.extract.document import extract_document
from archive.extract.page_type import PageSignals, classify_page
from archive.extract.structured import Structured

CAPTION = ("Der erste Schnee ist gefallen und der Hafen liegt still unter einer weißen Decke, "
           "nur die Möwen sitzen auf den Pollern und warten auf die Fischer.")
SIDEBAR = "".join(f"<li><a href='/2009/11/{i:02d}/eintrag-{i}/'>Ein älterer Eintrag über den "
                  f"Hafen und seine Boote, Nummer {i}</a></li>" for i in range(1, 16))


def post() -> bytes:
    return ("<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
            "<title>Winter am Hafen | Hafenblog</title>"
            "<meta property='og:type' content='article'></head><body>"
            "<div id='header'><a href='/'>Hafenblog</a><p>Aus dem Leben am Wasser</p></div>"
            "<div id='main'><div class='post'><h2>Winter am Hafen</h2>"
            "<p class='date'>23. Dezember 2009</p>"
            f"<p><img src='/bilder/hafen.jpg' alt='Hafen'></p><p>{CAPTION}</p>"
            "<div class='sharedaddy'><h3>Teilen Sie dies mit:</h3><ul><li><a href='#'>Twitter"
            "</a></li><li><a href='#'>Facebook</a></li></ul></div>"
            "<p class='comments'>Keine Kommentare Kommentare sind geschlossen.</p></div></div>"
            f"<div id='sidebar'><h3>Ältere Einträge</h3><ul>{SIDEBAR}</ul></div>"
            "</body></html>").encode("utf-8")


URL = "https://hafenblog.example/2009/12/23/winter-am-hafen/"


def test_a_short_dated_post_is_an_article_with_its_own_text() -> None:
    document = extract_document(post(), URL, "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "article"
    assert CAPTION in document.text
    assert "Ein älterer Eintrag" not in document.text
    assert "Kommentare sind geschlossen" not in document.text


def signals(text_units: int, long_paragraphs: int, url: str = URL) -> PageSignals:
    return PageSignals(structured=Structured(og_type="article"), url=url,
                       text_units=text_units, link_density=0.3, has_date=True,
                       has_author=False, article_elements=0, long_paragraphs=long_paragraphs)


@pytest.mark.parametrize(("text_units", "long_paragraphs", "expected"), [
    (24, 1, "article"),   # the caption is the page's one long paragraph
    (45, 2, "article"),   # a paywalled story's opening
    (22, 14, "page"),     # a thread's 14 long posts are not in a 22-word text
    (12, 0, "article"),   # a one-line caption: a news brief on a post's dated URL
    (4, 0, "page"),       # a label, not a post's text
])
def test_a_short_text_on_a_dated_storys_url(text_units: int, long_paragraphs: int,
                                            expected: str) -> None:
    assert classify_page(signals(text_units, long_paragraphs)) == expected


@pytest.mark.parametrize("url", [
    "https://hafenblog.example/ueber-uns/",  # not a story's URL
    "https://hafenblog.example/2009/12/",  # a month's archive
    "https://hafenblog.example/2009/12/23/page/2/",  # a day's archive, its second page
])
def test_a_short_text_on_no_storys_url_is_a_page(url: str) -> None:
    # with an author, a page that is not a story's needs 50 text units to be an article
    got = classify_page(PageSignals(structured=Structured(og_type="article"), url=url,
                                    text_units=24, link_density=0.3, has_date=True,
                                    has_author=True, article_elements=0, long_paragraphs=1))
    assert got == "page"

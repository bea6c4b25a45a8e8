"""Whether readability may have prose that trafilatura left out is judged on every
block of prose of the page (archive/extract/extract_policy.py ``_prose_blocks``): <p>
paragraphs, list items and runs of text between <br>s, not <p> paragraphs alone."""

from __future__ import annotations

import lxml.html
import pytest
import trafilatura

from archive.extract.extract_policy import _readability_may_win, main_text

INTRO = [
    f"Part {n} of the council's report on the harbour: the surveyors measured the depth "
    f"of the water at {n + 4} points along the quay and compared each figure with the "
    f"ones taken when the new breakwater was built twenty years ago." for n in range(4)]
POINTS = [
    f"Point {n}: the dredging of the inner basin must be planned together with the repair "
    f"of the old sea wall, because the silt moved by the work settles against its "
    f"{n + 2} oldest sections within a season." for n in range(5)]
URL = "https://harbour.example/2024/05/harbour-report"


def only_intro(tree, **kwargs):  # type: ignore[no-untyped-def]
    """trafilatura's result on pages where it keeps the <p> paragraphs and drops the
    rest of the article (a box of key points, text between <br>s)."""
    class Doc:
        text = "\n".join(INTRO)
    return Doc()


def page(body: str) -> str:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour report</title>"
            "</head><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a>"
            f"</li></ul></nav><article><h1>Harbour report</h1>{body}</article></body></html>")


@pytest.mark.parametrize("body", [
    "".join(f"<p>{p}</p>" for p in INTRO)
    + "<div class='key-points'><ul>" + "".join(f"<li>{p}</li>" for p in POINTS)
    + "</ul></div>",
    "".join(f"<p>{p}</p>" for p in INTRO) + "<div>" + "<br><br>".join(POINTS) + "</div>",
], ids=["list-items", "text-between-br"])
def test_prose_that_trafilatura_left_out_of_p_paragraphs_is_found(
        monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", only_intro)
    text, _meta, extractor = main_text(page(body), URL)
    assert extractor == "readability"
    for point in POINTS:
        assert point in text
    for part in INTRO:
        assert part in text


def test_menu_items_are_not_prose() -> None:
    """A menu's items holding their submenus are not blocks of prose: a text holding
    every paragraph leaves readability nothing to add (it is not run)."""
    menu = ("<ul class='menu'>" + "".join(
        f"<li><a href='/s{n}'>Section {n}</a><ul>" + "".join(
            f"<li><a href='/s{n}/{m}'>Topic {m} of section {n}</a></li>" for m in range(8))
        + "</ul></li>" for n in range(3)) + "</ul>")
    html = page("".join(f"<p>{p}</p>" for p in INTRO)).replace("<nav>", "<nav>" + menu)
    text = "\n".join(INTRO)
    assert not _readability_may_win(lxml.html.fromstring(html), text, len(text.split()))


REFERENCES = [
    f"Roe J, Doe R, et al. Sediment transport along harbour walls number {n}: a survey of "
    f"twenty years of soundings and their errors. J Coastal Eng. 20{n:02d};{n}(2):101-119."
    for n in range(12)]


@pytest.mark.parametrize("markup", [
    # a publisher's: each entry a <li> holding a <p> (both were counted)
    "<ol class='c-article-references'>" + "".join(
        f"<li class='c-article-references__item'><p class='c-article-references__text'>{r}</p>"
        "</li>" for r in REFERENCES) + "</ol>",
    # a wiki's footnotes
    "<div class='reflist'><ol class='references'>" + "".join(
        f"<li id='cite_note-{n}'><span class='reference-text'>{r}</span></li>"
        for n, r in enumerate(REFERENCES)) + "</ol></div>",
    "<section id='bibliography'><ul>" + "".join(f"<li>{r}</li>" for r in REFERENCES)
    + "</ul></section>"])
def test_a_list_of_references_is_not_the_pages_prose(markup: str) -> None:
    """A paper's bibliography outweighed its own paragraphs, and readability's text
    holding the list alone 'covered' more of the page than trafilatura's holding the
    abstract and the list."""
    from archive.extract.extract_policy import _prose_words

    tree = lxml.html.fromstring("<html><body><article>" + "".join(f"<p>{p}</p>" for p in INTRO)
                                + markup + "</article></body></html>")
    blocks = _prose_words(tree)
    assert len(blocks) == len(INTRO)
    assert all("sediment transport" not in b for b in blocks)

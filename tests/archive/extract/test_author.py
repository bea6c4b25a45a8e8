"""archive/extract/author.py gives trafilatura's author search answers, without its tree copy
and its regular-expression XPath callbacks."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from trafilatura.metadata import extract_author as trafilatura_extract_author
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from archive.extract.author import TRANSLATED_FROM, extract_author

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "newsfixture"


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_expressions_are_still_trafilaturas() -> None:
    """The translation is of these expressions; a trafilatura upgrade that changes them
    must be translated again."""
    installed = [squeeze(x.path) for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS)]
    assert installed == [squeeze(x) for x in TRANSLATED_FROM]


CRAFTED = {
    "plain byline": '<div class="byline">By Nguyễn Văn An</div>',
    "first expression": '<span rel="author">Jane Roe</span><div class="byline">Other Person</div>',
    "inside comments: skipped": '<div id="comments"><span class="author">Commenter One</span></div>'
                                '<p class="author-name">Real Author</p>',
    "inside a sidebar class": '<div class="left sidebar"><a class="author">Side Bar</a></div>'
                              '<span class="writer">Writer Name</span>',
    "class starting with comments": '<div class="comments-area"><span class="author">C One</span></div>'
                                    '<span class="Author">A Two</span>',
    "newline before comments (^ is the string start)":
        '<div class="x\ncomments"><span class="author">Kept Here</span></div>',
    "a time inside the byline, tails around it":
        '<p class="byline">By <time>Jan 1</time>John Smith<figure>f</figure> and Mary</p>',
    "no space around the pruned time": '<span class="author">By<time>1 May</time>Jane Doe</span>',
    "time first child": '<span class="author"><time>2024</time>Alice Bob</span>',
    "too short, then next": '<span class="author">A</span><div class="byline">Long Enough Name</div>',
    "too long": '<span class="author">' + "word " * 40 + '</span><h4 id="xiaobian">Bian Ji</h4>',
    "itemprop": '<div itemprop="author"><span itemprop="name">Le Thi Hoa</span></div>',
    "data-component": '<section data-component="Byline">Sam Lee</section>',
    "Author in id": '<div id="postAuthor">Tran Minh</div>',
    "author element": '<author>Old School</author>',
    "rel element": '<div class="x"><rel>me</rel>Rel Person</div>',
    "figure data-component prunes": '<div data-component="FigureX"><p class="byline">Photo Credit</p></div>'
                                    '<p class="byline">Text Author</p>',
    "none": '<p>No byline on this page at all.</p>',
}


@pytest.mark.parametrize("name", CRAFTED)
def test_same_author_on_crafted_pages(name: str) -> None:
    html = f"<html><head><title>t</title></head><body><article>{CRAFTED[name]}<p>Body text.</p></article></body></html>"
    expected = trafilatura_extract_author(lxml.html.fromstring(html))
    assert extract_author(lxml.html.fromstring(html)) == expected
    if name != "none":
        assert expected  # each case finds someone, so the comparison says something


def test_same_author_on_every_fixture_page() -> None:
    pages = sorted(FIXTURE.rglob("*.html"))
    assert len(pages) > 30
    found = 0
    for path in pages:
        html = path.read_bytes().decode("utf-8", "replace")
        expected = trafilatura_extract_author(lxml.html.fromstring(html))
        assert extract_author(lxml.html.fromstring(html)) == expected, path
        found += expected is not None
    assert found >= 8


@pytest.mark.parametrize("fragment", [
    # lxml.html.fromstring returns the one element of a page without <html> or doctype:
    # trafilatura prunes its descendants (".//*"), not the element itself
    '<div class="sidebar"><span class="author">Root Div</span></div>',
    '<div class="sidebar"><p>x</p></div><span class="author">Two Roots</span>',
    '<div class="post"><div class="comments"><span class="author">In Comments</span></div>'
    '<time>1 May</time><span class="writer">Kept Writer</span></div>',
])
def test_same_author_on_fragment_roots(fragment: str) -> None:
    expected = trafilatura_extract_author(lxml.html.fromstring(fragment))
    assert expected
    assert extract_author(lxml.html.fromstring(fragment)) == expected


def test_pruned_parts_walked_in_python_as_the_xpath_finds_them() -> None:
    """_pruned_above (a walk up the ancestors) answers as _PRUNED_ABOVE (the XPath it
    replaced) for every candidate of a page with pruned parts at every level."""
    import lxml.html

    from archive.extract import author

    page = lxml.html.fromstring(
        '<html><body><div class="comments-list"><span class="author">A Roe</span></div>'
        '<section id="commentlist-2"><p class="byline">B Roe</p></section>'
        '<div class="title"><a rel="author">C Roe</a></div><figure><span class="author">'
        'D Roe</span></figure><time><span class="byline">E Roe</span></time>'
        '<div data-component="FigureBlock"><span class="author">F Roe</span></div>'
        '<article><div class="post"><span class="author">G Roe</span>'
        '<span class="byline writer">H Roe</span></div></article></body></html>')
    candidates = [e for expression in author._AUTHOR for e in expression(page)]
    assert len(candidates) >= 8
    answers = [author._pruned_above(e, page) for e in candidates]
    assert answers == [author._PRUNED_ABOVE(e, root=page) for e in candidates]
    assert True in answers and False in answers
    # the root itself is never pruned by its class, as ".//*" does not match it
    root = lxml.html.fromstring('<div class="sidebar"><span class="author">I Roe</span></div>')
    span = root.find(".//span")
    assert author._pruned_above(span, root) is author._PRUNED_ABOVE(span, root=root) is False

"""Clean text beyond one extractor: site templates, fallback, metadata, near-duplicates."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from archive.extract.document import ExtractOptions, extract_document
from archive.corpus.site_template import SiteTemplates
from tests.conftest import CrawlRun
from fixtures.site_pages import SHARED_QUOTE, TINTUC_PROMO


# readability-lxml's path through the "combined" policy, which these tests are about
COMBINED = ExtractOptions(policy="combined")


def rows_by_url(run: CrawlRun, page_type: str | None = "article") -> dict[str, dict[str, Any]]:
    """Rows of the crawl (a URL list: section pages get rows too), of one page type."""
    return {r["final_url"]: r for r in run.rows(None)
            if page_type is None or r["page_type"] == page_type}


def test_template_line_on_every_page_is_removed(fixture_crawl: CrawlRun, sites) -> None:
    rows = [r for url, r in rows_by_url(fixture_crawl).items()
            if url.startswith(sites["tintuc"].base_url)]
    assert len(rows) == 8
    for row in rows:
        assert TINTUC_PROMO not in row["text"]
        assert row["template_lines_removed"] >= 1
    db = sqlite3.connect(fixture_crawl.archive / "index.sqlite3")
    learned = [s for (s,) in db.execute(
        "SELECT sample FROM site_lines WHERE site=? GROUP BY key HAVING COUNT(*) >= 3",
        (sites["tintuc"].base_url.split("//")[1],))]
    assert TINTUC_PROMO in learned  # what was learned can be inspected


def test_a_quote_repeated_once_stays(fixture_crawl: CrawlRun, sites) -> None:
    rows = rows_by_url(fixture_crawl)
    vp = sites["vnpost"]
    for path in ("/2023/03/bai-viet-3/", "/2023/05/bai-viet-5/"):
        assert SHARED_QUOTE in rows[vp.url(path)]["text"]


def test_template_learning_unit(tmp_path) -> None:
    """Learned from a stream of documents; a line on 3 pages goes, on 2 pages stays."""
    db = sqlite3.connect(tmp_path / "t.sqlite3")
    templates = SiteTemplates(db)
    pages = {f"http://s.example/{i}": [f"unique paragraph number {i} " * 3, "Share on Facebook",
                                       "quoted line" if i < 2 else f"other {i}"] for i in range(4)}
    for url, paras in pages.items():
        templates.observe("s.example", url, paras)
    keys = templates.template("s.example")
    kept, removed = SiteTemplates.clean(pages["http://s.example/0"], keys)
    assert kept == [pages["http://s.example/0"][0], "quoted line"] and removed == 1


def test_line_key_is_the_regex_normalisation_of_the_first_archives() -> None:
    """line_key() went from re.sub(r"\\s+", " ", ...) to split()/join for speed; the keys
    stored in existing archives' site_lines must not change, whatever the whitespace."""
    import hashlib
    import re
    import sys

    from archive.extract.keys import line_key

    def regex_key(line: str) -> str:
        return hashlib.sha1(re.sub(r"\s+", " ", line.strip().lower()).encode("utf-8")).hexdigest()[:16]

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if c < 0xD800 or c > 0xDFFF
              if chr(c).isspace() or re.fullmatch(r"\s", chr(c))]
    assert "\u00a0" in spaces and "\u3000" in spaces and "\x1f" in spaces
    for sp in spaces:
        for line in (f"{sp}Tin {sp}{sp}liên quan{sp}", f"ÜBER{sp}\t{sp}İstanbul", sp * 3):
            assert line_key(line) == regex_key(line), repr(sp)
    # the extraction worker works the keys out for the reactor thread: the same keys
    doc = extract_document(f"<html><body><article>{BODY}</article></body></html>".encode(),
                           "http://s.example/a", "text/html").document
    assert doc is not None and len(doc.line_keys) == 8
    assert list(doc.line_keys) == [line_key(p) for p in doc.text.split("\n\n")]


def test_paragraphs_wrapped_in_the_source_stay_one_line() -> None:
    """A line break in the HTML source is a space: a paragraph written over several
    source lines is one paragraph of text (it was one per source line: on 420 of 708
    cleaneval documents), and its first word, equal to the title, stays."""
    wrapped = "\n".join(f"      sentence {i} of a paragraph that the page's author wrapped by hand,"
                        for i in range(12))
    html = (f"<html><head><title>Lorem</title></head><body><article><h1>Lorem</h1><div>\n"
            f"      Lorem\n{wrapped}\n      and ended here.\n    </div>"
            f"<pre>code line 1\ncode line 2</pre><p>Second\nparagraph, short.</p></article></body></html>")
    doc = extract_document(html.encode(), "http://s.example/a", "text/html", COMBINED).document
    assert doc is not None and doc.extractor["name"] == "readability"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("Lorem sentence 0 of a paragraph") and paragraphs[0].endswith("ended here.")
    assert "code line 1\n\ncode line 2" in doc.text  # <pre> keeps its lines
    assert "Second paragraph, short." in paragraphs


BODY = "".join(f"<p>Paragraph {i}: the envoy said talks with the neighbours would go on through "
               f"the spring, and that trade had grown by a quarter since the border reopened.</p>"
               for i in range(8))
BODY_WITH_CONTROLS = BODY.replace("envoy", "env\x0boy")


@pytest.mark.parametrize("page", [
    # a doctype cut off mid-way, then a broken include closes body and html early
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HT<table><tr><td><a href="/">Home</a></td></tr>'
    '</table></body></html><table width="100%"><tr><td><div class="story">'
    f"<h1>Envoy says talks go on</h1>{BODY}</div></td></tr></table>",
    # XHTML: an XML declaration before a truncated doctype
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
    'Transitional//EN" "http://www.w3.org/TR/xh<html xmlns="http://www.w3.org/1999/xhtml"><head>'
    f'<title>Envoy</title></head><body><div id="main">{BODY}</div></body></html>',
    # control characters XML forbids, in the text and around a script (lxml raised)
    f'<html><head><title>Envoy\x0b</title></head><body><script>var a="\x00";</script>\x1b'
    f'<div id="main">{BODY_WITH_CONTROLS}</div></body></html>',
])
def test_broken_markup_still_yields_its_text(page: str) -> None:
    result = extract_document(page.encode(), "http://x.example/a", "text/html; charset=utf-8")
    assert result.document is not None, (result.reason, result.detail)
    assert result.document.text.count("Paragraph") == 8
    assert "trade had grown by a quarter" in result.document.text


def test_broken_markup_defeats_plain_trafilatura() -> None:
    """The page above is one trafilatura alone gets nothing from: the test is not idle."""
    import trafilatura
    page = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HT<table><tr><td><a href="/">Home</a></td></tr>'
            '</table></body></html><table width="100%"><tr><td><div class="story">'
            f"<h1>Envoy says talks go on</h1>{BODY}</div></td></tr></table>")
    assert "Paragraph" not in (trafilatura.extract(page) or "")


def test_syndicated_story_is_marked_near_duplicate(fixture_crawl: CrawlRun, sites) -> None:
    rows = rows_by_url(fixture_crawl)
    original = sites["tintuc"].url("/the-gioi/bai-4522.html")
    copy = sites["vnpost"].url("/2024/08/bai-viet-8/")
    dup = rows[copy]["duplicate_of"]
    assert dup["url"] == original and dup["record_id"] == rows[original]["warc"]["record_id"]
    assert 0.6 <= dup["similarity"] <= 1.0
    marked = {url for url, r in rows.items() if r["duplicate_of"]}
    assert marked == {copy}


def test_metadata_of_every_fixture_article(fixture_crawl: CrawlRun, sites, manifest) -> None:
    rows = rows_by_url(fixture_crawl)
    wrong = []
    for name, data in manifest["sites"].items():
        for art in data["articles"]:
            row = rows[sites[name].url(art["path"])]
            got = (row["title"], row["author"], row["published"], row["language"])
            want = (art["title"], art["author"], art["published"], art["language"])
            if got != want:
                wrong.append((art["path"], got, want))
            assert row["title"] not in row["text"].split("\n\n")
    assert wrong == []


def test_aggregator_stub_carries_original_url(fixture_crawl: CrawlRun, sites, manifest) -> None:
    rows = rows_by_url(fixture_crawl)
    for art in manifest["sites"]["newshub"]["articles"]:
        assert rows[sites["newshub"].url(art["path"])]["original_url"] == art["original_url"]
    assert all(r["original_url"] is None for url, r in rows.items()
               if not url.startswith(sites["newshub"].base_url))


def test_combined_policy_shortcut_gives_the_full_comparisons_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When readability's text already holds its share of the page's words, trafilatura
    is not run: on every fixture page (articles and section pages) the text, metadata
    and extractor are those of the full comparison."""
    import json
    from pathlib import Path

    import archive.extract.document as extract
    import archive.extract.extract_policy as extract_policy

    root = Path(__file__).resolve().parents[3] / "fixtures" / "newsfixture"
    manifest = json.loads((root / "site.json").read_text(encoding="utf-8"))
    pages = [(f"http://{name}.example{page['path']}", (root / page["file"]).read_bytes())
             for name, data in manifest["sites"].items() for page in data["pages"]
             if (page.get("file") or "").endswith(".html")]
    assert len(pages) > 32
    calls = []
    bare_extraction = extract.trafilatura.bare_extraction
    monkeypatch.setattr(extract.trafilatura, "bare_extraction",
                        lambda *a, **k: calls.append(1) or bare_extraction(*a, **k))
    shortcut = [extract.extract_document(body, url, "text/html", COMBINED) for url, body in pages]
    trafilatura_runs = len(calls)
    monkeypatch.setattr(extract_policy, "_body_words", lambda tree: 10**9)  # never settled early
    full = [extract.extract_document(body, url, "text/html", COMBINED) for url, body in pages]
    assert len(calls) - trafilatura_runs == len(pages)  # the full comparison runs it always
    assert trafilatura_runs < len(pages) / 2  # the shortcut was taken on most pages
    assert shortcut == full


@pytest.mark.parametrize("text", [
    "", "   ", "word", "  two  words  ", "a\tb", "a\t\tb", "a \tb", "a\t b", "a \t \tb",
    "a\n\t\tb", "a \n \n b", "\t\ta\t\t", "a\xa0b", "a \xa0 b", "a\xa0\nb", "\xa0a\xa0",
    "a\r\nb", "a\rb", "a \r b", "a\u3000\u3000b", "a\u2028b", "a\x85 b",
    "x" + " " * 300 + "y", "x" + "\xa0" * 300 + "y", "x" + " \n" * 200 + "y",
    "x" + "\t" * 260 + "y", "x" + "\xa0 " * 200 + "y", "a, b,\n\n  c  \t d",
    "a  b   c    d", "x" + " " * 254 + "y", "x" + " " * 255 + "y", "x" + " " * 700 + "y z",
    "a \xa0  b", "a\u3000  b", "a  \u2009 b", "a  b\n\n c   d \n",
    "x" + ("\xa0" + " " * 100) * 3 + "y", "x" + ("\xa0" + " " * 60) * 3 + "y",
    "word  " * 100 + "\xa0\xa0", "x " + "a\u3000 " * 130 + "y"])
def test_readability_text_length_is_readabilitys(text: str) -> None:
    """Our faster text_length gives readability-lxml's own number (len of its clean())
    for every kind of whitespace run: tabs, no-break and other Unicode spaces, carriage
    returns, runs of 255+ characters (which clean() shortens first). (Control characters
    such as \\x0b cannot be in an lxml tree.)"""
    import lxml.html
    from archive._vendor.readability.readability import text_length
    from archive.extract.readability_lxml import readability_text_length

    elem = lxml.html.fromstring("<div><p>x</p></div>")
    elem.text, elem[0].text, elem[0].tail = text, text[::-1], text
    assert readability_text_length(elem) == text_length(elem)


def test_readability_text_length_on_fixture_pages() -> None:
    """The same number as readability-lxml's on every element of every fixture page."""
    from pathlib import Path

    import lxml.html
    from archive._vendor.readability.readability import text_length
    from archive.extract.readability_lxml import readability_text_length

    root = Path(__file__).resolve().parents[3] / "fixtures" / "newsfixture"
    checked = 0
    for path in sorted(root.rglob("*.html")):
        for elem in lxml.html.fromstring(path.read_bytes()).iter():
            if isinstance(elem.tag, str):
                assert readability_text_length(elem) == text_length(elem), (path, elem.tag)
                checked += 1
    assert checked > 4000


def test_date_only_in_the_prose_is_found_unless_turned_off() -> None:
    """htmldate's extensive search (a date read from free text) runs when markup, URL and
    metadata give none: a page dated only in its prose gets that date by default, none
    with date_from_text=False, and the choice is recorded in the row's extractor options."""
    from archive.extract.document import ExtractOptions

    prose = ("Officials met in the capital on Tuesday to discuss the new budget plan for "
             "the coming year and its effect on schools and hospitals across the region. ")
    page = ("<html><head><title>Budget talks</title></head><body><article><h1>Budget talks"
            "</h1><p>" + prose * 3 + "</p><p>Posted March 14, 2019 by the city desk.</p><p>"
            + prose * 2 + "</p></article></body></html>").encode()
    default = extract_document(page, "http://news.example/budget", "text/html")
    off = extract_document(page, "http://news.example/budget", "text/html",
                           ExtractOptions(date_from_text=False))
    assert default.document is not None and off.document is not None
    assert default.document.published == "2019-03-14"
    assert off.document.published is None
    assert default.document.extractor["options"]["date_from_text"] is True
    assert off.document.extractor["options"]["date_from_text"] is False
    assert default.document.text == off.document.text


ARTICLE = "".join(f"<p>Paragraph {i} of the story: the hotel owners said that the sheets are "
                  f"washed each day, but that the blankets are not, and guests rarely ask.</p>"
                  for i in range(6))


def test_links_with_an_unlikely_class_keep_their_text() -> None:
    """An annotated text's links (class "popup", which readability-lxml reads as an
    unlikely block and drops, leaving holes in the sentences) keep their words, as in
    Mozilla's Readability."""
    sentence = ('<p>I am a <a href="javascript:void(0)" class="popup">rather elderly</a> man, '
                'and the nature of my <a class="popup" href="#n2">avocations</a> has brought me '
                'into contact with an interesting and singular set of men.</p>')
    html = (f"<html><head><title>Bartleby</title></head><body><div id='story'>{sentence}"
            f"{ARTICLE}</div><div class='sidebar popup'><p>Subscribe to our letter</p></div>"
            f"</body></html>")
    doc = extract_document(html.encode(), "http://s.example/b", "text/html", COMBINED).document
    assert doc is not None and doc.extractor["name"] == "readability"
    assert "I am a rather elderly man, and the nature of my avocations has brought me" in doc.text
    assert "Subscribe" not in doc.text  # an unlikely block still goes, links and all


def test_no_video_placeholder_in_the_text() -> None:
    """readability-lxml writes "VIDEO" into each video iframe it keeps; the page shows no
    such word."""
    html = (f"<html><head><title>Hotels</title></head><body><article>{ARTICLE}"
            f'<iframe src="https://www.youtube.com/embed/abc123"></iframe>{ARTICLE}'
            f"</article></body></html>")
    doc = extract_document(html.encode(), "http://s.example/v", "text/html", COMBINED).document
    assert doc is not None and doc.extractor["name"] == "readability"
    assert doc.text.count("Paragraph 5 of the story") == 2 and "VIDEO" not in doc.text


def test_list_surplus() -> None:
    from archive.extract.document import list_surplus
    article = "First paragraph of the story.\nSecond paragraph of it."
    gallery = "\n".join(f"- {i}/50 A caption of a picture in the gallery, {i}" for i in range(50))
    assert list_surplus(article + "\n" + gallery, article) == 1.0
    assert list_surplus(article + "\nA paragraph readability left out.\n- one item",
                        article) == pytest.approx(2 / 7)
    assert list_surplus(article, article) == 0.0


def test_a_gallery_list_does_not_outweigh_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """When trafilatura's text is far longer than readability's only by a list (a 50-item
    slideshow's captions under the article), readability's text is kept; when what it has
    beyond readability's is prose, trafilatura's is taken, as before."""
    import archive.extract.document as extract
    import archive.extract.extract_policy as extract_policy

    article = "\n".join(f"Paragraph {i} of the story, which is about hotels and their sheets."
                        for i in range(8))
    gallery = "\n".join(f"- {i}/50 Caption of picture {i}: the chief executive of a bank, in "
                        f"front of the building where the board met, said profits were up."
                        for i in range(50))
    prose = "\n".join(f"Further paragraph {i}, which readability did not find on the page but "
                      f"which belongs to the article all the same." for i in range(50))
    html = "<html><head><title>Hotels</title></head><body><p>x</p></body></html>"
    for trafilatura_text, expected in ((article + "\n" + gallery, "readability"),
                                       (article + "\n" + prose, "trafilatura")):
        monkeypatch.setattr(extract_policy, "_readability_text", lambda html: (None, article))
        monkeypatch.setattr(extract_policy, "_body_words", lambda tree: 10**9)  # full comparison
        monkeypatch.setattr(extract.trafilatura, "bare_extraction",
                            lambda *a, text=trafilatura_text, **k: type("D", (), {"text": text}))
        text, _meta, extractor = extract.main_text(html, "http://s.example/g", COMBINED)
        assert extractor == expected
        assert "Caption" not in text
        assert ("Further paragraph" in text) == (expected == "trafilatura")


QUOTE_LEAD_PAGE = (
    "<html><body><div id='story'><div><p>The minister put it this way in her letter to the "
    "committee, which was read out on Tuesday:</p></div><div><blockquote><p>We will not "
    "raise taxes this year, whatever the deficit, and we will say why in the budget, "
    "line by line.</p></blockquote></div><div><p>Short lead:</p></div><div><blockquote>"
    f"<p>x</p></blockquote></div>{ARTICLE}</div></body></html>")


def test_readability_scores_and_quote_leads_are_readabilitys() -> None:
    """Our score_paragraphs and is_quote_lead (no clean() on each text) give
    readability-lxml's own scores and answers, on the same tree, for every fixture page
    and a page with quote leads."""
    from pathlib import Path

    from archive._vendor.readability import Document
    from archive.extract.readability_lxml import ReadabilityDocument

    root = Path(__file__).resolve().parents[3] / "fixtures" / "newsfixture"
    pages = [path.read_bytes().decode("utf-8", "replace") for path in sorted(root.rglob("*.html"))]
    leads = 0
    for html in [*pages, QUOTE_LEAD_PAGE]:
        doc = ReadabilityDocument(html)
        tree = doc._html(True)
        ours = {elem: dict(c) for elem, c in doc.score_paragraphs().items()}
        theirs = {elem: dict(c) for elem, c in Document.score_paragraphs(doc).items()}
        assert ours == theirs
        for elem in tree.iter("div", "section"):
            answer = doc.is_quote_lead(elem)
            assert answer == Document.is_quote_lead(doc, elem)
            leads += answer
    assert len(pages) > 30 and leads == 1  # the long lead; "Short lead:" is below min_text_length

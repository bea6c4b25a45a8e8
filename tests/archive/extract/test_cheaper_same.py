"""Extraction steps made cheaper give the same answers as the plain way of computing
them: the prose blocks' words (one regex pass for an ASCII block), the line cleaning's
index of text nodes, readability-lxml's text_length swapped in for its summary
call only, readability's cleaner run by tag in C, and htmldate's free-text segments
found by a union of paths, and words counted without a string for each; trafilatura's
readability port left out where its text holds the page's prose."""

from __future__ import annotations

from typing import Any

import lxml.etree
import lxml.html
import pytest

from archive._vendor.readability import readability as readability_module
from archive.extract.extract_policy import _prose_blocks, _prose_words
from archive.extract.html_text import WORDS, parse_html
from archive.extract.line_clean import _Locator
from archive.extract.readability_lxml import ReadabilityDocument

SENTENCE = ("The Harbour Board met on Tuesday to discuss the dredging of the inner basin and "
            "the repair of the OLD sea wall before the winter storms")
PAGE = f"""<html><body>
<p>{SENTENCE}.</p>
<p>İSTANBUL Limanı'nın iç havzası için yapılan tarama çalışması ve eski dalgakıranın
onarımı, kış fırtınalarından önce tamamlanması gereken işler arasında ÇOK ÖNEMLİ.</p>
<p>Der Hafenausschuss beriet am Dienstag über die Ausbaggerung des Innenbeckens und die
Reparatur der ALTEN Ufermauer vor den Winterstürmen, sagte die Sprecherin.</p>
<p>港务局周二开会讨论内港疏浚和旧海堤的修复工作，希望在冬季风暴到来之前完成全部工程，并公布了详细的时间表和预算。</p>
<ul><li>{SENTENCE}, the chair said.</li><li>Too short a line</li></ul>
<div>A run of text between line breaks that is long enough to count as a paragraph of
its own, since it has well over twenty words in it and sits directly in the div.<br>Next</div>
</body></html>"""


def test_prose_words_are_the_lower_cased_words_of_each_block() -> None:
    tree = parse_html(PAGE)
    expected = [" ".join(WORDS.findall(block.lower())) for block in _prose_blocks(tree)]
    assert len(expected) == 6
    assert _prose_words(tree) == expected


def test_the_line_index_finds_lines_whatever_the_spaces_of_the_text_nodes() -> None:
    tree = parse_html("<html><body><div><p>\n  Storm   warning\tfor the  coast </p>"
                      "<span>x</span>  Storm warning for the coast\n</div></body></html>")
    found = _Locator(tree).find("Storm warning for the coast")
    assert [el.tag for el in found] == ["p", "div"]
    assert [el.tag for el in _Locator(tree).find("Storm warning")] == ["p"]
    assert _Locator(tree).find("warning for the coast") == []


def test_readability_summary_leaves_the_module_as_it_is() -> None:
    originals = (readability_module.text_length, readability_module.describe,
                 readability_module.text_content)
    page = f"<html><body><div><p>{SENTENCE}.</p><p>{SENTENCE}, again.</p></div></body></html>"
    summary = ReadabilityDocument(page).summary(html_partial=True)
    assert "Harbour Board" in lxml.html.fromstring(summary).text_content()
    assert (readability_module.text_length, readability_module.describe,
            readability_module.text_content) == originals

    class Broken(ReadabilityDocument):
        def _html(self, force: bool = False) -> lxml.html.HtmlElement:
            raise RuntimeError("odd markup")

    with pytest.raises(readability_module.Unparseable):
        Broken(page).summary()
    assert (readability_module.text_length, readability_module.describe,
            readability_module.text_content) == originals


def test_readability_debug_messages_name_elements_where_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    page = (f"<html><body><div id='story'><p>{SENTENCE}.</p><p>{SENTENCE}, again.</p></div>"
            "<div class='sidebar'><p>Short</p></div></body></html>")
    with caplog.at_level("DEBUG", logger="readability.readability"):
        ReadabilityDocument(page).summary(html_partial=True)
    assert "#story" in caplog.text and "Not removing" in caplog.text
    assert "Harbour Board" in caplog.text


@pytest.mark.parametrize(("anchor", "found"), [
    ('<a href="/o">Read <b>full</b> story</a>', True),  # words in several text nodes
    ('<a href="/o"><span> </span>Continue reading</a>', True),  # a blank node first
    ('<a href="/o">  CONTİNUE READING</a>', True),  # a dotted capital I: not ASCII
    ('<a href="/o">Đọc toàn bộ bài gốc</a>', True),
    ('<a href="/o">阅读原文</a>', True),
    ('<a href="/o">Reading list</a>', False),
    ('<a href="/o">Share this story</a>', False),
])
def test_original_link_told_by_the_links_first_characters(anchor: str, found: bool) -> None:
    from archive.extract.html_text import original_link
    tree = parse_html(f"<html><body><p>Teaser</p>{anchor}</body></html>")
    assert (original_link(tree, "https://agg.example/s/1") == "https://agg.example/o") is found


CLEANER_PAGE = """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head>
<link rel="stylesheet" href="/a.css"><style>p { color: red }</style>
<script src="/a.js"></script><?php echo 1; ?></head>
<body style="margin: 0"><!-- a comment --><p style="color: blue">Ferry <b>times</b> for
the <image src="/map.png"/> harbour<script>var x = 1;</script> after the storm.</p>
<div><noscript><p>No script here</p></noscript><link href="/b.css">tail text</div>
<iframe src="https://www.youtube.com/embed/x"></iframe><embed src="/clip.swf"></body></html>"""


@pytest.mark.parametrize("parse", [lxml.html.fromstring, lxml.html.document_fromstring,
                                   parse_html])
def test_readability_cleaner_in_c_cleans_as_the_library_cleaner(parse: Any) -> None:
    from archive.extract.readability_lxml import _READABILITY_CLEANER, _clean

    page = CLEANER_PAGE.split("?>", 1)[1]  # lxml refuses an XML declaration in a str
    ours, theirs = parse(page), parse(page)
    _clean(ours)
    _READABILITY_CLEANER(theirs)
    assert lxml.etree.tostring(ours) == lxml.etree.tostring(theirs)
    cleaned = lxml.etree.tostring(ours)
    assert b"<script" not in cleaned and b"<!--" not in cleaned and b"style=" not in cleaned
    assert b"<img" in cleaned and b"No script here" in cleaned


def test_free_text_segments_are_htmldates() -> None:
    from htmldate.extractors import FREE_TEXT_EXPRESSIONS

    from archive.extract.markup_date import _FREE_TEXT

    tree = parse_html("<html><body><div>Filed <span>on 7 February</span> 2021<ul><li>one</li>"
                      "two</ul><h2>Head<time>2021-02-07</time>line</h2></div><p>a<b>b</b>c</p>"
                      "<h5>not searched</h5><section>nor this</section></body></html>")
    assert _FREE_TEXT(tree) == [str(s) for s in FREE_TEXT_EXPRESSIONS(tree)]
    assert "not searched" not in _FREE_TEXT(tree) and len(_FREE_TEXT(tree)) == 10


def test_unlikely_blocks_after_a_dropped_one_are_still_judged() -> None:
    page = (f"<html><body><div class='sidebar'><div class='comment'><span class='x'>a</span>"
            f"</div><p id='p1'>b</p></div><div class='footer'>c</div><a class='popup'>d</a>"
            f"<div id='story'><p>{SENTENCE}.</p></div><div class='tweet'>e</div></body></html>")
    doc = ReadabilityDocument(page)
    doc.html = doc._html(True)
    doc.remove_unlikely_candidates()
    left = {el.get("class") or el.get("id") for el in doc.html.iter() if el.get("class") or el.get("id")}
    assert left == {"popup", "story"}


@pytest.mark.parametrize("text", [
    "", " ", "a", " a ", "_x_ y1 2z", SENTENCE, "word—word – word…", "l’heure, à l'heure",
    "İSTANBUL Limanı'nın ÇOK ÖNEMLİ işler", "港务局周二开会 讨论内港疏浚", "Ελλάδα · Россия ١٢٣ ٣",
    "x\u0301y \u00a0z\u200bw", "tab\tnew\nline\r\nend", "\ud800lone surrogate", "émoji 🙂 ok",
])
def test_word_count_is_the_number_of_regex_words(text: str) -> None:
    from archive.extract.html_text import word_count

    assert word_count(text) == len(WORDS.findall(text))
    assert word_count(PAGE) == len(WORDS.findall(PAGE))


def test_word_count_agrees_on_every_code_point() -> None:
    """Every character of Unicode, alone, between two letters and between two spaces:
    word_count counts the runs that WORDS (``\\w+``) finds, whatever the character."""
    from archive.extract.html_text import word_count

    chars = [chr(c) for c in range(0x110000)]
    for text in ("".join(f"a{c}b " for c in chars), " ".join(chars), "".join(chars)):
        assert word_count(text) == len(WORDS.findall(text))


@pytest.mark.parametrize("body", [
    "<h1>Ferry terminal opens</h1><h1>Harbour Daily</h1>",
    "<h1></h1><h2 class='entry-title'>Ferry terminal opens</h2><h1>Harbour Daily</h1>",
    "<div><h2 class='post__title x'>Ferry terminal opens</h2></div><h1>a</h1><h1>b</h1>",
    "<h3 id='page-title'>Ferry terminal opens</h3><h2 class='headline'>Second</h2>",
    "<span class='post-title'>Ferry terminal opens</span><p class='entry-title'>x</p>",
    "<h2 itemprop='headline'>  </h2><h3 class='title'>Ferry terminal opens</h3>",
    "<h1>a</h1><h1>b</h1><h2>Ferry terminal opens</h2>",
    "<p>No heading at all</p>",
])
@pytest.mark.parametrize("title", ["", "<title>Ferry terminal opens | Harbour Daily</title>",
                                   "<title>harbour.example</title>"])
def test_title_expressions_find_what_trafilaturas_find(body: str, title: str) -> None:
    from trafilatura.metadata import extract_title as trafilatura_title

    from archive.extract.metadata import extract_title

    tree = parse_html(f"<html><head>{title}</head><body>{body}</body></html>")
    assert extract_title(tree) == trafilatura_title(tree)


def test_text_units_of_a_long_text_count_every_cjk_character() -> None:
    """A long text is told free of CJK by the first bytes of its UTF-8: each character
    of the CJK ranges, at either end of each range, alone in a long non-ASCII text, is
    still counted as half a unit, and a text of the characters just outside them has
    no CJK."""
    from archive.extract.html_text import CJK, text_units, word_count

    filler = "l’heure à Zürich " * 40
    for first, last in (("\u3040", "\u30ff"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"),
                        ("\uf900", "\ufaff")):
        for char in (first, last):
            text = filler + char + filler
            assert text_units(text) == word_count(CJK.sub(" ", text)) + 0.5
    outside = filler + "\u303f \ua000 \ufb00 \u2e80 \uff01 \ud7a3"
    assert text_units(outside) == word_count(outside)


def test_meta_fields_read_from_the_meta_elements_as_the_xpaths_found_them() -> None:
    """The <meta> elements are read once a page, from the document's root whatever
    element the search starts from: the same contents, in page order, as the XPath
    "//meta[@...]/@content" found."""
    from archive.extract.dates import meta_modified, meta_published
    from archive.extract.meta_tags import meta_contents, meta_elements
    from archive.extract.structured import read_structured
    import datetime

    page = parse_html(
        "<html><head><meta property='og:title' content='First'><meta property='og:title'>"
        "<meta name='og:type' content=' Article '><meta name='date' content='2024-03-18'>"
        "<meta property='og:updated_time' content='2024-03-20T10:00'></head><body><div>"
        "<p>Text</p><meta property='og:title' content='Second'>"
        "<meta itemprop='dateModified' content='2024-03-21'></div></body></html>")
    inner = page.find(".//p")
    for start in (page, inner):
        metas = meta_elements(start)
        assert meta_contents(metas, "property", "og:title") == list(
            page.xpath("//meta[@property='og:title']/@content")) == ["First", "Second"]
    assert read_structured(page).og_type == "article"
    latest = datetime.date(2030, 1, 1)
    assert meta_published(page, latest) == ("2024-03-18", None)
    assert meta_modified(page) == {"2024-03-20", "2024-03-21"}


ARTICLE = ("<html><head><title>Harbour news</title></head><body><nav><a href='/'>Home</a>"
           "<a href='/news'>News</a></nav><article><h1>The harbour board met</h1>"
           + "".join(f"<p>{SENTENCE}, part {i} of the report said.</p>" for i in range(8))
           + "</article><footer><p>Contact the harbour office</p></footer></body></html>")


def _counted_port(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts trafilatura's readability runs (its function, which the policy's hook
    calls)."""
    from archive.extract import trafilatura_watch

    trafilatura_watch.install_hooks()
    calls: list[int] = []
    port = trafilatura_watch.ORIGINALS["port"]

    def counting(tree: Any) -> Any:
        calls.append(1)
        return port(tree)

    monkeypatch.setitem(trafilatura_watch.ORIGINALS, "port", counting)
    return calls


def test_trafilaturas_readability_port_is_skipped_where_its_text_holds_the_prose(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    from archive.extract import extract_policy, trafilatura_watch

    calls = _counted_port(monkeypatch)
    skipped = extract_policy.main_text(ARTICLE, "https://harbour.example/a")
    assert calls == []  # the port was not run
    assert trafilatura_watch.current_watch() is None
    trafilatura.bare_extraction(ARTICLE)  # another caller: trafilatura as it is
    assert calls == [1]

    class PortAlways(trafilatura_watch.Watched):
        port_needed = property(lambda self: None, lambda self, value: None)

    monkeypatch.setattr(trafilatura_watch, "Watched", PortAlways)
    assert extract_policy.main_text(ARTICLE, "https://harbour.example/a") == skipped
    assert len(calls) > 1  # run, and the same answer


def test_the_port_runs_where_the_page_has_twice_trafilaturas_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a recipe's lists in a box trafilatura drops (its style says "hidden"): the port's
    # text may be more than twice as long, and trafilatura then takes it
    from archive.extract import extract_policy

    calls = _counted_port(monkeypatch)
    items = "".join(f"<li>{n} grams of ingredient number {n} for the dough</li>"
                    for n in range(1, 41))
    page = ARTICLE.replace("</article>", f"<div class='recipe-card' style='overflow: hidden'>"
                                         f"<h2>Ingredients</h2><ul>{items}</ul></div></article>")
    text, _, _ = extract_policy.main_text(page, "https://harbour.example/r")
    assert calls
    assert "40 grams of ingredient number 40 for the dough" in text  # the port's, chosen


def test_threads_extracting_at_once_leave_trafilatura_hooked_once() -> None:
    import threading

    import trafilatura.core
    import trafilatura.external

    from archive.extract import extract_policy, trafilatura_watch

    trafilatura_watch.install_hooks()
    hooks = (trafilatura.external.try_readability, trafilatura.core.compare_extraction,
             trafilatura.core.baseline)
    texts: list[str] = []

    def extract() -> None:
        for _ in range(5):
            texts.append(extract_policy.main_text(ARTICLE, "https://harbour.example/a")[0])

    threads = [threading.Thread(target=extract) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(texts) == 15 and len(set(texts)) == 1
    assert (trafilatura.external.try_readability, trafilatura.core.compare_extraction,
            trafilatura.core.baseline) == hooks


def test_trafilaturas_readability_port_runs_on_a_short_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from archive.extract import extract_policy

    calls = _counted_port(monkeypatch)
    page = ("<html><body><div><p>Storm warning for the coast tonight.</p></div>"
            "</body></html>")
    extract_policy.main_text(page, "https://harbour.example/b")
    assert calls  # under 20 words: trafilatura may prefer the port's text

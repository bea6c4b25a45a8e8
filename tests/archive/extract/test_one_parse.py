"""The page is parsed once, with a parser whose elements are all plain ``HtmlElement``
(archive/extract/html_text.py ``parse_html``), and every step reads that tree: the
cheaper paths must give what lxml.html's own parser gives."""

from __future__ import annotations

import copy

import lxml.html
import pytest

from archive.extract import document, page_signals
from archive.extract.document import extract_document
from archive.extract.html_text import parse_html
from archive.extract.page_type import shop_markup

PARA = ("The council voted on Tuesday to rebuild the harbour wall, after a winter of storms "
        "flooded the market square three times and closed the ferry for eleven days in all.")
# forms, inputs, a label, a select and a textarea: the elements lxml.html gives classes
# of their own; comments, a processing instruction, an entity
PAGE = ("<!DOCTYPE html><html><head><title>Harbour wall</title>"
        "<meta property='og:type' content='article'></head><body>"
        "<!-- header --><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Harbour wall</h1>"
        + "".join(f"<p>{PARA} Part {n}&nbsp;&amp; more.</p>" for n in range(6))
        + "<form action='/s'><label for='q'>Search</label><input id='q' name='q' value='x'>"
          "<select name='s'><option>one</option></select><textarea>note</textarea>"
          "<button>Go</button></form>"
          "<?php echo 1; ?></article><footer>© Harbour Post</footer></body></html>")


def test_parse_html_gives_lxml_htmls_tree_with_plain_elements() -> None:
    tree = parse_html(PAGE)
    reference = lxml.html.fromstring(PAGE)
    assert lxml.html.tostring(tree) == lxml.html.tostring(reference)
    assert isinstance(reference.find(".//form"), lxml.html.FormElement)
    for el in (tree.find(".//form"), tree.find(".//input"), tree.find(".//select"),
               tree.find(".//textarea"), tree.find(".//label")):
        assert type(el) is lxml.html.HtmlElement
    specials = [type(c).__name__ for c in tree.iter(lxml.etree.Comment, lxml.etree.PI)]
    assert specials == [type(c).__name__ for c in reference.iter(lxml.etree.Comment,
                                                                 lxml.etree.PI)]
    assert specials and set(specials) <= {"HtmlComment", "HtmlProcessingInstruction"}
    # a copy (trafilatura and readability copy the tree) keeps the parser's classes
    assert type(copy.deepcopy(tree).find(".//form")) is lxml.html.HtmlElement
    assert tree.find(".//article").text_content() == reference.find(".//article").text_content()


@pytest.mark.parametrize("page", [PAGE, "<p>" + PARA * 3 + "</p>",
                                  "<div><p>" + PARA + "</p></div><p>" + PARA + "</p>"])
def test_document_is_the_same_as_with_lxml_htmls_parser(
        page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    got = extract_document(page.encode(), "http://harbour.example/2024/05/wall", "text/html")
    monkeypatch.setattr(document, "parse_html", lxml.html.fromstring)
    reference = extract_document(page.encode(), "http://harbour.example/2024/05/wall",
                                 "text/html")
    assert got.document is not None and reference.document is not None
    assert got.document == reference.document
    assert got.metrics == reference.metrics


@pytest.mark.parametrize("markup, shop", [
    ("<button> Add to Cart </button>", True), ("<a>ADD-TO-BASKET</a>", True),
    ("<span>Thêm vào giỏ hàng</span>", True), ("<b>加入购物车</b>", True),
    ('<meta ITEMPROP="price" content="3">', True),
    ("<meta property='og:price:amount' content='3'>", True),
    ("<p>Add to cart the ones you like</p>", False), ("<p>itemprop=price</p>", False)])
def test_shop_markup_each_of_its_searches(markup: str, shop: bool) -> None:
    assert shop_markup(f"<html><body>{markup}</body></html>") is shop


# <div>s readability turns into <p>s or keeps, in every way a block can be in one: a
# child, a grandchild under an inline element, a comment or processing instruction that
# holds "<p" (readability searches the serialised children), non-ASCII text and names
MISUSED_DIVS = (
    "<html><body><div id='a'><div>plain text <b>bold</b></div>"
    "<div><span><a href='/x'><img src='i.png'></a></span></div>"
    "<div>text<!-- <p>old markup</p> --></div><div>text<!-- <span> --></div>"
    "<div><?php echo '<table>'; ?>x</div><div><PRE>code</PRE></div>"
    "<div>café ≤ thé <em>&lt;p&gt; escaped</em></div><div title='<ul>'>attr</div>"
    "<div><picture><source></picture> pic</div><div><olx>custom</olx></div>"
    "<div class='İtem SIDEBAR'><p>in a sidebar</p></div><div class='Menu-x'>m</div>"
    "<div class='communıty'>c</div><div class='commentary main'>kept: main</div>"
    "<section><div>in a section</div></section></div></body></html>")


def test_readability_div_transform_and_unlikely_candidates_are_readabilitys() -> None:
    """Our transform_misused_divs_into_paragraphs (blocks found in one walk) and
    remove_unlikely_candidates (words found by substring) change the tree as
    readability-lxml's own do (but for links, which ours keep on purpose)."""
    from archive._vendor.readability import Document
    from archive.extract.readability_lxml import ReadabilityDocument

    unlikely = ("<html><body><div class='sidebar'><div class='menu'><p>x</p></div>"
                "<span id='popup'>y</span></div><pre><span class='comment'>// c</span></pre>"
                "<div class='footer'><section><article>kept</article></section></div>"
                "<div class='header'><math><mi>x</mi></math></div><p class='remark'>z</p>"
                "<div class='comment'><div class='extra'><code class='rss'>r</code></div></div>"
                "</body></html>")
    pages = [MISUSED_DIVS, PAGE, unlikely]
    for html in pages:
        for keep_comments in (False, True):
            ours, theirs = ReadabilityDocument(html), ReadabilityDocument(html)
            ours.html, theirs.html = (lxml.html.fromstring(html), lxml.html.fromstring(html)) \
                if keep_comments else (ours._html(True), theirs._html(True))
            ours.transform_misused_divs_into_paragraphs()
            Document.transform_misused_divs_into_paragraphs(theirs)
            assert lxml.html.tostring(ours.html) == lxml.html.tostring(theirs.html)
            ours.remove_unlikely_candidates()
            Document.remove_unlikely_candidates(theirs)
            assert lxml.html.tostring(ours.html) == lxml.html.tostring(theirs.html)
    divs = ReadabilityDocument(MISUSED_DIVS)
    divs.html = lxml.html.fromstring(MISUSED_DIVS)
    divs.transform_misused_divs_into_paragraphs()
    # a block as a child or deeper, in a comment or a processing instruction, a tag that
    # starts as one does (<pre>, <picture>, <olx>): the <div> stays
    assert [child.tag for child in divs.html.get_element_by_id("a")] == [
        "p", "div", "div", "p", "div", "div", "p", "p", "div", "div", "div", "p", "p", "p",
        "section"]


def test_link_density_drops_what_the_xpath_did() -> None:
    """link_density takes scripts (not JSON-LD), styles and noscripts out of the tree it
    measures (the metadata reads the JSON-LD after it), as the XPath union it replaces."""
    page = ("<html><body><script>var a = 'many words in a script';</script>"
            "<script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>"
            "<script type='text/template'><p>a template</p></script><style>p {}</style>"
            "<noscript><style>q {}</style><a href='/n'>enable scripts please</a></noscript>"
            "<p>six words of text here and <a href='/l'>two linked</a></p></body></html>")
    tree, reference = parse_html(page), lxml.html.fromstring(page)
    for bad in reference.find("body").xpath(
            ".//script[not(@type='application/ld+json')]|.//style|.//noscript"):
        bad.drop_tree()
    density = page_signals.link_density(tree)
    assert lxml.html.tostring(tree) == lxml.html.tostring(reference)
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"]
    assert density == pytest.approx(2 / 10)  # the JSON-LD's 2 words count (as before)


@pytest.mark.parametrize("cls, ident", [
    ("post-BODY sidebar", None), (None, "Footer-main"), ("com-x", "ARTICLE"), ("", ""),
    ("İtem-MAİN", "ſcroll"), ("kontent", "tag"), ("tags", "widgetKeeper")])
def test_readability_class_weight_is_readabilitys(cls: str | None, ident: str | None) -> None:
    from archive._vendor.readability import Document
    from archive.extract.readability_lxml import ReadabilityDocument

    el = lxml.html.Element("div")
    for name, value in (("class", cls), ("id", ident)):
        if value is not None:
            el.set(name, value)
    doc = ReadabilityDocument("<html><body><p>x</p></body></html>")
    assert doc.class_weight(el) == Document.class_weight(doc, el)


def test_page_counts_are_the_xpath_counts() -> None:
    """Articles, linked headlines and long paragraphs counted as the XPath searches they
    replace counted them: a link holding two headings once, a heading holding a link,
    an h5 not, a paragraph of CJK characters by its text units."""
    page = ("<html><body><article><h2><a href='/1'>One</a></h2><a href='/2'><h3>Two</h3>"
            "<h4>Two b</h4></a><h5><a href='/5'>Five</a></h5><div><a href='/3'><span><h2>"
            "Three</h2></span></a></div></article><article><p>short</p><p>" + PARA + "</p>"
            "<p>" + "北京市政府今天宣布新的交通规划" * 3 + "</p><p>" + "字" * 19 + "</p>"
            "</article><h4>No link</h4></body></html>")
    tree = parse_html(page)
    headline_links = lxml.etree.XPath(
        "//h2[.//a]|//h3[.//a]|//h4[.//a]|//a[.//h2 or .//h3 or .//h4]")
    expected = (len(tree.xpath("//article")), len(headline_links(tree)),
                sum(1 for p in tree.iter("p")
                    if document.text_units(p.text_content()) >= 20))
    assert page_signals.page_counts(tree) == expected == (2, 3, 2)

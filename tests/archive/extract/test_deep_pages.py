"""Pages nested deeper than a parser's or Python's defaults: libxml2 stops an HTML tree
at 256 levels and silently drops the rest unless told otherwise, a recursive walk of the
tree stops at Python's stack (about 1,000 levels), and so does json on a JSON-LD block
nested that deep. Each of these cost a page its text or its row
(archive/inputs/markup.py, archive/extract/html_text.py)."""

from __future__ import annotations

import lxml.etree
import lxml.html

from archive.extract.document import extract_document
from archive.extract.html_text import html_to_text, parse_html
from archive.extract.rights import page_rights
from archive.inputs.markup import page_tree
from archive.inputs.requisites import html_requisites

STORY = [
    "The harbour master said on Tuesday that the old breakwater would be rebuilt before "
    "the winter storms, after two decades of patching that no longer holds the sea back.",
    "Fishermen who moor inside it welcomed the news, though several said the works should "
    "have started years ago, when the first cracks appeared along its seaward face.",
    "The council expects the rebuilding to take eighteen months and to cost less than "
    "the repairs of the last ten years together, the harbour master said.",
]
LATE = ("Residents will be invited to see the plans at the harbour office next month, and "
        "the council will answer questions about the closures of the quay during the works.")


def _page(depth: int, ld: str = "") -> bytes:
    """An article whose template never closes its boxes (each reply one level deeper):
    its last paragraph sits ``depth`` elements down."""
    return ("<html><head><title>Breakwater to be rebuilt</title>"
            "<meta property='og:type' content='article'>" + ld + "</head><body><article>"
            "<h1>Breakwater to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
            + "<div class='reply'>" * depth + f"<p>{LATE}</p>"
            + "<img src='/images/plan.jpg' alt='The plan'>" + "</div>" * depth
            + "</article></body></html>").encode()


def test_a_paragraph_300_levels_deep_reaches_the_row() -> None:
    doc = extract_document(_page(300), "https://harbour.example/2024/05/07/breakwater",
                           "text/html; charset=utf-8").document
    assert doc is not None
    assert LATE in doc.text
    assert all(p in doc.text for p in STORY)


def test_a_tree_deeper_than_pythons_stack_reads_whole() -> None:
    # 1,500 levels: a recursive walk raised RecursionError here
    tree = parse_html(_page(1500).decode())
    text = html_to_text(tree)
    assert LATE in text and STORY[0] in text
    doc = extract_document(_page(1500), "https://harbour.example/2024/05/07/breakwater",
                           "text/html; charset=utf-8").document
    assert doc is not None and LATE in doc.text


def test_html_to_text_keeps_its_lines_and_spaces() -> None:
    tree = parse_html("<div>a<script>x</script>b<!-- c -->d<p>one\ntwo</p><pre>x\n  y</pre>"
                      "e<template>no</template>f<noscript>no</noscript>g</div>")
    assert html_to_text(tree) == "abd\none two\nx\ny\nefg"


def test_json_ld_nested_past_the_stack_costs_the_page_nothing() -> None:
    ld = "<script type='application/ld+json'>" + "[" * 50_000 + "]" * 50_000 + "</script>"
    page = _page(3, ld)
    result = extract_document(page, "https://harbour.example/2024/05/07/breakwater",
                              "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    assert result.document.title == "Breakwater to be rebuilt"
    assert LATE in result.document.text
    assert page_rights(page, "https://harbour.example/a", [], None) is not None


def test_what_a_browser_fetches_300_levels_deep_is_listed() -> None:
    found = {r.url for r in html_requisites(_page(300), "https://harbour.example/a")}
    assert "https://harbour.example/images/plan.jpg" in found
    assert LATE in page_tree(_page(300)).text_content()


def test_the_lines_of_a_block_at_its_breaks_and_at_any_depth() -> None:
    """A byline block's lines (text_lines): a comment's tail is text, a script's text
    is left out where asked; a block nested 5,000 deep is read, not a recursion's
    stack overflow."""
    from archive.extract.html_text import text_lines
    block = parse_html("<html><body><p>Ada<!-- x --> Park<br>Harbour Daily<script>v=1</script>"
                       "<br><b>5 May</b> 2024</p></body></html>").find(".//p")
    assert [" ".join(line.split()) for line in text_lines(block, skip=("script",))] == [
        "Ada Park", "Harbour Daily", "5 May 2024"]
    deep = node = lxml.html.Element("div")
    for _ in range(5000):
        node = lxml.etree.SubElement(node, "span")
    node.text = "Ada Park"
    lxml.etree.SubElement(node, "br").tail = "Harbour Daily"
    assert text_lines(deep) == ["Ada Park", "Harbour Daily"]

"""What the page-type classifier (archive/extract/page_type.py) reads off a page's tree
and main text: link density, counts of <article> elements, linked headlines and long
paragraphs, and the shares of the main text in teasers and in data-table rows."""

from __future__ import annotations

import itertools
import re

import lxml.html

from .html_text import text_units
from .run_search import RunSearch


# A script-built page (a forum's app) that writes its posts into a <noscript> for
# readers and crawlers without scripts, beside an empty shell ("Loading...", "Something
# went wrong while trying to load"): that <noscript>'s content is the page. It is kept
# (its tags unwrapped) when it holds at least NOSCRIPT_CHARS characters of text and the
# rest of the body under NOSCRIPT_REST of that; other <noscript>s (a tracking pixel,
# "please enable JavaScript", a lazy image's copy) go, as browsers with scripts do not
# show them. On the WCXB dev set this reads 18 forum threads so (Discourse and Flarum
# apps): forums' word-F1 summed +0.67 (9 better, 6 worse: threads whose chosen text is
# the first posts alone), all pages' author 0.811 -> 0.830; cleaneval +1 page (its text
# was empty), Readability's test set unchanged. 0.08 ms a page.
NOSCRIPT_CHARS = 500
NOSCRIPT_REST = 0.1
# ... and one that is all its place holds, when it has paragraphs and at most this share
# of its text in links (_alone_in)
NOSCRIPT_LINKS = 0.3


def _unwrap_page_noscripts(body: lxml.html.HtmlElement,
                           noscripts: list[lxml.html.HtmlElement]) -> None:
    """Unwrap the <noscript>s of ``noscripts`` (scripts and styles already out of
    ``body``) when they hold nearly all of the body's text; else drop them."""
    held = sum(len(el.text_content()) for el in noscripts
               if next(el.iterancestors("noscript"), None) is None)
    rest = len(body.text_content()) - held
    for el in noscripts:
        parent = el.getparent()
        if parent is None:
            continue
        if rest < NOSCRIPT_REST * held or _alone_in(parent, el):
            el.drop_tag()
        else:
            el.drop_tree()


def _alone_in(parent: lxml.html.HtmlElement, noscript: lxml.html.HtmlElement) -> bool:
    """Whether ``noscript`` holds all of its parent's text (scripts already out): a
    script fills that place for readers with scripts (a template it renders, as the
    themes of Google's Blogger blogs write each post's body), and the <noscript> is
    the same text for those without. Dropped, the post's body is gone for everyone."""
    own = noscript.text_content()
    if next(noscript.iter("p"), None) is None or (
            sum(len(a.text_content()) for a in noscript.iter("a")) > NOSCRIPT_LINKS * len(own)):
        return False  # a menu for browsers without scripts, not a text
    return not parent.text_content().replace(own, "", 1).strip()


def link_density(tree: lxml.html.HtmlElement) -> float:
    """The share of the body's text (in text units) inside links. Takes the body's scripts
    (not JSON-LD), styles, noscripts and ruby annotations out of ``tree`` on the way:
    nothing after it reads them, and trafilatura's copies of the tree are smaller
    without them."""
    body = tree.find("body")
    if body is None:
        body = tree
    # JSON-LD stays: the metadata is read after this, from the same tree
    # (lxml's iter by tag, in C, rather than an XPath union: a third of the time)
    shown = []  # the <noscript>s that may be the page a reader without scripts sees
    # and a ruby's annotations: the reading printed small above a word (Japanese
    # furigana, Chinese pinyin, <rt>) and the brackets around it for browsers without
    # ruby (<rp>). Left in, "子<rt>こ</rt>ども" reads "子こども": no word of the
    # sentence as written (NHK's news for learners annotates every kanji so).
    for bad in [el for el in body.iterdescendants("script", "style", "noscript", "rt", "rp")
                if el.tag != "script" or el.get("type") != "application/ld+json"]:
        if bad.tag == "noscript" and len(bad) and len(bad.text_content()) >= NOSCRIPT_CHARS:
            shown.append(bad)
        else:
            bad.drop_tree()
    if shown:
        _unwrap_page_noscripts(body, shown)
    # text units, not space-separated words: a Chinese paragraph has no spaces, and
    # counted by split() it weighed as little as one English link
    total = text_units(" ".join(body.itertext()))
    if not total:
        return 0.0
    linked = text_units(" ".join(" ".join(a.itertext()) for a in body.iter("a")))
    return min(1.0, linked / total)


def page_counts(tree: lxml.html.HtmlElement) -> tuple[int, int, int]:
    """(<article> elements, linked headlines: h2-h4 holding a link or links holding one,
    <p> paragraphs of 20 text units or more) of the page. lxml's iter by tag (in C) and
    an iteration that stops at the first descendant found, not XPath unions
    ("//h2[.//a]|//h3[.//a]|//h4[.//a]|//a[.//h2 or .//h3 or .//h4]") that collect them
    all: a third of the time."""
    root = tree.getroottree().getroot()  # where XPath's "//" searches from
    articles = sum(1 for _ in root.iter("article"))
    headlines = 0
    linked: set[lxml.html.HtmlElement] = set()  # the links holding a heading
    for heading in root.iter("h2", "h3", "h4"):
        if next(heading.iterdescendants("a"), None) is not None:
            headlines += 1
        linked.update(heading.iterancestors("a"))
    headlines += len(linked)
    long_paras = 0
    for p in tree.iter("p"):
        content = p.text_content()
        # a text has at most as many text units as characters
        if len(content) >= 20 and text_units(content) >= 20:
            long_paras += 1
    return articles, headlines, long_paras


# Teasers: sibling elements of one tag and class, four or more, each a short text holding
# a link to another page: at most TEASER_UNITS text units with a link of three or more,
# or at most HEADLINED_TEASER_UNITS whose h2-h4 heading is the link. Block-level only: a
# paragraph or a table cell is not one; an accordion's "#" heading links to no page.
_NOT_TEASER = frozenset(("p", "a", "span", "em", "strong", "b", "i", "br", "img", "option",
                         "td", "th", "code", "pre", "svg", "path", "input", "button", "label",
                         "meta", "link", "script", "style", "source"))
TEASER_UNITS = 60
HEADLINED_TEASER_UNITS = 150


def _page_link(link: lxml.html.HtmlElement) -> bool:
    href = (link.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


def _is_teaser(element: lxml.html.HtmlElement) -> bool:
    units = text_units(element.text_content())
    if not units or units > HEADLINED_TEASER_UNITS:
        return False
    if units > TEASER_UNITS:
        return any(_page_link(link) for heading in element.iter("h2", "h3", "h4")
                   for link in itertools.chain(heading.iter("a"), heading.iterancestors("a")))
    return any(_page_link(link) and text_units(link.text_content()) >= 3
               for link in element.iter("a"))


def teaser_share(tree: lxml.html.HtmlElement, text: str) -> float:
    """The share of ``text`` (the main text, by text units) that lies in teasers, rows of
    four or more sibling elements that each hold a short linked headline: a section's or
    a search's list of other pages, not a story of its own."""
    pieces: list[str] = []
    for parent in tree.iter():
        if len(parent) < 4:
            continue
        rows: dict[tuple[str, str | None], list[lxml.html.HtmlElement]] = {}
        for child in parent:
            tag = child.tag
            if isinstance(tag, str) and tag not in _NOT_TEASER:
                rows.setdefault((tag, child.get("class")), []).append(child)
        for row in rows.values():
            if len(row) >= 4:
                texts = [" ".join(el.text_content().split()) for el in row if _is_teaser(el)]
                if len(texts) >= 0.75 * len(row):
                    pieces.extend(texts)
    if not pieces:
        return 0.0
    teasers = RunSearch("\n".join(pieces).lower())
    total = inside = 0.0
    for paragraph in text.split("\n\n"):
        units = text_units(paragraph)
        total += units
        flat = " ".join(paragraph.split()).lower()
        if flat and teasers.holds(flat):
            inside += units
    return inside / total if total else 0.0


# A record of a data table: three cells or more ("| a | b | c |"), at most
# TABLE_ROW_UNITS text units. A layout table's rows (a page laid out in a table, a
# sidebar beside the story) hold a cell of prose: they are longer or have fewer cells.
TABLE_ROW_UNITS = 50


def table_share(text: str) -> float:
    """The share of ``text`` (by text units) in the records of data tables."""
    total = rows = 0.0
    for line in text.split("\n"):
        units = text_units(line)
        total += units
        if units <= TABLE_ROW_UNITS and line.lstrip().startswith("|") and line.count("|") >= 4:
            rows += units
    return rows / total if total else 0.0


# A line that ends a sentence: its mark, then a closing quote or bracket
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)）」』]*\s*$")


def sentence_share(text: str, units: float) -> float:
    """The share of ``text``'s text units (``units`` in all) in lines that end a
    sentence: a story's text is sentences, a list of teasers' headlines is not."""
    if not units:
        return 0.0
    return sum(text_units(line) for line in text.split("\n\n")
               if _SENTENCE_END.search(line)) / units

"""Which extractor's text a page gets: the policy (``ExtractOptions``), the arbitration
between trafilatura and readability-lxml, and the line cleaning after it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
import trafilatura.external

from .article_pick import named_article_tree
from .html_text import WORDS as _WORDS
from .html_text import html_to_text, parse_html, text_units, word_count
from .line_clean import clean_lines, clean_paragraphs
from .metadata import page_metadata
from .readability_lxml import ReadabilityDocument
from .results import ExtractOptions
from .run_search import RunSearch
from .structured import read_structured
from .trafilatura_watch import trafilatura_watched

__all__ = ["ExtractOptions", "main_text", "extra_lines", "list_surplus"]

_DEFAULT_OPTIONS = ExtractOptions()





_BODY_TEXT = lxml.etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")


def _body_words(tree: lxml.html.HtmlElement) -> int:
    """Words (\\w+) of the page's visible text: no extractor returns more."""
    body = tree.find("body")
    return word_count(" ".join(_BODY_TEXT(tree if body is None else body)))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]



def list_surplus(text: str, other: str) -> float:
    """The share of the words of ``text``'s lines not in ``other`` that are list items
    (trafilatura writes a <li> as a line starting "- "); 0.0 when there are none."""
    seen = {line.strip() for line in other.splitlines()}
    words = items = 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and stripped not in seen:
            count = word_count(line)
            words += count
            if line.startswith("- "):
                items += count
    return items / words if words else 0.0


def _readability_text(html: str | lxml.html.HtmlElement,
                      ) -> tuple[ReadabilityDocument | None, str]:
    """(the readability document, for its title if needed; the article's text)."""
    try:
        doc = ReadabilityDocument(html)
        summary = parse_html(doc.summary(html_partial=True))
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd markup
        return None, ""
    # readability-lxml writes "VIDEO" into each video <iframe> it keeps (so that its HTML
    # output keeps the element): a word the page never shows. 5 of the 116 readability-set
    # pages had such lines; an iframe's own content is not shown by browsers either.
    for frame in summary.iter("iframe"):
        frame.text = None
    return doc, html_to_text(summary)


# A line of this many text units or more is prose (as extra_lines' 15 words), not a
# menu's item, a related story's headline or a footer's line.
_PROSE_LINE_UNITS = 15
# A line of this many text units or more is a sentence (a brief's, a caption's), not a
# label ("Loading...", "Sponsored", a product grid's).
_SENTENCE_UNITS = 8


def _unflattened(tree: lxml.html.HtmlElement, text: str) -> str:
    """``text`` a block a line where it is one ``<article>`` element's text run into one
    line (trafilatura's rescue of a short page joins the element's blocks, headline,
    byline and date with the story, by spaces); else ``text``."""
    if "\n" in text.strip():
        return text
    words = _WORDS.findall(text)
    if len(words) >= _FLAT_MIN_WORDS:
        return text  # a long one: the flat rule's (readability's paragraphs)
    for el in tree.iter("article"):
        lines = html_to_text(el)
        if "\n" in lines and _WORDS.findall(lines) == words:
            return lines
    return text


# The page's frame: its navigation, footer and side boxes, by tag, role or a class or id
# naming a footer (not <header>: an article's own holds its headline and byline); an
# element that holds the story too is no frame (a theme's <body class="footer-on-bottom">)
_FRAME_ELEMENTS = lxml.etree.XPath(
    "//nav|//footer|//aside|//*[@role='navigation' or @role='contentinfo' or "
    "@role='complementary']|//*[contains(@class, 'footer') or contains(@id, 'footer')]")
# The story's own element, where the page has one (an articleBody inside its <article>
# is the same story)
_STORY_ELEMENTS = lxml.etree.XPath("//article|//*[@itemprop='articleBody']")
# What the rescue adds, in text units, that must be the page's frame for the precise text
# to win: nearly all of it (a post's own lines among menus and "most read" are not)
_FRAME_SHARE = 0.9
# Lines of fewer text units, not links nor in the frame, count for neither side while
# there are at most _STRAY_LABELS of them (a byline's "By" and its day, split from the
# name's link); more are the page's rows (a chart's years, ratings and running times)
_LABEL_UNITS = 5
_STRAY_LABELS = 3


def _site_link(href: str, host: str | None) -> bool:
    """Whether ``href`` is a link to a page of the site at ``host`` (relative, or on that
    host); not a fragment, a script, a mail address, nor an address urlsplit refuses."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return False
    try:
        parts = urlsplit(href)
        return parts.scheme in ("", "http", "https") and parts.hostname in (None, host)
    except ValueError:  # "https://[your-site].com/", a Markdown leftover
        return False


def _frame_added(text: str, precise: str, tree: lxml.html.HtmlElement,
                 url: str | None, meta: dict[str, Any]) -> bool:
    """Whether the lines ``text`` holds beyond ``precise`` are the page's frame: nearly
    all of them (_FRAME_SHARE, in text units) links to the site's own pages (a menu's
    items, a list of its other stories' headlines; not a post's list of links to other
    sites) or text of its navigation, footer or side boxes (_FRAME_ELEMENTS); a few
    lines of under _LABEL_UNITS otherwise count for neither side. A line
    trafilatura's precise run leaves out for other reasons (an update in a bordered box,
    a paragraph after WordPress's "more" mark) is neither, and the rescue's text stays;
    so it does where such a line is in the page's one <article> (or articleBody). The
    headline, byline and datelines are left out first, as the row's text leaves them
    out."""
    held = [_norm_line(line) for line in precise.splitlines()]
    runs = RunSearch(" ".join(held))
    found = _STORY_ELEMENTS(tree)
    outer = [el for el in found if not any(a in found for a in el.iterancestors())]
    story = RunSearch(_norm_line(outer[0].text_content())) if len(outer) == 1 else None
    host = None
    try:
        host = urlsplit(url or "").hostname
    except ValueError:
        pass
    links = {_norm_line(anchor.text_content()) for anchor in tree.iter("a")
             if _site_link(anchor.get("href") or "", host)}
    opening = next((line for line in held if line), "")
    frame = RunSearch(" ".join(
        norm for norm in (_norm_line(el.text_content()) for el in _FRAME_ELEMENTS(tree))
        if not opening or opening not in norm))
    framed = other = 0.0
    labels: list[float] = []
    for line in clean_paragraphs(_paragraphs(text), meta.get("title"), meta.get("author")):
        norm = _norm_line(line)
        if not norm or norm in held or runs.holds(norm):
            continue
        if story is not None and story.holds(norm) and not frame.holds(norm):
            return False  # the story's own line
        units = text_units(line)
        if norm in links or frame.holds(norm):
            framed += units
        elif units >= _LABEL_UNITS:
            other += units
        else:
            labels.append(units)
    if len(labels) > _STRAY_LABELS:
        other += sum(labels)  # a chart's or a table's cells, not a byline's pieces
    return framed > 0 and framed >= _FRAME_SHARE * (framed + other)


def _summary_text(summary: lxml.html.HtmlElement) -> str:
    # changed in place, not copied: trafilatura's readability result, built on its own
    # copy of the page, is read by nothing once trafilatura has returned
    for frame in summary.iter("iframe"):
        frame.text = None
    return html_to_text(summary)


def _readability_title(doc: ReadabilityDocument | None) -> str | None:
    """readability's short title: it parses and cleans the page again (a third of
    readability's time), so only asked for when the metadata has no title."""
    if doc is None:
        return None
    try:
        return doc.short_title() or None
    except Exception:  # noqa: BLE001 - as above
        return None



def _norm_line(line: str) -> str:
    return " ".join(_WORDS.findall(line.lower()))


def extra_lines(text: str, other: str) -> tuple[float, float]:
    """(share of ``text``'s words in lines that ``other`` lacks, share of those words in
    lines of 15 words or more): how much ``text`` adds to ``other``, and whether what it
    adds is prose (15 words: above every menu, share-bar and "related" line seen on
    the dev sets, below most paragraphs)."""
    other_lines = [_norm_line(line) for line in other.splitlines()]
    other_set = set(other_lines)
    other_runs = RunSearch(" ".join(other_lines))
    total = extra = prose = 0
    for line in text.splitlines():
        norm = _norm_line(line)
        if not norm:
            continue
        count = norm.count(" ") + 1
        total += count
        if norm not in other_set and not other_runs.holds(norm):
            extra += count
            if count >= 15:
                prose += count
    if not total:
        return 0.0, 0.0
    return extra / total, (prose / extra if extra else 0.0)


# A text whose longest line holds nine in ten of its words, of at least this many
# words, is an article flattened into one line (trafilatura, on some pages, returns the
# page's text run together: the paragraphs, and often the menus and boxes around them).
_FLAT_MIN_WORDS = 200
# readability's text replaces such a line when it has at least this share of its words
# in 5 or more paragraphs and adds under a tenth of its own. On the WCXB dev set's 793
# articles this changes 6 pages: word-F1 +0.03 to +0.06 on five (whose readability text
# holds 0.86 to 0.94 of trafilatura's words), -0.09 on one (0.70); articles' word-F1
# 0.9437 -> 0.9438, pages holding a "without" snippet 9.1% -> 8.6%.
_FLAT_MIN_SHARE = 0.6


def _longest_line_words(text: str) -> int:
    return max((word_count(line) for line in text.splitlines()), default=0)


# The page's blocks that may be prose. 39 characters: below 20 text units of any
# script (20 words need 19 separators; a CJK character is half a unit). Runs of text
# directly in a <div>, <td> or <body> (paragraphs between <br>s) are the text nodes of
# those elements, their own text and their children's tails. Found by lxml's iter by
# tag (in C), from the document's root as XPath's "//" searches: the XPath unions
# ("//p[string-length(.) >= 39]|//li[...][not(.//li)]", "(//div|//td|...)/text()"),
# sorted in page order, and each element's text read twice, took 0.62 ms a page of
# Readability's test set against 0.38. The runs come element by element, not in page
# order: what reads them (``_held``) only sums their words.
_PROSE_RUN_TAGS = ("div", "td", "body", "section", "article", "main", "blockquote", "dd",
                   "center", "font")
_PROSE_RUN_MIN = 61  # characters, more than 60
# A list of references is no prose of the page's: a paper's bibliography, a wiki's
# footnotes (each entry a <li> of 20 words or more, and its <p> again) outweighed the
# article's own paragraphs, and readability's text holding the list alone "covered"
# more of the page than trafilatura's holding the abstract and the list (a Springer
# article's page). Read from the entry's own class or id and its two ancestors'.
_REFERENCE_WORDS = re.compile(
    r"(?<![a-z])(?:references?|reflist|ref-list|bibliograph\w*|footnotes?)(?![a-z])")


def _in_references(el: lxml.html.HtmlElement) -> bool:
    node: lxml.html.HtmlElement | None = el
    for _ in range(3):
        if node is None:
            return False
        cls, ident = node.get("class"), node.get("id")
        if (cls or ident) and _REFERENCE_WORDS.search(f"{cls or ''} {ident or ''}".lower()):
            return True
        node = node.getparent()
    return False


# MathML: its <annotation> holds the formula's TeX source, which browsers do not show,
# and neither extractor's text nor a reader's copy holds a formula's symbols as words.
_HAS_MATH = lxml.etree.XPath("boolean(//math)")
_OUTSIDE_MATH = lxml.etree.XPath(".//text()[not(ancestor::math)]", smart_strings=False)


def _prose_blocks(tree: lxml.html.HtmlElement) -> Iterator[str]:
    """The page's blocks of prose, 20 text units or more: <p> paragraphs, list items
    that hold no list (a menu's item holding its submenu is not one), and runs of text
    directly in a <div>, <td> or <body> (paragraphs between <br>s); the text of MathML
    formulas in them is left out."""
    return (content for content in _block_texts(tree) if text_units(content) >= 20)


def _block_texts(tree: lxml.html.HtmlElement) -> Iterator[str]:
    """The texts of the page's blocks that may be prose (``_prose_blocks`` before its
    test of 20 text units)."""
    math = bool(_HAS_MATH(tree))
    root = tree.getroottree().getroot()
    for el in root.iter("p", "li"):
        content = el.text_content()
        if (len(content) >= 39 and (el.tag == "p" or next(el.iterdescendants("li"), None) is None)
                and not _in_references(el)):
            yield "".join(_OUTSIDE_MATH(el)) if math else content
    for el in root.iter(_PROSE_RUN_TAGS):
        text = el.text
        if text is not None and len(text) >= _PROSE_RUN_MIN:
            yield text
        for child in el:
            text = child.tail
            if text is not None and len(text) >= _PROSE_RUN_MIN:
                yield text


def _prose_words(tree: lxml.html.HtmlElement) -> list[str]:
    """The words of each of the page's blocks of prose (``_prose_blocks``), lower-cased
    and joined by single spaces. An ASCII text (most blocks) is read by one regex pass
    once its words are counted: its text units are its words, and lower-casing it
    changes no word's bounds."""
    out = []
    for content in _block_texts(tree):
        if content.isascii():
            # counted first (word_count, no string a word): many blocks of 39 characters
            # or more are a menu's or a list's items of under 20 words
            if word_count(content) >= 20:
                out.append(" ".join(_WORDS.findall(content)).lower())
        elif text_units(content) >= 20:
            out.append(" ".join(_WORDS.findall(content.lower())))
    return out


@functools.lru_cache(maxsize=4)
def _word_runs(text: str) -> RunSearch:
    """``text``'s words, lower-cased, joined by single spaces, to search (cached: main_text
    asks it of trafilatura's text up to three times)."""
    return RunSearch(" ".join(_WORDS.findall(text.lower())))


def _held(blocks: list[str], text: str) -> tuple[int, int]:
    """(words of ``blocks``, words of those of them that ``text`` holds whole)."""
    runs = _word_runs(text)
    total = held = 0
    for block in blocks:
        count = block.count(" ") + 1 if block else 0
        total += count
        if runs.holds(block):
            held += count
    return total, held


def _readability_may_win(tree: lxml.html.HtmlElement, text: str, words: int,
                         blocks: list[str] | None = None) -> bool:
    """Whether readability, which scores paragraphs, may have prose to add to ``text``:
    unless ``text`` holds nine in ten of the words of the page's blocks of prose
    (``_prose_blocks``), and those are most of ``text`` (where they are not, its text
    is in other elements, which readability also scores, and its text is often the
    cleaner). Counting <p> paragraphs alone missed an article's key points in a list
    and pages whose paragraphs sit between <br>s: on the WCXB dev set's articles,
    word-F1 0.943 -> 0.946 (25 pages change: 18 gain up to 0.26, 7 lose up to 0.15).
    ``blocks``: ``_prose_words(tree)``, when the caller has them."""
    total, held = _held(_prose_words(tree) if blocks is None else blocks, text)
    return not (total > 0 and held >= 0.9 * total
                and total >= 0.5 * word_count(text))


# Where trafilatura kept one part of the article (its introduction, the block before a
# table, a box beside it) and readability's text holds most of the page's prose, that
# text wins whatever trafilatura's extra lines: readability's text holds at least
# COVER_MIN of the words of the page's blocks of prose (``_prose_blocks``), COVER_GAIN
# of them more than trafilatura's, on a page with COVER_MIN_WORDS such words or more.
# trafilatura's own readability run is tried first; when it does not pass and
# trafilatura's text holds under COVER_MIN - COVER_GAIN of the prose, readability-lxml
# runs (7 of WCXB dev's 1,497 pages). On the WCXB dev set's articles, word-F1 summed
# +3.3 (9 pages better, none worse: trafilatura kept the introduction, a list's first
# item, an author's blurb); all its pages +4.9 (24 better, 5 worse: collections whose
# truth is the product grid, not the prose beside it, a service page); cleaneval +3.4
# (17 better, 1 worse), Readability's test set -0.26 (one page: the references of
# a Wikipedia article). Below 100 words of prose (a listing's or a service page's
# few blurbs) the rule lost more than it won.
COVER_MIN = 0.7
COVER_GAIN = 0.2
COVER_MIN_WORDS = 100


def _covers_more(blocks: list[str], text: str, other: str) -> bool:
    """Whether ``other`` holds most of the page's prose (``blocks``) and much more of it
    than ``text``."""
    total, held = _held(blocks, text)
    if total < COVER_MIN_WORDS:
        return False
    _, other_held = _held(blocks, other)
    return other_held >= COVER_MIN * total and other_held - held >= COVER_GAIN * total


def warm_up_fallbacks() -> None:
    """Build the stop-word set trafilatura's justext fallback uses on pages of unnamed
    language (the union of justext's stop lists, about 30 MB of Python objects), so the
    extraction pool's fork server holds it and every worker shares it. Built lazily, each
    worker made its own copy on its first such page, again after every recycling."""
    import justext.core

    stoplist = trafilatura.external.JT_STOPLIST or trafilatura.external.jt_stoplist_init()
    # as a frozenset (same words): justext caches its lower-cased set by this argument,
    # and a frozenset keeps its hash where a tuple of 150,000 words is hashed again on
    # every call (1.7 ms)
    trafilatura.external.JT_STOPLIST = frozenset(stoplist)  # type: ignore[assignment]
    justext.core.define_stoplist(trafilatura.external.JT_STOPLIST)


# Webflow's "HTML embed" block (class w-embed) holds the author's own markup: a
# table, paragraphs. trafilatura drops every element whose class says "embed" (a
# third-party player or post), so a block of the page's own prose is named anew.
# Webflow marks its pages' root (data-wf-site, data-wf-page); other pages are not
# searched (a search of the whole tree costs about 1 ms a page).
# A block that runs a script (w-script: a tweet's or a post's embed code) or frames
# another page is a third-party embed after all, and a hidden one is not shown.
_HTML_BLOCKS = lxml.etree.XPath(
    '//div[contains(concat(" ", normalize-space(@class), " "), " w-embed ")]'
    '[.//p or .//table][not(.//iframe)]')
_SKIP_TOKENS = frozenset({"hide", "hidden", "w-condition-invisible", "w-script", "w-iframe"})


def _unmask_html_blocks(tree: lxml.html.HtmlElement) -> None:
    root = tree.getroottree().getroot()
    if root.get("data-wf-site") is None and root.get("data-wf-page") is None:
        return
    for el in _HTML_BLOCKS(tree):
        tokens = (el.get("class") or "").split()
        if not _SKIP_TOKENS.intersection(tokens):
            kept = " ".join(t for t in tokens if "embed" not in t.lower())
            if kept:
                el.set("class", kept)
            else:
                del el.attrib["class"]


def _empty_code(tree: lxml.html.HtmlElement) -> None:
    """The page's scripts and style sheets without their code. Every copy of the tree
    copies it (trafilatura copies the tree four to six times a page; on the dev sets'
    2-5 MB pages 40-94% of the markup is script and style), and no extractor wants it:
    each drops these elements, but trafilatura's recall retry puts back what its
    cleaning deleted when no paragraph survives it, scripts with their code (a forum
    thread whose posts sit in no <p>: its text was the script's neighbours, not the
    posts). JSON-LD stays (trafilatura's fallback reads an ``articleBody`` there); the
    elements stay, with their tails."""
    for el in tree.iter("script", "style"):
        if el.text and (el.tag == "style"
                        or (el.get("type") or "").strip().lower() != "application/ld+json"):
            el.text = None


def main_text(html: str, url: str | None, options: ExtractOptions = _DEFAULT_OPTIONS,
              tree: lxml.html.HtmlElement | None = None,
              meta: dict[str, Any] | None = None) -> tuple[str, dict[str, Any], str]:
    """(clean text, metadata, extractor name) of a page, whatever kind of page it is.
    ``tree``, when given, is ``html`` already parsed (trafilatura copies it; its
    comments are taken out here, after the metadata), and ``html`` is not read (it may
    be "");
    ``meta``, when given, its page_metadata."""
    if tree is None:
        tree = parse_html(html)
    meta = dict(meta) if meta is not None else page_metadata(
        tree, url, read_structured(tree), options.date_from_text)
    # The text steps read the page as trafilatura's own parser gives it, without comments
    # and processing instructions (their tails stay). Left in, a commented template makes
    # trafilatura keep a part of the text and run its fallbacks: 3-4x its CPU on such a
    # page. The metadata above has read them (a date written in a comment).
    lxml.etree.strip_elements(tree, lxml.etree.Comment, lxml.etree.ProcessingInstruction,
                              with_tail=False)
    _empty_code(tree)
    _unmask_html_blocks(tree)
    named = named_article_tree(tree, url, meta.get("title"))
    if named is not None:  # several articles: the one the URL names, alone
        tree = named

    def run_trafilatura(fast: bool, precision: bool = False) -> str:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=False, include_comments=options.include_comments,
            include_tables=options.include_tables,
            favor_recall=options.favor_recall and not precision, favor_precision=precision,
            fast=fast)
        return (doc.text if doc is not None else "") or ""

    r_doc: ReadabilityDocument | None = None
    if options.policy == "news":
        page_blocks: list[list[str]] = []  # the page's blocks of prose, once read
        page_chars: list[int] = []  # the characters of its body's text, once counted

        def port_needed(body: Any, own: str, settings: Any) -> bool:
            # trafilatura prefers its readability port's text only where its own is
            # empty, half as long, or without paragraphs (_prefer_readability); where its
            # own holds the page's prose (as _readability_may_win reads it below), the
            # port's text is neither chosen there nor here
            if getattr(settings, "focus", "recall") == "recall" or not isinstance(
                    body, lxml.etree._Element):
                return True
            words = word_count(own)
            if words < 20 or not body.xpath(".//p//text()") or (
                    len(body.findall(".//table")) > len(body.findall(".//p"))):
                return True
            # the port keeps a part of the page's text: where that is at most twice
            # trafilatura's, the port's cannot be more than twice as long (trafilatura's
            # own text holding the prose, the port's may still be: a recipe's lists in a
            # box whose style says "overflow: hidden", which trafilatura drops)
            if not page_chars:
                page_body = tree.find("body")
                page_chars.append(len(" ".join(
                    (page_body if page_body is not None else tree).text_content().split())))
            if page_chars[0] > 2 * len(own):
                return True
            if not page_blocks:
                page_blocks.append(_prose_words(tree))
            return _readability_may_win(tree, own, words, page_blocks[0])

        with trafilatura_watched() as seen:
            seen.port_needed = port_needed
            extractor, text = "trafilatura", run_trafilatura(fast=False)
        if seen.rescued and text:
            # trafilatura's main extractor kept under MIN_EXTRACTED_SIZE characters (a
            # news brief, a photo's caption, a paywalled story's opening) and its rescue
            # took more: often the whole page, menus, "most read" and footer with the
            # story. Its main extractor's text alone (favor_precision, no rescue) wins
            # where all the rescue adds is such short lines.
            text = _unflattened(tree, text)
            precise = run_trafilatura(fast=True, precision=True)
            if (max((text_units(line) for line in precise.splitlines()), default=0)
                    >= _SENTENCE_UNITS and _frame_added(text, precise, tree, url, meta)):
                text = precise
        port_results = seen.port
        t_text = text
        t_words = word_count(text)
        flat = t_words >= _FLAT_MIN_WORDS and _longest_line_words(text) >= 0.9 * t_words
        blocks = [] if t_words < 20 or flat else (
            page_blocks[0] if page_blocks else _prose_words(tree))
        if t_words < 20 or flat or _readability_may_win(tree, text, t_words, blocks):
            r_name, r_text = "readability", ""
            if port_results and not flat and t_words >= 20:
                # trafilatura's own readability run, the last one of this page: its text
                # is trafilatura's output (trafilatura itself may choose it)
                r_name, r_text = "trafilatura", _summary_text(port_results[-1])
            if word_count(r_text) <= t_words:
                # the port runs on a pruned copy and often keeps far less than
                # readability-lxml: its shorter text does not say readability's is
                r_name = "readability"
                r_doc, r_text = _readability_text(tree)
            r_words = word_count(r_text)
            if t_words < 20:
                if r_words > t_words:
                    extractor, text = "readability", r_text
            elif flat:
                # the article flattened into one line: readability's paragraphs win
                # when they hold most of its words and little else
                if (r_words >= _FLAT_MIN_SHARE * t_words and len(_paragraphs(r_text)) >= 5
                        and extra_lines(r_text, text)[0] < 0.1):
                    extractor, text = "readability", r_text
            elif r_words > t_words:
                missing, prose = extra_lines(r_text, text)
                surplus, _ = extra_lines(text, r_text)
                if (missing >= options.news_min_missing and prose >= options.news_prose_share
                        and surplus < options.news_max_extra):
                    extractor, text = r_name, r_text
            if extractor == "trafilatura" and t_words >= 20 and not flat and text is t_text:
                # trafilatura kept a part: readability's text holding the page's prose wins
                if _covers_more(blocks, t_text, r_text):
                    extractor, text = r_name, r_text
                elif r_name == "trafilatura":
                    total, held = _held(blocks, t_text)
                    if total >= COVER_MIN_WORDS and held < (COVER_MIN - COVER_GAIN) * total:
                        r_doc, r_text = _readability_text(tree)
                        if _covers_more(blocks, t_text, r_text):
                            extractor, text = "readability", r_text
    elif options.policy == "combined":
        # readability's text is kept unless it has fewer than readability_min_share of
        # trafilatura's words. trafilatura's words are a part of the page's, so when
        # readability already has that share of the page's words the answer is known
        # without running trafilatura.
        r_doc, r_text = _readability_text(tree)
        r_words = word_count(r_text)
        if (r_words >= options.min_text_units
                and r_words >= options.readability_min_share * _body_words(tree)):
            extractor, text = "readability", r_text
        else:
            extractor, text = "trafilatura", run_trafilatura(fast=True)
            if (r_words >= options.readability_min_share * word_count(text)
                    or (r_words >= options.min_text_units
                        and list_surplus(text, r_text) >= options.max_list_surplus)):
                extractor, text = "readability", r_text
    else:
        extractor, text = "trafilatura", run_trafilatura(fast=False)
        if options.fallback and text_units(text) < options.min_text_units:
            r_doc, r_text = _readability_text(tree)
            if text_units(r_text) > text_units(text):
                extractor, text = "readability", r_text
    if extractor == "readability":
        meta["title"] = meta.get("title") or _readability_title(r_doc)
    return cleaned_text(text, tree, meta, options), meta, extractor


def cleaned_text(text: str, tree: lxml.html.HtmlElement, meta: dict[str, Any],
                 options: ExtractOptions) -> str:
    """``text`` (one block a line) as a row holds it: the title, byline and datelines
    out (clean_paragraphs), then the page's boxes and clutter (clean_lines, unless
    ``options`` turns it off); paragraphs separated by a blank line."""
    paragraphs = clean_paragraphs(_paragraphs(text), meta.get("title"), meta.get("author"))
    if options.clean_lines:
        paragraphs = clean_lines(paragraphs, tree)
    return "\n\n".join(paragraphs)


"""readability-lxml 0.9 (a copy in archive/_vendor/readability) as archive/extract/document.py runs
it: the same scores and choices, cheaper, and two changes of its text on purpose (links
kept whatever their class or id, as in Mozilla's Readability.js; see
``ReadabilityDocument``). Only extract.py imports it; tests compare it with the library's
own functions."""

from __future__ import annotations

import copy
import functools
import logging
import re
from typing import Any

import lxml.etree
import lxml.html
from lxml.html import xhtml_to_html
from lxml_html_clean import Cleaner

from archive._vendor.readability import Document
from archive._vendor.readability import readability as _readability_module
from archive._vendor.readability.htmls import build_doc
from archive._vendor.readability.readability import REGEXES as READABILITY_REGEXES
from archive._vendor.readability.readability import clean as readability_clean

__all__ = ["ReadabilityDocument", "readability_text_length"]


# readability-lxml 0.9's own cleaner (readability/cleaners.py) but javascript=False: the
# same scripts, styles, links, comments and style attributes go; what is left out is the
# removal of on* attributes and javascript: links, which changes no text. That part was
# 60% of the cleaner's time (rewrite_links over every link), and the cleaner a third of
# readability's on the benchmark pages.
_READABILITY_CLEANER = Cleaner(
    scripts=True, javascript=False, comments=True, style=True, links=True, meta=False,
    add_nofollow=False, page_structure=False, processing_instructions=True, embedded=False,
    frames=False, forms=False, annoying_tags=False, remove_tags=(), remove_unknown_tags=False,
    safe_attrs_only=False)
# What that cleaner kills, in the order its walk meets them (lxml's iter by tag, in C,
# rather than its Python test of every node of the page: 0.63 against 0.32 ms a WCXB
# dev page, the same tree on each). None of them may be kept: allow_element keeps only
# the <iframe> and <embed> of a host whitelist.
_KILLED = ("script", "style", "link", lxml.etree.Comment, lxml.etree.ProcessingInstruction)


def _clean(doc: lxml.html.HtmlElement) -> None:
    """``_READABILITY_CLEANER(doc)``, the same tree (the tests compare the two):
    XHTML names made HTML, <image> an <img>, style attributes out, then scripts,
    styles, <link>s, comments and processing instructions dropped with their content."""
    xhtml_to_html(doc)
    for el in doc.iter("image"):
        el.tag = "img"
    lxml.etree.strip_attributes(doc, "style")
    killed = list(doc.iter(*_KILLED))
    if killed and killed[0] is doc:  # the page is one such element: the cleaner's way
        _READABILITY_CLEANER(doc)
        return
    for el in killed:
        el.drop_tree()


_LONG = 255  # clean() first shortens a run of this many whitespace characters or more
_LONG_SPACE = re.compile(rf"\s{{{_LONG},}}")
_SPACES = re.compile(r"\t|[ \t]{2,}")
# The white space other than " ", "\t" and "\n" (str.isspace, which is regex's \s): in
# an ASCII text the first seven alone can be
_OTHER_SPACE = "\x0b\x0c\r\x1c\x1d\x1e\x1f"
_OTHER_SPACE_NON_ASCII = ("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                          "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_RUN = " " * _LONG


def readability_text_length(elem: lxml.html.HtmlElement) -> int:
    """readability-lxml's text_length(elem), the same number (see _clean_length)."""
    return _clean_length(elem.text_content() or "")


def _clean_length(text: str) -> int:
    """len(clean(text)) of readability-lxml, the same number, equal on every element's
    text of the dev sets and benchmark pages. It was a third of readability's time (3
    regex passes over each candidate's whole text, once for each candidate holding it).
    clean() makes every whitespace run holding a line break one "\n", then each tab and
    each run of 2+ spaces and tabs one space, then strips. Here lines stripped and the
    empty ones dropped do the first part in C, and where no tab is left, str.replace
    makes the runs of spaces single, in C (other white space, a no-break space, stays
    as clean() leaves it); a regex tests each position of the text. The length is all
    that is asked. 95,000 texts of cleaneval's and Readability's pages: 1.08 s with the
    regular expressions after the first part, 0.60 s so.
    A run of 255+ whitespace characters, which clean() shortens first, sends the text
    to clean() itself: where the text holds no other white space than spaces, a run of
    255 spaces is looked for; where it holds ``others`` such characters and its runs
    of spaces are at most ``longest`` long, no run can be as long when others + (others
    + 1) * longest is shorter; else the regex looks. Tabs go to the regular expressions."""
    joined = "\n".join(filter(None, map(str.strip, text.split("\n"))))
    if "\t" in joined:
        if _LONG_SPACE.search(joined) is not None:
            return len(readability_clean(text))
        return len(_SPACES.sub(" ", joined))
    collapsed, passes = joined, 0
    while "  " in collapsed:
        collapsed = collapsed.replace("  ", " ")
        passes += 1  # a run of 2 ** passes spaces at most
    if len(joined) >= _LONG:
        others = sum(joined.count(c) for c in _OTHER_SPACE)
        if not joined.isascii():
            others += sum(joined.count(c) for c in _OTHER_SPACE_NON_ASCII)
        if (_RUN in joined) if not others else (
                others + (others + 1) * (1 << passes) >= _LONG
                and _LONG_SPACE.search(joined) is not None):
            return len(readability_clean(text))
    return len(collapsed)


_XHTML_BASE = "{http://www.w3.org/1999/xhtml}base"


def _new_p() -> lxml.html.HtmlElement:
    """An empty <p>, what readability's fragment_fromstring("<p/>") makes, without
    parsing a document for it (1,600 parses on 81 WCXB pages)."""
    p: lxml.html.HtmlElement = lxml.html.Element("p")
    return p


_CLASS_OR_ID = lxml.etree.XPath("//*[@class or @id]")
_CLASS_OR_ID_BELOW = lxml.etree.XPath("count(descendant::*[@class or @id])")

# readability's unlikelyCandidatesRe is words alone, searched with re.I: 23 us on a class
# string (the engine tries each word at each position), 60% of remove_unlikely_candidates.
# In a name without İ, ı, ſ or the Kelvin sign (the characters re.I matches with an ASCII
# letter other than its own) the words are found by substring in the lower-cased name.
_UNLIKELY_RE = READABILITY_REGEXES["unlikelyCandidatesRe"]
_UNLIKELY_WORDS = tuple(_UNLIKELY_RE.pattern.split("|"))
assert all(re.fullmatch(r"[a-z-]+", word) for word in _UNLIKELY_WORDS)
_ASCII_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


@functools.lru_cache(maxsize=8192)
def _unlikely(name: str) -> bool:
    """unlikelyCandidatesRe.search(name), as a truth value (cached: a page's elements
    repeat their class and id strings, 44,000 asked on 81 WCXB pages)."""
    if name.isascii() or not any(c in name for c in _ASCII_FOLDS):
        lowered = name.lower()
        return any(word in lowered for word in _UNLIKELY_WORDS)
    return _UNLIKELY_RE.search(name) is not None


# readability's class_weight: positiveRe and negativeRe, words alone searched with re.I
# in each class and id (18,500 searches on 94 WCXB pages), the same way; class names
# repeat, so each one's weight is kept.
_POSITIVE_WORDS = tuple(READABILITY_REGEXES["positiveRe"].pattern.split("|"))
_NEGATIVE_WORDS = tuple(READABILITY_REGEXES["negativeRe"].pattern.split("|"))
assert all(re.fullmatch(r"[a-z-]+", word) for word in (*_POSITIVE_WORDS, *_NEGATIVE_WORDS))


@functools.lru_cache(maxsize=8192)
def _feature_weight(feature: str) -> int:
    weight = 0
    if feature.isascii() or not any(c in feature for c in _ASCII_FOLDS):
        lowered = feature.lower()
        negative = any(word in lowered for word in _NEGATIVE_WORDS)
        positive = any(word in lowered for word in _POSITIVE_WORDS)
    else:
        negative = READABILITY_REGEXES["negativeRe"].search(feature) is not None
        positive = READABILITY_REGEXES["positiveRe"].search(feature) is not None
    if negative:
        weight -= 25
    if positive:
        weight += 25
    return weight


_DIV_TO_P = READABILITY_REGEXES["divToPElementsRe"]


def _serialised_hit(text: str) -> bool:
    """divToPElementsRe on ``text`` as readability sees it: str() of its UTF-8 bytes."""
    return _DIV_TO_P.search(text if text.isascii() else str(text.encode("utf-8"))) is not None


@functools.lru_cache(maxsize=1024)
def _tag_hit(tag: str) -> bool:
    """_serialised_hit of an element's start tag (kept: a page has few tag names and
    many elements)."""
    return _serialised_hit("<" + tag)


def _holding_blocks(root: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """The elements under ``root`` whose descendants readability's
    transform_misused_divs_into_paragraphs finds a block in: its regex
    (divToPElementsRe, "<(blockquote|dl|div|img|ol|p|pre|table|ul)") searched in the
    XML serialisation of the element's children, where text, tails and attribute values
    are escaped, so only a descendant's start tag or the inside of a comment or
    processing instruction can match. readability serialised every <div>'s children,
    once for each <div> holding them (a fifth of its time on WCXB pages); here each such
    descendant marks its ancestors, once. The set holds the elements (their Python
    proxies stay alive, so lxml hands out the same objects again)."""
    held: set[lxml.html.HtmlElement] = set()
    for node in root.iter():
        tag = node.tag
        if isinstance(tag, str):
            if not _tag_hit(tag):
                continue
        elif not _serialised_hit(lxml.etree.tostring(node, encoding="unicode", with_tail=False)):
            continue
        parent = node.getparent()
        while parent is not None and parent not in held:
            held.add(parent)
            parent = parent.getparent()
    return held


def _unlogged(*_args: Any, **_kwargs: Any) -> str:
    """What readability's debug messages say of an element when no one logs them."""
    return ""


class ReadabilityDocument(Document):
    """readability-lxml (0.9, pinned) with the cleaner above, links kept whatever their
    class or id (remove_unlikely_candidates), and the same scores computed cheaper."""

    def summary(self, html_partial: bool = False, keep_all_images: bool = False) -> str:
        """readability-lxml 0.9's summary, with its module's text_length (len of clean()
        of an element's text, 3 regex passes: asked of each node sanitize keeps and of
        each sibling of the best candidate) computed as readability_text_length, the
        same number, for the length of the call (the module itself, which the tests and
        the benchmark's readability-lxml use, is left as it is outside it)."""
        module = _readability_module
        originals = (module.text_length, module.describe, module.text_content)
        module.text_length = readability_text_length
        if not module.log.isEnabledFor(logging.DEBUG):
            # its debug messages are formatted whether logged or not: each names the
            # elements (describe) and quotes the text of each container sanitize keeps
            # (a regex over the whole of it), a tenth of readability's time on WCXB
            # dev pages; where nothing logs them, they name nothing
            module.describe = module.text_content = _unlogged
        try:
            result: str = super().summary(  # type: ignore[no-untyped-call]
                html_partial=html_partial, keep_all_images=keep_all_images)
        finally:
            module.text_length, module.describe, module.text_content = originals
        return result

    def _parse(self, input: str | lxml.html.HtmlElement) -> lxml.html.HtmlElement:  # noqa: A002
        # readability 0.9's _parse for no base URL, but for the cleaner; a page parsed
        # already is copied (a third of the cost of parsing it again)
        if isinstance(input, lxml.html.HtmlElement):
            doc, self.encoding = copy.deepcopy(input.getroottree().getroot()), "utf-8"
        else:
            doc, self.encoding = build_doc(input)
        for elem in doc.xpath("//*[@hidden]"):
            elem.drop_tree()
        for elem in doc.xpath("//*[@style]"):
            if READABILITY_REGEXES["displayNoneRe"].search(elem.get("style")):
                elem.drop_tree()
        # the cleaner in place: clean_html(doc) cleans a deep copy of the copy made above
        _clean(doc)
        # resolve_base_href searches the page for <base href> by an XPath union (0.7 ms
        # a page) and does nothing without one: lxml's iter by tag, in C, tells first
        if next(doc.iter("base", _XHTML_BASE), None) is not None:
            doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    def remove_unlikely_candidates(self) -> None:
        # readability-lxml 0.9's, but a link (<a>) is never dropped for its class or id, as
        # in Mozilla's Readability.js (its test page "clean-links": the anchors of an
        # annotated text, class="popup", went and left holes in every sentence). A link
        # inside an unlikely block still goes with that block.
        # Only elements with a class or an id can match: readability's loop over every
        # element skipped the others (its name string " " is too short) at 1 us each.
        # The elements under one dropped are skipped: readability went on judging (and
        # dropping) them in the detached block, which the page no longer holds. Its XPath
        # tests ("ancestor-or-self::pre | ancestor-or-self::code", "descendant-or-self::
        # main | ...article | ...math") are lxml's iter by tag, which stops at the first.
        # The elements under one dropped are the next ones _CLASS_OR_ID found (document
        # order): counted in C and passed over, rather than each one's proxy made and
        # kept in a set to be looked up.
        maybe = READABILITY_REGEXES["okMaybeItsACandidateRe"]
        found = _CLASS_OR_ID(self.html)
        i, end = 0, len(found)
        while i < end:
            elem = found[i]
            i += 1
            if elem.tag in ("a", "html", "body"):
                continue
            name = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            if (len(name) >= 2 and _unlikely(name) and not maybe.search(name)
                    and elem.tag not in ("pre", "code")
                    and next(elem.iterancestors("pre", "code"), None) is None
                    and elem.tag not in ("main", "article", "math")
                    and next(elem.iterdescendants("main", "article", "math"), None) is None):
                i += int(_CLASS_OR_ID_BELOW(elem))
                elem.drop_tree()

    def transform_misused_divs_into_paragraphs(self) -> None:
        """readability-lxml 0.9's, its first loop (a <div> holding no block element
        becomes a <p>) with the blocks found in one walk (``_holding_blocks``). That loop
        only renames <div>s to <p>, and both names match, so the set found before it
        holds for each <div> it reaches."""
        inline_tags = {"a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong",
                       "sub", "sup", "u"}
        held = _holding_blocks(self.html)
        for elem in self.tags(self.html, "div"):
            if elem not in held:
                elem.tag = "p"
        # the rest is readability's own
        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = _new_p()
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if (child.tag not in inline_tags
                        or _DIV_TO_P.search(lxml.etree.tounicode(child, method="html"))):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = _new_p()
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = _new_p()
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()

    def class_weight(self, e: lxml.html.HtmlElement) -> int:
        # readability-lxml 0.9's, with the words found as in _feature_weight
        weight = 0
        for feature in (e.get("class", None), e.get("id", None)):
            if feature:
                weight += _feature_weight(feature)
        return weight

    def is_quote_lead(self, elem: lxml.html.HtmlElement) -> bool:
        # readability-lxml 0.9's, without clean() on the whole text of each ancestor of
        # each <div> and <section> (1.5 ms a readability-set page): clean() only changes
        # whitespace and strips, so its text ends in ":" when the stripped raw text does,
        # and its length is _clean_length's.
        for lead in (elem, *elem.iterancestors()):
            following = lead.getnext()
            if following is None or not following.findall(".//blockquote"):
                continue
            text = lead.text_content() or ""
            if text.rstrip().endswith(":") and _clean_length(text) >= self.min_text_length:
                return True
        return False

    _link_lengths: dict[Any, int] | None = None

    def score_paragraphs(self) -> dict[Any, dict[str, Any]]:
        """readability-lxml 0.9's score_paragraphs, the same scores cheaper: a paragraph's
        length is _clean_length of its text (readability ran clean(), 3 regex passes, on
        every paragraph: 13% of our extraction's time on the readability set), and its
        commas are counted in the raw text (clean() only changes whitespace). The tree
        does not change meanwhile, so each link's text length is measured once, not once
        for every candidate (parent, grandparent) holding it."""
        min_len = self.min_text_length
        candidates: dict[Any, dict[str, Any]] = {}
        ordered = []
        self._link_lengths = {}
        try:
            for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
                parent = elem.getparent()
                if parent is None:
                    continue
                grand_parent = parent.getparent()
                text = elem.text_content() or ""
                length = _clean_length(text)
                if length < min_len:
                    continue
                if parent not in candidates:
                    candidates[parent] = self.score_node(parent)
                    ordered.append(parent)
                if grand_parent is not None and grand_parent not in candidates:
                    candidates[grand_parent] = self.score_node(grand_parent)
                    ordered.append(grand_parent)
                # readability: 1, += len(clean(text).split(",")), += min(len / 100, 3)
                content_score: float = 1
                content_score += text.count(",") + 1
                content_score += min((length / 100), 3)
                candidates[parent]["content_score"] += content_score
                if grand_parent is not None:
                    candidates[grand_parent]["content_score"] += content_score / 2.0
            for elem in ordered:
                candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
            return candidates
        finally:
            self._link_lengths = None

    def get_link_density(self, elem: lxml.html.HtmlElement) -> float:
        # readability's get_link_density with readability_text_length above (outside
        # score_paragraphs, in sanitize, nothing is kept between calls)
        lengths = self._link_lengths if self._link_lengths is not None else {}
        link_length = 0
        for link in elem.findall(".//a"):
            size = lengths.get(link)
            if size is None:
                size = lengths[link] = readability_text_length(link)
            link_length += size
        return float(link_length) / max(readability_text_length(elem), 1)

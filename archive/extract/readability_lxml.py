"""readability-lxml 0.9 (a copy in archive/_vendor/readability) as archive/extract/document.py runs
it: the same scores and choices, cheaper, and two changes of its text on purpose (links
kept whatever their class or id, as in Mozilla's Readability.js; see
``ReadabilityDocument``). Only extract.py imports it; tests compare it with the library's
own functions."""

from __future__ import annotations

import copy
import re
from typing import Any

import lxml.html
from lxml_html_clean import Cleaner

from archive._vendor.readability import Document
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


_LONG_SPACE = re.compile(r"\s{255,}")
_SPACES = re.compile(r"\t|[ \t]{2,}")


def readability_text_length(elem: lxml.html.HtmlElement) -> int:
    """readability-lxml's text_length(elem), the same number (see _clean_length)."""
    return _clean_length(elem.text_content() or "")


def _clean_length(text: str) -> int:
    """len(clean(text)) of readability-lxml, the same number 4x faster: 11.5 s against
    3.4 s over 246,000 elements' texts of the dev set and benchmark pages, equal on every
    one. It was a third of readability's time (3 regex passes over each candidate's whole
    text, once for each candidate holding it). clean() makes every whitespace run holding
    a line break one "\n", then each tab and each run of 2+ spaces and tabs one space,
    then strips: lines stripped and the empty ones dropped do the first part in C; the
    regex then runs on far shorter text, and only when needed. A run of 255+ whitespace
    characters left (clean() shortens those first) goes to clean() itself."""
    joined = "\n".join(filter(None, map(str.strip, text.split("\n"))))
    if "\t" in joined or "  " in joined:
        if _LONG_SPACE.search(joined) is not None:
            return len(readability_clean(text))
        joined = _SPACES.sub(" ", joined)
    elif len(joined) >= 255 and _LONG_SPACE.search(joined) is not None:
        return len(readability_clean(text))
    return len(joined)


_CLASS_OR_ID = lxml.etree.XPath("//*[@class or @id]")


class ReadabilityDocument(Document):
    """readability-lxml (0.9, pinned) with the cleaner above, links kept whatever their
    class or id (remove_unlikely_candidates), and the same scores computed cheaper."""

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
        doc = _READABILITY_CLEANER.clean_html(doc)
        doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    def remove_unlikely_candidates(self) -> None:
        # readability-lxml 0.9's, but a link (<a>) is never dropped for its class or id, as
        # in Mozilla's Readability.js (its test page "clean-links": the anchors of an
        # annotated text, class="popup", went and left holes in every sentence). A link
        # inside an unlikely block still goes with that block.
        # Only elements with a class or an id can match: readability's loop over every
        # element skipped the others (its name string " " is too short) at 1 us each.
        unlikely, maybe = READABILITY_REGEXES["unlikelyCandidatesRe"], READABILITY_REGEXES[
            "okMaybeItsACandidateRe"]
        for elem in _CLASS_OR_ID(self.html):
            if elem.tag in ("a", "html", "body"):
                continue
            name = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            if (len(name) >= 2 and unlikely.search(name) and not maybe.search(name)
                    and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                    and not elem.xpath("descendant-or-self::main | descendant-or-self::article"
                                       " | descendant-or-self::math")):
                elem.drop_tree()

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

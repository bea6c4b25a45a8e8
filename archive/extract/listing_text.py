"""The text of a page that is not one story: a home, section, tag or collection page,
a service or landing page (``page_type`` listing or page).

Article extractors keep the one block of prose they judge the article: on a listing
that is one teaser, or a few, and the headlines, teasers and section texts a reader
comes for are left out. Such a page's text is its visible text (its ``<main>`` when it
has exactly one), without the page's frame: ``nav``, ``header``, ``footer``, ``aside``,
``form``, navigation/banner/contentinfo roles, and what a browser shows only when asked
(a drop-down's options, a closed ``<details>``). Measured on the WCXB dev set's pages
that archive/extract/page_type.py calls listing or page (232 of 1,497; word-F1 against
the set's human-chosen text): the article extractor's text 0.61, this text 0.70.
It replaces the article extractor's text only where that holds at most
``PAGE_TEXT_SHARE`` of its text units: the extractor kept one block of many.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .html_text import html_to_text, word_count

__all__ = ["FRAME_PAGE_TYPES", "PAGE_TEXT_SHARE", "frame_free_text", "drop_facet_lines",
           "drop_repeated_lines", "REPEAT_WORDS", "PRODUCT_REPEAT_WORDS", "LISTING_REPEAT_MAX"]

# page types whose text is the page's own text, frame taken out
FRAME_PAGE_TYPES = frozenset(("listing", "page"))

# On the WCXB dev set's 1,497 pages, with the page text taken on every listing or page
# where it is longer: word-F1 summed over the pages +24.7, 46 more pages holding a
# "without" snippet (a boilerplate line of the set), 12 articles among them -0.95; at
# most 0.4 of it: +23.3, 14 more pages, articles -0.48 (0.3: +20.5, 10; 0.2: +15.0, 3).
PAGE_TEXT_SHARE = 0.4

# What a browser does not show until asked is left out too: a drop-down's options
# (<select>, <datalist>), a closed <dialog>, a closed <details> but its <summary> (a
# language or sort menu of hundreds of names). On the WCXB dev set's pages typed listing
# or page: <select>/<datalist> 12 better, none worse; closed <details> 2 better (+0.43
# word-F1 summed), none worse.
_FRAME = lxml.etree.XPath(
    "//script|//style|//noscript|//template|//svg|//iframe|//nav|//header|//footer|"
    "//aside|//form|//*[@role='navigation' or @role='banner' or @role='contentinfo']|"
    "//select|//datalist|//dialog[not(@open)]|//details[not(@open)]/*[not(self::summary)]")
_MAIN = lxml.etree.XPath("//main")
# The frame's landmarks, which a broken page can make hold the whole page: a header that
# a stray end tag left open, so that the parser nests ``<main>`` in it; a form around the
# whole body (ASP.NET's WebForms pages).
_LANDMARKS = frozenset(("header", "footer", "nav", "aside", "form"))
_LANDMARK_ROLES = frozenset(("navigation", "banner", "contentinfo"))
# the share of the body's words past which a form is the page, not a part of its frame
FORM_PAGE_SHARE = 0.9


def frame_free_text(tree: lxml.html.HtmlElement) -> str:
    """The visible text of ``tree`` (one line per block) without the page's frame.
    ``tree`` is changed: the frame is taken out of it. A landmark that holds the page
    stays (its own frame still goes): one holding the page's ``<main>``, a form holding
    at least FORM_PAGE_SHARE of the body's words."""
    body = tree.find("body")
    if body is None:
        body = tree
    landmarks = []
    for el in _FRAME(tree):
        if el.tag in _LANDMARKS or el.get("role") in _LANDMARK_ROLES:
            landmarks.append(el)
        elif el.getparent() is not None:
            el.drop_tree()
    # the body's words with every landmark still in, counted only where a form may need them
    body_words = (word_count(body.text_content())
                  if any(el.tag == "form" for el in landmarks) else 0)
    for el in landmarks:
        if el.getparent() is None or el.find(".//main") is not None:
            continue
        if el.tag == "form" and word_count(el.text_content()) >= FORM_PAGE_SHARE * body_words:
            continue
        el.drop_tree()
    main = _MAIN(tree)
    return html_to_text(main[0] if len(main) == 1 else body)


# A filter's option with its count of results ("Down (132)", "- Big Agnes (41)"): a
# shop's or a search's facets. On the WCXB dev set's pages typed listing, page or
# product, 1,408 such lines in runs of three or more, 6 of them in the human-chosen
# text.
_FACET = re.compile(r"^(?:- )?[^()\n]{1,40} ?\(\d[\d,]*\)$")
# Facet lines a text holds at least before they are taken out: one or two such lines
# are as often a heading with its count ("Comments (2)").
MIN_FACETS = 3


def drop_facet_lines(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without the lines that are a filter's options with their counts,
    where there are at least MIN_FACETS of them."""
    facets = [_FACET.match(p) is not None for p in paragraphs]
    if sum(facets) < MIN_FACETS:
        return paragraphs
    return [p for p, f in zip(paragraphs, facets, strict=True) if not f]


# A line of at least this many words shown again further down the page's text is the
# same block twice (a layout for small screens and one for large, a carousel's cloned
# slides, a forum post quoting an earlier one): the second copy goes. On the WCXB dev
# set (word-F1 summed, lines dropped from the final texts): pages typed listing or page
# +0.78 (21 better, 14 worse; at 4 words +0.88 with 31 worse, at 1 word +0.39), forum
# threads +1.12 (23 better, 8 worse: sites whose chosen text keeps the quotes), articles
# worse at any length (their repeated lines are pull quotes and refrains). On a listing or
# page only where its text is the page text: an article extractor's text that repeats a
# paragraph is the page's (on the Readability test pages typed listing, about twenty of whose
# texts repeat their paragraphs, word-F1 0.936 -> 0.901 otherwise); and there only lines
# of at most LISTING_REPEAT_MAX words: a long paragraph written twice is the page's own
# (listings and pages +0.71 at 60 words against +0.78 unbounded; a Readability test
# page repeating its 69-word paragraph lost 0.66).
REPEAT_WORDS = 8
LISTING_REPEAT_MAX = 60
# On a product page even a short line repeated is a copy (the specifications shown in
# two tabs): +0.67 (28 better, 6 worse), against +0.46 at 8 words.
PRODUCT_REPEAT_WORDS = 2


def drop_repeated_lines(paragraphs: list[str], min_words: int,
                        max_words: int | None = None) -> list[str]:
    """``paragraphs`` without the second and later copies of a line of ``min_words``
    words or more (and at most ``max_words``)."""
    seen: set[str] = set()
    kept = []
    for p in paragraphs:
        key = " ".join(p.split())
        if key in seen and min_words <= word_count(key) <= (max_words or len(key)):
            continue
        seen.add(key)
        kept.append(p)
    return kept

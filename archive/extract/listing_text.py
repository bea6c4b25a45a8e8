"""The text of a page that is not one story: a home, section, tag or collection page,
a service or landing page (``page_type`` listing or page).

Article extractors keep the one block of prose they judge the article: on a listing
that is one teaser, or a few, and the headlines, teasers and section texts a reader
comes for are left out. Such a page's text is its visible text (its ``<main>`` when it
has exactly one), without the page's frame: ``nav``, ``header``, ``footer``, ``aside``,
``form``, navigation/banner/contentinfo roles. Measured on the WCXB dev set's pages
that archive/extract/page_type.py calls listing or page (232 of 1,497; word-F1 against
the set's human-chosen text): the article extractor's text 0.61, this text 0.70.
It replaces the article extractor's text only where that holds at most
``PAGE_TEXT_SHARE`` of its text units: the extractor kept one block of many.
"""

from __future__ import annotations

import lxml.etree
import lxml.html

from .html_text import html_to_text

__all__ = ["FRAME_PAGE_TYPES", "PAGE_TEXT_SHARE", "frame_free_text"]

# page types whose text is the page's own text, frame taken out
FRAME_PAGE_TYPES = frozenset(("listing", "page"))

# On the WCXB dev set's 1,497 pages, with the page text taken on every listing or page
# where it is longer: word-F1 summed over the pages +24.7, 46 more pages holding a
# "without" snippet (a boilerplate line of the set), 12 articles among them -0.95; at
# most 0.4 of it: +23.3, 14 more pages, articles -0.48 (0.3: +20.5, 10; 0.2: +15.0, 3).
PAGE_TEXT_SHARE = 0.4

_FRAME = lxml.etree.XPath(
    "//script|//style|//noscript|//template|//svg|//iframe|//nav|//header|//footer|"
    "//aside|//form|//*[@role='navigation' or @role='banner' or @role='contentinfo']")
_MAIN = lxml.etree.XPath("//main")


def frame_free_text(tree: lxml.html.HtmlElement) -> str:
    """The visible text of ``tree`` (one line per block) without the page's frame.
    ``tree`` is changed: the frame is taken out of it."""
    for el in _FRAME(tree):
        if el.getparent() is not None:
            el.drop_tree()
    main = _MAIN(tree)
    if len(main) == 1:
        root = main[0]
    else:
        body = tree.find("body")
        root = body if body is not None else tree
    return html_to_text(root)

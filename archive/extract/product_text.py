"""The text of a shop's product page without what buyers wrote and the other
products shown beside it.

An article extractor keeps a product page's description and specifications, and with
them the blocks under them: customer reviews and ratings, "customers also viewed" and
"recommended" carousels. On the WCXB dev set a person
marking the main text of a product page kept the description, details and price, and
left those blocks out. Each line of the text is found back in the page
(archive/extract/line_clean.py's drop_boxed_lines) and dropped when an element around it is
marked as such a block by its class, id or ``aria-label`` (``reviews``,
``also-viewed``, ``carousel``, ...) or by schema.org review or question microdata.
"""

from __future__ import annotations

import re

import lxml.html

from .line_clean import attr_words, drop_boxed_lines

__all__ = ["product_text"]

# Class, id and aria-label words of those blocks (matched as words, as line_clean.py's).
# Measured on the WCXB dev set's 1,497 pages (the rule runs on pages typed product with
# a shop's markup): word-F1 summed +1.1 (27 pages better, 13 worse by up to 0.07;
# products 0.653 -> 0.657, collections 0.634 -> 0.637, no article changes). Without
# the shop's markup it also hit a course page and a service page whose testimonials
# the annotators kept (-0.37, -0.39). Blocks named "faq" or "questions" (-0.40 summed)
# and "shipping", "returns" or "delivery" (-0.04) are kept: on some shops the product's
# own details sit in them; schema.org Question/Answer microdata is a product's Q&A.
_PRODUCT_BOX = re.compile(
    r"(?<![a-z0-9])(?:"
    r"reviews?|customer-?reviews?|product-?reviews?|user-?reviews?|ratings?-?and-?reviews?|"
    r"also-?(?:viewed|bought|liked)|recently-?viewed|similar-?(?:items|products)|"
    r"recommend(?:ed|ations?)?|upsells?|cross-?sells?|carousel"
    r")(?![a-z0-9])")
# schema.org microdata of reviews, ratings and a product's questions and answers
_REVIEW_ITEMTYPE = re.compile(r"schema\.org/(?:Review|AggregateRating|Question|Answer|FAQPage)\b")
# The dropped lines may be at most this share of the text: more, and the markup words
# are the page's own container's. Reviews are found also where a line is one text node
# of a larger element (sentences between <br>s): on the WCXB dev set's 159 pages typed
# product, word-F1 summed +0.3 (3 better, 4 worse by up to 0.04: shops whose chosen text
# keeps the reviews). 0.9 would add +1.3 on two more pages, but the carousel of shipping
# banners it drops on another page of one shop no longer makes those banners the shop's
# template (3 pages), and two of its article pages keep them (-0.9).
MAX_DROPPED = 0.6


def _in_product_box(el: lxml.html.HtmlElement) -> bool:
    node: lxml.html.HtmlElement | None = el
    while node is not None and isinstance(node.tag, str) and node.tag not in ("body", "html"):
        words = attr_words(node)
        if words and _PRODUCT_BOX.search(words):
            return True
        itemtype = node.get("itemtype")
        if itemtype and _REVIEW_ITEMTYPE.search(itemtype):
            return True
        node = node.getparent()
    return False


def product_text(paragraphs: list[str], tree: lxml.html.HtmlElement) -> list[str]:
    """``paragraphs`` (a product page's lines) without those in review and
    recommendation blocks; all of them when those would be most of the text."""
    return drop_boxed_lines(paragraphs, tree, _in_product_box, MAX_DROPPED, text_nodes=True)

"""A web page's markup as a tree, whole however deep it nests.

libxml2 stops building an HTML tree at 256 levels of elements unless told otherwise,
and drops everything nested deeper without an error: the rest of an article inside a
page that never closes its ``<div>``s or ``<font>``s (every comment, every quoted post
one level deeper), the links and images in it. ``huge_tree`` raises that limit to
libxml2's own 2,048 levels. A page is at most the crawl's DOWNLOAD_MAXSIZE, and its
extraction runs under a time limit, so the larger limit costs no more than the page.
"""

from __future__ import annotations

import lxml.html

__all__ = ["HUGE_TREE", "page_tree"]

# parse options every HTML parser of the project sets (archive/extract/html_text.py's
# own parser too)
HUGE_TREE = {"huge_tree": True}

_PARSER = lxml.html.HTMLParser(**HUGE_TREE)


def page_tree(html: str | bytes) -> lxml.html.HtmlElement:
    """``lxml.html.fromstring(html)``, without the depth limit. Raises what lxml raises
    (ParserError, ValueError)."""
    tree: lxml.html.HtmlElement = lxml.html.fromstring(html, parser=_PARSER)
    return tree

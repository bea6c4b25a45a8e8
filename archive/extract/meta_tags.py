"""A page's <meta> elements, read once a page by the metadata's searches (light: the
crawl process imports the modules that use it)."""

from __future__ import annotations

import lxml.html

__all__ = ["meta_elements", "meta_contents"]


def meta_elements(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The page's <meta> elements in page order, what "//meta" finds from any element
    of the page: lxml's iter by tag (in C) from the document's root. Filtered in
    Python, a few dozen a page, where an XPath "//meta[@property='og:title']/@content"
    walks the whole tree again for each field (0.1 ms each on Readability's test set,
    six a page)."""
    return list(tree.getroottree().getroot().iter("meta"))


def meta_contents(metas: list[lxml.html.HtmlElement], attribute: str,
                  value: str) -> list[str]:
    """The content of each of ``metas`` whose ``attribute`` is ``value``, in page order:
    "//meta[@ATTRIBUTE='VALUE']/@content"."""
    return [content for el in metas
            if el.get(attribute) == value and (content := el.get("content")) is not None]

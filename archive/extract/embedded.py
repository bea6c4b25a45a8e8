"""An article the server sends inside a script, for the browser to render: Next.js's
App Router writes a page's data as a stream of rows pushed by scripts
(``self.__next_f.push([1, "..."])``), and a large string of it, such as an article's
HTML that the page sets as its body, is a text row (``24:T1b7b,<p>...``: its id, "T",
its length in UTF-8 bytes in hexadecimal, a comma, the string). A page whose markup
holds no text of its own but such a row (hankookilbo.com's articles) has its article
there; newsarchive runs no scripts, and reads the row as the markup of the article.

``flight_scripts`` keeps the pushed strings while the tree still holds the scripts (the
extraction drops them early); ``embedded_article`` reads them only when the page had no
text.
"""

from __future__ import annotations

import json
import re

import lxml.etree
import lxml.html

from .html_text import PAGE_PARSER

__all__ = ["flight_scripts", "embedded_article"]

_PUSH = re.compile(r'self\.__next_f\.push\(\[1,\s*"((?:[^"\\]|\\.)*)"\]\)')
# a text row's head, in the stream's UTF-8 (the length counts its bytes)
_TEXT_ROW = re.compile(rb"(?:^|\n)[0-9a-zA-Z]+:T([0-9a-f]+),")
# a template's placeholder left in the HTML for the browser's script ("$$ARTICLEAD$$":
# where an advertisement goes)
_PLACEHOLDER = re.compile(r"\$\$[A-Z0-9_]+\$\$")
# an article: this many paragraphs or more
_MIN_PARAGRAPHS = 3


def flight_scripts(tree: lxml.html.HtmlElement) -> list[str]:
    """The texts of the page's scripts that push Next.js's stream (none on most pages)."""
    return [el.text for el in tree.iter("script")
            if el.text and "self.__next_f.push" in el.text]


def embedded_article(scripts: list[str]) -> lxml.html.HtmlElement | None:
    """The largest text row of the stream that ``scripts`` push which is HTML holding
    three paragraphs or more, as an ``<article>`` element; None when there is none (a
    stream that does not decode is none)."""
    try:
        stream = "".join(json.loads(f'"{piece}"') for script in scripts
                         for piece in _PUSH.findall(script))
    except ValueError:
        return None
    data = stream.encode("utf-8", "surrogatepass")
    best = ""
    for row in _TEXT_ROW.finditer(data):
        text = data[row.end():row.end() + int(row[1], 16)].decode("utf-8", "replace")
        if text.count("<p") >= _MIN_PARAGRAPHS and len(text) > len(best):
            best = text
    if not best:
        return None
    try:
        article = lxml.html.fragment_fromstring(_PLACEHOLDER.sub(" ", best),
                                                create_parent="article", parser=PAGE_PARSER)
    except (lxml.etree.ParserError, ValueError):  # markup lxml cannot read, a lone surrogate
        return None
    return article if article.text_content().strip() else None

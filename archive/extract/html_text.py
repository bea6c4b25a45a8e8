"""Page text as a browser shows it: decoding, markup repair, text units, block text,
language, and an aggregator's link to the original story."""

from __future__ import annotations

import re
import unicodedata

import lxml.etree
import lxml.html
import py3langid

from ..inputs.markup import HUGE_TREE
from .addresses import joined_url
from .charset import Decoded, decode_page

__all__ = ["decode_html", "repair_markup", "text_units", "html_to_text", "detect_language",
           "original_link", "parse_html", "WORDS", "CJK", "word_count"]

WORDS = re.compile(r"\w+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(body: bytes, content_type: str | None) -> tuple[Decoded, str]:
    """(how the page was decoded, its repaired markup): archive/extract/charset.py decides."""
    decoded = decode_page(body, content_type)
    return decoded, shown_characters(repair_markup(decoded.text))


class _HtmlParser(lxml.etree.HTMLParser):  # type: ignore[misc]
    """lxml.html's parser (the same options) whose elements are all ``HtmlElement``:
    lxml.html's own parser picks each element's class in Python (``FormElement`` for a
    <form>, ``InputElement`` for an <input>, ...) every time an element is touched from
    Python, 4 million calls over 250 WCXB pages, 14% of an extraction. Nothing here or
    in the extractors uses those form classes; the same lookup in C."""

    def __init__(self) -> None:
        super().__init__(**HUGE_TREE)  # all of a deep page (archive/inputs/markup.py)
        self.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


PAGE_PARSER = _HtmlParser()


def parse_html(html: str) -> lxml.html.HtmlElement:
    """``lxml.html.fromstring(html)``, the same tree, with the parser above (its copies,
    ``copy.deepcopy``, keep it). Raises what lxml raises (ParserError, ValueError)."""
    tree: lxml.html.HtmlElement = lxml.html.fromstring(html, parser=PAGE_PARSER)
    return tree


# A doctype cut off before its ">" (the next thing is a tag): libxml2 then reads on to
# the next quote or ">" and loses what lies between.
_CUT_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*?(?=<)", re.IGNORECASE)
# </body> or </html> before the end of the page (a broken template include): libxml2
# drops what follows them, browsers (HTML5) ignore them.
_EARLY_CLOSE = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


# Control characters XML does not allow (C0 but tab, newline, return): lxml builds the
# tree with them but raises ValueError when one is set as an element's text (trafilatura
# and our own cleaning do that), and browsers show nothing for them. Seen on 1 of the
# first 200 cleaneval pages, which made extraction raise.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_LIST = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]


# Characters a browser draws nothing for inside a word: a soft hyphen (where a word may
# break at a line's end: German sites hyphenate "Mit&shy;tel&shy;al&shy;ter" so), a
# zero-width space, a word joiner, a byte-order mark inside the text. Left in the text,
# each splits a word into pieces that no search, no tokenizer and no snippet matches
# (on trafilatura's own evaluation pages, three German articles kept none of their
# sentences whole). Taken out of the markup, as characters and as entities, before the
# page is parsed, so that every step, the metadata too, reads the words as shown. The
# joiners that shape a script (U+200C, U+200D: Persian, Indic, emoji) stay.
_INVISIBLE = ("\u00ad", "\u200b", "\u2060", "\ufeff")
_INVISIBLE_ENTITY = re.compile(
    r"&(?:shy;|ZeroWidthSpace;|NoBreak;|#(?:0*(?:173|8203|8288|65279);|"
    r"[xX]0*(?:[aA][dD]|200[bB]|2060|[fF][eE][fF][fF]);))")


def shown_characters(text: str) -> str:
    """``text`` (a page's markup) without the invisible characters above. 0.2 ms a
    page of the WCXB dev set."""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    if _INVISIBLE_ENTITY.search(text) is not None:
        text = _INVISIBLE_ENTITY.sub("", text)
    return text


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC: "e" and a combining accent as one "é";
    the form the web is written in, and the one trafilatura gives its text in), so that
    one word is one string whichever way a page's bytes spelled it. Applied to what a
    document holds, not to the markup: the check alone took 0.7 ms a page of markup,
    and the text steps compare the text with the tree's, which must agree."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def repair_markup(text: str) -> str:
    """Undo what makes lxml lose content that browsers show: an XML declaration in a
    str (lxml refuses it), a doctype cut off mid-way, early </body> and </html>, and
    control characters that XML forbids."""
    # 28 substring tests (0.2 ms on a 180 KB page) before the regex (0.9 ms)
    if any(c in text for c in _CONTROL_LIST):
        text = _CONTROL_CHARS.sub("", text)
    text = _XML_DECLARATION.sub("", text, count=1)
    text = _CUT_DOCTYPE.sub("", text, count=1)
    return _EARLY_CLOSE.sub("", text)



# word_count's tables: each byte of a text's UTF-8 made "a" where it is a word
# character's (an ASCII letter, digit or "_"; every byte of a non-ASCII character,
# the text's non-word ones made spaces first), " " elsewhere.
_WORD_BYTES = bytes(ord("a") if c >= 128 or re.match(r"\w", chr(c)) else ord(" ")
                    for c in range(256))
# (the ASCII range first: the engine tests a set's items in order, and most characters
# are ASCII; "\w" first made the pass four times slower)
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]")


def text_lines(elem: lxml.html.HtmlElement, skip: tuple[str, ...] = ()) -> list[str]:
    """``elem``'s text split at its <br>s, each line its text nodes joined by spaces
    (itertext's texts, comments' tails too; not the text of the ``skip`` tags): "Max
    Blumenthal<br><a>The Grayzone</a><br>Thu, 14 May 2020" is three lines. A walk, not
    a recursion: markup nests thousands deep."""
    lines: list[list[str]] = [[]]
    for event, el in lxml.etree.iterwalk(elem, events=("start", "end", "comment", "pi")):
        if event == "start":
            if el.tag == "br":
                lines.append([])
            elif el.text and el.tag not in skip:
                lines[-1].append(el.text)
        elif (event != "end" or el is not elem) and el.tail:
            lines[-1].append(el.tail)
    return [" ".join(line) for line in lines]


def class_or_id_names(elem: lxml.html.HtmlElement, *words: str) -> bool:
    """Whether ``elem``'s class or id holds one of ``words`` (lower-case), in any case:
    "comment" in "sf_comment_author", "footer" in "site-footer"."""
    names = f"{elem.get('class') or ''} {elem.get('id') or ''}".lower()
    return any(word in names for word in words)


def word_count(text: str) -> int:
    """``len(WORDS.findall(text))``, the same number without a string for each word:
    each word is a run of word characters, which starts where one follows a non-word
    character or the text's start. Counted on the text's bytes made "a" or " " (one C
    pass each), 3 to 4 times faster on the dev sets' page, paragraph, list item and
    <div> texts (the counts are equal on all 340,000 of them), faster on short lines too."""
    if text.isascii():
        marks = text.encode("ascii").translate(_WORD_BYTES)
    else:
        marks = _NON_ASCII_NON_WORD.sub(" ", text).encode("utf-8").translate(_WORD_BYTES)
    return marks.count(b" a") + marks.startswith(b"a")


# The first byte of the UTF-8 of every character in CJK's ranges (U+3040 to U+9FFF:
# E3 to E9; U+F900 to U+FAFF: EF). A text whose UTF-8 holds none of them has no CJK
# character: eight byte searches (memchr) after one encoding are a fifth of the regex
# pass that finds none, on a long text (a page's body, 0.05 against 0.27 ms a page of
# Readability's test set); on a short one the regex is as quick.
_CJK_LEAD_BYTES = (b"\xe3", b"\xe4", b"\xe5", b"\xe6", b"\xe7", b"\xe8", b"\xe9", b"\xef")
_CJK_SCAN_MIN = 500


def text_units(text: str) -> float:
    # three regex passes over a whole page's text were 5% of an extraction; most text
    # has no CJK character, and then one pass counts the same (an ASCII text, which
    # str knows without a pass, has none)
    if text.isascii():
        return word_count(text)
    if len(text) >= _CJK_SCAN_MIN:
        data = text.encode("utf-8", "surrogatepass")
        if not any(lead in data for lead in _CJK_LEAD_BYTES):
            return word_count(text)
    cjk = len(CJK.findall(text))
    if not cjk:
        return word_count(text)
    words = word_count(CJK.sub(" ", text))
    # A CJK character carries about half a word of content.
    return words + cjk / 2


# The link an aggregator puts under an excerpt, in the languages of the sites we crawl.
_READ_FULL = re.compile(
    r"^\s*(read (the )?(full|original|complete|whole) (story|article|report)|continue reading|"
    r"đọc (toàn bộ |)(bài|tin) gốc|xem (toàn bộ |)(bài|tin) gốc|阅读原文|阅读全文|閱讀全文|查看原文)",
    re.IGNORECASE)


# The first words of _READ_FULL's phrases that are ASCII: a link whose text starts with
# ASCII characters and none of these cannot match (the first word's letters are one
# text node's, so also the start of text_content; a letter re.IGNORECASE matches with
# one of these, "İ" for "i", is not ASCII).
_READ_FULL_ASCII = ("read", "continue", "xem")


def original_link(tree: lxml.html.HtmlElement, base_url: str) -> str | None:
    """The "Read full story on ..." link of an aggregator page, absolute, or None."""
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        # most links are told by their first characters (text_content, one call in C),
        # without their words put together (0.6 -> 0.45 ms a WCXB dev page); the link's
        # own text, where it has 8 characters or more past its spaces, starts its
        # text_content with them (an XPath call less: most links)
        own = (anchor.text or "").lstrip()
        head = own[:8] if len(own) >= 8 else anchor.text_content().lstrip()[:8]
        if head.isascii() and not head.lower().startswith(_READ_FULL_ASCII):
            continue
        if _READ_FULL.match(" ".join(" ".join(anchor.itertext()).split())):
            absolute = joined_url(base_url, str(href).strip())
            if absolute and absolute.startswith(("http://", "https://")):
                return absolute
    return None



_BLOCK_TAGS = frozenset("""address article aside blockquote br dd details dialog div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table
tbody thead tfoot tr td th ul""".split())


_UNSHOWN_TAGS = frozenset(("script", "style", "noscript", "template"))


def _flow(text: str) -> str:
    # a line break in the HTML source is a space on the page
    return text.replace("\r", " ").replace("\n", " ")


def html_to_text(tree: lxml.html.HtmlElement) -> str:
    """Visible text with one line per block element (p, li, h2, td, br, ...). Line
    breaks of the source count as spaces, except inside <pre>: a paragraph wrapped over
    several source lines is one line of text (it used to become one per source line,
    and a first line equal to the title, "Lorem" before "ipsum dolor...", was then taken
    out as the title)."""
    parts: list[str] = []
    # lxml's walk of the tree's events (in C), not a recursive walk in Python: a page
    # may nest its elements deeper than Python's stack (up to 2,048 levels: parse_html),
    # and a RecursionError would cost the page its row
    pre = 0  # the <pre> elements open around the walk's place
    walker = lxml.etree.iterwalk(tree, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _UNSHOWN_TAGS:
                walker.skip_subtree()  # its tail comes with its "end"
                continue
            if tag == "pre":
                pre += 1
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text and tag:
                parts.append(el.text if pre else _flow(el.text))
            continue
        if event == "end" and tag not in _UNSHOWN_TAGS:
            if tag == "pre":
                pre -= 1
            if tag in _BLOCK_TAGS:
                parts.append("\n")
        if el.tail:  # an element's, a comment's or a processing instruction's
            parts.append(el.tail if pre else _flow(el.tail))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)



def detect_language(text: str, units: float | None = None) -> str | None:
    """BCP 47 language of ``text``, or None for fewer than 5 text units (``units``, when
    given, is its _text_units: two regex passes over the whole text, 0.16 ms a page)."""
    if (text_units(text) if units is None else units) < 5:
        return None
    # 1,000 characters: py3langid's cost grows with the text (0.9 ms against 1.2 ms for
    # 1,500 and 2.1 ms for 5,000 on the benchmark pages), and the language found is the
    # same as with 1,500 for every fixture article, 400 benchmark pages and all 855
    # ground-truth texts of the extraction dev set (600 changed 1 of those).
    lang, _score = py3langid.classify(text[:1000])
    return lang or None


"""trafilatura's author search (metadata.extract_author): the same answers, cheaper.

trafilatura 2.3.1 (pinned) copies the whole tree, prunes comment lists, sidebars,
<time> and <figure> from the copy, then runs three XPath expressions over every element,
their class and id tests EXSLT regular expressions (Python callbacks).

Here a page whose attributes hold none of the words those expressions look for is
answered at once. Otherwise the same expressions, in plain XPath 1.0 (each regular
expression is an alternation of literals: ``re:test(@class, 'a|b')`` is
``contains(@class, 'a') or contains(@class, 'b')``, ``^a`` is ``starts-with``), run on
the tree itself; a candidate inside a pruned part is skipped, and only a candidate that
holds a pruned part is copied and pruned as trafilatura does (how a pruned element's
tail is joined changes the text). Whether a candidate is in or holds a pruned part is
asked of its own ancestors and descendants, rather than of a list of every pruned
element of the page collected first: the same author on all 855 dev-set pages, 667 benchmark
trees and crafted fragment roots, 2.0 -> 1.3 ms a dev-set page.

Measured against trafilatura's function on the 855 dev-set pages and the 2,000
benchmark pages: the same author on every page; on freshly parsed pages 4.1 against
1.0 ms a page on cleaneval, 3.3 against 1.9 ms on the benchmark pages, 7.8 against
7.6 ms on the readability set. Inside extract_document, whose tree has lost its
scripts and styles by then: 2 ms less a cleaneval page, 0.14 ms less a benchmark page. tests/archive/extract/test_author.py checks that the expressions are still
trafilatura's and the answers equal on the fixture pages and on crafted ones.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from copy import deepcopy

import lxml.html
from lxml.etree import XPath
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import normalize_authors
from trafilatura.utils import trim

from .dates import MONTH_WORD
from .html_text import text_lines
from .structured import ITEM_NAMES

__all__ = ["extract_author", "author_candidates", "author_markup_texts", "TRANSLATED_FROM"]

# trafilatura.xpaths.AUTHOR_XPATHS and AUTHOR_DISCARD_XPATHS, as of 2.3.1: the test
# compares these with the installed trafilatura's, so an upgrade that changes them
# fails there rather than here.
TRANSLATED_FROM = (
    """//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong][
        @rel='author' or @id='author' or @class='author' or @itemprop='author name' or rel='me' or
        @data-testid='AuthorCard' or @data-testid='AuthorURL' or
        re:test(@class, 'author-?name|AuthorName|authorName')]|//author""",
    """//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][
        @class='byline' or @class='username' or @class='byl' or @class='BBL' or
        contains(@itemprop, 'author') or
        re:test(@id, 'author|zuozhe|bianji|xiaobian') or
        re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name')]""",
    """//*[
        contains(@data-component, 'Byline') or contains(@itemprop, 'author') or
        re:test(@id, '[Aa]uthor') or
        re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]""",
    """.//*[self::a or self::div or self::section or self::span][
        @id='comments' or @class='comments' or @class='title' or @class='date' or
        re:test(@id, '^comments|comment-?list|ProductReviews') or
        re:test(@class, '^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|meta-date|meta-reviewer') or
        contains(@data-component, 'Figure')]""",
    "//time|//figure",
)


def _any(attr: str, *needles: str) -> str:
    return " or ".join(f"contains(@{attr}, '{n}')" for n in needles)


# The three expressions' tests on one element (``self::``): asked only of the elements
# whose attributes hold one of _NEEDLES, in page order, rather than run as ``//*[...]``
# over every element of the page (two thirds of the search's time on WCXB dev pages
# with author markup).
_AUTHOR_TESTS = [
    "[self::a or self::address or self::div or self::link or self::p or self::span or "
    "self::strong][@rel='author' or @id='author' or @class='author' or "
    "@itemprop='author name' or rel='me' or @data-testid='AuthorCard' or "
    "@data-testid='AuthorURL' or "
    + _any("class", "authorname", "author-name", "AuthorName", "authorName") + "]",
    "[self::a or self::div or self::h3 or self::h4 or self::p or self::span]["
    "@class='byline' or @class='username' or @class='byl' or @class='BBL' or "
    "contains(@itemprop, 'author') or "
    + _any("id", "author", "zuozhe", "bianji", "xiaobian") + " or "
    + _any("class", "author", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by",
           "posted-by", "journalist-name") + "]",
    "[contains(@data-component, 'Byline') or contains(@itemprop, 'author') or "
    + _any("id", "author", "Author") + " or "
    + _any("class", "author", "Author", "screenname", "writer", "byline", "Byline") + "]",
]
_AUTHOR = [XPath("//*" + _AUTHOR_TESTS[0] + "|//author"),
           *(XPath("//*" + test) for test in _AUTHOR_TESTS[1:])]
_AUTHOR_SELF = [XPath("boolean(self::*" + test + ")") for test in _AUTHOR_TESTS]
_DISCARD = [
    XPath(".//*[self::a or self::div or self::section or self::span]["
          "@id='comments' or @class='comments' or @class='title' or @class='date' or "
          "starts-with(@id, 'comments') or " + _any("id", "commentlist", "comment-list", "ProductReviews")
          + " or starts-with(@class, 'Comments') or starts-with(@class, 'comments') or "
          + _any("class", "commentlist", "comments-list", "sidebar", "is-hidden", "quote",
                 "embedly-instagram", "article-share", "article-support", "print", "category",
                 "meta-date", "meta-reviewer")
          + " or contains(@data-component, 'Figure')]"),
    XPath("//time|//figure"),
]
# Every expression above needs one of these in a class, id, itemprop, data-component,
# rel or data-testid attribute (case aside), or an <author> element: a page without
# any is answered at once (650 of the 739 cleaneval pages, a quarter of the benchmark
# pages), and on the others only the elements with one are asked (_candidates).
_ATTRIBUTES = XPath("//@class|//@id|//@itemprop|//@data-component|//@rel|//@data-testid")
_NEEDLES = re.compile("author|byl|bbl|username|zuozhe|bianji|xiaobian|channel-name|submitted-by|"
                      "posted-by|journalist-name|screenname|writer", re.IGNORECASE)
_NEEDLE_WORDS = tuple(_NEEDLES.pattern.split("|"))  # each a lower-case word, no metacharacter
_AUTHOR_ELEMENT = XPath("//author")
# A candidate is in a pruned part (it or an ancestor matches _DISCARD: _DISCARD[0] among
# the descendants of the tree searched, $root, as ".//*" has it, or a <time>, a <figure>
# anywhere), or holds one. Asked of each candidate's ancestors and descendants rather
# than by collecting _DISCARD's matches over the whole tree first: that was 0.5 of the
# search's 1.9 ms on a benchmark page with a byline.
_PRUNED_PREDICATE = _DISCARD[0].path.split("//*", 1)[1]
_PRUNED_ABOVE = XPath("boolean(ancestor-or-self::*[count(ancestor::* | $root) = count(ancestor::*)]"
                      f"{_PRUNED_PREDICATE} | "
                      "ancestor-or-self::time | ancestor-or-self::figure)")
_PRUNED_BELOW = XPath(f"boolean(descendant::*{_PRUNED_PREDICATE} | descendant::time | "
                      "descendant::figure)")
# A <rel> element is the one place where a pruned part could change what an expression
# matches (rel='me' compares its text): on such a page, trafilatura's own function.
_REL_ELEMENT = XPath("//rel")


_PRUNED_TAGS = frozenset(("a", "div", "section", "span"))
_PRUNED_ID_PARTS = ("commentlist", "comment-list", "ProductReviews")
_PRUNED_CLASS_PARTS = ("commentlist", "comments-list", "sidebar", "is-hidden", "quote",
                       "embedly-instagram", "article-share", "article-support", "print",
                       "category", "meta-date", "meta-reviewer")


# A quoted customer's name and employer, under the quote: a testimonial
# ("CustomerQuotes_authorInfo": "Gabriel Peal", "OpenAI" on linear.app; trafilatura
# prunes a class holding "quote" in lower case only)
_QUOTED_PERSON = re.compile(r"testimonial|(customer|client)[-_]?quote", re.IGNORECASE)


def _pruned_above(elem: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    """_PRUNED_ABOVE in Python: the candidate or an ancestor is a <time> or <figure>, or
    (below ``root``) matches _DISCARD[0] or names a testimonial (_QUOTED_PERSON).
    Walking up the ancestors is linear in the depth where the XPath's set comparison at
    every ancestor was quadratic: 11 of the search's 14 ms a page on WCXB dev articles
    with author markup."""
    node: lxml.html.HtmlElement | None = elem
    while node is not None:
        tag = node.tag
        if tag in ("time", "figure"):
            return True
        if node is not root and tag in _PRUNED_TAGS:
            ident, cls = node.get("id"), node.get("class")
            if ident is not None and (ident == "comments" or ident.startswith("comments")
                                      or any(p in ident for p in _PRUNED_ID_PARTS)):
                return True
            if cls is not None and (cls in ("comments", "title", "date")
                                    or cls.startswith(("Comments", "comments"))
                                    or any(p in cls for p in _PRUNED_CLASS_PARTS)
                                    or _QUOTED_PERSON.search(cls)):
                return True
            if "Figure" in (node.get("data-component") or ""):
                return True
        node = node.getparent()
    return False


def _candidates(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements that one of the expressions may match by their attributes, in page
    order: those with a needle in one (an <author> element matches by its tag, a
    <rel> element by its text). The page's attribute values are searched as one
    lower-cased string, each needle found by ``str.find``: a case-blind regular
    expression over each value was three fifths of this (3 of 5 ms a page on WCXB dev
    pages, about a thousand values a page), and is still the way where lower-casing
    changes a text's length (a dotted capital I), so that offsets would not map back."""
    values = _ATTRIBUTES(tree)
    if not values:
        return []
    text = "\x00".join(values)
    lowered = text.lower()
    if len(lowered) != len(text):
        hits: Iterable[int] = (i for i, value in enumerate(values) if _NEEDLES.search(value))
    else:
        starts = []
        for needle in _NEEDLE_WORDS:
            at = lowered.find(needle)
            while at != -1:
                starts.append(at)
                at = lowered.find(needle, at + 1)
        if not starts:
            return []
        ends = list(accumulate(len(value) + 1 for value in values))  # past each one's separator
        hits = sorted({bisect_right(ends, at) for at in starts})
    seen: set[lxml.html.HtmlElement] = set()
    found = []
    for i in hits:
        elem = values[i].getparent()
        if elem not in seen:
            seen.add(elem)
            if not _false_needles(elem):
                found.append(elem)
    return found


# A needle that names no author: "authorization", "authorised", "authority" (a payment
# product's menu item, "global_nav__products__authorization_boost"), and markup that
# says it has none ("post-meta-detail no-byline": a breadcrumb on a page without one;
# not "no-author-image", nor "hidden-byline": a byline shown elsewhere, still the page's)
_FALSE_NEEDLE = re.compile(r"[Aa]uthori[sz]ation|[Aa]uthorit(?:y|ies|ative)|[Aa]uthori[sz]ed"
                           r"(?![-_]?by)|(?<![A-Za-z])(?:[Nn]o|[Ww]ithout)"
                           r"[-_]?(?:[Aa]uthor|[Bb]yline)(?![-_]?(?:avatar|image|img|photo|pic|bio))")


def _false_needles(elem: lxml.html.HtmlElement) -> bool:
    """Whether each needle of ``elem``'s attributes is a _FALSE_NEEDLE."""
    values = " ".join(elem.get(name) or "" for name in (
        "class", "id", "itemprop", "data-component", "rel", "data-testid"))
    return not _NEEDLES.search(_FALSE_NEEDLE.sub(" ", values))


def author_candidates(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements the author search asks (_candidates): given to extract_author and
    author_markup_texts, so that a page's attributes are read once for both."""
    return _candidates(tree)


def extract_author(tree: lxml.html.HtmlElement,
                   candidates: list[lxml.html.HtmlElement] | None = None) -> str | None:
    """trafilatura.metadata.extract_author(tree), without copying the tree;
    ``candidates``: author_candidates(tree), when the caller has them."""
    if _REL_ELEMENT(tree):
        from trafilatura.metadata import extract_author as trafilatura_extract_author
        return trafilatura_extract_author(tree)
    if candidates is None:
        candidates = _candidates(tree)
    author_elements = bool(_AUTHOR_ELEMENT(tree))
    if not candidates and not author_elements:
        return None
    # where the page has <author> elements, the expressions themselves (they match those
    # by their tag, in page order among the others)
    searches: Iterator[list[lxml.html.HtmlElement]] = (
        (expression(tree) for expression in _AUTHOR) if author_elements
        else ([e for e in candidates if test(e)] for test in _AUTHOR_SELF))
    for matches in searches:
        for elem in matches:
            if _pruned_above(elem, tree):
                continue  # gone from trafilatura's copy
            if elem.tag != "author" and _false_needles(elem):
                continue  # (the expressions' own matches, where the page has <author>s)
            if _PRUNED_BELOW(elem):
                elem = prune_unwanted_nodes(deepcopy(elem), _DISCARD)
            names = ([n for n in ITEM_NAMES(elem) if _item_of(n) is elem]
                     if "author" in (elem.get("itemprop") or "") else [])
            # an author item's own name properties: one for each writer side by side
            # ("<span itemprop="name">Paul Wiseman</span><span itemprop="name">Fatima
            # Hussein</span>": one name each, not "Paul Wiseman Fatima Hussein"), without
            # the organisation it works for, an item of its own nested in it
            content = (trim("; ".join(" ".join(n.itertext()) for n in names)) if names
                       else _byline_lines(elem))
            if content and 2 < len(content) < 120:
                # the label of a byline of text and pictures, which trafilatura's
                # normalisation keeps once it has taken out its colon
                content = "; ".join(_TEXT_LABEL.sub("", part) for part in content.split("; "))
                wrapped = _WRAPPED.fullmatch(content) or QUOTED_NAME.fullmatch(content)
                if wrapped:
                    content = wrapped[1].strip()
                if _USER_NAME.fullmatch(content) and not _NOT_USER_NAME.search(content):
                    return content
                day = _DAY_AFTER_NAME.search(content)
                if day and day.start() > 0:
                    content = content[:day.start()].rstrip(" ,;:|-–—·•")
                return normalize_authors(None, content)
    return None


def _byline_lines(elem: lxml.html.HtmlElement) -> str:
    """``elem``'s text (its text nodes joined by spaces), without its lines (at <br>s)
    that another hand's label opens and those after them ("Von Ines Brandt<br>Sendung:
    Radio Harbour", "Fotos: Tom Field<br>Text: Jane Doe", "Written by Rob Ewaschuk<br>
    Edited by Betsy Beyer"); a writer's label opens another writer ("By: Jane Doe<br>By:
    John Roe"), its "; " between them."""
    if next(elem.iter("br"), None) is None:
        return trim(" ".join(elem.itertext()))
    texts = [t for t in map(trim, text_lines(elem)) if t]
    writers: list[str] = []  # one writer's lines each
    labelled = False  # a writer's label was read
    keep = True  # the lines go on a writer's (not after another hand's label)
    for text in texts:
        label = _LINE_LABEL.match(text)
        # (a name's particle after a first name is none: "Ludwig<br>von Mises")
        writer = (label is not None and (label["word"] or "").casefold() in _WRITER_LABELS) or (
            not label and _BY.match(text) is not None and (not writers or " " in writers[-1])
        ) or _TEXT_LABEL.match(text) is not None  # "Text und Fotos: ..."
        if label and not writer:
            # another hand's: "Fotos: Tom Field", "Edited by ..."; a dateline's place
            # in capitals on its own line is passed over ("WASHINGTON:<br>Jane Doe")
            keep = keep and text.rstrip(":： ").isupper()
        elif writer:
            if not labelled:
                # what came before the first writer's label is the piece's: "Ein
                # Kommentar<br>von Jane Doe", "Filed under Politics<br>By Jane Doe"
                writers = []
            labelled = keep = True
            writers.append(text)
        elif keep:
            if writers:
                writers[-1] += f" {text}"
            else:
                writers.append(text)
    return "; ".join(writers)


# a line's own label: "Sendung:", "Fotos:", "Quelle:"; another hand's "Edited by",
# "Photos by", "Fact checked by"; not a writer's (_WRITER_LABELS)
_LINE_LABEL = re.compile(r"(?P<word>[^\W\d_][\w-]*)\s*[:：](\s|$|(?=\w))|(edited|photos?|"
                         r"photographs?|photography|pictures|illustrat\w*|reviewed|"
                         r"(fact[- ])?checked|produced|translated|graphics|video|designed)\s+by\b",
                         re.IGNORECASE)
_BY = re.compile(r"(by|von|par|por|door)\s", re.IGNORECASE)
_WRITER_LABELS = frozenset((
    "by", "von", "par", "por", "di", "da", "door", "av", "af", "author", "authors", "autor",
    "autorin", "autoren", "auteur", "autore", "autora", "co-author", "coauthor", "text",
    "tekst", "texte", "texto", "testo", "reporter", "reporting", "redaktion", "redakteur",
    "redakteurin", "mitarbeit", "pewarta", "penulis", "wartawan", "writer", "words",
    "story", "written", "redacción", "redaccion", "redação", "redacao", "escrito", "автор",
    "作者", "记者", "記者", "文", "撰文", "执笔", "執筆", "筆者", "著者", "기자", "interview",
    "كتب", "بقلم"))
# A writer's label with its colon, which trafilatura's normalisation would keep as a word
# once it has taken the colon out: "Text: Jane Doe", "Tekst og foto: Jens Hansen", "Text
# und Fotos: Ines Brandt", "作者：张明", "Redacción: Ana Pérez"
_TEXT_LABEL = re.compile(
    r"^(" + "|".join(sorted(map(re.escape, _WRITER_LABELS), key=len, reverse=True)) + r")"
    r"(\s+(og|und|and|&|et|y|e)\s+(fotos?|photos?|bilder|billeder|bild))?\s*[:：]\s*",
    re.IGNORECASE)


# A forum member's or a repository's user name, ASCII letters and digits as one word
# ("InsaneSnow45", "ggailey777"): trafilatura's normalisation cuts a name at its first
# digit and capitalises it ("InsaneSnow", "Ggailey"); the name is kept as written. Not
# a name with a day glued to it ("JaneDoe05.03.2024"), nor a month's ("Mar2024").
_USER_NAME = re.compile(r"[A-Za-z][\w.-]*\d[\w.-]*", re.ASCII)
_NOT_USER_NAME = re.compile(rf"\d[./-]\d|^{MONTH_WORD}\b|^{MONTH_WORD}[.-]?\d", re.IGNORECASE)
# A day written in the author markup after the name ("Supermove February 8, 2022 • 10
# mins read", "ServiceTitan November 26th, 2024", "Jane Doe 12.03.2024"): trafilatura's
# normalisation cut it at its first digit and kept the month ("Supermove February");
# the markup's text is cut where the day begins: a whole day, the month's name with
# the day's number and a comma or the year, the number with the month's name and the
# year, or a day in figures (a month's word with a number alone is a name's as often:
# "Callum May 5 min read", "Li Jun 10:45").
_DAY_AFTER_NAME = re.compile(
    rf"\s*[•·|,]?\s*\b(?:(?:on|am|le|el|den)\s+)?"
    rf"(?:{MONTH_WORD}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,|\s+\d{{4}}\b)"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{MONTH_WORD}\.?,?\s+\d{{4}}\b"
    rf"|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}\b)",
    re.IGNORECASE)


# A name in the brackets Chinese, Japanese and Korean sites write a byline in ("《KT》",
# "【王強】"): trafilatura took "《" for the name's first letter and made "《Kt" of it.
# (Not ASCII brackets: "[Archives]", "(Photo)" are labels.)
_WRAPPED = re.compile(r"[《【「『〔［〈（]([^《》【】「」『』〔〕［］〈〉（）]+)[》】」』〕］〉）]")
# or in quotation marks, which trafilatura takes for a nickname's and drops with the name
# ("\"David Kim\"", a template's quoted value)
QUOTED_NAME = re.compile(r"[\"“„«]([^\"“”„«»]+)[\"”»“]")


def _item_of(prop: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The item a property belongs to: its nearest ancestor with an itemscope (a
    Person's name, not that of the organisation it works for, nested in it)."""
    return next((a for a in prop.iterancestors() if a.get("itemscope") is not None), None)


_TEXT_PARTS = XPath(".//text()[normalize-space()][not(ancestor::script or ancestor::style)]")


def author_markup_texts(tree: lxml.html.HtmlElement,
                        candidates: list[lxml.html.HtmlElement] | None = None,
                        limit: int = 8) -> list[str]:
    """The texts of the first ``limit`` elements that the expressions above match (not
    inside a pruned part), each text node of one kept apart by " | ": "Dec 17, 2025 |
    Jane Doe", "Jane Doe | Jane Doe is a reporter ...". What a page writes in its author
    markup besides the name (a date first, a biography after) makes trafilatura read a
    month or nothing; metadata reads these as bylines instead."""
    out: list[str] = []
    for elem in _candidates(tree) if candidates is None else candidates:
        if not any(test(elem) for test in _AUTHOR_SELF) or _pruned_above(elem, tree):
            continue
        text = " | ".join(" ".join(t.split()) for t in _TEXT_PARTS(elem))
        if text:
            out.append(text[:300])
            if len(out) >= limit:
                break
    return out

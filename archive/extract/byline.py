"""Bylines that no markup names: "By Jane Doe" in the page's text, "Written by" above
a name, a link to the author's page (/author/jane-doe), "Tác giả: ...", "作者：...".

``find_byline`` is asked when JSON-LD, meta tags and the author classes that
trafilatura looks for name nobody. It reads short text nodes only (a byline is a
line of its own), in page order from the headline on, and answers the first one
that reads as a byline; failing that, the text of the first link to an author's
page; failing that, a name beside a day on one of the lines just under the headline
("Jane Doe | Senior Writer | July 2, 2025"). What it answers is raw: metadata's
``_people`` drops labels, roles, agencies and the site's own name.

On WCXB's dev articles, asked on the pages where nothing else names anyone: the
author right on 0.731 -> 0.825 of the 618 articles with one (with the @id
references of JSON-LD and the dots of initials).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html
from lxml.etree import XPath

from .dates import day_span
from .html_text import class_or_id_names, text_lines

__all__ = ["find_byline", "dated_name", "signed_paragraph", "byline_label", "SOURCE_NOTE"]

# A byline label and what follows it: "By Jane Doe", "Written by: Jane Doe", "Von Max
# Muster", "Autorin/Autor: Max Muster", "Par Jean Dupont", "Tác giả: Nguyễn Văn A", "Bởi
# Trần Văn B", "作者：张伟", "记者 李明", "筆者：田中宏昌".
_LABEL = (r"(?:(?:written|posted|published|reported|words|text|story|article|post)\s+by|by|von|par|"
          r"por|di|door|av|af|bởi|autor(?:in(?:nen)?|en)?(?:\s*/\s*autor(?:in)?|/-?in|\*in|:in|_in)?|"
          r"authors?|author\(s\)|contributors?|tác giả|bài(?:\s+và\s+ảnh)?|"
          r"作者|记者|撰文|編輯|编辑|記者|"
          # the writer's label in Japanese, not a word's start ("筆者撮影" is a photo's
          # credit, "著者紹介" a heading; a book's data writes "著者：", read only in a
          # link to the author's page)
          r"(?:筆者|執筆者?)(?![\u3040-\u30ff\u3400-\u9fff]))(?:(?<=[\u3400-\u9fff])|\b)")
_BYLINE = re.compile(r"^\W{0,3}" + _LABEL + r"\s*[:：|]?\s*(?P<name>.*)$", re.IGNORECASE)
# A Chinese byline inside a line: "来源：新华网 作者：张明", "文/李华", and Xinhua's dateline
# "新华社北京5月12日电（记者王强、李明）". Inside a line only where the line is a story's
# information line (it names the source or writes a day, or opens with the label:
# "文/张明 图/李华"; a book's "作者：村上春树" in a review is the book's author), with
# its colon, slash or brackets, the label not the end of a word ("新京报记者：您认为，..."
# asks an interview's question); names parted by
# "、" or by spaces, not running on into the line's next label ("作者：张明 发布时间：...")
# nor past a role ("（记者 王强 通讯员 李明）": the correspondent is no author).
_CJK_NAME = r"[\u3400-\u9fff·]{2,4}"
_CJK_ROLE = r"(?:通讯员|实习生|见习记者|摄影|摄影记者|报道|编辑|责编|校对)"
_CJK_NAMES = (rf"(?!{_CJK_ROLE}){_CJK_NAME}(?:\s*[、，,]\s*(?!{_CJK_ROLE}){_CJK_NAME}"
              rf"(?![\u3400-\u9fff:：])|\s+(?!{_CJK_ROLE}){_CJK_NAME}(?![\u3400-\u9fff:：]))"
              r"{0,5}")
_CJK_BYLINE = re.compile(r"(?<![\u3400-\u9fff])(?:作者|记者|撰文|文)\s*[:：/]\s*(?P<name>"
                         + _CJK_NAMES + r")(?![\u3400-\u9fff:：])")
_CJK_DATELINE = re.compile(r"[（(]记者\s*(?P<name>" + _CJK_NAMES + r")\s*(?:[）)]|"
                           + _CJK_ROLE + ")")
# what makes a line a story's information line: its source or its day
_CJK_INFO = re.compile(r"来源|來源|发布|發布|\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}|"
                       r"^\W{0,3}(?:作者|记者|撰文|文)\s*[:：/]")
_LABEL_ALONE = re.compile(r"^\W{0,3}" + _LABEL + r"\s*[:：]?\s*$", re.IGNORECASE)
# Where a byline's name ends: a date, a separator, "on", "in", "|", "·", "Updated".
_NAME_END = re.compile(
    r"\s*(?:[|·•—–/]|\s-\s|\bon\b|\bin\b|\bat\b|\bupdated\b|\bpublished\b|\bposted\b|"
    r"\d{1,4}[./-]\d|\b\d{1,2},? \d{4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec)[a-z]*\.? \d|ngày|发布|来源|來源|時間|时间|日期|\d{4}年|\(|（).*$", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
# A name: one to five words, each starting with a capital or holding CJK letters;
# particles ("de", "van", "da") and initials with dots allowed.
_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ỹ][\w'’.-]*|[a-z]{1,3}|[\u3400-\u9fff·]{1,8})$")
# Short text nodes of the body, not scripts, styles or form labels.
# (the elements a byline is not in are asked in Python, of the few texts a byline's
# pattern matches: in the XPath, of every short text, they were a third of its time)
_SHORT_TEXT = "[string-length(normalize-space()) > 1][string-length(normalize-space()) < 90]"
_NOT_IN = frozenset(("script", "style", "noscript", "option", "button", "nav", "footer"))
_TEXTS = XPath("//body//text()" + _SHORT_TEXT)
_AUTHOR_LINK = ("[contains(@href, '/author/') or contains(@href, '/authors/') "
                "or contains(@href, '/autor/') or contains(@href, '/auteur/') "
                "or contains(@href, '/tac-gia/') or @rel='author']"
                "[not(ancestor::nav or ancestor::footer or ancestor::aside)]")
_AUTHOR_LINKS = XPath("//body//a" + _AUTHOR_LINK)
# The same from the headline (the context node) on, and before it, each in page order:
# XPath's axes rather than the position of every element of the page in a dict (a
# third of the search's time)
_TEXTS_AFTER = XPath(f"descendant::text(){_SHORT_TEXT} | following::text()[ancestor::body]"
                     f"{_SHORT_TEXT}")
_TEXTS_BEFORE = XPath(f"preceding::text()[ancestor::body]{_SHORT_TEXT}")
_AUTHOR_LINKS_AFTER = XPath(f"descendant::a{_AUTHOR_LINK} | following::a[ancestor::body]"
                            f"{_AUTHOR_LINK}")
_AUTHOR_LINKS_BEFORE = XPath(f"preceding::a[ancestor::body]{_AUTHOR_LINK} | "
                             f"ancestor::a[ancestor::body]{_AUTHOR_LINK}")
_FIRST_H1 = XPath("(//body//h1)[1]")
_SPACE = re.compile(r"\s+")


# "Shop by Category", "Sort by Price", "Filter by Type": what a shop or a listing sorts
# and filters by, a word that follows "by" as a name would
_SORT_WORDS = frozenset((
    "category", "categories", "collection", "collections", "type", "types", "brand",
    "brands", "price", "size", "color", "colour", "date", "name", "popularity",
    "relevance", "rating", "ratings", "country", "countries", "topic", "topics", "guide",
    "guides", "region", "location", "year", "month", "style", "material", "department",
    "occasion", "feature", "features", "newest", "oldest", "default", "tag", "tags"))


# A Japanese or Chinese label inside a link to the author's page: "著者：後藤大地"
# (news.mynavi.jp)
_LINK_LABEL = re.compile(r"^\W{0,3}(?:著者|筆者|執筆者?|作者)\s*[:：]\s*")


def _name(text: str) -> str | None:
    """The name at the start of ``text``, or None when it does not read as one."""
    text = _SPACE.sub(" ", text).strip(" :：,;")
    text = _NAME_END.sub("", text).strip(" :：,;")
    if not text or len(text) > 90 or re.search(r"\d", text):
        return None
    if _CJK.search(text):
        # "张伟 李明" or "张伟": CJK names are short, without spaces inside
        parts = text.split()
        return text if all(len(p) <= 4 and _CJK.match(p) for p in parts) and len(parts) <= 4 else None
    # "Jane Doe, Senior Writer" and "Jane Doe and John Roe": metadata splits and trims
    head = re.split(r",|\band\b|&|\bund\b|\bet\b|\bvà\b", text, maxsplit=1)[0].strip()
    words = head.split()
    if not 1 <= len(words) <= 5 or not all(_WORD.match(w) for w in words):
        return None
    if not words[0][0].isupper() or (len(words) == 1 and (
            len(words[0]) < 3 or words[0].isupper() or words[0].casefold() in _SORT_WORDS)):
        return None
    return text


def byline_label(line: str) -> str | None:
    """The names of ``line`` where it is a byline's label and names only ("Von Karim
    Natour", "By Jane Doe and John Roe, Harbour Daily"; not "By the time the ferry came
    ..."), else None."""
    match = _BYLINE.match(_SPACE.sub(" ", line).strip())
    if not match or not match["name"] or len(line.split()) > 12:
        return None
    return _name(match["name"])


def _element_text(elem: lxml.html.HtmlElement) -> str:
    return _SPACE.sub(" ", " ".join(elem.itertext())).strip()


_FOLLOWING = XPath("following::text()[normalize-space()][not(ancestor::script or "
                   "ancestor::style)][1]")
_FOLLOWING_TWO = XPath("following::text()[normalize-space()][not(ancestor::script or "
                       "ancestor::style)][position() <= 2]")


def _next_text(node: Any) -> str | None:
    """What follows a label standing alone, in page order: "By <a>Jane Doe</a>",
    "<span>By</span> Jane Doe", "<p>Written by</p><p>Jane Doe</p>"."""
    parent = node.getparent()
    if parent is None or not isinstance(parent.tag, str):
        # the tail of a comment or processing instruction: lxml evaluates no XPath from
        # those (a label there is too odd a byline to chase)
        return None
    if not node.is_text:  # the tail of ``parent``: the label itself comes first
        following = _FOLLOWING_TWO(parent)[1:]
    elif len(parent):  # "<p>By <a>Jane Doe</a></p>": the parent's next text
        following = parent.xpath(".//text()[normalize-space()]")[1:2]
    else:  # "<span>By</span> Jane Doe"
        following = _FOLLOWING(parent)
    if not following:
        return None
    text = _SPACE.sub(" ", str(following[0])).strip()
    return text if len(text) < 90 else None


def _in_footer(elem: lxml.html.HtmlElement | None) -> bool:
    """Whether ``elem`` is in a footer that its class or id names ("copyright-area",
    "site-footer"): "Crafted with love by <a>TemplatesYard</a>" credits the theme's
    maker, not the article's author (a <footer> element is left out by the search). The
    <body>'s classes are not asked: a theme lists its parts there ("fl-theme-builder-
    footer")."""
    while elem is not None and elem.tag not in ("body", "html"):
        if class_or_id_names(elem, "footer", "copyright"):
            return True
        elem = elem.getparent()
    return False


def _in_chrome(node: Any) -> bool:
    """Whether the text ``node`` is in a script, style, noscript, option, button, nav or
    footer element (XPath's ancestor axis of a text node: from the element holding it,
    which for a tail is its element's parent)."""
    owner = node.getparent()
    elem = owner.getparent() if node.is_tail else owner
    return elem is not None and (elem.tag in _NOT_IN
                                 or next(elem.iterancestors(*_NOT_IN), None) is not None)


# a class word naming a caption ("wp-caption-text", "thumbcaption", "image-caption"), not
# one saying there is none or that something has one ("no-caption", "image--no-caption",
# "has-featured-caption", "captionless")
_CAPTION_CLASS = re.compile(r"caption(?!less)", re.IGNORECASE)
_NO_CAPTION = re.compile(r"(^|[-_])(no|has|with|without)[-_]+(\w+[-_]+)?caption", re.IGNORECASE)


def _in_caption(node: Any) -> bool:
    """Whether the text ``node`` is in a picture's caption (a <figcaption>, or within
    four levels an element whose class names a caption beside the picture, in one
    parent): "Portrait of Hinepare by Gottfried Lindauer" names the painter, not the
    page's writer (a byline's "articlecaption" holds no picture)."""
    owner = node.getparent()
    elem = owner.getparent() if node.is_tail else owner
    for _ in range(5):
        if elem is None or not isinstance(elem.tag, str):
            return False
        if elem.tag == "figcaption":
            return next(elem.iter("h1", "h2"), None) is None
        if any(_CAPTION_CLASS.search(word) and not _NO_CAPTION.search(word)
               for word in (elem.get("class") or "").split()):
            # (not a headline over a picture, a hero's "carousel-caption" holding the <h1>)
            parent = elem.getparent()
            return (parent is not None and next(parent.iter("img", "picture"), None) is not None
                    and next(elem.iter("h1", "h2"), None) is None)
        elem = elem.getparent()
    return False


def _in_teaser(node: Any) -> bool:
    """Whether the text ``node`` is inside a link that holds a paragraph or a heading
    other than its own: a related story's card (its headline, its opening lines, its
    byline, all one link to that story), whose byline is not this page's."""
    owner = node.getparent()
    elem = owner.getparent() if node.is_tail else owner
    if elem is None:
        return False
    link = elem if elem.tag == "a" else next(elem.iterancestors("a"), None)
    if link is None or link.get("href") is None:
        return False
    # the card's headline or opening: a block of the link's that does not hold the
    # byline (a byline in a block of its own inside a link to the author's page, "<a
    # href="/people/jane-doe"><p>By Jane Doe</p></a>", is the page's)
    holders = {elem, *elem.iterancestors()}
    return any(block not in holders for block in link.iter(*_CARD_BLOCKS))


_CARD_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6")


def _after_then_before(mark: lxml.html.HtmlElement, after: XPath, before: XPath) -> Iterator[Any]:
    """What ``after`` finds from the headline, then what ``before`` finds, which is
    searched only when nothing after it was taken: most bylines follow the headline,
    and the texts before it (XPath's preceding axis) took a third of the texts' search
    on WCXB dev's pages."""
    yield from after(mark)
    yield from before(mark)


# The labels of other languages that are words of English too: Dutch "door", German
# "von", French "par", Spanish "por", Italian "di", Scandinavian "av" and "af"
_FOREIGN_LABEL = re.compile(r"^\W{0,3}(?:door|von|par|por|di|av|af)\b", re.IGNORECASE)
# English words no name holds
_ENGLISH_WORDS = re.compile(r"\b(?:for|the|and|of|to|with|in|on|at|is|are)\b")


def find_byline(tree: lxml.html.HtmlElement) -> str | None:
    """The first byline of the page, the headline's first (see the module's doc)."""
    h1 = _FIRST_H1(tree)
    mark = h1[0] if h1 else None
    texts = _TEXTS(tree) if mark is None else _after_then_before(mark, _TEXTS_AFTER, _TEXTS_BEFORE)
    for node in texts:
        line = _SPACE.sub(" ", str(node)).strip()
        match = _BYLINE.match(line)  # a label alone matches it too, with no name
        if match and _FOREIGN_LABEL.match(line) and (
                (line.isupper() and _LABEL_ALONE.match(line))
                or _ENGLISH_WORDS.search(match["name"] or "")):
            # another language's label that is an English word: "Door Anchor for
            # Resistance Bands" (a product's name), "Par for the course", a team's "POR"
            # alone over "Portland Trail Blazers"; "Von Max Mustermann" (and "VON MAX
            # MUSTERMANN") stays a byline
            match = None
        if not match and _CJK.search(line):
            inside = _CJK_DATELINE.search(line) or (
                _CJK_BYLINE.search(line) if _CJK_INFO.search(line) else None)
            if (inside and not _in_chrome(node) and not _in_teaser(node)
                    and not _in_caption(node) and not _in_footer(node.getparent())):
                return "、".join(re.split(r"\s*[、，,]\s*|\s+", inside["name"]))
        if not match or _in_chrome(node) or _in_teaser(node) or _in_caption(node):
            continue
        if _LABEL_ALONE.match(line):
            following = _next_text(node)
            name = _name(following) if following else None
        elif match["name"]:
            name = _name(match["name"])
        else:
            continue
        if name and not _in_footer(node.getparent()):
            return name
    links = (_AUTHOR_LINKS(tree) if mark is None
             else _after_then_before(mark, _AUTHOR_LINKS_AFTER, _AUTHOR_LINKS_BEFORE))
    for link in links:
        name = _name(_LINK_LABEL.sub("", _element_text(link)))
        if name and not _in_footer(link):
            return name
    return _dateline_name(mark) if mark is not None else None


# A paragraph that is only a name in bold, the first or the last of the article's
# paragraphs: the reporter's signature, over the story ("<p><strong>Mohloai
# Mpesi</strong></p>") or under it (VnExpress's right-aligned "<p
# style="text-align:right;"><strong>Lê Phương</strong></p>")
_BOLD_PARAGRAPHS = XPath("//body//p[count(*) <= 4][*[1][self::b or self::strong]]"
                         "[not(ancestor::footer or "
                         "ancestor::aside or ancestor::nav)]")
_RIGHT = re.compile(r"text-align\s*:\s*right|(^|\s)right(\s|$)|align-right", re.IGNORECASE)
_CENTRED = re.compile(r"center|centre", re.IGNORECASE)
_WORDS = re.compile(r"[\w'’-]+")
# What a signature says after the name of where the story comes from: "(Theo Newsweek)",
# "(Tổng hợp)" (compiled), "(lược dịch)" (abridged translation), "(theo Reuters, AFP)"
SOURCE_NOTE = re.compile(r"\s*[(（]\s*(theo|tổng hợp|lược dịch|dịch|biên dịch|according to|"
                          r"with|via|from)\b[^)）]*[)）]\s*$", re.IGNORECASE)
# Letters only Vietnamese writes among the Latin scripts
_VIETNAMESE = re.compile("[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def signed_paragraph(tree: lxml.html.HtmlElement) -> str | None:
    """The names of a signature paragraph (above), "A, B" for "A/B". Its neighbours are
    the article: two or more paragraphs of 20 words or more in the same parent; it is
    the last of them, or the first (after at most two short lines of a standfirst). A
    bold paragraph there is more often a heading ("Key Takeaways", "Related Posts",
    "CLIENT STORY"), so each of its words must be capitalised and none of them written
    in those paragraphs (a reporter seldom names herself in her story; a heading's
    words are its section's); not on a German page, whose every noun is capitalised
    ("Weltweite Strahlkraft"). A right-aligned one under the article is a signature
    whatever its words (a Vietnamese name's are common syllables: "phương"); a centred
    one is a label over a block ("SOCIAL MEDIA SEITEN")."""
    german = (tree.get("lang") or "").casefold().startswith(("de", "lb"))
    for p in _BOLD_PARAGRAPHS(tree):
        bold = p[0]
        if (not isinstance(bold.tag, str) or bold.tag not in ("b", "strong") or len(bold)
                or (p.text or "").strip()):
            continue
        line = _SPACE.sub(" ", bold.text or "").strip()
        if (bold.tail or "").strip() or len(p) > 1 or SOURCE_NOTE.search(line):
            # the name in bold, then where the story comes from: "<strong>Ngân
            # Hà</strong> (Theo <em>Newsweek</em>)", "Minh Ngọc (Tổng hợp)"
            whole = _SPACE.sub(" ", p.text_content()).strip()
            note = SOURCE_NOTE.search(whole)
            if note is None or not whole.startswith(line) or (
                    whole[:note.start()].strip() != line and line != whole):
                continue
            line = whole[:note.start()].strip()
        if not line or len(line) > 80 or re.search(r"\d|[:?!.]$", line):
            continue
        names = [n.strip() for n in re.split(r"\s*(?:/|&|,|\band\b)\s*", line)]
        if not all(2 <= len(n.split()) <= 4 and _name(n) == n
                   and all(w[0].isupper() for w in n.split()) for n in names):
            continue
        style = f"{p.get('style') or ''} {p.get('class') or ''} {p.get('align') or ''}"
        if _CENTRED.search(style):
            continue
        paragraphs = [*reversed(list(p.itersiblings("p", preceding=True))), p,
                      *p.itersiblings("p")]
        texts = [_SPACE.sub(" ", q.text_content()).strip() for q in paragraphs]
        filled = [(q, len(t.split())) for q, t in zip(paragraphs, texts, strict=True) if t]
        prose = [t for t in texts if len(t.split()) >= 20]
        if len(prose) < 2:
            continue
        if line.startswith("Theo ") and any(_VIETNAMESE.search(t) for t in prose):
            # "Theo Tuổi Trẻ", "Theo Reuters" under a Vietnamese story: "according to",
            # the paper it was taken from
            continue
        if p is filled[-1][0] and _RIGHT.search(style):
            return ", ".join(names)
        index = next(i for i, (q, _) in enumerate(filled) if q is p)
        first = index <= 2 and all(words < 20 for _, words in filled[:index])
        if german or not (first or index == len(filled) - 1):
            continue
        written = {w.casefold() for t in prose for w in _WORDS.findall(t)}
        if not any(w.casefold() in written for n in names for w in n.split()):
            return ", ".join(names)
    return None


_NOT_A_NAME = re.compile(r"\b(comments?|modified|updated|read|min|minutes|share|views?|monday|tuesday|"
                         r"wednesday|thursday|friday|saturday|sunday|today|yesterday)\b", re.I)
_BLOCKS = frozenset(("p", "div", "li", "header", "address", "section"))
_AFTER_HEADLINE = XPath("following::text()[normalize-space()][not(ancestor::script or "
                        "ancestor::style)][position() <= 12]")


def _lines_of(block: lxml.html.HtmlElement) -> str:
    """The text of ``block``, its lines (split by <br>s) joined by " | ": "Max
    Blumenthal<br><a>The Grayzone</a><br>Thu, 14 May 2020" is a name, a site and a
    day, not the name "Max Blumenthal The Grayzone Thu"."""
    return " | ".join(text_lines(block, skip=("script", "style")))


def _dateline_name(h1: lxml.html.HtmlElement) -> str | None:
    """A name beside a date on a line just under the headline, without a label:
    "Jane Doe | Senior Writer | July 2, 2025", "Dec 17, 2025 · Jane Doe"."""
    seen = set()
    for node in _AFTER_HEADLINE(h1):
        block = node.getparent()
        while block is not None and block.tag not in _BLOCKS:
            block = block.getparent()
        if block is None or block in seen:
            continue
        seen.add(block)
        line = _SPACE.sub(" ", _lines_of(block)).strip()
        if len(line) > 100:
            continue
        span = day_span(line)
        if span is None:
            continue
        rest = (line[:span[0]] + " | " + line[span[1]:]).strip(" |·•—–-,")
        for part in re.split(r"\s*[|·•—–]\s*|\s+-\s+", rest):
            name = _name(part)
            # one person: "Wellness & Prevention", "No Comments" are a section, a count
            if (name and len(name.split()) >= 2 and not re.search(r"&|\band\b", name)
                    and not _NOT_A_NAME.search(name)):
                return name
    return None


def dated_name(line: str) -> str | None:
    """A person's name in a line of author markup, beside a day or before a biography:
    "Dec 17, 2025 | Jane Doe", "Dec. 19, 2025 · Jane Doe on behalf of the team",
    "Jane Doe | Jane Doe is a reporter ...": the first part, the day taken out, when
    it reads as a name of two words or more. A line of many short parts is a menu
    ("Shop All | Home | About Us | ..."), not a byline."""
    span = day_span(line)
    if span is not None:
        line = line[:span[0]] + " | " + line[span[1]:]
    parts = [p for p in re.split(r"\s*[|·•—–]\s*|\s+-\s+", line) if p.strip(" :,")]
    if not parts or (len(parts) > 3 and len(parts[1]) < 60):
        return None
    name = _name(parts[0])
    if (name and len(name.split()) >= 2 and not re.search(r"&|\band\b", name)
            and not _NOT_A_NAME.search(name)):
        return name
    return None

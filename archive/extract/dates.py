"""A page's publication day from what the page says most plainly: the day in its
URL, its meta tags (``article:published_time`` and kin), and the first date its
reader sees under the headline, or a dateline near the top ("March 18, 2024", "18 March 2024", "18.03.2024",
"2024年3月18日", "ngày 18/3/2024").

Days are the page's own, as written: "2024-03-18T23:30:00-05:00" is March 18
(the day its readers saw), not March 19 in UTC. On the WCXB dev set's 659 dated
articles the local day is right on 6 pages more than the UTC day.
"""

from __future__ import annotations

import re
from datetime import date
from collections.abc import Callable, Iterator
from itertools import chain, islice

import lxml.etree
import lxml.html
from lxml.etree import XPath

from .meta_tags import meta_elements

__all__ = ["url_date", "meta_published", "pubdate_day", "meta_modified",
           "shown_day", "byline_day", "dateline_day", "original_day"]

# not the first of two days in a row, a range or two version numbers ("/2024-4-4-2024-5-0-
# upgrade-issue")
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=/|-(?!(?:19|20)\d\d-\d)|\.|$)")
_URL_DATE_YEAR_LAST = re.compile(r"/(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?=/|-|\.|$)")
# The <meta> elements of the published and the modified time: those whose property,
# name or itemprop is one of these (read from the page's <meta> elements, meta_tags'
# meta_elements, rather than by an XPath walk of the whole tree each).
_PUBLISHED_PROPERTIES = frozenset(("article:published_time", "og:published_time",
                                   "article:published"))
_PUBLISHED_NAMES = frozenset((
    "article:published_time", "pubdate", "publishdate", "publish-date", "date",
    "DC.date.issued", "dcterms.date", "parsely-pub-date", "sailthru.date", "published",
    "published_date", "publication_date", "datePublished"))
_PUBDATE = XPath("//time[@pubdate]")
_MODIFIED_PROPERTIES = frozenset(("article:modified_time", "og:updated_time"))
_MODIFIED_NAMES = frozenset(("article:modified_time", "dateModified", "last-modified",
                             "modified"))
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d\d-\d\d)")
_XML_SPACE = " \t\r\n"
_UNREAD = frozenset(("script", "style"))


def lines_after_headline(tree: lxml.html.HtmlElement, limit: int
                         ) -> Iterator[tuple[str, lxml.html.HtmlElement | None]]:
    """The first ``limit`` texts after the page's first <h1> in the body, in page order,
    not blank, not of scripts or styles (where a byline's date is): each with the element
    whose own text it is, None for a tail. What XPath's "(//body//h1)[1]/following::text()"
    gives, walked only as far as needed (the XPath went through the whole page: 0.7 ms a
    page on WCXB dev, this 0.25)."""
    body = next(tree.iter("body"), None)
    node = next(body.iter("h1"), None) if body is not None else None
    while node is not None:
        for text, owner in _texts_after(node):
            if text and text.strip(_XML_SPACE):
                yield text, owner
                limit -= 1
                if limit <= 0:
                    return
        node = node.getparent()


def _texts_after(elem: lxml.html.HtmlElement
                 ) -> Iterator[tuple[str | None, lxml.html.HtmlElement | None]]:
    """The tail of ``elem``, then the texts of its later siblings and what they hold."""
    yield elem.tail, None
    for sibling in elem.itersiblings():
        if isinstance(sibling.tag, str):
            yield from _texts_within(sibling)
        yield sibling.tail, None


def _texts_within(elem: lxml.html.HtmlElement
                  ) -> Iterator[tuple[str | None, lxml.html.HtmlElement | None]]:
    """The texts of ``elem`` and of what it holds, with their tails, in page order; not
    its own tail. A tail's element is None, but a <time>'s where the tail is inside one
    ('<time datetime="2020-03-27"><i class="icon"></i>Publié le 27 Mar 20</time>')."""
    walker = lxml.etree.iterwalk(elem, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            if node.tag in _UNREAD:
                walker.skip_subtree()
            else:
                yield node.text, node
        elif node is not elem:
            parent = node.getparent()
            yield node.tail, parent if parent is not None and parent.tag == "time" else None
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# An English month's whole name or its abbreviation, no other word starting so (a
# byline's "Jane" is no month), for the byline and author searches
MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
              r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# Months of the languages of Western Europe that news pages write out, the day first
# ("18. März 2024", "18 mars 2024", "18 de marzo de 2024", "18 maggio 2024", "18 maart
# 2024"): each name to its month
_MONTH_NAMES = {name: number for number, names in enumerate((
    ("januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "januari"),
    ("februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari"),
    ("märz", "maerz", "mars", "marzo", "março", "maart"),
    ("avril", "abril", "aprile"),
    ("mai", "mayo", "maggio", "maio", "mei"),
    ("juni", "juin", "junio", "giugno", "junho"),
    ("juli", "juillet", "julio", "luglio", "julho"),
    ("août", "aout", "agosto", "augustus"),
    ("septembre", "septiembre", "setiembre", "settembre", "setembro"),
    ("oktober", "octobre", "octubre", "ottobre", "outubro"),
    ("novembre", "noviembre", "novembro"),
    ("dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro")), 1)
    for name in names}
_MONTH_NAME = "(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + ")"
_FORMS = [
    # March 18, 2024 / Mar. 18 2024
    (re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), (3, 1, 2)),
    # 18 March 2024, not the end of a range ("16-19 March 2026")
    (re.compile(r"(?<!\d[-–])\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(\d{4})\b", re.I), (3, 2, 1)),
    # 18. März 2024, 18 mars 2024, 1er mars 2024, 18 de marzo de 2024
    (re.compile(r"(?<!\d[-–])\b(\d{1,2})(?:\.|er|º)?\s+(?:de\s+)?" + _MONTH_NAME
                + r"\s+(?:de\s+)?(\d{4})\b", re.I), (3, 2, 1)),
    # 2024-03-18
    (re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b"), (1, 2, 3)),
    # 18.03.2024 (day first where dots separate)
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), (3, 2, 1)),
    # 2024年3月18日
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), (1, 2, 3)),
    # ngày 18/3/2024 (Vietnamese writes the day first)
    (re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.I), (3, 2, 1)),
]


def _day(year: int, month: int, day: int, latest: date) -> str | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found.isoformat() if date(1995, 1, 1) <= found <= latest else None


# "/2024/0512/" (people.com.cn's "/n1/2024/0512/c1008-..."), "/2024/may/12/" (the
# Guardian's)
_URL_DATE_PACKED = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])([0-3]\d)/")
_URL_DATE_MONTH_NAME = re.compile(
    r"/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(\d{1,2})/",
    re.IGNORECASE)


def url_date(url: str | None, latest: date) -> str | None:
    """"/2024/03/18/slug", "/2024-03-18-slug", "/2024/0318/", "/2024/mar/18/": a day the
    URL names; or "/29-10-2021", "/23-01-2022-slug", the year last, where the day is
    the number over 12."""
    match = _URL_DATE.search(url or "") or _URL_DATE_PACKED.search(url or "")
    if match:
        return _day(int(match[1]), int(match[2]), int(match[3]), latest)
    match = _URL_DATE_MONTH_NAME.search(url or "")
    if match:
        return _day(int(match[1]), _MONTHS[match[2].lower()], int(match[3]), latest)
    match = _URL_DATE_YEAR_LAST.search(url or "")
    if not match:
        return None
    first, second = int(match[1]), int(match[2])
    if first > 12 >= second:
        return _day(int(match[3]), second, first, latest)
    if second > 12 >= first:
        return _day(int(match[3]), first, second, latest)
    return None  # "05-03-2022": March 5 or May 3


def meta_published(tree: lxml.html.HtmlElement, latest: date,
                   metas: list[lxml.html.HtmlElement] | None = None,
                   ) -> tuple[str | None, str | None]:
    """The published day of the meta tags, and that of an article's microdata in the body.
    Microdata's <meta itemprop="datePublished"> counts with the meta tags in the <head>,
    where a site declares the page, and in a forum thread's entity (the day under a
    thread's title is often its last reply's); an article's in the body is structured
    data like JSON-LD's, read after the day under the headline. ``metas``: the page's
    meta_elements, when the caller has them."""
    tags: list[str] = []
    microdata: list[str] = []
    for elem in meta_elements(tree) if metas is None else metas:
        content = elem.get("content")
        if content is None or not (elem.get("property") in _PUBLISHED_PROPERTIES
                                   or elem.get("name") in _PUBLISHED_NAMES
                                   or elem.get("itemprop") == "datePublished"):
            continue
        if elem.get("itemprop") == "datePublished" and _article_microdata(elem):
            microdata.append(content)
        else:
            tags.append(content)
    return _first_day(tags, latest), _first_day(microdata, latest)


def _article_microdata(elem: lxml.html.HtmlElement) -> bool:
    """Whether ``elem`` is in the body, not in a forum thread's microdata."""
    scope = None
    for node in elem.iterancestors():
        if scope is None and node.get("itemscope") is not None:
            scope = node
        if node.tag == "body":
            return scope is None or "DiscussionForum" not in (scope.get("itemtype") or "")
    return False


def pubdate_day(tree: lxml.html.HtmlElement, latest: date) -> str | None:
    """The day of the first <time pubdate datetime="...">: HTML's mark of the time its
    article was published."""
    for elem in _PUBDATE(tree):
        found = _time_day(elem, latest)
        if found:
            return found
    return None


def _first_day(values: list[str], latest: date) -> str | None:
    for value in values:
        match = _ISO_DAY.match(value)
        if match:
            year, month, day = (int(x) for x in match[1].split("-"))
            found = _day(year, month, day, latest)
        else:  # written out: "July 17, 2025", "17 July 2025"
            found = parse_day(value, latest) if len(value) < 60 else None
        if found:
            return found
    return None


def meta_modified(tree: lxml.html.HtmlElement,
                  metas: list[lxml.html.HtmlElement] | None = None) -> set[str]:
    """The days the meta tags say the page was modified on, as written ("2024-03-18");
    ``metas``: the page's meta_elements, when the caller has them."""
    contents = [content for el in (meta_elements(tree) if metas is None else metas)
                if (el.get("property") in _MODIFIED_PROPERTIES or el.get("name") in _MODIFIED_NAMES
                    or el.get("itemprop") == "dateModified")
                and (content := el.get("content")) is not None]
    return {match[1] for match in map(_ISO_DAY.match, contents) if match}


def _month_number(month: str) -> int:
    if not month[0].isalpha():
        return int(month)
    return _MONTH_NAMES.get(month.lower()) or _MONTHS[month[:3].lower()]


def parse_day(text: str, latest: date, day_first: DayOrder = None) -> str | None:
    """The first day written in ``text`` in one of the unambiguous forms above, or else,
    where ``day_first`` (the page's language writes a day so: day_order), in numbers
    with slashes or dashes, the day first ("12/5/2024", "12-05-2024": 12 May). Not on
    pages in English: there "1/27/2026" is as often a course's, a sale's or a review's
    day as the page's (WCXB dev: 5 pages without a day got one so, none of them the
    page's)."""
    for pattern, (y, m, d) in _FORMS:
        match = pattern.search(text)
        if match:
            month = match[m]
            month_number = _month_number(month)
            found = _day(int(match[y]), month_number, int(match[d]), latest)
            if found:
                return found
    match = _NUMBERED_DAY.search(text) if day_first else None
    if match and (not callable(day_first) or day_first()):
        return _day(int(match[4]), int(match[3]), int(match[1]), latest)
    return None


# A day in numbers, the year last: "12/5/2024", "12/05/2024", "12-05-2024" (not one of a
# longer run of numbers: "1/12/2024/3")
_NUMBERED_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2((?:19|20)\d\d)(?![\d/-])")
# Languages whose pages write a day in numbers day first ("12/05/2024" is 12 May): most
# but English (the month first in the United States, the day first elsewhere) and the
# languages that write the year first (Chinese, Japanese, Korean, Hungarian, Persian).
_DAY_FIRST = frozenset((
    "vi", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "be", "pl", "tr", "id", "ms", "sv",
    "da", "nb", "nn", "no", "fi", "cs", "sk", "ro", "el", "bg", "hr", "sr", "sl", "bs", "mk",
    "ca", "gl", "eu", "et", "lv", "lt", "is", "ga", "cy", "sq", "ar", "he", "hi", "bn", "ta",
    "te", "mr", "ur", "th", "tl", "sw", "af", "az", "ka", "hy", "kk", "uz"))


# Whether the page writes a day in numbers day first (see parse_day), or what tells it
# when asked (the page's text's language, found only where such a day is written)
DayOrder = bool | None | Callable[[], bool]


def _writes_day_first(language: str) -> bool:
    return language.strip().lower().replace("_", "-").split("-")[0] in _DAY_FIRST


# The page's paragraphs, to tell their language (as markup_date tells it for htmldate)
_PROSE_TEXT = XPath("//text()[string-length(.) >= 40][not(ancestor::script or ancestor::style)]",
                    smart_strings=False)


def day_order(tree: lxml.html.HtmlElement) -> DayOrder:
    """Whether the page writes a day in numbers day first ("12/05/2024" is 12 May), by its
    declared language (``<html lang>``, else its og:locale): _DAY_FIRST. A page that
    declares none: the language of its paragraphs, asked for only where a day in
    numbers is written."""
    declared = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
                or next((m.get("content") or "" for m in tree.iter("meta")
                         if m.get("property") == "og:locale"), ""))
    if declared.strip():
        return _writes_day_first(declared)

    known: list[bool] = []

    def from_text() -> bool:
        if not known:
            from .html_text import detect_language
            language = detect_language(" ".join(" ".join(_PROSE_TEXT(tree)).split())[:1000])
            known.append(_writes_day_first(language or ""))
        return known[0]
    return from_text


def day_span(text: str, day_first: DayOrder = None) -> tuple[int, int] | None:
    """Where ``text`` writes a day in one of the forms above (any year), or, with
    ``day_first`` (parse_day), in numbers."""
    for pattern, _order in _FORMS:
        match = pattern.search(text)
        if match:
            return match.span()
    match = _NUMBERED_DAY.search(text) if day_first else None
    if match and (not callable(day_first) or day_first()):
        return match.span()
    return None


# What labels a day as a member's, not the page's: a forum's user block beside each post
# ("Joined: 4. Jul 2012", "Join Date: Aug 2011", "Member since 2019", "Registered: ...",
# a NationStates nation's "Founded: Dec 11, 2021"; German and French forms too)
_MEMBER_WORDS = (r"(joined|join\s+date|registered|member\s+since|founded|mitglied\s+seit|"
                 r"registriert|inscrit|inscription)")
_MEMBER_TEXT = re.compile(r"^\W*" + _MEMBER_WORDS + r"\b", re.IGNORECASE)
_MEMBER_LABEL = re.compile(r"^\W*(?:\w+\s+){0,2}" + _MEMBER_WORDS + r"\W*$", re.IGNORECASE)
# What may stand between a member's label and the day: a colon, "since", "on"
_LABEL_TO_DAY = re.compile(r"[\s:.\-–]*(?:(?:since|seit|depuis|on|le|am)\b[\s:]*)?")


def _member_day(label: str, text: str) -> bool:
    """``text`` a member's day: the label, then the day ("Joined: 4. Jul 2012", not
    "Registered nurses walked out on 5 May 2024"), or the text before it (``label``)
    a short label of its own ("<strong>Joined:</strong> 4. Jul 2012", "<dt>Join
    Date</dt><dd>..."; not "... the domain is registered.")."""
    if _MEMBER_LABEL.match(label):
        return True
    start = _MEMBER_TEXT.match(text)
    span = day_span(text) if start else None
    return bool(start and span and _LABEL_TO_DAY.fullmatch(text[start.end():span[0]]))


# A text of this many words is a sentence, its days those of what it tells ("The end of
# the tax season is April 15, 2025. If you ..."), not the page's
_SENTENCE_WORDS = 16


# A story's dateline at the start of its first paragraph: the day, or a place and the
# day ("BERLIN, 27.1.2022"), then a dash, a colon or the quote the story opens with
_STORY_PLACE = re.compile(r"^\W*(?:[A-ZÀ-Þ][\w.\-/]*(?: [A-ZÀ-Þ][\w.\-/]*){0,3}\s*(?:\([^)]{1,20}\))?,?)?\s*$")
_STORY_START = re.compile(r"\s*(?:[-–—:|]|[„“\"«])")


_DATELINE_HEAD = 80  # characters: where a story's dateline is


def _opens_the_story(text: str, owner: lxml.html.HtmlElement | None) -> bool:
    """``text`` (the text of ``owner``; None for a tail) a story's first paragraph,
    which its day opens: "27.1.2022 - Bei der Erinnerung ...", "01.02.2022 „Der
    Arbeitsmarkt ...", "WASHINGTON, March 3, 2024 — The ...": the story's day, not
    one it tells of; not a photo's caption, which agencies date so ("MANCHESTER
    (BRITAIN), Sept. 29, 2020 -- A girl walks past ...")."""
    span = day_span(text)
    if (owner is None or span is None or _STORY_PLACE.match(text[:span[0]]) is None
            or _STORY_START.match(text, span[1]) is None):
        return False
    return not _in_figure(owner, caption_class=True)


def _in_figure(owner: lxml.html.HtmlElement | None, caption_class: bool = False) -> bool:
    """Whether ``owner`` (None for a tail: not known) is in a picture's <figure> or
    <figcaption>, up to six levels up ("<figcaption><div class="caption">... (Kundus,
    6.12.2010)</div>": when the photo was taken); with ``caption_class``, in an element
    whose class names a caption too. That class alone says so of a dateline only: sites
    name their byline's small type so ("rte-paragraph__caption" for "01. November 2021
    | ...", "caption-with-letter-spacing" around a <time>)."""
    return owner is not None and any(
        node.tag in ("figure", "figcaption")
        or (caption_class and "caption" in (node.get("class") or ""))
        for node in chain((owner,), islice(owner.iterancestors(), 6)))


# A day written out in a <time>'s text: a year, or numbers with separators ("03/01/17");
# not "1 day ago" nor "11:46", which give their datetime attribute's day unseen
_WRITTEN_DAY = re.compile(r"\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}")


def shown_day(tree: lxml.html.HtmlElement, latest: date) -> tuple[str | None, bool]:
    """The day that opens the headline, or the first day written in the page's text after
    it, not a member's (_member_day), nor one inside a sentence, unless the day opens
    the story (a dateline: _opens_the_story); and whether the page writes it: False
    where it is a <time>'s datetime attribute under a text that writes no day ("1 day
    ago")."""
    body = next(tree.iter("body"), None)
    h1 = next(body.iter("h1"), None) if body is not None else None
    if h1 is not None:
        # a headline that its day opens ("23.01.2022 - Wierer wins in Antholz")
        headline = " ".join(h1.text_content().split())
        if _DIGIT.search(headline, 0, _DATELINE_HEAD) and _opens_the_story(
                headline[:_DATELINE_HEAD], h1):
            return parse_day(headline[:_DATELINE_HEAD], latest), True
    previous = ""
    order = day_order(tree)
    boxes = _BoxSkipper()
    for index, (text, owner) in enumerate(lines_after_headline(tree, 40)):
        skip = boxes.skips(text, owner)
        if skip is None:
            break
        if skip:
            continue
        label, previous = previous, text
        if len(text) > 200:
            if _opens_the_story(text[:_DATELINE_HEAD], owner):
                return parse_day(text[:_DATELINE_HEAD], latest), True
            continue
        if not any(c.isdigit() for c in text) or _member_day(label, text) or _in_figure(owner):
            continue
        # a day in numbers in the byline's lines only: further on, it is as often a
        # related story's ("14/08/2021" under a teaser, on a page of 2022)
        found = parse_day(text, latest, order if index < _BYLINE_LINES else None)
        if found and owner is not None and owner.tag == "time":
            found = _time_written_day(owner, found, latest)
        if found and (len(text.split()) < _SENTENCE_WORDS or _opens_the_story(text, owner)):
            return found, True
        # a <time> that writes its day in a form read two ways ("03/01/2017", "10/12/2023
        # 7:38 PM"): the day its datetime attribute gives
        if owner is not None and owner.tag == "time":
            found = _time_day(owner, latest)
            if found:
                return found, _WRITTEN_DAY.search(text) is not None
    return None, False


# What labels a day in the byline as the day of a later change
_CHANGE_LABEL = re.compile(r"updat|modif|review|edited", re.IGNORECASE)


# The lines under a headline that a byline takes
_BYLINE_LINES = 6
# A label over other stories ("Lesen Sie auch", "Related", "Xem thêm", "相关新闻"): a day
# after it is one of theirs
_OTHER_STORIES = re.compile(
    r"^\W*(?:(?:read|see) (?:also|more|next)|related(?: (?:articles?|stories|posts|news))?|"
    r"(?:you|we think you) (?:may|might) (?:also )?like|recommended(?: for you)?|more stories|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weitere artikel|"
    r"(?:à )?lire aussi|sur le même sujet|lee también|te puede interesar|leggi anche|"
    r"leia também|lees ook|les også|läs också|læs også|czytaj (?:też|także|więcej)|"
    r"xem thêm|đọc thêm|(?:tin|bài) liên quan|có thể bạn quan tâm|"
    r"相关(?:新闻|阅读|文章|报道|推荐)|延伸阅读|推荐阅读|関連(?:記事|ニュース))\W*$",
    re.IGNORECASE)


def _box_of(label: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement | None:
    """The box a label over other stories heads: the element that holds the label and
    more ("<div class="teaser"><span>Lesen Sie auch</span><span>14/08/2021</span>...",
    an <aside> of three related stories, a teaser's <article>), not the story around
    it: not <main> or <body>, not what holds the headline, under BOX_CHARS of text."""
    node = label
    while node is not None and _text_length(node, 40) < 40:
        node = node.getparent()
    if (node is None or node.tag in ("main", "body")
            or next(node.iter("h1"), None) is not None or _text_length(node, BOX_CHARS) > BOX_CHARS):
        return None
    return node


# The most text a box of other stories holds (a story's body holds more)
BOX_CHARS = 1500


def _text_length(elem: lxml.html.HtmlElement, cap: int) -> int:
    """The length of ``elem``'s text, its spaces folded, counted up to ``cap`` and a piece
    more (a label's ancestors may hold a whole page)."""
    total = 0
    for piece in elem.itertext():
        total += len(" ".join(piece.split()))
        if total > cap:
            break
    return total


class _BoxSkipper:
    """The lines under a headline that a label over other stories ("Lesen Sie auch",
    "Related", "Xem thêm") heads: True for the label and the lines of its box (the
    tails between them too); None where the label heads no box found (an inline "Read
    also:" and its links in the story's flow): nothing after it is sure to be the
    story's, the search ends."""

    def __init__(self) -> None:
        self.box: lxml.html.HtmlElement | None = None
        self.inside = False

    def skips(self, text: str, owner: lxml.html.HtmlElement | None) -> bool | None:
        if self.box is not None:
            if owner is None and self.inside:
                return True
            self.inside = owner is not None and (
                owner is self.box or any(a is self.box for a in owner.iterancestors()))
            if self.inside:
                return True
        if _OTHER_STORIES.match(text):
            self.box = _box_of(owner)
            self.inside = self.box is not None
            return True if self.box is not None else None
        return False


def byline_day(tree: lxml.html.HtmlElement, latest: date) -> str | None:
    """The day the byline under the headline writes (in its first six lines: "By Jane Doe
    | Dec 30, 2013"), or None where it labels that day as an update or a review
    ("Updated on ...", "Last reviewed ...")."""
    previous = ""
    order = day_order(tree)
    boxes = _BoxSkipper()
    for text, owner in lines_after_headline(tree, _BYLINE_LINES):
        skip = boxes.skips(text, owner)
        if skip is None:
            break
        if skip:
            continue
        if (len(text) <= 200 and _DIGIT.search(text) and not _member_day(previous, text)
                and not _in_figure(owner)):
            found = parse_day(text, latest, order)
            if found and owner is not None and owner.tag == "time":
                found = _time_written_day(owner, found, latest)
            if found and len(text.split()) < _SENTENCE_WORDS:
                return None if _CHANGE_LABEL.search(previous + " " + text) else found
        previous = text
    return None


def _time_written_day(elem: lxml.html.HtmlElement, written: str, latest: date) -> str:
    """The day a <time> element writes, or its datetime attribute's where the two are more
    than a day apart (a day apart: one moment in two time zones): the text of
    '<time datetime="2024-12-20">August 28, 2024</time>' is another day's, a template's."""
    attribute = _time_day(elem, latest)
    if attribute and abs((date.fromisoformat(attribute) - date.fromisoformat(written)).days) > 1:
        return attribute
    return written


def _time_day(elem: lxml.html.HtmlElement, latest: date) -> str | None:
    """The day of a <time> element's datetime attribute, "2017-03-01T12:00:00Z"."""
    match = _ISO_DAY.match(elem.get("datetime") or "")
    if not match:
        return None
    year, month, day = (int(x) for x in match[1].split("-"))
    return _day(year, month, day, latest)


# What quotes, lists, links or frames other pages or the site (a tweet, a list of posts,
# a menu, a footer: "Last updated on ..." of a site's pages), and what is not text
_NOT_DATELINE = frozenset(("script", "style", "noscript", "blockquote", "aside", "nav",
                           "footer", "li", "a", "option", "table", "template"))
_DIGIT = re.compile(r"\d")
_COUNT = XPath("count(.//*)")
# What a dateline holds besides its day: a label, a weekday, a time
_DATELINE_REST = re.compile(
    r"^\W*(((last\s+)?(updated|modified|published|posted|reviewed)(\s+on)?|date|on|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|at|\d{1,2}[:.]\d\d|"
    r"[ap]\.?m\.?|(?-i:[A-Z]{2,4})|"
    # a time zone's offset ("GMT+7", "UTC+07:00"); Vietnamese weekdays and labels ("Thứ
    # hai, 12/5/2024, 08:00 (GMT+7)", "Cập nhật", "ngày")
    r"(gmt|utc)\s*[+-]\s*\d{1,2}(:?\d\d)?|thứ\s+(hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|"
    r"cập\s+nhật|ngày)\b\W*)*$", re.IGNORECASE)


_CLOCK = re.compile(r"\b\d{1,2}[:h]\d\d\b")
_WEEKDAY = re.compile(r"thứ\s+(hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|\b(monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
                      r"freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
                      r"dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b",
                      re.IGNORECASE)
# a word naming a month or a weekday, or a Chinese or Japanese day's, month's or year's
# number (a timeline's or a diary's label: "März:", "Monday:", "2020年12月15日：")
CALENDAR_WORD = re.compile(r"\b(?:" + MONTH_WORD + "|" + _MONTH_NAME + r")\b|" + _WEEKDAY.pattern
                           + r"|\d\s*[年月日]|星期|曜日", re.IGNORECASE)


def _framed(elem: lxml.html.HtmlElement) -> bool:
    node: lxml.html.HtmlElement | None = elem
    while node is not None:
        if node.tag in _NOT_DATELINE or "footer" in (node.get("class") or "") or "footer" in (
                node.get("id") or ""):
            return True
        node = node.getparent()
    return False


# A label is a small element (a <dt>, a <strong> holding a <span>), not a section whose
# text would be read whole for every short line with a digit after it
_LABEL_CHILDREN = 2


def _label_of(elem: lxml.html.HtmlElement, own: bool) -> str:
    """The text just before an element's own text (``own``: the previous sibling's tail,
    else its text: "<dt>Joined</dt><dd>4 Jul 2012</dd>", "<b>Joined:</b><span>...") or
    before its tail (the element's text: "<strong><span>Joined:</span></strong> 4 Jul
    2012"); a label is a small element (_LABEL_CHILDREN)."""
    if not own:
        return str(elem.text_content()) if len(elem) <= _LABEL_CHILDREN else ""
    previous = elem.getprevious()
    if previous is None:
        return ""
    tail = (previous.tail or "").strip()
    if tail or not isinstance(previous.tag, str) or len(previous) > _LABEL_CHILDREN:
        return tail  # (a comment's text is no label)
    return str(previous.text_content())


def dateline_day(tree: lxml.html.HtmlElement, latest: date, whole: bool = False) -> str | None:
    """The first day of the page that stands alone as a line, a dateline ("March 18,
    2024", "Published: 18 March 2024", "Updated Jun 16, 2025, 9:06am CST"), wherever
    it is, headline or not; a day inside a sentence ("As of July 31, 2025, ...") is
    not one; in the first half of the page, where its headline is (lower down, the
    days of other pages and of comments, the footer's "Last updated"), or with
    ``whole`` in all of it. Text and tails of the body's elements in page order: a
    third of the time of an XPath over its text nodes."""
    body = tree.find(".//body")
    if body is None:
        return None
    order = day_order(tree)
    count = int(_COUNT(body))
    for elem in islice(body.iter(), count if whole else count // 2):
        if not isinstance(elem.tag, str):
            continue
        for text, owner in ((elem.text, elem), (elem.tail, elem.getparent())):
            if not text or len(text) > 200 or not _DIGIT.search(text):
                continue
            text = text.strip()
            if len(text) >= 48 or _member_day(_label_of(elem, owner is elem), text):
                continue
            if owner is elem and elem.tag == "time" and not _framed(elem):
                found = _time_day(elem, latest)
                if found:
                    return found
            span = day_span(text, order)
            if (span is None or owner is None
                    or not _DATELINE_REST.match(text[:span[0]] + " " + text[span[1]:])
                    or _framed(owner)):
                continue
            if day_span(text) is None and _WEEKDAY.search(text) and not _CLOCK.search(text):
                # a weekday and a day in numbers without a time: a site's top bar writes
                # the day of the visit so ("Thứ Hai, 19/05/2025"); a story's dateline has
                # its time ("Thứ hai, 12/5/2024, 08:00 (GMT+7)")
                continue
            found = parse_day(text, latest, order)
            if found:
                return found
    return None


# "This article was originally published on 26 Sep 2019 ... but has been updated": what
# a page says of its first day, wherever it says it
_ORIGINALLY = XPath("//body//text()[contains(., 'riginally p')]"
                    "[not(ancestor::script or ancestor::style)][position() <= 3]")
_ORIGINALLY_DAY = re.compile(r"\boriginally (published|posted)\b", re.IGNORECASE)


def original_day(tree: lxml.html.HtmlElement, latest: date) -> str | None:
    """The day the page says it was first published ("originally published on March 2,
    2022", "Originally posted 9 November 2022"), in the 60 characters after those words
    (in the element that holds them, its text split by markup or comments)."""
    for node in _ORIGINALLY(tree):
        owner = node.getparent()
        if owner is not None and node.is_tail:
            owner = owner.getparent()
        text = str(node) if owner is None else " ".join(owner.itertext())
        match = _ORIGINALLY_DAY.search(text)
        if match:
            found = parse_day(text[match.end():match.end() + 60], latest)
            if found:
                return found
    return None

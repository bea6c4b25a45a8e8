"""A page's title, authors, dates and site name, as a corpus can trust them.

Structured data (JSON-LD) first, then trafilatura's meta-tag and markup
searches; the headline is the page's own (its <h1> when other sources agree
with it), without the site name that <title> and og:title add.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Iterable
from copy import deepcopy
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from trafilatura import json_metadata as tjson
from trafilatura import metadata as tmeta
from trafilatura.baseline import block_text
from trafilatura.utils import HTML_STRIP_TAGS, trim

from .addresses import joined_url, split_url
from .author import QUOTED_NAME, author_candidates, author_markup_texts, extract_author
from .byline import dated_name, find_byline, signed_paragraph
from .dates import (
    MONTH_WORD,
    byline_day,
    dateline_day,
    meta_modified,
    meta_published,
    original_day,
    pubdate_day,
    shown_day,
    url_date,
)
from .html_text import class_or_id_names
from .markup_date import markup_date
from .meta_tags import meta_contents, meta_elements
from .structured import Structured, microdata_byline

__all__ = ["page_metadata", "headline", "split_authors"]


# " | Site", " - Site", " – DW – 28.04.2023", "Site: ": what <title> adds to a headline.
# Korean sites write "|" as the letter "ㅣ" ("...-정치ㅣ한국일보"), never inside a word;
# Chinese and Japanese ones as its fullwidth form "｜" ("...CUTPEN ｜ ガジェット通信 GetNews"),
# or write "_" or "--" without spaces beside their letters ("..._智能_好奇心日报",
# "...指明方向--时政--人民网"), where a Latin title's "_" is a word's; Taiwan's blog hosts
# " :: " ("Post @ Blog :: 痞客邦 PIXNET ::").
_CJK_LETTERS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_SEPARATOR = (rf"(?<=[\u3000-\u303f\uff01-\uff60{_CJK_LETTERS}])(?:_|--)"
                  rf"|(?:_|--)(?=[{_CJK_LETTERS}])")
# A colon without spaces beside their letters parts a site's name only, where the site's
# name is known ("...「Treeviz」:phpspot開発日誌"): in the headline it introduces a quote or
# a kicker ("王毅：...", "速報：..."), and no piece of it is an <h1>'s label or a blog's name
_CJK_COLON = (rf"|(?<=[\u3000-\u303f\uff01-\uff60{_CJK_LETTERS}])[:：]"
              rf"|[:：](?=[{_CJK_LETTERS}])")
# A section's name in a Chinese or Japanese title, between the headline and the site's
# name ("..._智能_好奇心日报", "...--时政--人民网", "... : スポーツ : 読売新聞オンライン")
_CJK_SECTION = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{1,4}")
_TITLE_SEPARATORS = r"\s+[-|–—:»·/]\s+|\s*[|•»·ㅣ｜]\s*|\s+::(?:\s+|$)|" + _CJK_SEPARATOR
_TITLE_SEPARATOR = re.compile(_TITLE_SEPARATORS)
# The same in a title that quotes with guillemets, where "»" closes the quotation: "Binet
# met en garde Macron sur la « gravité de la situation »", "«Die Zurückhaltung hat viel
# mit den USA zu tun» - News - SRF"
_QUOTING_SEPARATORS = r"\s+[-|–—:·/]\s+|\s*[|•·ㅣ｜]\s*|\s+::(?:\s+|$)|" + _CJK_SEPARATOR
_QUOTING_SEPARATOR = re.compile(_QUOTING_SEPARATORS)
_SITE_SEPARATOR = re.compile(_TITLE_SEPARATORS + _CJK_COLON)
_SITE_QUOTING_SEPARATOR = re.compile(_QUOTING_SEPARATORS + _CJK_COLON)
_SPACE = re.compile(r"\s+")
# what a name or a title is compared without ("Golem De" against golem.de)
_NO_WORD = re.compile(r"\W+")


def _separator(title: str, site: bool = False) -> re.Pattern[str]:
    """What separates the pieces of ``title``: _TITLE_SEPARATOR, or, where it opens a
    quotation with "«", _QUOTING_SEPARATOR; with ``site``, where a piece is searched for
    the site's name, a colon beside Chinese or Japanese letters too (_CJK_COLON)."""
    if site:
        return _SITE_QUOTING_SEPARATOR if "«" in title else _SITE_SEPARATOR
    return _QUOTING_SEPARATOR if "«" in title else _TITLE_SEPARATOR


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-"})


def _unfolded(text: str) -> str:
    """``text`` folded as _fold does but for its case."""
    return _SPACE.sub(" ", html.unescape(text)).strip().translate(_QUOTES)


def _fold(text: str | None) -> str:
    """Case, spaces, typographic quotes and dashes folded: how titles are compared."""
    return _SPACE.sub(" ", html.unescape(text or "")).strip().casefold().translate(_QUOTES)


# Labels of a host that name no site: "blog.example.com", "news.example.org".
_GENERIC_LABELS = {"www", "m", "amp", "blog", "blogs", "news", "en", "de", "fr", "es", "it",
                   "us", "uk", "online", "home", "web", "shop", "store", "app", "info", "com",
                   "org", "net", "gov", "edu", "co", "ac"}


def _site_words(sitename: str | None, url: str | None, *more: str | None) -> set[str]:
    """The site's names: what the page calls it (og:site_name, JSON-LD publisher),
    its host and the host's labels that name it ("writingcenter" of
    writingcenter.unc.edu)."""
    words = {_fold(name) for name in (sitename, *more) if name}
    host = urlsplit(url or "").hostname or ""
    labels = [x for x in host.split(".") if x not in ("www", "m", "amp")]
    if labels:
        words.add(".".join(labels))
        if len(labels) >= 2:
            words.add(labels[-2])
        words.update(x for x in labels[:-2] if len(x) >= 4 and x not in _GENERIC_LABELS)
    return {w for w in words if w}


_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "at", "to", "a", "an", "&", "und", "de"}


def _is_acronym_of(part: str, site: set[str]) -> bool:
    """A site's full name where its address has the initials: "Economic Research
    Service" on ers.usda.gov, "Mine Safety and Health Administration (MSHA)" on
    msha.gov."""
    words = [w for w in re.findall(r"[\w'’]+", part) if w.casefold() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    initials = "".join(w[0] for w in words).casefold()
    bracket = re.search(r"\((\w{2,8})\)\s*$", part)
    labels = {w.split(".")[0] for w in site if " " not in w}
    return initials in labels or (bracket is not None and bracket[1].casefold() in labels)


def _most_of_a_name(folded: str, sites: set[str]) -> bool:
    """``folded`` (spaces out) holds one of the site's names, or one holds it, at least
    half of the longer: "Filmmaker" of "Filmmaker Magazine", "NYT Cooking" of nyt."""
    return any((w in folded and 2 * len(w) >= len(folded))
               or (folded in w and 2 * len(folded) >= len(w)) for w in sites)


def _strip_site(title: str, site: set[str]) -> str:
    """"Headline | Site", "Site - Headline", "Headline – DW – 28.04.2023": the title
    without the site's name and dates at either end; separators inside the headline
    ("Review: ...", "A - B" with neither part the site) stay."""
    # the site's address before the headline, without a separator: "example.com Headline"
    address = next((w for w in site if "." in w and re.match(re.escape(w) + r"\s+\w", _fold(title))),
                   None)
    if address:
        title = title[len(address):].strip()
    separator = _separator(title, site=True)
    pieces = separator.split(title)
    seps = separator.findall(title)
    sites = {w.replace(" ", "") for w in site}

    def is_site(part: str) -> bool:
        folded = _fold(part).replace(" ", "")
        return (not folded or bool(re.fullmatch(r"[\d./-]+", folded))
                or _most_of_a_name(folded, sites) or _is_acronym_of(part, site)
                # the name with marks its address cannot have: "Sound! Stage" of
                # soundstage.example
                or _most_of_a_name(_NO_WORD.sub("", folded), sites))

    start, end = 0, len(pieces)
    while end - start > 1 and is_site(pieces[end - 1]):
        end -= 1
    if end < len(pieces):
        # the site's name is gone from the end of a Chinese or Japanese title: its
        # section's before it too, written with the same separator (not a piece of a
        # name with "_" in it: "...@ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"; not a Latin
        # title's translation: "Tokyo Story - 東京物語 - Harbour Daily")
        while (end - start > 1 and _CJK_SECTION.fullmatch(pieces[end - 1].strip())
               and seps[end - 2].strip() == seps[end - 1].strip()
               and _CJK.search(pieces[end - 2])):
            end -= 1
    while end - start > 1 and is_site(pieces[start]):
        start += 1
    out = pieces[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + pieces[i]
    return out.strip()




def _is_site_label(text: str, site: set[str], declared: list[str],
                   headings: frozenset[str] = frozenset()) -> bool:
    """An <h1> that is the site's name or logo, not the page's headline: one of the
    site's names (_names_the_site), or a blog's name that a declared title holds beside
    the headline (_ends_a_title)."""
    return _names_the_site(text, site) or _ends_a_title(text, site, declared, headings)


def _names_the_site(text: str, site: set[str]) -> bool:
    """One of the site's names, or most of it: "Filmmaker" of "Filmmaker Magazine" (not
    an <h1> that holds it: "Harbour Daily homepage", "Welcome to Harbour Daily")."""
    folded = _fold(text)
    bare = folded.replace(" ", "")
    return folded in site or any(bare in w.replace(" ", "") and 2 * len(bare) >= len(
        w.replace(" ", "")) for w in site)


def _ends_a_title(text: str, site: set[str], declared: list[str],
                  headings: frozenset[str] = frozenset()) -> bool:
    """The last piece of a declared title whose other pieces say more ("Headline | Blog
    Name"), or its first piece where an <h2> of the page (``headings``, folded) is the
    last piece and says more ("Blog Name | Headline" above "<h2>Headline</h2>"). The
    first piece is otherwise the headline, whatever follows it ("Managing dependencies -
    The Go Programming Language", "Men's Wool Runner - Natural Grey"): on WCXB dev, 14
    titles better and 5 worse than taking either end for a blog's name, none of them an
    article's."""
    folded = _fold(text)
    words = _title_words(folded)
    for title in declared:
        pieces = [p for p in _separator(title).split(title) if p.strip()]
        others = [p for p in pieces if _fold(p) != folded]
        if len(pieces) < 2 or not others:
            continue
        if folded == _fold(pieces[0]) and _fold(pieces[-1]) in headings and _title_words(
                _fold(pieces[-1])) > words and not any(_fold(t) == folded for t in declared):
            # (not where a declared title is the <h1> whole: Medium's og:title "WTF?
            # What's The Future?" over its subtitle's <h2>)
            return True
        if folded == _fold(pieces[-1]) and any(
                _title_words(_fold(p)) > words for p in others) and not all(
                _strip_site("x | " + p, site) == "x" for p in others):
            return True
    return False


def _title_words(text: str) -> int:
    """How many words ``text`` says: those between spaces, and one for every two
    Chinese, Japanese or Korean letters (which a space does not part): "好奇心日报" says
    less than "这个约会软件，想用你和对方的相似好恶来帮你找对象"."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def _opens_a_title(text: str, declared: list[str]) -> bool:
    """A short <h1> ("Flexbox", "Fields") that is the first piece of a declared title
    ("Flexbox - Learn web development | MDN"): the page's headline, where an <h1> under 8
    characters is otherwise a label ("Menu", "News")."""
    folded = _fold(_tidy_title(text))
    return bool(folded) and any(
        len(pieces := _separator(title).split(title)) >= 2 and _fold(pieces[0]) == folded
        for title in declared)


def _in_capitals(text: str) -> bool:
    """Every letter of ``text`` that has a case a capital ("ʻOHANA" too), and no
    Chinese, Japanese or Korean letter: not a Japanese headline with a Latin name in it
    ("...「ペン」、CUTPEN", whose kana have no case: str.isupper is true of it)."""
    cased = [c for c in text if c.isupper() or c.islower()]
    return bool(cased) and all(c.isupper() for c in cased) and not _CJK.search(text)


# A run of Chinese, Japanese or Korean letters, or a word of other letters and digits
_TITLE_TOKEN = re.compile("([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+)|"
                          "(?:(?![\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff])\\w)+")


def _title_tokens(text: str) -> set[str]:
    """The words of ``text`` (folded), with a run of Chinese, Japanese or Korean letters,
    which no space parts into words, taken two letters at a time: "渡轮继续运行" and
    "港口渡轮冬季继续运行" share "渡轮", "继续" and "运行"."""
    tokens = set()
    for match in _TITLE_TOKEN.finditer(_fold(text)):
        run = match[1]
        if run is None:
            tokens.add(match[0])
        elif len(run) == 1:
            tokens.add(run)
        else:
            tokens.update(run[i:i + 2] for i in range(len(run) - 1))
    return tokens


def _shared_words(text: str, titles: list[str]) -> float:
    """The largest share of ``text``'s words found in one of ``titles`` (_title_tokens);
    for a Chinese, Japanese or Korean ``text``, in the longest piece of each title: two
    letters shared with the site's or channel's name after the headline ("新浪新闻" of
    "港口渡轮冬季继续运行_新浪新闻") would make a channel's header ("新浪新闻中心滚动新闻")
    the headline."""
    words = _title_tokens(text)
    if not words:
        return 0.0
    if _CJK.search(text):
        titles = [max(_separator(t).split(t), key=len) for t in titles]
    return max((len(words & _title_tokens(t)) / len(words) for t in titles), default=0.0)


# An <h1> that shares at least this share of its words with the page's declared title
# (JSON-LD headline, og:title, <title>) is its headline, even where the two are worded
# differently ("Top 10 Health and Nutrition Trends to Watch" on a page titled "Health
# And Nutrition Trends For 2026"); one that shares less is a section label or a slogan
# ("Our blog", "Marketing made to meet your goals"). WCXB dev articles whose first <h1>
# is not inside the declared title: the headline is the <h1> for 83 of 170, the
# declared title for 66; with this share 105 right, against 63 taking the declared title.
HEADLINE_SHARED_WORDS = 0.3
# What an <h1> holds besides the headline: a date, a byline, a source and a count, a
# section label ("Dec 18 2025 ...", "... Posted on July 1 by ...", "... (latimes.com) 87",
# "Blog: ...").
# A byline's "by" comes before a name ("by Jane Doe"), not a word of the headline's
# ("Room-by-Room Breakdown", "Reviewed by a Student").
_H1_EXTRA = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b(posted|updated|"
    r"published)\b|(?<![\w-])by\s+(?-i:[A-Z])(?!\w*-)|\(\S+\.\w+\)|^\W*\w+:\s*$",
    re.IGNORECASE)


# A JSON-LD headline this long may be cut short (search engines show 110 characters)
_LD_HEADLINE_CUT = 90
# What a title adds to its <h1>: a count before, a year after ("in 2025")
_COUNT_OR_YEAR = re.compile(r"\s*(\d{1,3}|(in )?(19|20)\d\d)\s*")
# What ends a sentence, after a headline: "?", "!", ".", "…"
_END_MARK = re.compile(r"[?!.…。？！]+")


_SITE_NAME_MAX = 60


def _opening_pieces(name: str, titles: set[str]) -> bool:
    """A "site name" that is the first pieces of the page's title, separators and all:
    trafilatura's guess from a title with a dotted piece ("Ubuntu 24.04 - wifi not
    working - Networking" of "Ubuntu 24.04 - wifi not working - Networking - Harbour
    Talk"), the page's headline and more, not its site."""
    return bool(_separator(name).search(name)) and any(
        t.startswith(_fold(name)) for t in titles)


def headline(tree: lxml.html.HtmlElement, structured: Structured, meta_title: str | None,
             sitename: str | None, url: str | None,
             metas: list[lxml.html.HtmlElement] | None = None) -> str | None:
    """The headline without what follows a " | " (a section, a site, a tagline: the pipe is
    how titles append them, and headlines hardly hold one); see _headline. ``metas``:
    the page's meta_elements, when the caller has them."""
    if metas is None:
        metas = meta_elements(tree)
    og_titles = meta_contents(metas, "property", "og:title")
    # a site name that is the page's whole title (og:site_name written as og:title), or
    # as long as a headline (trafilatura's guess from "Shop.com: Product name : Section"),
    # names the page, not the site
    titles = {_fold(t) for t in (tree.findtext(".//title"), *og_titles) if t}
    og_site_name = next((v for v in meta_contents(metas, "property", "og:site_name")
                         if v.strip()), None)
    names = [name if name and _fold(name) not in titles and len(name) <= _SITE_NAME_MAX
             and not _opening_pieces(name, titles) else None
             for name in (sitename, og_site_name)]
    site = _site_words(names[0], url, names[1])
    # the names left out above because a title is them whole: where every title the
    # page declares is such a name, that title names the site, and the <h1> the story
    title_names = frozenset(_fold(name) for name in (sitename, og_site_name)
                            if name and _fold(name) in titles)
    found = _headline(tree, structured, meta_title, site, url, og_titles, title_names)
    if found:
        # an <h1> may end with the site's name too: "Best exhibitions of 2025 – Artlyst"
        # (its end only: a site-like name at the start of an <h1> is the headline's)
        stripped = _strip_site(found, site)
        if stripped and found.startswith(stripped):
            found = stripped
    if found:
        declared_titles = [t for t in (tree.findtext(".//title"), *og_titles) if t]
        found = _without_section(found, _declared_sections(metas), declared_titles, site, tree)
    if found and " | " in found:
        first = found.split(" | ", 1)[0].strip()
        if len(first.split()) >= 3:
            return _tidy_title(first)
    return _tidy_title(found) if found else found


# The page's section as its markup names it: Open Graph's article:section, and the
# <meta name> of Korean and other CMSs ("content_category": "정치")
_SECTION_METAS = (("property", "article:section"), ("name", "article:section"),
                  ("name", "content_category"), ("name", "section"), ("name", "category"))
# What parts a title's pieces: a dash or a bar between spaces, a bar or "ㅣ" as it is,
# and a hyphen right after a Chinese, Japanese or Korean letter ("...부담 커졌다-정치ㅣ
# 한국일보"), never a hyphen inside a word ("T-Mobile", "non-fiction", "K-pop")
_PIECE_SEPARATOR = rf"(?:\s+[-–—|]\s+|\s*[|ㅣ｜]\s*|(?<=[{_CJK_LETTERS}])[-–—])"


def _declared_sections(metas: list[lxml.html.HtmlElement]) -> set[str]:
    return {_fold(value) for attribute, name in _SECTION_METAS
            for value in meta_contents(metas, attribute, name) if value.strip()}


def _without_section(found: str, sections: set[str], declared: list[str], site: set[str],
                     tree: lxml.html.HtmlElement) -> str:
    """``found`` without the page's declared section at its end, where a title the page
    declares is ``found``, alone or with the site's name after it ("Headline - Wirtschaft
    | Site", "...부담 커졌다-정치ㅣ한국일보"). Not an <h1>'s text: "Le pagelle di Juventus -
    Inter", on a page in the section Inter, is the headline as the page shows it."""
    last = re.fullmatch("(.+)" + _PIECE_SEPARATOR + "([^|ㅣ｜]{1,30})", found) if sections else None
    if (last is None or _fold(last[2]) not in sections or len(last[1].strip()) < 8
            or any(_fold(h1.text_content()) == _fold(found) for h1 in tree.iter("h1"))):
        return found
    head = re.escape(_fold(found))
    for title in declared:
        # the title is the headline and the section, or they and the site's name (and
        # its tagline: "... - Politics - Harbour Daily - Local news for the coast")
        after = re.fullmatch(head + "(?:" + _PIECE_SEPARATOR + "(.+?)(?:" + _PIECE_SEPARATOR
                             + ".*)?)?", _fold(title))
        if after and (after[1] is None or _strip_site("x | " + after[1], site) == "x"):
            return last[1].rstrip()
    return found


# Letters of the scripts that write fullwidth marks: kana, CJK ideographs, Hangul
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Fullwidth forms of ASCII's marks, letters and digits ("？", "！", "：")
_FULLWIDTH = re.compile("[\uff01-\uff5e]")


def _tidy_title(title: str) -> str:
    """A title in a Latin (or other non-CJK) script with the ASCII form of the fullwidth
    marks a Chinese or Japanese input method typed ("How Does It Work？" -> "How Does It
    Work?"); a Chinese, Japanese or Korean title keeps its own. Without the permalink
    mark that documentation generators end a heading with ("Logging HOWTO¶")."""
    title = title.rstrip("¶").rstrip() or title
    if not _FULLWIDTH.search(title) or _CJK.search(title):
        return title
    return _FULLWIDTH.sub(lambda m: chr(ord(m[0]) - 0xFEE0), title)


# UTF-8 read as Latin-1 or Windows-1252 by the page's own software ("Investorâ€™s",
# "JOHNSONÂ®"): a lead byte of a two- or three-byte sequence, then a continuation byte
_MOJIBAKE = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                       "\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-"
                       "\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def _unmojibake(text: str) -> str:
    """The text as its writer typed it, where its UTF-8 was read as one of those
    single-byte charsets; a text that is not such a misreading (a Latin-1 "Café") as
    it is: its bytes are not UTF-8."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _heading_text(heading: lxml.html.HtmlElement) -> str:
    """A heading's text, a line break a space: "Top Ferry Routes of 2025<br>Your Guide"
    is "Top Ferry Routes of 2025 Your Guide", not "...2025Your Guide"; and so is a
    subtitle shown on a line of its own ("The Best Notion Alternatives<span class="block
    ...">Top Note-taking Tools</span>", a <div> or <p> inside it). Without the parts it
    hides from screen readers where they repeat its words (_shown: an animation's words,
    a layout's copy for phones, "The productdevelopmentsystem for teams..." beside the
    visually hidden "The product development system for teams and agents"), its
    elements' pieces not glued (_unglued)."""
    heading = _shown(heading)
    if heading.find(".//br") is None and not any(
            _own_line(el) for el in heading.iterdescendants()):
        return _unglued(heading.itertext())
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        for child in el:
            if isinstance(child.tag, str):
                breaks = child.tag == "br" or _own_line(child)
                if breaks:
                    parts.append(" ")
                parts.append(child.text or "")
                walk(child)
                if breaks:
                    parts.append(" ")
            parts.append(child.tail or "")

    parts.append(heading.text or "")
    walk(heading)
    return _unglued(parts)


def _unglued(pieces: Iterable[str]) -> str:
    """A heading's pieces of text (its elements' and their tails) joined, with a space
    where one ends with two lower-case letters and the next opens with a capital: two
    elements the page's style shows apart ("Black Edition<span class="...__tagline">
    Complete high-protein powder meal</span>", a headline's <span> and the site's name
    in a link after it), not one word: both pieces of two words or more ("Mc<b>Donald</b>",
    "Play<b>Station</b> 5", "Why <mark>Java</mark>Script ..." stay one)."""
    out, last = "", ""
    for piece in pieces:
        if (len(out) >= 2 and piece and out[-2:].isalpha() and out[-2:].islower()
                and piece[0].isupper() and len(last.split()) >= 2 and len(piece.split()) >= 2):
            out += " "
        out += piece
        last = piece if piece.strip() else last
    return out


def _shown(heading: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """``heading`` without its ``aria-hidden="true"`` parts (a copy) where those repeat
    words that the rest of it holds (the headline written again for screen readers):
    not a part whose words are the headline's own (a script that splits the words to
    animate them hides each and labels their parent), nor one of marks alone (a
    separator, quotation marks, a flag); a space where a part was."""
    if heading.find('.//*[@aria-hidden="true"]') is None:
        return heading
    shown = deepcopy(heading)
    hidden = [el for el in shown.iterdescendants() if isinstance(el.tag, str)
              and el.get("aria-hidden") == "true"
              and not any(a.get("aria-hidden") == "true" for a in el.iterancestors())]
    words = [set(_HEADING_WORD.findall(" ".join(el.itertext()).lower())) for el in hidden]
    for el in hidden:
        el.tail = " " + (el.tail or "")
        el.drop_tree()
    rest = set(_HEADING_WORD.findall(shown.text_content().lower()))
    return shown if all(w and w <= rest for w in words) else heading


_HEADING_WORD = re.compile(r"\w+")


# What a heading's child shows on a line of its own: a block element, or a class that
# makes it one ("block", Bootstrap's "d-block") or names a subtitle
_OWN_LINE_CLASS = frozenset(("block", "d-block", "subtitle", "sub-title", "subheading",
                             "subhead"))


def _own_line(el: lxml.html.HtmlElement) -> bool:
    return isinstance(el.tag, str) and (
        el.tag in ("div", "p") or not _OWN_LINE_CLASS.isdisjoint(
            (el.get("class") or "").lower().split()))


def _home_link(h1: lxml.html.HtmlElement, url: str | None) -> bool:
    """An <h1> that is all one link to the site's home page: the site's name or logo in
    its header ("<h1><a href="/">Harbour Daily</a></h1>"), not the page's headline."""
    links = h1.findall(".//a")
    if len(links) != 1 or _SPACE.sub("", links[0].text_content()) != _SPACE.sub(
            "", h1.text_content()):
        return False
    joined = joined_url(url, links[0].get("href") or "")
    target, page = (split_url(joined) if joined else None), urlsplit(url or "")
    return (target is not None and target.path in ("", "/") and not target.query
            and (target.hostname or "").removeprefix("www.") == (page.hostname or "").removeprefix(
                "www."))


def _kicker_and(h1: lxml.html.HtmlElement, declared: list[str]) -> str | None:
    """The headline of an <h1> made of elements, a kicker and the headline, where the
    headline is what a declared title says before its separator: "<h1><div>Get that
    tech stack</div><span>Harbour Coffee</span></h1>" on a page titled "Harbour Coffee |
    App Store". Or of the headline as the <h1>'s own text and a tagline in an element
    after it: "<h1>Black Edition<span class="...__tagline">Complete protein meal</span>
    </h1>" on a page titled "Black Edition | Harbour Foods"."""
    children = [c for c in h1 if isinstance(c.tag, str)]
    own = _SPACE.sub(" ", h1.text or "").strip()
    if own and not (children and _tagline_after(h1.text or "", children[0])):
        return None  # the element continues the <h1>'s text: ", operator warns"
    if len(children) + bool(own) < 2 or any((c.tail or "").strip() for c in children):
        return None
    heads = {_fold(_separator(t).split(t)[0]) for t in declared}
    texts = [own] * bool(own) + [_SPACE.sub(" ", child.text_content()).strip()
                                 for child in children]
    for i, text in enumerate(texts):
        # the rest is no part of the title: a kicker, not the title's second half
        # ("<h1><span>itertools</span><span>Functions creating ...</span></h1>")
        rest = [_fold(t) for j, t in enumerate(texts) if j != i and t]
        if len(text) >= 8 and _fold(text) in heads and rest and not any(
                r in _fold(t) for r in rest for t in declared):
            return text
    return None


def _tagline_after(text: str, element: lxml.html.HtmlElement) -> bool:
    """Whether ``element`` opens a line of its own right after ``text``: its text starts
    with a capital, touching a word's end ("Black Edition<span>Complete ...")."""
    first = element.text or ""
    return bool(text) and text[-1].isalnum() and first[:1].isupper()


_KICKER_WORDS = 8


def _kicker_then_headline(h1: lxml.html.HtmlElement, declared: list[str],
                          site: set[str]) -> str | None:
    """The headline of an <h1> that writes a kicker (a topic line) in an element of its own
    before it, its words run together with the headline's in the <h1>'s text: "<h1><span
    class="topline">Premier League</span> <span>Liverpool lose at Everton</span></h1>".
    A declared title with the same words, the kicker's separator written ("Ausschuss zur
    Ahrtal-Flut: Zwei Rücktritte"); the two, a space between, where a declared title names
    the kicker too; otherwise the headline alone, where a declared title holds it or the
    kicker's class names it one (_KICKER_CLASS)."""
    if (h1.text or "").strip() or not len(h1) or not isinstance(h1[0].tag, str):
        return None
    kicker = _unmojibake(_SPACE.sub(" ", h1[0].text_content()).strip())
    pieces = [h1[0].tail or ""]
    for child in h1[1:]:
        if isinstance(child.tag, str):
            pieces += [_heading_text(child), child.tail or ""]
    # one piece after the kicker; a separator that only a screen reader sees ("<span
    # class="h-offscreen"> - </span>") is none
    pieces = [p for p in pieces if re.search(r"\w", p)]
    if len(pieces) != 1 or not kicker or len(kicker.split()) > _KICKER_WORDS:
        return None
    headline = _unmojibake(_SPACE.sub(" ", pieces[0]).strip())
    if _fold(kicker) == _fold(headline):
        return headline
    whole = _NO_WORD.sub("", _fold(kicker + headline))
    stripped = [_strip_site(t, site) for t in declared]
    for title in stripped:
        if _NO_WORD.sub("", _fold(title)) == whole:
            return title
    core = re.sub(r"^\W+|\W+$", "", _fold(kicker))
    if core and any(re.search(r"(?<!\w)" + re.escape(core) + r"(?!\w)", _fold(title))
                    for title in stripped):
        # the title names the kicker too: one headline in two colours ("Police catch two
        # thieves:</span> jewellery found"), a brand before its product's name
        return f"{kicker} {headline}"
    if any(_fold(headline) in _fold(title) for title in stripped) or (
            _named_kicker(h1[0]) and _opens_as_headline(headline)
            and len(headline.split()) >= max(4, len(kicker.split()) + 1)):
        return headline
    return None


def _named_kicker(elem: lxml.html.HtmlElement) -> bool:
    """Whether a word of ``elem``'s class names it a kicker (_KICKER_CLASS), not a
    headline that has or lacks one ("headline--with-kicker", "no-overline")."""
    return any(_KICKER_CLASS.search(word) and not _NO_KICKER.search(word)
               for word in (elem.get("class") or "").split())


# A class word that ends naming a kicker, the topic line over a headline: "dachzeile"
# (MDR's "<h1><span class="dachzeile">Schlachtbetriebe</span><span class="headline">Das
# harte Geschäft ...</span></h1>", its declared titles written for search engines),
# "article-kicker", "c-topline", "eyebrow", "spitzmarke", "surtitre", "occhiello" (not
# "c-topline-title", "hoverline", "topline-nav"); the headline after it opens as one
# does, with a capital (after a quotation mark if any), and is longer (not "won't cut
# rates" after "Why the Fed", nor a day or a byline after a headline classed so)
_KICKER_CLASS = re.compile(r"(^|[-_])(kicker|dachzeile|overline|topline|roofline|eyebrow|"
                           r"spitzmarke|supertitle|overtitle|pre-?title|surtitre|surtitle|"
                           r"occhiello|antet[ií]tulo)$", re.IGNORECASE)
_NO_KICKER = re.compile(r"(^|[-_])(no|has|with|without)[-_]+\w*$", re.IGNORECASE)


def _opens_as_headline(text: str) -> bool:
    """Whether ``text`` opens as a headline does: a capital, after a quotation mark if
    any (a letter without case too: Chinese, Japanese, Korean)."""
    first = text.lstrip("\"'„“”«‹‚‘’")[:1]
    return first.isalpha() and not first.islower()


def _in_navigation(elem: lxml.html.HtmlElement) -> bool:
    """Whether ``elem`` sits in a <nav> or a breadcrumb trail: an <h1> there is the
    trail's last step or a title written for search engines (Tages-Anzeiger's
    "Breadcrumbs_seotitle", n-tv's, the Funke papers' "Home > Politik > <h1>"), not the
    headline shown over the story. On fundus's news pages 11 titles right and 2 wrong
    (Spiegel's and the FAZ's trails end with the headline); WCXB dev 2 right, 0 wrong."""
    for parent in elem.iterancestors():
        if parent.tag in ("body", "html"):
            # a theme lists its options there ("genesis-breadcrumbs-visible")
            return False
        if ((parent.tag == "nav" and len(parent.text_content()) < _NAV_CHARS)
                or (parent.get("itemtype") or "").endswith("BreadcrumbList")
                or any(_BREADCRUMB.match(token) for token in
                       f"{parent.get('class') or ''} {parent.get('id') or ''}".lower().split())):
            return True
    return False


# A <nav> of this many characters of text or more holds the page, not a trail (a broken
# template's menu left open around the article: 34,000 characters)
_NAV_CHARS = 2000
# A class or id naming a breadcrumb trail or one of its parts ("breadcrumb-item",
# "Breadcrumbs_breadbar__2d4i8", "nvg-breadcrumb_item"), not a container that also holds
# one ("__with-breadcrumbs", "container--breadcrumbs-and-subnav") nor a theme's option
_BREADCRUMB = re.compile(r"^(?:[a-z0-9-]*[-_])?(?<!with[-_])(?<!has[-_])(?<!show[-_])"
                         r"breadcrumbs?(?:[-_]+(?:item|list|bar|breadbar|trail|link)\w*|__\w+)?$")


# A front page's address: the home page, a language's, an index file
_FRONT_PATH = re.compile(r"^/?(?:[a-z]{2}(?:[-_][a-z]{2})?/?)?(?:(?:index|default|home)(?:\.\w+)?/?)?$",
                         re.IGNORECASE)


def _links_away(h1: lxml.html.HtmlElement, url: str | None) -> bool:
    """Whether most of an <h1>'s text is a link to another page (a front page's lead
    story; not a post's title linked to itself, WordPress's "entry-title")."""
    text = len(" ".join(h1.text_content().split()))
    own = urlsplit(url or "").path.rstrip("/")
    linked = sum(len(" ".join(a.text_content().split())) for a in h1.iter("a")
                 if (a.get("href") or "").strip() not in ("", "#")
                 and urlsplit(a.get("href", "")).path.rstrip("/") != own)
    return 2 * linked > text


def _headline(tree: lxml.html.HtmlElement, structured: Structured, meta_title: str | None,
              site: set[str], url: str | None, og_titles: list[str],
              title_names: frozenset[str] = frozenset()) -> str | None:
    """The on-page headline: the first <h1> that is not the site's name and that <title>,
    og:title or the JSON-LD headline contain, or, failing that, that shares words
    with them, or any, where every title the page declares is the site's name;
    otherwise the best of those without the site's name (``site``: its names,
    _site_words; ``og_titles``: the contents of its og:title meta tags;
    ``title_names``: names the page gives the site that a title is whole)."""
    html_title = _SPACE.sub(" ", tree.findtext(".//title") or "").strip()
    og = next((v for v in og_titles if v.strip()), "")
    html_title, og = _unmojibake(html_title), _unmojibake(og)
    h1_elements = [h1 for h1 in tree.iter("h1") if not _in_navigation(h1)]
    all_h1 = [_unmojibake(_SPACE.sub(" ", _heading_text(h1)).strip()) for h1 in h1_elements]
    # trafilatura's title is the <h1> itself on a page with one <h1> and no og:title:
    # not a title the page declares
    if meta_title and _fold(meta_title) in {_fold(t) for t in all_h1}:
        meta_title = None
    ld_headline = structured.headline and _unmojibake(structured.headline)
    if ld_headline and len(ld_headline) >= _LD_HEADLINE_CUT and any(
            len(t) > len(ld_headline) and _fold(t).startswith(_fold(ld_headline))
            for t in (og, html_title)):
        # cut at the length search engines show (110 characters), mid-sentence: the
        # title that goes on is whole
        ld_headline = None
    declared = [_SPACE.sub(" ", html.unescape(t)).strip() for t in (
        ld_headline, og, meta_title, html_title) if t and t.strip()]
    # a title that is the site's name says nothing of the page
    declared = [t for t in declared if _fold(_strip_site(t, site)) not in site] or declared
    # trafilatura's title may be the blog's name that the <h1> holds
    declared = [t for t in declared if not _is_site_label(t, site, declared)] or declared
    h1s: list[str] = []
    h1_of: dict[str, lxml.html.HtmlElement] = {}
    # the page's <h2>s, where an <h1> is a title's first piece: the post's headline under
    # a blog's name may be one of them
    folded_h1 = {_fold(h) for h in all_h1}
    headings = frozenset(_fold(_heading_text(h)) for h in tree.iter("h2")) if any(
        _fold(_separator(t).split(t)[0]) in folded_h1 for t in declared) else frozenset()
    for text, h1 in zip(all_h1, h1_elements, strict=True):
        if text and _ends_a_title(text, site, declared, headings):
            # the blog's or the book's name the title holds too ("Defining Shared
            # Behavior with Traits - The Rust Programming Language"), however short or
            # linked home (<a href="/"><h1>好奇心日报</h1></a>): one of the site's
            # names, for the title to leave out
            site = site | {_fold(text)}
            continue
        if not (len(text) >= 8 or _opens_a_title(text, declared)) or _home_link(h1, url):
            continue
        if _names_the_site(text, site):
            continue
        h1s.append(text)
        h1_of.setdefault(text, h1)
    if h1s:
        if not declared:
            return h1s[0]
        if _in_capitals(h1s[0]) and _shared_words(h1s[0], declared) >= HEADLINE_SHARED_WORDS:
            # an <h1> in capitals is styled ("BEST DRIP COFFEE MAKER IN 2026"): the title
            # as its writer cased it
            for candidate in declared:
                stripped = _strip_site(candidate, site)
                if stripped and _fold(stripped) not in site:
                    return stripped
        # a later <h1> that is a declared title whole, where the first is only held in
        # one: the site's header is an <h1> too, and the title ends with it ("Nigeria:
        # ...　国際ニュース：AFPBB News" over <h1>国際ニュース：AFPBB News</h1>)
        whole = {_fold(t) for t in declared}
        exact = [] if _fold(h1s[0]) in whole else [t for t in h1s[1:] if _fold(t) in whole]
        for text in exact + h1s:
            if any(_fold(text) in _fold(t) for t in declared):
                # the title says how many or which year besides ("8 Recent Trends in
                # Photography", "... Platforms 2025"): the whole headline
                for candidate in declared:
                    stripped = _strip_site(candidate, site)
                    extra = _fold(stripped).replace(_fold(text), " ", 1)
                    if extra != " " and _COUNT_OR_YEAR.fullmatch(extra):
                        return stripped
                return text
        kicker_and = (_kicker_and(h1_of[h1s[0]], declared)
                      or _kicker_then_headline(h1_of[h1s[0]], declared, site))
        if kicker_and:
            return kicker_and
        if "?" in h1s[0]:
            # "Event Planning? Beginner? Guide": the site's software wrote "?" for what it
            # could not encode; the title has the marks ("Event Planning: Beginner's Guide")
            garbled = re.compile(".{1,2}".join(map(re.escape, _fold(h1s[0]).split("?"))))
            for candidate in declared:
                stripped = _strip_site(candidate, site)
                if garbled.fullmatch(_fold(stripped)):
                    return stripped
        # the declared headline inside a longer <h1>: the <h1> holds a date, a byline
        # or a count besides ("Dec 18 2025 Preparing a transition", "... (latimes.com) 87")
        first = _fold(h1s[0])
        for candidate in declared:
            stripped = _fold(_strip_site(candidate, site))
            if len(stripped) >= 8 and stripped.replace(" ", "") in first.replace(" ", ""):
                if stripped not in first:  # the same words, spaced otherwise
                    return _strip_site(candidate, site)
                # what the <h1> says besides, its case kept (a byline's name is capitalised)
                extra = re.sub(re.escape(stripped), " ", _unfolded(h1s[0]), flags=re.IGNORECASE)
                if _H1_EXTRA.search(extra):
                    return _strip_site(candidate, site)
                if _END_MARK.fullmatch(extra.strip()):
                    # the mark that ends the headline, which the title leaves out: "What's
                    # next in 2025?" against "What's next in 2025 | Blog"
                    return h1s[0]
                if not _NO_WORD.sub("", extra):  # a permalink's "¶", "#"
                    return _strip_site(candidate, site)
        # the first of them only: later <h1>s that share a word with the title are the
        # body's section headings ("So many models!" under "Small adventures with small
        # language models")
        if _shared_words(h1s[0], declared) >= HEADLINE_SHARED_WORDS:
            return h1s[0]
        if (not _FRONT_PATH.match(urlsplit(url or "").path)
                and not _links_away(h1_of[h1s[0]], url)
                and all(_names_the_site(_strip_site(t, site) or t, site | title_names)
                        for t in declared)):
            # "<title>Harbour News</title>" over "<h1>Ferry keeps running</h1>": a page
            # titled with the site's name alone, the home page's title on every page; not
            # on a front page ("/", "/en/", "/index.html", whose own title is the site's
            # name), nor where the <h1> links to another page (a front page's lead story)
            return h1s[0]
    for candidate in declared:
        stripped = _strip_site(candidate, site)
        if stripped and _fold(stripped) not in site:
            return stripped
    if not declared:
        return None
    return declared[0].strip(" |-–—:·/•" if "«" in declared[0] else " |-–—:»·/•") or declared[0]


# A news agency by what it calls itself: "SID Nachrichtenagentur", "Anadolu Ajansı"
_AGENCY = re.compile(r"\b(news ?agency|press agency|nachrichtenagentur|presseagentur|agence|agencia|"
                     r"agenzia|ajansı)\b", re.IGNORECASE)
# Not people: news agencies, desks and the site itself.
_AGENCY_NAMES = (
    r"associated press|ap|reuters|afp|agence france-presse|dpa|ansa|efe|pti|ians|ani|"
    r"xinhua|tass|kyodo|yonhap|ttxvn|vna|upi|bloomberg|cnn|bbc|apa|sda|keystone-sda|kna|epd|"
    r"sid|anp|belga|ntb|ritzau|ctk|čtk|pap|mti|ats|lusa|europa press|anadolu( ajansı| agency)?|"
    r"aa|bernama|antara|aap|canadian press|pa media|interfax|ukrinform|jiji( press)?|"
    # Kyodo, Jiji, Xinhua, China News Service, CNA, Yonhap, Newsis, News1 as their own
    # papers write them
    r"共同(通信社?)?|時事(通信社?)?|新华社|新華社|中新社|中央社|연합뉴스|뉴시스|뉴스1")
_DESK_NAMES = (r"staff|staff writer|editorial (staff|team|board)|editors?|news desk|newsroom|"
               # German bylines' "red" (the newsroom) and "Agenturen" (agencies), a
               # desk by its name ("Redaktion Sport", "Redaktion tagesschau.de")
               r"red|agenturen|agencies|agences|agencias|agenzie|redaktion [\w.-]+|"
               # a template's placeholder ("xxx" in Die Zeit's e-paper), a script's
               # empty value
               r"x{2,}|lorem ipsum|tbd|n/a|null|undefined|none|"
               r"(from )?(staff|wire|staff and wire|wire and staff) reports?|news services|"
               r"admin|administrator|guest|"
               # "News" and the newsroom in other languages: a section or a desk, set as
               # the meta tag's author ("Nachrichten" on wochenblatt.cc)
               r"news|nachrichten|noticias|notizie|nieuws|nyheter|actualités|actualites|"
               r"redaktion|rédaction|redacción|redazione|redactie|tin tức")
_NOT_PERSON = re.compile(rf"^(the )?({_AGENCY_NAMES}|{_DESK_NAMES})$", re.IGNORECASE)
# a newspaper's name opens with its article ("Der Postillon", "The Asahi"), a person's
# does not
_ARTICLES = ("the", "der", "die", "das", "het", "los", "las", "il", "gli")
_ARTICLE_WORD = re.compile(rf"^({'|'.join(_ARTICLES)}|les)\s", re.IGNORECASE)
# a paper's name after its writers' opens with one of these: not "les" ("Les Carpenter"
# is a name as often as "Les Echos" a paper)
_PAPER_ARTICLE = re.compile(rf"^({'|'.join(_ARTICLES)})\s", re.IGNORECASE)
# a news agency by its name alone ("SID", "The Associated Press")
_AGENCY_NAME = re.compile(rf"^(the )?({_AGENCY_NAMES})$", re.IGNORECASE)
# Words of a page's labels and accounts that byline searches pick up: "Written by",
# "Submitted on Mon, 2019-01-21" (Drupal's line: "Submitted" once its day is cut),
# "About the author", "View more posts", "NOC Admin", "Privacy policy", a follow
# button's "Folgen", "Aktualisiert am" and "Son Güncelleme" ("updated"), "Quelle: sid",
# "Last Update", a profile link's "See full bio", "Lesedauer" (reading time).
_LABEL = re.compile(r"(^|\s)(authors?|written|posted|published|submitted|updated?|view|posts|privacy|policy|"
                    r"bio|lesedauer|"
                    r"cookies?|admin|administrator|webmaster|follow|folgen|suivre|aktualisiert|"
                    r"geschrieben|verfasst|"
                    r"güncelleme|actualizado|aggiornato|atualizado|bijgewerkt|quelle|©)(\s|$)",
                    re.IGNORECASE)
# A byline's date read as a name: "Dec", "On December 9", "Updated January".
_MONTH = re.compile(rf"^(on )?{MONTH_WORD}\.?(\s+\d.*)?$", re.IGNORECASE)
# The months' whole names: after a name, what is left of a day (a month's abbreviation
# there is often a name's: "Jun", "Mar")
_MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october|"
                "november|december")
# What follows a name after a comma in "Jane Doe, Senior Director of Operations, Acme":
# her role, then her employer; the rest of the byline is not more people.
_ROLE = re.compile(
    r"\b(ceo|cto|cfo|coo|founder|co-founder|director|editor|writer|reporter|correspondent|"
    r"columnist|contributor|attorney|lawyer|expert|educator|dietitian|nutritionist|manager|"
    r"president|officer|professor|consultant|specialist|analyst|journalist|photographer|"
    r"horticulturalist|strategist|engineer|representative|intern|head of)\b", re.IGNORECASE)
# Letters after a name: "MD", "RD", "CFP", "PhD", "E-RYT 200".
_CREDENTIAL = re.compile(r"^((ph\.?d|[A-Z][A-Z0-9.-]{1,6})\s*)+$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\bund\b|\bet\b|\by\b|、|，)\s*")
# and, for a declared name that lists people, Danish, Norwegian and Swedish "og", "och"
# (not every byline's: "Tekst og foto: Jens Hansen" is a label)
_LIST_SPLIT = re.compile(_AUTHOR_SPLIT.pattern[:-len(r")\s*")] + r"|\bog\b|\boch\b)\s*")


def split_authors(value: str | None) -> list[str]:
    if not value or _CJK_EDITOR.match(value):
        # an editor's line, "（责编：牛镛、岳弘彬）": not one name of it is an author's
        return []
    return [a for a in (x.strip() for x in _AUTHOR_SPLIT.split(html.unescape(value))) if a]


# What joins the names of a list: "... and Ann Poe", "&", "und", "et", ";", "、" (not
# Spanish "y", Catalan "i": a name's own particle, "Jordi Puig i Ferrer"); a name and
# one comma alone is one person and her paper or place: "Jane Doe, Washington Post",
# "Jane Doe, San Francisco"; three or more parts are a list
_LIST_JOIN = re.compile(r"\s(and|&|und|et|en|og|och)\s|[;、，]", re.IGNORECASE)


def _listed_people(name: str) -> list[str]:
    """A declared author's name that lists several people, as its parts: "Jane Doe,
    John Roe and Ann Poe" as one Person's name (a CMS's joined byline). Only a list
    joined as one (_LIST_JOIN) or of three parts or more, whose every part is a full
    name (two words or more, or Chinese, Japanese or Korean letters): "Doe, Jane",
    "Simon & Schuster", "Jane Doe, PhD" and "Jane Doe, Washington Post" stay one name."""
    parts = [part for part in map(str.strip, _LIST_SPLIT.split(html.unescape(name)))
             if part] if not _CJK_EDITOR.match(name) else []
    # the agency the writers wrote with, last: "Felix Schröder und Jörg Soldwisch, dpa",
    # "Le Figaro et AFP" (it is no person, nor a name of theirs)
    people = [part for part in parts if not _AGENCY_NAME.match(_fold(part))]
    if (len(parts) >= 2 and people and (_LIST_JOIN.search(name) or len(parts) >= 3)
            and all(len(part.split()) >= 2 or _CJK.search(part) for part in people)):
        return people
    return [name]


# Labels before and after a name in a byline: "Written by", "Author:", "View all posts
# by", "This post was written by" ... "Last updated August 1".
_BYLINE_PREFIX = re.compile(
    r"^((this (post|article|story) (was )?)?(written|posted|published|view all posts|"
    r"view posts|all posts|((see|read|view) )?(more )?(articles|posts|stories)|"
    # what the piece is, before its writer: "Recipe by", "Article by:", "Words by"
    r"recipe|article|story|post|column|essay|interview|review|analysis|commentary|"
    r"opinion|guide|feature|report|text|words|content)?\s*by|"
    # a link to the writer's page: "Read more about The Upwork Team", "More from"
    r"((read|see|view|learn) )?more (about|from)|authors?|autor(in|en)?|by|von|"
    # German's "Redaktion: Jane Doe" (edited by), "Text: Jane Doe" (with their colon)
    r"(redaktion|text|tekst|texte|texto|testo)(?=\s*:)|redakteur(in)?|"
    r"par|por|di|bởi)"
    r"\s*:?\s+|^(作者|记者|撰文|文)\s*[:：/]\s*", re.IGNORECASE)
# Who edited, checked or produced the piece, in Chinese ("责任编辑：李华", "责编：牛镛"):
# not its author
_CJK_EDITOR = re.compile(r"^\W*(责任编辑|责编|编辑|編輯|校对|审核|审校|监制|统筹)")
_BYLINE_SUFFIX = re.compile(r"\s+(last )?(updated|published|posted)\b.*$|"
                            # a Korean byline's role after the name ("신현주 기자": reporter,
                            # "특파원": correspondent; "외 1명": and one more)
                            r"\s*(선임|수석|전문|객원)?(기자|특파원)(\s.*)?$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.?$")
_TRAILING_NUMBER = re.compile(r"(?:\s+\d+)+$")
# A month after a name, what is left of the byline's day ("PATRICK REEVELL December" of
# "... and PATRICK REEVELL December 16, 2016, 4:19 PM")
# (not "May": a name's as often, "Theresa May")
_TRAILING_MONTH = re.compile(rf"(?<=\w\s)\s*({_MONTH_NAMES.replace('may|', '')})$",
                             re.IGNORECASE)
# Not a person's name: a web address read as words ("Www Facebook Com")
_WEB_ADDRESS = re.compile(r"(^|\s)(www|com|https?)(\s|$)", re.IGNORECASE)
# After a person, what describes the people named ("Jane Doe, John Roe, extension
# educators"): lower-case words where names capitalise theirs (particles aside)
_DESCRIPTION = re.compile(r"\s(?!della\b|degli\b|delle\b)[a-z]{4,}\b")
# Who checked or edited the piece, after its author's name: "Shelby Loos, DVM Reviewed by
# Molly Price", "Jane Doe Fact checked by John Roe"; not its authors.
_REVIEWER = re.compile(r"\s*\b((medically |fact[- ])?reviewed|fact[- ]checked|edited|"
                       r"illustrat(ed|ions)|photo(graph)?s?)( and \w+)?\s+by\b.*$|"
                       # its translator: "Diogo Carleto 翻訳者 中村 真子"
                       r"\s*(翻訳者|翻訳|译者|翻译|譯者|翻譯)\s*[:：]?\s*\S.*$", re.IGNORECASE)
# Words of an organisation's name, not a person's: "Cleveland Clinic", "Clemson News".
_ORGANISATION = re.compile(
    r"\b(clinic|hospital|health|news|today|times|daily|post|journal|magazine|media|press|"
    r"foundation|institute|university|college|school|association|society|council|center|"
    r"centre|group|company|inc|ltd|llc|gmbh|hotels?|books|bank|insurance|agency|community|"
    r"network|awards?|forum|shop|store|medicine|wealth|"
    # a newspaper's name in other languages: "n-tv NACHRICHTEN", "Stuttgarter Zeitung",
    # "Le Figaro Actualités", "Corriere della Sera" are written as any name is
    r"nachrichten|zeitung|zeitschrift|rundschau|kurier|anzeiger|tagblatt|tageblatt|"
    r"presse|nieuws|krant|dagblad|avis|tidning|tidende|gazette|gazeta|gazzetta|giornale|"
    r"corriere|diario|noticias|notícias|jornal|actualités|tribune|herald|courier|"
    r"chronicle|observer|telegraph|express|gazet)\b", re.IGNORECASE)


def _name_before_role(name: str, role: re.Match[str]) -> str | None:
    """"Keith Barry Senior Autos Reporter" -> "Keith Barry": the first two words before
    the role (three with a middle initial), or None when no name of two words or more
    comes before it ("Community Editor")."""
    words = name[:role.start()].split()
    if len(words) < 2 or _ROLE.search(words[0]):
        return None
    keep = 3 if len(words) >= 3 and _INITIAL.match(words[1]) else 2
    return " ".join(words[:keep])


def _capitals_name(name: str, before: list[str], in_capitals: int) -> bool:
    """``name`` in capitals after a first author's in capitals ("KEVIN SACK, SHERI FINK"):
    one more name of a byline that writes them so, not a credential ("Jane Doe, MD").
    Or one of two names or more in capitals (``in_capitals``: how many the byline has)
    after one that trafilatura cased ("By Josh Haskell; DAVID CAPLAN; PATRICK REEVELL"
    of "by JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL"), each word of four letters or
    more, longer than credentials' initials ("FACS", "MD", "CFP"); not a dateline's one
    place after a name ("Jane Doe, MEXICO CITY")."""
    words = name.split()
    return len(words) >= 2 and (
        (_in_capitals(before[0]) and all(len(w) >= 3 for w in words))
        or (in_capitals >= 2 and len(words) <= 3
            and all(len(w) >= 4 and w.isalpha() for w in words)))


_TRAILING_AGENCY = re.compile(r"\s+(the )?(associated press|reuters|agence france-presse|"
                              r"bloomberg news|the canadian press|pa media)$", re.IGNORECASE)


# A byline's day after a bullet or a bar: "Haley Hoekstra • March" (of "By Haley
# Hoekstra &bull; <span>March 12, 2025</span>", its figures cut): no name holds either.
_SEPARATED_DAY = re.compile(rf"\s+[•·|]\s*(on\s+)?(({_MONTH_NAMES})\b\.?(\s*\d.*)?|\d.*)$",
                            re.IGNORECASE)
# An avatar's initials before the name it stands for ("CM Craig McCarthy")
_AVATAR_INITIALS = re.compile(r"([A-Z]{2,3})\s+(\S.*)")


def _without_initials(name: str) -> str:
    initials = _AVATAR_INITIALS.fullmatch(name)
    if initials:
        words = initials[2].split()
        letters = {"".join(w[0] for w in words), words[0][0] + words[-1][0]}
        if len(words) >= 2 and initials[1] in letters:
            return initials[2]
    return name


def _bare_name(name: str, from_text: bool) -> str:
    """``name`` without a byline's label and its day's remains; see _people."""
    name = html.unescape(name).strip(" ,;:|-–—·•")
    quoted = QUOTED_NAME.fullmatch(name)
    if quoted:
        name = quoted[1].strip()
    name = _without_initials(_SEPARATED_DAY.sub("", name))
    name = _BYLINE_SUFFIX.sub("", _BYLINE_PREFIX.sub("", _BYLINE_PREFIX.sub("", name))).strip()
    # a number after the name is what was left of a day ("Yucy 3" of "Yucy3/4/2025")
    name = _TRAILING_NUMBER.sub("", name)
    # the agency a reporter writes for, after the name without a comma: "By JOHN ROE
    # Associated Press" (AP's byline on the papers that print its stories)
    agency = _TRAILING_AGENCY.search(name)
    if agency and len(name[:agency.start()].split()) >= 2:
        name = name[:agency.start()].strip()
    if from_text and len(name.split()) >= 3:
        # and a month, in a byline read from the text (a declared name may end with one:
        # "Mary Kate March")
        name = _TRAILING_MONTH.sub("", name).strip()
    return name


def _people(names: list[str], site: set[str], from_text: bool = False) -> list[str]:
    """The people among ``names``; ``from_text``: read from the page's text (author
    markup, a byline), not declared (JSON-LD, meta tags)."""
    out: list[str] = []
    seen: set[str] = set()  # out's names, folded ("Jeffrey Gettleman; JEFFREY GETTLEMAN")
    site_bare = {_NO_WORD.sub("", w) for w in site}
    site_dotted = {_NO_WORD.sub("", w) for w in site if "." in w}  # "Golem De"
    checked = False  # a reviewer came: no more authors after this name
    site_first = False  # the first name is the site's own
    in_capitals = sum(1 for n in names if _in_capitals(_bare_name(n, from_text)))
    for index, name in enumerate(names):
        if checked:
            break
        if _CJK_EDITOR.match(name):
            continue
        name = _bare_name(name, from_text)
        reviewer = _REVIEWER.search(name)
        if reviewer:
            name, checked = name[:reviewer.start()].strip(" ,;:|-–—·•"), True
        role = _ROLE.search(name)
        if role:
            # "Jane Doe, Senior Director, Acme": what follows her name is her role and
            # employer, not more people
            if out:
                break
            name = _name_before_role(name, role) or ""
            if not name:
                continue
        if ((out and _CREDENTIAL.match(name) and not _capitals_name(name, out, in_capitals))
                or _MONTH.match(name) or _LABEL.search(name)
                or any(w.count("-") >= 3 for w in name.split())  # "Wp-Block-Co-Authors-Plus"
                or not re.search(r"[^\W\d_]", name)  # "1", "#2"
                or _WEB_ADDRESS.search(name) or (out and _DESCRIPTION.search(name))
                # a paper's name after its writers': "Jane Doe and John Roe, The Courier",
                # "..., Der Tagesspiegel"
                or (out and _PAPER_ARTICLE.match(name))):
            continue
        folded = _fold(name)
        # the site's name as the author: a brand ("VnExpress", "golem.de"), not a person;
        # a personal site's name ("Rick Steves") is its author's
        bare = _NO_WORD.sub("", folded)
        brand = " " not in folded or "." in folded
        if (not folded or _NOT_PERSON.match(folded) or _AGENCY.search(folded) or "http" in folded
                or bare in site_dotted
                or (brand and bare in site_bare)
                or (folded in site and _ARTICLE_WORD.match(folded))):  # "Der Postillon"
            site_first = site_first or (index == 0 and (
                bare in site_dotted or (brand and bare in site_bare)))
            continue
        if out and " " not in name and not _CJK.search(name) and all(" " in n for n in out):
            # one word after full names: the byline's place ("Von Ines Zöttl, Washington")
            continue
        # (a set, not the names folded again for each: a paper of a physics collaboration
        # declares thousands of authors, and that was quadratic, 69 s for 10,000)
        if folded not in seen:
            seen.add(folded)
            # (one space where a nickname was taken out: "Paramita (Guha) Ghosh")
            out.append(" ".join(name.split()))
        if role:
            break
    if (site_first and not from_text and len(out) >= 2
            and all(" " not in n and n[:1].isupper() and n[1:].islower() for n in out)):
        # the site's name with its town and country, declared as its author: its address
        # ("hessenschau.de, Frankfurt, Germany"), no one's name (one one-word name after
        # it stays, a reporter's: "Kompas.com, Heryadi"; two are taken for a town and a
        # country; a byline's initials stay, "srf/hosb;kesm", read from the text)
        return []
    return out


def _organisation_site(name: str, site: set[str]) -> bool:
    """"USA TODAY" on usatoday.com, "Clemson News" on news.clemson.edu, "British Heart
    Foundation" on bhf.org.uk: the site's own name, or most of it, as an organisation
    writes it (capitals, an organisation's word, the initials of the address), not a
    personal site's name ("Ash Vardanian" on ashvardanian.com)."""
    folded = _NO_WORD.sub("", _fold(name))
    sites = {_NO_WORD.sub("", x) for x in site}
    named = any((w in folded and 2 * len(w) >= len(folded))
                or (folded in w and 2 * len(folded) >= len(w))
                for w in sites if len(w) >= 3)
    if named:
        # ("NHK ニュース" too: str.isupper passes over the kana)
        return name.isupper() or bool(_ORGANISATION.search(name))
    return _is_acronym_of(name, site)


def _byline_names(found: list[str], tree: lxml.html.HtmlElement, site: set[str]) -> list[str]:
    """``found``, or, where it is one name that opens a byline whose microdata names
    more ("By KEVIN SACK, ADAM NOSSITER and SHERI FINK", each an author item of its
    own: the markup search stops at the first), all of that byline's names (looked
    for only where one name was found)."""
    if len(found) != 1:
        return found
    more = microdata_byline(tree)
    if len(more) < 2 or _fold(found[0]) != _fold(more[0]):
        return found
    return _people(more, site) or found


# An author's profile page named by article:author (Open Graph's form: a profile's URL, not
# a name): "https://www.theguardian.com/profile/sam-levin", several comma-separated in one
# tag or one a tag
_PROFILE_URL = re.compile(r"^(?:https?:)?//[^,\s]+$")
_SOCIAL_HOST = re.compile(r"(^|\.)(facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|"
                          r"pinterest|bsky)\.(com|net|app)$")


def _profile_key(url: str) -> tuple[str, str, str] | None:
    """(host, last part of the path, query) of a profile's or a link's URL, the host
    empty for a relative link; None for an address urlsplit cannot read."""
    parts = split_url(url.strip())
    if parts is None:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return host, parts.path.rstrip("/").rsplit("/", 1)[-1].casefold(), parts.query


# A link to the author's page that reads as no name ("More by this author", "View
# profile", "All stories")
_PROFILE_LABEL = re.compile(r"\b(more|view|profile|all|stories|articles|posts|follow|bio)\b",
                            re.IGNORECASE)


def _profile_names(tree: lxml.html.HtmlElement, metas: list[lxml.html.HtmlElement]) -> list[str]:
    """The names the page's links to its article:author profiles show (<a
    href=".../profile/sam-levin">Sam Levin</a>), in the tags' order: where article:author
    holds URLs, as Open Graph has it, and no meta tag names anyone. A link matches a
    profile by its host (or none: a relative link), its path's last part and its query
    (Engadget's tag says /editors/jon-fingas, its link /about/editors/jon-fingas/); of
    several, the first whose text reads as a name. ``metas``: the page's meta_elements."""
    keys = []
    for value in meta_contents(metas, "property", "article:author"):
        for url in value.split(","):
            key = _profile_key(url) if _PROFILE_URL.match(url.strip()) else None
            # not the paper's page on a social network (Asahi's facebook.com/asahicom/,
            # whose link reads "Facebook")
            if (key and len(key[1]) >= 3 and not key[1].isdigit()
                    and not _SOCIAL_HOST.search(key[0]) and key not in keys):
                keys.append(key)
    if not keys:
        return []
    slugs = {key[1] for key in keys}
    shown: dict[tuple[str, str, str], str] = {}
    for link in tree.iterfind(".//body//a[@href]"):
        href = link.get("href", "")
        if not any(slug in href.casefold() for slug in slugs):
            continue
        found = _profile_key(href)
        if found is None:
            continue
        host, slug, query = found
        key = next((k for k in keys if k[1] == slug and k[2] == query
                    and (not host or host == k[0])), None)
        if key is None or key in shown:
            continue
        text = _SPACE.sub(" ", link.text_content()).strip()
        if (2 <= len(text) <= 60 and len(text.split()) <= 5 and not re.search(r"\d", text)
                and not _PROFILE_LABEL.search(text) and not _LABEL.search(text)):
            shown[key] = text
    return [shown[key] for key in keys if key in shown]


def _authors(tree: lxml.html.HtmlElement, structured: Structured, meta_author: str | None,
             site: set[str], metas: list[lxml.html.HtmlElement]) -> tuple[list[str], bool]:
    """The page's authors from the first source that names people: JSON-LD, the meta
    tags, trafilatura's author markup, a byline, the author markup read as a byline
    (a day or a biography beside the name: byline.dated_name), a signature paragraph
    (byline.signed_paragraph). A source that names only the site,
    an organisation ("USA TODAY", "Cleveland Clinic" written as the author), or the
    CMS's administrator account named after the site (admin_names), gives way to a
    later one that names someone else; failing that, it stands. And whether the
    page declared them (JSON-LD or microdata, a meta tag) rather than its text showing
    them."""
    site_only: list[str] = []
    candidates: list[lxml.html.HtmlElement] = []
    admins: list[set[str]] = []  # admin_names(tree), once asked
    site_squeezed = [_NO_WORD.sub("", w) for w in site]

    def _admin(name: str) -> bool:
        # the administrator account named after the site ("Ilanga D" on
        # ilanganews.co.za); a writer's own name on that account stays hers
        words = [w for w in _NO_WORD.sub(" ", _fold(name)).split() if len(w) >= 4]
        if not any(w in x for w in words for x in site_squeezed):
            return False
        if not admins:
            admins.append(admin_names(tree))
        return _fold(name) in admins[0]

    for source in range(6):
        raw: list[str] = []
        if source == 0:
            raw = [part for name in structured.authors for part in _listed_people(name)]
        elif source == 1:
            raw = split_authors(meta_author) or _profile_names(tree, metas)
        elif source == 2:
            # not a comment's author ("comment-author", "sf_comment_author"): one of
            # the readers; nor a button to follow the author ("<button
            # class="followAuthorBtn">Folgen</button>", "<a class="followAuthorBtn">Themen
            # bearbeiten</a>")
            candidates = [elem for elem in author_candidates(tree)
                          if elem.tag != "button"
                          and not class_or_id_names(elem, "comment", "follow")
                          and not _not_a_name(elem)]
            raw = split_authors(extract_author(tree, candidates))
            if len(raw) > 1:
                taxonomy = _taxonomy_names(tree)
                raw = [name for name in raw if _fold(name) not in taxonomy] or raw
        elif source == 3:
            raw = split_authors(find_byline(tree))
        if source <= 3:
            found = _people(raw, site, from_text=source >= 2)
            if not found and _names_agency(raw):
                # the story is an agency's ("AFP, MANILA"): no byline further on is its
                # author (a related story's "By Ben Blanchard" under it)
                return [], source <= 1
        elif source == 4:
            # author markup whose text holds a day or a biography besides the name
            found = next((people for people in (
                _people([name], site, from_text=True)
                for name in map(dated_name, author_markup_texts(tree, candidates))
                if name) if people), [])
        else:
            # a signature: the article's first or last paragraph, a name in bold
            found = _people(split_authors(signed_paragraph(tree)), site, from_text=True)
        if found and all(_organisation_site(name, site) or _admin(name) for name in found):
            site_only = site_only or found
        elif found:
            if source == 1 and len(found) == 1 and found[0].isascii() and " " not in found[0]:
                found = _spelled_out(found[0], tree, site)
            return _byline_names(found, tree, site), source <= 1
    return site_only, False


# A CMS's administrator account's address: WordPress's ".../author/admin/"
_ADMIN_ACCOUNT = re.compile(r"/(author|user|users|profile|members?)/(admin|administrator|"
                            r"webmaster|root)/?(#.*)?$", re.IGNORECASE)
_ADMIN_LINKS = lxml.etree.XPath("//a[contains(@href, '/admin') or contains(@href, '/webmaster')"
                                " or contains(@href, '/root')]")


def admin_names(tree: lxml.html.HtmlElement) -> set[str]:
    """The names, folded, of the page's links to the CMS's administrator account (by
    <a href=".../author/admin/">Ilanga D</a>: whoever posted, under the site's name):
    where the name is the site's, a writer's name elsewhere on the page wins."""
    return {_fold(link.text_content()) for link in _ADMIN_LINKS(tree)
            if _ADMIN_ACCOUNT.search(link.get("href") or "")}


# Author markup that holds no name: the author's description, biography or role
# ("<div class="dynamic-author-description">Licensed Q Arabica Grader, M.A.
# Journalism</div>", "author-title": "Senior Editor"): a class or id word that ends so
# ("author-bio", not "author-bio__name"); or markup that opens with a link to the post's
# topic by a query, or to a tag's page in a list or as a tag ("<a id="author-modal" href=
# "/blog/?content_topic=906">HR Strategy</a>", a byline listing the post's tags first)
_NOT_NAME_CLASS = re.compile(r"(?:^|[-_])(?:description|desc|biography|bio|role|position|"
                             r"job-title)$|^author-title$", re.IGNORECASE)
_TAXONOMY_QUERY = re.compile(r"[?&](?:tag|cat|category|topic|content_topic)=", re.IGNORECASE)
_TAXONOMY_LINK = re.compile(r"/(?:tags?|categor(?:y|ies)|topics?)/|" + _TAXONOMY_QUERY.pattern,
                            re.IGNORECASE)


def _not_a_name(elem: lxml.html.HtmlElement) -> bool:
    words = f"{elem.get('class') or ''} {elem.get('id') or ''}".split()
    if any(_NOT_NAME_CLASS.search(word) for word in words):
        return True
    first = elem if elem.tag == "a" else next(elem.iter("a"), None)
    if first is None or not (_TAXONOMY_QUERY.search(first.get("href") or "") or (
            _TAXONOMY_LINK.search(first.get("href") or "")
            and (next(first.iterancestors("li"), None) is not None
                 or class_or_id_names(first, "tag", "categor", "topic")))):
        # (a link to "/tag/jane-doe" alone may be the author's: some sites tag their
        # writers)
        return False
    # the markup's text opens with that link's
    return " ".join(elem.text_content().split()).startswith(
        " ".join(first.text_content().split()))


def _taxonomy_names(tree: lxml.html.HtmlElement) -> set[str]:
    """The texts of the page's links to tag, category and topic pages, folded: "Local
    News" in "Jane Doe | <a href="/category/local/">Local News</a>" is no author."""
    return {_fold(link.text_content()) for link in tree.iter("a")
            if _TAXONOMY_LINK.search(link.get("href") or "")
            and "author" not in (link.get("href") or "")}


def _spelled_out(name: str, tree: lxml.html.HtmlElement, site: set[str]) -> list[str]:
    """A meta tag's author that is a user name ("mikecason" in sailthru.author, made
    "Mikecason"), as the page's byline or author markup spells it ("Mike Cason"); a
    one-word name that is no one's user name ("Madonna") as it is. (Latin letters only:
    a Chinese name has no spaces, and a byline pads a two-letter one, "张 伟".)"""
    bare = _NO_WORD.sub("", name).casefold()
    for raw in (split_authors(find_byline(tree)), split_authors(extract_author(tree))):
        for person in _people(raw, site, from_text=True):
            if " " in person and _NO_WORD.sub("", person).casefold() == bare:
                return [person]
    return [name]


_PERSON_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ỹ][a-zß-öø-ÿā-ỹ'’-]+$")


# Where a personal site writes its owner's name: the link to its home page in the
# header, the copyright line of its footer ("© 2025 Toby Hede").
_HOME_LINKS = lxml.etree.XPath("(//body//a[@href='/' or @href='./' or @href='../'])[position() <= 3]")
_COPYRIGHT = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
                        r"([^\W\d_][\w'’-]+ [^\W\d_][\w'’-]+)", re.IGNORECASE)
_FOOTER_TEXT = lxml.etree.XPath("(//footer)[last()]//text()")
_NOT_NAME_WORDS = frozenset(("copyright", "all", "rights", "reserved", "privacy", "terms",
                             "home", "blog", "about", "contact", "menu"))
_OWNED = re.compile(r"['’]s (blog|site|substack|website|homepage|notes|journal)$", re.IGNORECASE)


def _names_agency(names: list[str]) -> bool:
    """Whether the page's declared authors name a news agency ("SID", "dpa", "Anadolu
    Ajansı"): a news publisher's page, whose name is not its author's where the agency
    is left out (Luxemburger Wort on wort.lu is not a person's site)."""
    for name in names:
        folded = _fold(name)
        if folded and (_AGENCY.search(folded) or _AGENCY_NAME.match(folded)):
            return True
    return False


def _personal_site(tree: lxml.html.HtmlElement, sitename: str | None,
                   url: str | None) -> str | None:
    """A personal site's name, its author's where no byline names anyone: "Owain
    Brennan" on owain.bearblog.dev, "Go ahead, self-host Postgres | Pierce Freeman" on
    pierce.dev, "© 2025 Toby Hede" on tobyhede.com. A name of two capitalised words (not
    an organisation's) as the site's name, at the end of <title>, as the link to the
    home page or in the footer's copyright, that the site's address holds (a label is
    the whole name, or its first or last word), or that the title says the site is of
    ("Colin Watson's blog"); two words only ("World Podcast Network" is a brand's)."""
    host = urlsplit(url or "").hostname or ""
    # the host's labels but its top-level domain ("clay.global")
    labels = {x for x in host.split(".")[:-1] if len(x) >= 4 and x not in _GENERIC_LABELS}
    title = _SPACE.sub(" ", tree.findtext(".//title") or "").strip()
    pieces = [p.strip() for p in _separator(title).split(title) if p.strip()]
    # (name, whether its first word alone may be the address's: "Owain Brennan" on
    # owain.bearblog.dev as the site's name; not a brand and a word after it in a footer)
    names = [(sitename or "", True), *((p, True) for p in pieces[-1:] if len(pieces) >= 2)]
    names += [(_SPACE.sub(" ", a.text_content()).strip(), False) for a in _HOME_LINKS(tree)]
    copyright_line = _COPYRIGHT.search(" ".join(_FOOTER_TEXT(tree))[:2000])
    if copyright_line:
        names.append((copyright_line[1], False))
    for name, first_word in names:
        owned = _OWNED.search(name.strip())
        name = name.strip()[:owned.start()] if owned else name.strip()
        words = name.split()
        if len(words) != 2 or not all(_PERSON_WORD.match(w) for w in words):
            continue
        folded = [_fold(w) for w in words]
        if (_ORGANISATION.search(name) or _NOT_PERSON.match(name) or _ARTICLE_WORD.match(name)
                or any(w in _NOT_NAME_WORDS for w in folded)):
            continue
        if (owned or "".join(folded) in labels or folded[-1] in labels
                or (first_word and folded[0] in labels)):
            return name
    return None


_INITIALS = re.compile(r"(^|\s)([A-Z]|Dr|Mr|Mrs|Ms|Jr|Sr|St)(\s|$)")


def _with_dots(name: str, tree: lxml.html.HtmlElement) -> str:
    """"Z B Steele" as the page writes it, "Z.B. Steele": trafilatura's normalisation
    drops the dots of initials and titles; the page's text has them."""
    if not _INITIALS.search(name):
        return name
    pattern = r"\.?\s*".join(re.escape(w) for w in name.split())
    found = re.search(r"(?<!\w)" + pattern + r"(?!\w)", " ".join(_BYLINE_TEXT(tree)))
    return _SPACE.sub(" ", found[0]).strip() if found else name


# where a byline's name is written: the body's text and the page's meta tags and JSON-LD
_BYLINE_TEXT = lxml.etree.XPath("//body//text()[not(ancestor::style)] | //meta/@content "
                                "| //script[@type='application/ld+json']/text()")


def _given_name_first(name: str) -> str:
    """"Roy, Aniruddha" -> "Aniruddha Roy"; a name without one comma as it is."""
    parts = [p.strip() for p in name.split(",")]
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 and all(parts) else name.strip()


def _day_under_headline(tree: lxml.html.HtmlElement, latest: datetime.date,
                        structured: Structured, metas: list[lxml.html.HtmlElement]) -> str | None:
    """The first day written under the headline (dates.shown_day), or, where the page
    says it was originally published ("This article was originally published on 26 Sep
    2019 but has been regularly updated"), that day: the one under the headline is
    often when it was updated. Looked for only where a day is shown (0.9 ms a page
    searched); WCXB dev: 1 article better, 0 worse. A <time> under the headline whose
    text writes no day ("1 day ago", "11:46") and whose datetime is the page's modified
    day (the meta tags' and JSON-LD's: _modified_days) is when the page was updated: JSON-LD's
    datePublished stands (an explainer of 2012 updated in 2026: fundus +2, WCXB's
    dates unchanged, htmldate's 940 pages 0.913 as before; the same where the day is
    written: WCXB 2 better, 12 worse, its truth the day shown)."""
    shown, written = shown_day(tree, latest)
    if (shown and not written and structured.published
            and shown != structured.published[:10]
            and shown in _modified_days(tree, metas, structured)):
        return None
    return (original_day(tree, latest) or shown) if shown else None


def _days_apart(day: str, other: str | None) -> int:
    """How many days lie between two "YYYY-MM-DD..." days; 0 where either is missing or
    no day."""
    try:
        return abs(datetime.date.fromisoformat(day[:10])
                   - datetime.date.fromisoformat((other or "")[:10])).days
    except ValueError:
        return 0


def _modified_days(tree: lxml.html.HtmlElement, metas: list[lxml.html.HtmlElement],
                   structured: Structured) -> set[str]:
    """The days the page says it was modified: its meta tags' and JSON-LD's."""
    return meta_modified(tree, metas) | {(structured.modified or "")[:10]}


def _meta_or_byline(tree: lxml.html.HtmlElement, meta_day: str, structured: Structured,
                    latest: datetime.date, metas: list[lxml.html.HtmlElement]) -> str:
    """The meta tags' published day, or the byline's day under the headline where the
    two are more than a day apart and the byline's is not labelled as an update nor the
    page's modified day: the page's own day, the meta tags' the day a site moved or
    re-imported its pages ("By Jane Doe | Dec 30, 2013" over an article:published_time
    of 2024). A day apart is one moment in two time zones: the meta tag's stays. Where
    the byline's day is the modified day, the meta tags' stays too; and where it is
    later than the meta tags' day and no modified day comes after it: what a site's
    header shows under a logo in an <h1> ("Tuesday, December 2, 2026"), the day of the
    visit."""
    shown = byline_day(tree, latest)
    if shown is None or shown == meta_day or abs(
            datetime.date.fromisoformat(shown) - datetime.date.fromisoformat(meta_day)).days <= 1:
        return meta_day
    modified = _modified_days(tree, metas, structured)
    if shown in modified or (shown > meta_day and not any(shown < day for day in modified)):
        return meta_day
    return shown


# trafilatura 2.3.1's TITLE_XPATHS, the same elements in the same (document) order:
# unions of one path a tag rather than "//*[self::h1 or self::h2]" (libxml2 tests each
# name on every element of the page), and the elements whose class is "entry-title" or
# "post-title" found from the class attributes. 0.6 -> 0.3 ms a page where all three
# run (every page without one <h1> and without a title in its meta tags); the three
# find the same elements on every dev-set page.
_HEADLINE_CLASS = ("[re:test(@class, '(?:post-|entry-|article-|post__)title|headline') or "
                   "contains(@id, 'headline') or contains(@itemprop, 'headline')]")
_TITLE_CLASS = "[contains(@class, 'title') or contains(@id, 'title')]"
_TITLE_XPATHS = [
    lxml.etree.XPath(f"//h1{_HEADLINE_CLASS} | //h2{_HEADLINE_CLASS}",
                     namespaces={"re": "http://exslt.org/regular-expressions"}),
    lxml.etree.XPath("//@class[. = 'entry-title' or . = 'post-title']/.."),
    lxml.etree.XPath(f"//h1{_TITLE_CLASS} | //h2{_TITLE_CLASS} | //h3{_TITLE_CLASS}"),
]


# A comment form's heading, whose class names a title too: WordPress's <h3 id="reply-title"
# class="comment-reply-title">Join the Discussion <a>Cancel reply</a></h3>
_COMMENT_FORM = re.compile(r"comment-reply|reply-title|comment-form|comments-title|respond",
                           re.IGNORECASE)


def _classed_title(tree: lxml.html.HtmlElement) -> str | None:
    """trafilatura.metadata.extract_metainfo over _TITLE_XPATHS, without a comment
    form's heading."""
    for expression in _TITLE_XPATHS:
        for elem in expression(tree):
            if _COMMENT_FORM.search(f"{elem.get('class', '')} {elem.get('id', '')}"):
                continue
            content = tmeta.trim(" ".join(elem.itertext()))
            if content and 2 < len(content) < 200:
                return content
    return None


# A site's address ("Golem.de", "Back.com - Articles", "Amazon.co.uk", "Node.js")
_DOTTED_SITE = re.compile(r"(?<![\w.-])[^\W_][\w-]*(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w.-])")
_VERSION = re.compile(r"\b\d+\.\d+\b")


def _dotted_site(piece: str | None, other: str | None) -> bool:
    """Whether ``piece`` of <title>, which has a dot, is the site's name beside ``other``:
    an address and at most two words besides ("Back.com - Articles"), or a name with a
    version that says no more than the other piece ("SQLAlchemy 2.0 Documentation" after
    "ORM Quick Start"). trafilatura takes any piece with a dot for the site's name and
    passes it over as the title: a headline with one ("U.S. economy grows faster than
    expected | Harbour Daily", "Node.js 22 released with ...") became the site, and the
    site's name the title."""
    if not piece or "." not in piece:
        return False
    address = _DOTTED_SITE.search(piece)
    if address:
        rest = (piece[:address.start()] + " " + piece[address.end():]).split()
        return sum(1 for w in rest if not _NO_WORD.fullmatch(w)) <= 2
    return bool(_VERSION.search(piece)) and len(piece.split()) <= len((other or "").split())


def _heading_block_text(heading: lxml.html.HtmlElement) -> str | None:
    """trafilatura's block_text of a heading, with a space where a line break or a
    subtitle on a line of its own parts its text (_heading_text)."""
    text = block_text(heading)
    if text and (heading.find(".//br") is not None
                 or heading.find('.//*[@aria-hidden="true"]') is not None
                 or _unglued(heading.itertext()) != heading.text_content()
                 or any(_own_line(el) for el in heading.iterdescendants())):
        return " ".join(_heading_text(heading).split()) or text
    return text


def extract_title(tree: lxml.html.HtmlElement) -> str | None:
    """trafilatura.metadata.extract_title (2.3.1), its steps in its order, with the
    expressions above, and a piece of <title> with a dot the site's only where it looks
    like a site's name (_dotted_site)."""
    h1_results = tree.findall(".//h1")
    if len(h1_results) == 1 and (title := _heading_block_text(h1_results[0])):
        return title
    title = _classed_title(tree) or ""
    if title:
        return title
    title, first, second = tmeta.examine_title_element(tree)
    for t, other in ((first, second), (second, first), (title, None)):
        if t and not (_dotted_site(t, other) if other else "." in t):
            return t
    for h1_result in h1_results:
        if title := _heading_block_text(h1_result):
            return title
    h2_results = tree.xpath(".//h2")
    if h2_results:
        title = block_text(h2_results[0])
    return title or None


# A JSON-LD script longer than this that JSON cannot read is not searched with
# trafilatura's regular expressions: a live blog's 800 kB of posts took them 0.96 s
# (The Mirror, on fundus's pages), a fifth of the CPU of 258 news pages' extraction.
_JSON_SEARCH_MAX = 100_000


# UTF-16 surrogates, which trafilatura's normalize_json drops one character at a time
# in Python (a whole script's characters: 0.46 ms a page of fundus's news pages, 0.09
# ms as one regex; the same string)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def normalize_json(text: str) -> str:
    """trafilatura.json_metadata.normalize_json (2.3.1): the same string, faster."""
    if "\\" in text:
        text = text.replace("\\n", "").replace("\\r", "").replace("\\t", "")
        text = tjson.JSON_UNICODE_REPLACE.sub(lambda match: chr(int(match[1], 16)), text)
        text = html.unescape(_SURROGATES.sub("", text))
    return trim(HTML_STRIP_TAGS.sub("", text))


def _meta_json(tree: lxml.html.HtmlElement, md: Any) -> Any:
    """trafilatura.metadata.extract_meta_json (2.3.1), its steps in its order, without its
    search of an unreadable script over _JSON_SEARCH_MAX characters."""
    for elem in tree.xpath('.//script[@type="application/ld+json" or '
                           '@type="application/settings+json"]'):
        if not elem.text:
            continue
        text = normalize_json(tmeta.JSON_MINIFY.sub(r"\1", elem.text))
        try:
            md = tjson.extract_json(json.loads(text, strict=False), md)
        except (json.JSONDecodeError, RecursionError):  # broken, or nested past the stack
            if len(text) <= _JSON_SEARCH_MAX:
                md = tjson.extract_json_parse_error(text, md)
    return md


def page_metadata(tree: lxml.html.HtmlElement, url: str | None, structured: Structured,
                  date_from_text: bool = False) -> dict[str, Any]:
    """title, authors, published, modified, sitename, description: JSON-LD first, then
    trafilatura's extract_metadata step by step, without what a corpus row does not
    carry (categories, tags: 1.3 ms of its 4.7 ms on the benchmark pages)."""
    md = tmeta.examine_meta(tree)
    try:
        md = _meta_json(tree, md)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD parser has its bugs
        pass
    if not md.title:
        md.title = extract_title(tree)
    page_url = md.url or tmeta.extract_url(tree, url)
    if not md.sitename:
        _, first, second = tmeta.examine_title_element(tree)
        md.sitename = (first if _dotted_site(first, second)
                       else second if _dotted_site(second, first) else None)
    if md.sitename:
        md.sitename = md.sitename.lstrip("@")
        if md.sitename and "." not in md.sitename and not md.sitename[0].isupper():
            md.sitename = md.sitename.title()
    elif page_url:
        match = tmeta.META_URL.match(page_url)
        if match:
            md.sitename = match[1]
    md.clean_and_trim()
    metas = meta_elements(tree)
    citation = meta_contents(metas, "name", "citation_author")
    if citation:
        # trafilatura splits "Roy, Aniruddha" into two names; a citation tag writes one
        # name, family name first
        md.author = "; ".join(_given_name_first(name) for name in citation[:30])
    site = _site_words(md.sitename, url)
    authors, declared = _authors(tree, structured, md.author, site, metas)
    if (not authors and not _names_agency([*structured.authors, *split_authors(md.author)])
            # a news publisher's page (its JSON-LD says so): not a person's site
            and "newsmediaorganization" not in structured.types):
        person = _personal_site(tree, md.sitename, url)
        authors = [person] if person else []
    authors = [_with_dots(name, tree) for name in authors]
    # the day the URL names, the meta tags' published time (or the byline's day far
    # from it, text: _meta_or_byline), the first day written
    # under the headline (text: with date_from_text only; where the page says it was
    # originally published, that day), the datePublished of an article's microdata in
    # the body, JSON-LD's datePublished,
    # a dateline in the first half of the page (text), the JSON-LD WebPage's
    # datePublished, then htmldate (its search of the text with date_from_text): in
    # this order the same day as WCXB dev's truth on 607 of its 659 dated articles, 0.921
    # (604 with a body's article microdata among the meta tags, before the day under
    # the headline: 3 better, 0 worse, all types too; with a forum thread's microdata
    # after it as well, 6 forums worse; the microdata after JSON-LD: the same. 606
    # without <time pubdate> where the meta tags and JSON-LD are apart, 606 without a
    # <time>'s datetime where its text names another day, 606 without a dateline
    # anywhere on the page before htmldate's modified day: 1 better each, 0 worse, all
    # types too. 0.912 without these four;
    # 0.906 without the byline's day over the meta tags', the URL's two versions
    # and the end of a range: 4 better, 0 worse; all types 5 better, 0 worse.
    # The byline's day over the meta tags' also where it is the modified day: 5
    # better, 7 worse; also where it is labelled "Updated": 1 better, 2 worse.
    # 0.886 without the dateline: 5 better, 0 worse; all types 6 better, 1 worse;
    # the WebPage's day: 2 better, 1 listing worse; it before the dateline: 1 more
    # article worse), 0.844 with JSON-LD first and htmldate after (see
    # docs/extraction.md)
    latest = datetime.date.today() + datetime.timedelta(days=1)
    published = url_date(url, latest)
    microdata = None
    if not published:
        published, microdata = meta_published(tree, latest, metas)
        if published and _days_apart(published, structured.published) > 1:
            # the meta tags and the JSON-LD disagree: a <time pubdate> settles it
            published = pubdate_day(tree, latest) or published
        if published and date_from_text:
            published = _meta_or_byline(tree, published, structured, latest, metas)
    published = (published
                 or (_day_under_headline(tree, latest, structured, metas)
                     if date_from_text else None)
                 or microdata
                 or structured.published
                 or (dateline_day(tree, latest) if date_from_text else None)
                 or structured.page_published)
    ld_day = (structured.published or "")[:10]
    if published and ld_day and published != ld_day and published[5:7] == ld_day[8:10] and (
            published[8:10] == ld_day[5:7] and published[:4] == ld_day[:4]):
        # "09.10.2024" read day first where the site writes the month first: the JSON-LD
        # day with month and day the other way round settles it
        published = ld_day
    if not published:
        published = markup_date(tree, page_url, date_from_text)
        # the free-text search may still read a bare year ("© 2025") as January 1: a
        # year is not a day; a January 1 of the markup stays
        if published and date_from_text and published[5:10] == "01-01":
            published = markup_date(tree, page_url)
        if published and date_from_text and published[:10] in meta_modified(tree, metas):
            # htmldate's fallback to the modified time of the meta tags: a dateline
            # lower on the page, under the story ("December 3, 2025. Updated: December
            # 7, 2025"), says when it was published
            published = dateline_day(tree, latest, whole=True) or published
    modified = structured.modified
    return {"title": headline(tree, structured, md.title, md.sitename, url, metas),
            "authors": authors, "author": "; ".join(authors) or None,
            "authors_declared": declared,
            "date": published[:10] if published else None,
            "modified": modified[:10] if modified else None,
            "sitename": md.sitename, "pagetype": md.pagetype, "description": md.description}

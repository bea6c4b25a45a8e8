"""htmldate's search of a page's markup, without its scan of the whole page's HTML.

``find_date(tree, extensive_search=True, original_date=True)`` of htmldate (1.11,
what trafilatura 2.3.1 installs) in the same steps and with the same functions, up to
the last one: the URL, the meta tags and JSON-LD, <abbr> elements, elements whose
class or id names a date, <time> elements, timestamps in the HTML, images, the
idiosyncratic forms ("Datum: ..."), then the free-text search over short text
segments. What it leaves out is ``search_page``, htmldate's last resort: regular
expressions over the serialised page, its most frequent year padded to a day
("© 2025" -> 2025-01-01). On the WCXB dev set that scan was three quarters of
htmldate's time (ms a page, every 6th page: 23.5 with it, 9.4 without) and, on the 80
dated articles whose URL, meta tags, byline and JSON-LD name no day, right on one page,
wrong on two and a bare January 1 (dropped) on six.

``markup_date(tree, url, text=False)`` is ``find_date(tree, extensive_search=False)``:
the fast search, whose last step reads the page's text for an ISO day.
tests/archive/extract/test_markup_date.py checks both against htmldate's own on pages
written for the project, so an htmldate upgrade that changes its steps fails there.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from copy import deepcopy
from datetime import datetime
from typing import Any

import lxml.etree
import lxml.html
import htmldate.extractors as _extractors
from htmldate import core as _core
from htmldate.extractors import (
    FAST_TAGS,
    discard_unwanted,
    extract_url_date,
    idiosyncrasies_search,
    img_search,
    json_search,
    pattern_search,
)
from htmldate.settings import CLEANING_LIST, MAX_SEGMENT_LEN, MIN_SEGMENT_LEN
from htmldate.utils import Extractor, clean_html
from htmldate.validators import check_extracted_reference, get_max_date, get_min_date

from .html_text import detect_language

__all__ = ["markup_date", "warm_up_date_parser"]


# htmldate's FREE_TEXT_EXPRESSIONS (".//*[self::div or self::h2 or ...]/text()"): the
# same text nodes in the same (document) order, as a union of one path a tag, and as
# plain strings (their only use is their text). libxml2 tests the nine self:: names
# one by one on every element: 1.7 against 0.9 ms a page (every third WCXB dev page,
# the same segments on each).
_FREE_TEXT = lxml.etree.XPath(" | ".join(f".//{tag}/text()" for tag in FAST_TAGS),
                              smart_strings=False)


def _options(text: bool) -> Extractor:
    # trafilatura's set_date_params: original dates, nothing after today
    return Extractor(text, get_max_date(datetime.now().astimezone().strftime("%Y-%m-%d")),
                     get_min_date(None), True, "%Y-%m-%d")


# htmldate's external parser (dateparser) with every locale tries all 205 of them on each
# string it is handed: 5.7 ms a string, against 0.3 ms for English alone. Strings reach
# it only in the extensive search, and on WCXB dev every string it read a day from was
# in English or in the language the page's <html lang> declares. A page that declares
# a language dateparser knows gets a parser of that language and English, with
# htmldate's settings (htmldate 1.11's get_external_parser). A page that declares none
# gets the same for the language of its text (py3langid on its paragraphs), found when
# the first string reaches the parser (on cleaneval, one page in 13: most pages there
# declare no language, and every locale was 12 ms a string, 0.9 ms a page); a page whose
# text is in no language dateparser knows, or that declares one it does not, every locale.
_PARSER_SETTINGS = {"NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"],
                    "PREFER_DATES_FROM": "past", "PREFER_LOCALE_DATE_ORDER": True,
                    "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True}
_ALL_LOCALES = _extractors._external_date
_page = threading.local()


@functools.lru_cache(maxsize=32)
def _language_parser(language: str) -> Any:
    from dateparser import DateDataParser
    from dateparser.data.languages_info import language_order

    if language not in language_order:
        return None
    return DateDataParser(languages=sorted({language, "en"}), settings=_PARSER_SETTINGS)


# The page's paragraphs, as the language is told from them: text nodes of 40 characters
# or more (a menu's items and a footer's links are shorter), not scripts' or styles';
# on a page without such nodes (its lines between <br>s, in small elements), its text.
_PROSE_TEXT = lxml.etree.XPath(
    "//text()[string-length(.) >= 40][not(ancestor::script or ancestor::style)]",
    smart_strings=False)
_ALL_TEXT = lxml.etree.XPath("//text()[not(ancestor::script or ancestor::style)]",
                             smart_strings=False)


def _text_language(tree: lxml.html.HtmlElement) -> str | None:
    """The language of ``tree``'s paragraphs (py3langid on their first 1,000
    characters), or None where they are too short to tell."""
    text = " ".join(" ".join(_PROSE_TEXT(tree)).split())[:1000]
    if len(text) < 200:
        text = " ".join(" ".join(_ALL_TEXT(tree)).split())[:1000]
    return detect_language(text)


def _external_date(string: str) -> datetime | None:
    """htmldate's external parser, with the languages of the page being searched."""
    parser = getattr(_page, "parser", None)
    undeclared = getattr(_page, "undeclared", None)
    if parser is None and undeclared is not None:
        # the first string of a page that declares no language: its text's
        _page.undeclared = None
        language = _text_language(undeclared)
        parser = _page.parser = _language_parser(language) if language else None
    if parser is None:
        return _ALL_LOCALES(string)
    try:
        found: datetime | None = parser.get_date_data(string)["date_obj"]
        return found
    except (OverflowError, ValueError):
        return None


_extractors._external_date = _external_date


def _declared_language(tree: lxml.html.HtmlElement) -> str | None:
    declared = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "")
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


@contextlib.contextmanager
def _parser_for(tree: lxml.html.HtmlElement) -> Iterator[None]:
    language = _declared_language(tree)
    parser = _language_parser(language) if language else None
    if parser is None and language is not None:
        yield  # a language dateparser does not know: every locale
        return
    # htmldate keeps what each string gave in a cache that does not know the language
    _extractors.try_date_expr.cache_clear()
    _page.parser = parser
    _page.undeclared = tree if parser is None else None
    try:
        yield
    finally:
        _page.parser = _page.undeclared = None
        _extractors.try_date_expr.cache_clear()


def markup_date(tree: lxml.html.HtmlElement, url: str | None, text: bool = False) -> str | None:
    """The publication day htmldate finds in ``tree`` (left as it is), YYYY-MM-DD.
    ``text``: every element may name a date in its class or id, and short text
    segments are searched for one (htmldate's extensive search, without its
    whole-page scan); otherwise the fast search."""
    if not text:
        return _markup_date(tree, url, text)
    with _parser_for(tree):
        return _markup_date(tree, url, text)


def _markup_date(tree: lxml.html.HtmlElement, url: str | None, text: bool) -> str | None:
    options = _options(text)
    if url is None:
        canonical = tree.find('.//link[@rel="canonical"]')
        if canonical is not None:
            url = canonical.get("href")
    found = (extract_url_date(url, options) or _core.examine_header(tree, options)
             or json_search(tree, options) or _core.examine_abbr_elements(tree, options))
    if found is not None:
        return found
    try:
        search_tree = discard_unwanted(clean_html(deepcopy(tree), CLEANING_LIST))
    except ValueError:  # lxml's cleaner on a NULL byte or a control character
        search_tree = deepcopy(tree)
    found = (_core.examine_elements(_core.date_candidates(search_tree, text), options)
             or _core.examine_elements(search_tree.xpath(".//title|.//h1"), options)
             or _core.examine_time_elements(search_tree, options))
    if found is not None:
        return found
    html = _core.serialize(search_tree)
    found = (pattern_search(html, _core.TIMESTAMP_PATTERN, options)
             or img_search(search_tree, options) or idiosyncrasies_search(html, options))
    if found is not None:
        return found
    if not text:
        clean_html(search_tree, ["script", "style"])
        return pattern_search(" ".join(search_tree.itertext()), _core.TIMESTAMP_LOOSE_PATTERN,
                              options)
    reference: datetime | None = None
    for segment in _FREE_TEXT(search_tree):
        segment = segment.strip()
        if MIN_SEGMENT_LEN < len(segment) < MAX_SEGMENT_LEN:
            reference = _core.compare_reference(reference, segment, options)
    return check_extracted_reference(reference, options)


def warm_up_date_parser() -> None:
    """Load dateparser's tables for every locale now. The extensive search hands some
    strings to dateparser (htmldate's external parser, every locale); the first string
    no locale claims ("Top 10 ... of 2025") loads and compiles all 205 of them: 1.2 s
    and 40 MB, paid again by every new extraction worker on its first such page (about
    one page in 15 of WCXB). Called in the fork server, the workers share them."""
    from htmldate.extractors import get_external_parser

    get_external_parser().get_date_data("Top 10 Companies Taking the Stage in 2025")

"""Article extraction: the only module that imports extractors.

One ``ExtractOptions`` is built once per crawl and passed down; the function
``extract_document`` is pure (bytes in, dataclass out) so it runs the same in a
worker process, in ``rebuild`` and in tests.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin

import lxml.html
import py3langid
import trafilatura

from .charset import Decoded, decode_page
from .keys import line_key, text_sha1
from .metadata import page_metadata
from .page_type import PageSignals, classify_page, shop_markup
from .readability_lxml import ReadabilityDocument
from .structured import read_structured

__all__ = ["ExtractOptions", "ExtractedDocument", "ExtractResult", "extract_document",
           "decode_html", "text_sha1"]

_WORDS = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class ExtractOptions:
    """How documents are extracted; recorded in every corpus row."""

    include_comments: bool = False  # comments are not article text: +0.07 F1 on comment-heavy pages (docs/design.md)
    include_tables: bool = True
    favor_recall: bool = False
    # combined and fast: below this many "text units" (words, or CJK characters / 2)
    # an extractor's text is too little to settle the choice (the fixture sites'
    # shortest article has about 120, their section pages under 20 once link text goes).
    min_text_units: int = 40
    fallback: bool = True  # readability-lxml when trafilatura fails or finds too little
    # "news" (the default): trafilatura's text, readability-lxml's where trafilatura cut
    # the article short (main_text). "combined": readability-lxml's text unless it is
    # much shorter than trafilatura's, the policy that wins on cleaneval's 2007-era pages
    # and Readability's test pages but loses to trafilatura on today's news pages.
    # "fast": trafilatura alone, readability only as the fallback above. Figures for
    # each on the three dev sets: docs/benchmarks.md.
    policy: str = "news"
    # news: readability's text replaces trafilatura's when the lines only readability
    # has are at least this share of its words, mostly prose (news_prose_share of those
    # words in lines of 15 words or more), while trafilatura's own extra lines are
    # under news_max_extra of its words: trafilatura stopped before the article's end.
    # Chosen on the WCXB dev set's 793 articles (word-F1 0.937 trafilatura alone ->
    # 0.944; every value from 0.05 to 0.2 within 0.001) and checked on all its page types.
    news_min_missing: float = 0.1
    news_prose_share: float = 0.3
    news_max_extra: float = 0.2
    # combined: readability's text is kept unless it has fewer than this share of
    # trafilatura's tokens. On the 58 cleaneval dev pages every value from 0.3 to 0.6
    # scores 0.867-0.869; 0.3 is best on cleaneval final (0.904) and readability (0.962).
    readability_min_share: float = 0.3
    # combined: when trafilatura's text wins on length, but what it holds beyond
    # readability's is at least this share list items (a gallery's captions, a
    # "related stories" list), readability's text is kept. On the dev set this share is
    # 1.0 on the one page where it decides (a 50-item slideshow under the article:
    # readability-set F1 of that page 0.31 -> 0.92), 0.13 on the next (kept), 0 on the 44
    # other pages where trafilatura wins; the rule changes no other dev-set page.
    max_list_surplus: float = 0.5
    # htmldate's extensive search for a date in the page's free text, run only when the
    # page's markup, URL and metadata give none: on the WCXB dev set's articles the date
    # on the right day goes from 0.80 to 0.84 (trafilatura, which always searches, 0.845).
    # False: no date rather than a guess (archive/metadata.py).
    date_from_text: bool = True

    def record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExtractedDocument:
    title: str | None
    author: str | None
    published: str | None
    sitename: str | None
    language: str | None
    text: str
    text_sha1: str
    extractor: dict[str, Any]
    page_type: str | None = None  # archive.extract.page_type.PAGE_TYPES
    description: str | None = None
    authors: tuple[str, ...] = ()  # ``author`` is these joined with "; "
    modified: str | None = None
    encoding: str | None = None
    encoding_source: str | None = None  # archive.charset.SOURCES: why that encoding
    encoding_declared: str | None = None  # what the HTTP header (else the <meta>) named
    original_url: str | None = None  # an aggregator stub's link to the full story
    # archive.extract.keys.line_key of each paragraph of text, worked out here, in the
    # extraction worker, rather than on the reactor thread (it was 10% of it)
    line_keys: tuple[str, ...] = ()


@dataclass
class ExtractResult:
    document: ExtractedDocument | None = None
    reason: str | None = None  # why there is no document: not_html, empty, unparsable
    detail: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(body: bytes, content_type: str | None) -> tuple[Decoded, str]:
    """(how the page was decoded, its repaired markup): archive/charset.py decides."""
    decoded = decode_page(body, content_type)
    return decoded, repair_markup(decoded.text)


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


def _text_units(text: str) -> float:
    cjk = len(_CJK.findall(text))
    words = len(_WORDS.findall(_CJK.sub(" ", text)))
    # A CJK character carries about half a word of content.
    return words + cjk / 2


# The link an aggregator puts under an excerpt, in the languages of the sites we crawl.
_READ_FULL = re.compile(
    r"^\s*(read (the )?(full|original|complete|whole) (story|article|report)|continue reading|"
    r"đọc (toàn bộ |)(bài|tin) gốc|xem (toàn bộ |)(bài|tin) gốc|阅读原文|阅读全文|閱讀全文|查看原文)",
    re.IGNORECASE)


def original_link(tree: lxml.html.HtmlElement, base_url: str) -> str | None:
    """The "Read full story on ..." link of an aggregator page, absolute, or None."""
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href and _READ_FULL.match(" ".join(" ".join(anchor.itertext()).split())):
            absolute = urljoin(base_url, href.strip())
            if absolute.startswith(("http://", "https://")):
                return absolute
    return None


def _link_density(tree: lxml.html.HtmlElement) -> float:
    body = tree.find("body")
    if body is None:
        body = tree
    # JSON-LD stays: the metadata is read after this, from the same tree
    for bad in body.xpath(".//script[not(@type='application/ld+json')]|.//style|.//noscript"):
        bad.drop_tree()
    # text units, not space-separated words: a Chinese paragraph has no spaces, and
    # counted by split() it weighed as little as one English link
    total = _text_units(" ".join(body.itertext()))
    if not total:
        return 0.0
    linked = _text_units(" ".join(" ".join(a.itertext()) for a in body.iter("a")))
    return min(1.0, linked / total)


_HEADLINE_LINKS = lxml.etree.XPath(
    "//h2[.//a]|//h3[.//a]|//h4[.//a]|//a[.//h2 or .//h3 or .//h4]")
_BODY_TEXT = lxml.etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")


def _body_words(tree: lxml.html.HtmlElement) -> int:
    """Words (\\w+) of the page's visible text: no extractor returns more."""
    body = tree.find("body")
    return len(_WORDS.findall(" ".join(_BODY_TEXT(tree if body is None else body))))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# A dateline: a date with a time (2024-01-10 08:30, 10/01/2024 8:30 PM, 2024年1月10日 08:30).
_DATELINE = re.compile(r"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
                       r"\d{4}年\d{1,2}月\d{1,2}日).{0,20}?\d{1,2}:\d{2}")
# Datelines and bylines are short; 80 characters is above every one on the fixture sites and
# the reference pages, and below any paragraph of article text in them.
_SHORT_LINE = 80


def clean_paragraphs(paragraphs: list[str], title: str | None, author: str | None) -> list[str]:
    """Drop what is metadata, not text: the title (however often repeated), a byline
    equal to the author, and short datelines at the start or end of the body."""
    norm_title = " ".join(title.split()) if title else None
    out = [p for p in paragraphs if " ".join(p.split()) != norm_title]
    if author:
        out = [p for p in out if p.strip() != author.strip()]
    edge = set(range(min(2, len(out)))) | set(range(max(0, len(out) - 2), len(out)))
    return [p for i, p in enumerate(out)
            if not (i in edge and len(p) <= _SHORT_LINE and _DATELINE.search(p))]


_BLOCK_TAGS = frozenset("""address article aside blockquote br dd details dialog div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table
tbody thead tfoot tr td th ul""".split())


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

    def walk(el: lxml.html.HtmlElement, pre: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if el.tail:
                parts.append(el.tail if pre else _flow(el.tail))
            return
        block = tag in _BLOCK_TAGS
        inner = pre or tag == "pre"
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text if inner else _flow(el.text))
        for child in el:
            walk(child, inner)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail if pre else _flow(el.tail))

    walk(tree, False)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def list_surplus(text: str, other: str) -> float:
    """The share of the words of ``text``'s lines not in ``other`` that are list items
    (trafilatura writes a <li> as a line starting "- "); 0.0 when there are none."""
    seen = {line.strip() for line in other.splitlines()}
    words = items = 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and stripped not in seen:
            count = len(_WORDS.findall(line))
            words += count
            if line.startswith("- "):
                items += count
    return items / words if words else 0.0


def _readability_text(html: str) -> tuple[ReadabilityDocument | None, str]:
    """(the readability document, for its title if needed; the article's text)."""
    try:
        doc = ReadabilityDocument(html)
        summary = lxml.html.fromstring(doc.summary(html_partial=True))
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd markup
        return None, ""
    # readability-lxml writes "VIDEO" into each video <iframe> it keeps (so that its HTML
    # output keeps the element): a word the page never shows. 5 of the 116 readability-set
    # pages had such lines; an iframe's own content is not shown by browsers either.
    for frame in summary.iter("iframe"):
        frame.text = None
    return doc, html_to_text(summary)


def _readability_title(doc: ReadabilityDocument | None) -> str | None:
    """readability's short title: it parses and cleans the page again (a third of
    readability's time), so only asked for when the metadata has no title."""
    if doc is None:
        return None
    try:
        return doc.short_title() or None
    except Exception:  # noqa: BLE001 - as above
        return None


def warm_up() -> None:
    """Load what extractors load on first use (language model, public-suffix list), so
    a worker process pays it at start, not on its first page."""
    detect_language("Kazakhstan là quốc gia chủ chốt trong sáng kiến của Trung Quốc.")
    extract_document(b"<html><head><title>t</title></head><body><article><p>" + b"word " * 80
                     + b"</p></article></body></html>", "http://warm.example/a", "text/html")


def detect_language(text: str, units: float | None = None) -> str | None:
    """BCP 47 language of ``text``, or None for fewer than 5 text units (``units``, when
    given, is its _text_units: two regex passes over the whole text, 0.16 ms a page)."""
    if (_text_units(text) if units is None else units) < 5:
        return None
    # 1,000 characters: py3langid's cost grows with the text (0.9 ms against 1.2 ms for
    # 1,500 and 2.1 ms for 5,000 on the benchmark pages), and the language found is the
    # same as with 1,500 for every fixture article, 400 benchmark pages and all 855
    # ground-truth texts of the extraction dev set (600 changed 1 of those).
    lang, _score = py3langid.classify(text[:1000])
    return lang or None


def _norm_line(line: str) -> str:
    return " ".join(_WORDS.findall(line.lower()))


def extra_lines(text: str, other: str) -> tuple[float, float]:
    """(share of ``text``'s words in lines that ``other`` lacks, share of those words in
    lines of 15 words or more): how much ``text`` adds to ``other``, and whether what it
    adds is prose (15 words: above every menu, share-bar and "related" line seen on
    the dev sets, below most paragraphs)."""
    other_lines = [_norm_line(line) for line in other.splitlines()]
    other_set = set(other_lines)
    other_flat = " ".join(other_lines)
    total = extra = prose = 0
    for line in text.splitlines():
        norm = _norm_line(line)
        if not norm:
            continue
        count = norm.count(" ") + 1
        total += count
        if norm not in other_set and norm not in other_flat:
            extra += count
            if count >= 15:
                prose += count
    if not total:
        return 0.0, 0.0
    return extra / total, (prose / extra if extra else 0.0)


def _holds_long_paragraphs(tree: lxml.html.HtmlElement, text: str) -> bool:
    """Whether ``text`` holds nine in ten of the words of the page's <p> paragraphs of 20
    text units or more, and those are most of ``text``: then readability, which scores
    paragraphs, has little prose to add, and is not run. On the WCXB dev set's articles
    skipping it so costs 0.003 word-F1 (0.945 with readability on every page, 0.942)."""
    flat = " ".join(_WORDS.findall(text.lower()))
    total = held = 0
    for para in tree.iter("p"):
        content = para.text_content()
        if _text_units(content) < 20:
            continue
        words = _WORDS.findall(content.lower())
        total += len(words)
        if " ".join(words) in flat:
            held += len(words)
    # and those paragraphs are most of ``text``: where they are not, its text is in other
    # elements (<div>, <li>), which readability also scores
    return total > 0 and held >= 0.9 * total and total >= 0.5 * len(flat.split())


def main_text(html: str, url: str | None, options: ExtractOptions = ExtractOptions(),
              tree: lxml.html.HtmlElement | None = None,
              meta: dict[str, Any] | None = None) -> tuple[str, dict[str, Any], str]:
    """(clean text, metadata, extractor name) of a page, whatever kind of page it is.
    ``tree``, when given, is ``html`` already parsed (trafilatura copies it);
    ``meta``, when given, its page_metadata."""
    if tree is None:
        tree = lxml.html.fromstring(html)
    meta = dict(meta) if meta is not None else page_metadata(
        tree, url, read_structured(tree), options.date_from_text)

    def run_trafilatura(fast: bool) -> str:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=False, include_comments=options.include_comments,
            include_tables=options.include_tables, favor_recall=options.favor_recall, fast=fast)
        return (doc.text if doc is not None else "") or ""

    r_doc: ReadabilityDocument | None = None
    if options.policy == "news":
        extractor, text = "trafilatura", run_trafilatura(fast=False)
        t_words = len(_WORDS.findall(text))
        if t_words < 20 or not _holds_long_paragraphs(tree, text):
            r_doc, r_text = _readability_text(html)
            r_words = len(_WORDS.findall(r_text))
            if t_words < 20:
                if r_words > t_words:
                    extractor, text = "readability", r_text
            elif r_words > t_words:
                missing, prose = extra_lines(r_text, text)
                surplus, _ = extra_lines(text, r_text)
                if (missing >= options.news_min_missing and prose >= options.news_prose_share
                        and surplus < options.news_max_extra):
                    extractor, text = "readability", r_text
    elif options.policy == "combined":
        # readability's text is kept unless it has fewer than readability_min_share of
        # trafilatura's words. trafilatura's words are a part of the page's, so when
        # readability already has that share of the page's words the answer is known
        # without running trafilatura.
        r_doc, r_text = _readability_text(html)
        r_words = len(_WORDS.findall(r_text))
        if (r_words >= options.min_text_units
                and r_words >= options.readability_min_share * _body_words(tree)):
            extractor, text = "readability", r_text
        else:
            extractor, text = "trafilatura", run_trafilatura(fast=True)
            if (r_words >= options.readability_min_share * len(_WORDS.findall(text))
                    or (r_words >= options.min_text_units
                        and list_surplus(text, r_text) >= options.max_list_surplus)):
                extractor, text = "readability", r_text
    else:
        extractor, text = "trafilatura", run_trafilatura(fast=False)
        if options.fallback and _text_units(text) < options.min_text_units:
            r_doc, r_text = _readability_text(html)
            if _text_units(r_text) > _text_units(text):
                extractor, text = "readability", r_text
    if extractor == "readability":
        meta["title"] = meta.get("title") or _readability_title(r_doc)
    paragraphs = clean_paragraphs(_paragraphs(text), meta.get("title"), meta.get("author"))
    return "\n\n".join(paragraphs), meta, extractor


def extract_document(body: bytes, url: str, content_type: str | None,
                     options: ExtractOptions = ExtractOptions()) -> ExtractResult:
    """Extract the main text of the page in ``body`` (decoded HTTP payload), with its
    metadata and page type, or say why there is none (not HTML, no text). Every page
    with main text gets a document: which page types a crawl keeps is the crawl's
    choice (crawler/pipelines/extract.py), never a silent drop here."""
    if content_type and not any(t in content_type.lower() for t in ("html", "xml")):
        return ExtractResult(reason="not_html", detail=content_type)
    if not body.strip():
        return ExtractResult(reason="empty")
    decoded, html = decode_html(body, content_type)
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        return ExtractResult(reason="unparsable", detail=str(exc)[:200])
    original_url = original_link(tree, url)
    structured = read_structured(tree)
    article_elements = len(tree.xpath("//article"))
    headline_links = len(_HEADLINE_LINKS(tree))
    long_paras = sum(1 for p in tree.iter("p") if _text_units(p.text_content()) >= 20)
    density = _link_density(tree)
    meta = page_metadata(tree, url, structured, options.date_from_text)

    text, meta, extractor = main_text(html, url, options, tree, meta)
    units = _text_units(text)
    metrics = {"link_density": round(density, 3), "text_units": units,
               "article_elements": article_elements}
    if not text:
        return ExtractResult(reason="empty", metrics=metrics)
    page_type = classify_page(PageSignals(
        structured=structured, url=url, text_units=units, link_density=density,
        has_date=bool(meta.get("date")), has_author=bool(meta.get("authors")),
        article_elements=article_elements, headline_links=headline_links,
        long_paragraphs=max(long_paras, sum(1 for line in text.split("\n\n")
                                            if _text_units(line) >= 20)),
        shop=shop_markup(html)))

    document = ExtractedDocument(
        title=meta.get("title"), author=meta.get("author"), published=meta.get("date"),
        sitename=meta.get("sitename"), language=detect_language(text, units), text=text,
        text_sha1=text_sha1(text),
        extractor={"name": extractor, "version": _extractor_version(extractor),
                   "options": options.record()},
        page_type=page_type, description=meta.get("description"), encoding=decoded.encoding,
        encoding_source=decoded.source, encoding_declared=decoded.declared,
        original_url=original_url, authors=tuple(meta.get("authors") or ()),
        modified=meta.get("modified"),
        line_keys=tuple(map(line_key, text.split("\n\n"))))
    return ExtractResult(document=document, metrics=metrics)


@functools.cache
def _extractor_version(name: str) -> str:
    if name == "trafilatura":
        return trafilatura.__version__
    from archive._vendor import readability  # readability-lxml, copied (archive/_vendor)
    return readability.__version__

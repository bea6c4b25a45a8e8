"""Article extraction: a page's bytes in, its document (text, metadata, page type) out.

The extractors run in archive/extract/extract_policy.py (which text wins), the text is
cleaned in archive/extract/line_clean.py, the page's text helpers are archive/extract/html_text.py.
One ``ExtractOptions`` is built once per crawl and passed down; the function
``extract_document`` is pure (bytes in, dataclass out) so it runs the same in a
worker process, in ``rebuild`` and in tests.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from typing import Any

import lxml.html
import trafilatura

from .dates import meta_published, url_date
from .embedded import embedded_article, flight_scripts
from .extract_policy import cleaned_text, extra_lines, list_surplus, main_text, warm_up_fallbacks
from .forum_thread import thread_starter, thread_title
from .html_text import (composed, decode_html, detect_language, html_to_text,
                        original_link, parse_html, repair_markup, text_units)
from .keys import line_key, text_sha1
from .line_clean import (clean_paragraphs, drop_credited_captions, drop_figure_captions,
                         drop_flattened_copies, drop_link_lists, drop_repeated_passages,
                         drop_repeated_runs, drop_slide_captions, drop_teaser_cards,
                         drop_teaser_excerpts, drop_trailing_bylines, drop_trailing_links,
                         names_captions)
from .markup_date import warm_up_date_parser
from .listing_text import (FRAME_PAGE_TYPES, LISTING_REPEAT_MAX, PAGE_TEXT_SHARE,
                           PRODUCT_REPEAT_WORDS, REPEAT_WORDS, drop_facet_lines,
                           drop_repeated_lines, frame_free_text)
from .metadata import page_metadata
from .page_signals import link_density, page_counts, sentence_share, table_share, teaser_share
from .page_type import (
    LITTLE_TEXT_UNITS,
    PageSignals,
    classify_page,
    declares_article,
    shop_markup,
)
from .product_text import product_text
from .results import ExtractedDocument, ExtractOptions, ExtractResult
from .rights import page_level_rights
from .structured import Structured, read_structured

__all__ = ["ExtractOptions", "ExtractedDocument", "ExtractResult", "extract_document",
           "decode_html", "text_sha1", "html_to_text", "repair_markup", "detect_language",
           "main_text", "extra_lines", "list_surplus", "clean_paragraphs", "warm_up"]

_text_units = text_units
_DEFAULT_OPTIONS = ExtractOptions()


def warm_up(dates: bool = True) -> None:
    """Load what extractors load on first use (language model, public-suffix list,
    justext's stop words and, with ``dates``, dateparser's tables for every locale), so
    a worker process pays it at start, not on its first page."""
    warm_up_fallbacks()
    detect_language("Kazakhstan là quốc gia chủ chốt trong sáng kiến của Trung Quốc.")
    if dates:
        warm_up_date_parser()
    extract_document(b"<html><head><title>t</title></head><body><article><p>" + b"word " * 80
                     + b"</p></article></body></html>", "http://warm.example/a", "text/html")


# A line of this many text units or more is prose, not a menu's or a footer's label.
FRAME_LINE_UNITS = 15


# A description this long (in text units) is the post's own summary or opening, not a
# site's slogan.
DESCRIBED_MIN_UNITS = 20
# A page whose text is short lines and whose body's text is at least this share links
# shows only its frame (menus, a bar of links around an empty root).
FRAME_LINK_SHARE = 0.5


def _declared_summary(meta: dict[str, Any], tree: lxml.html.HtmlElement, url: str | None,
                      structured: Structured) -> str:
    """The description a page's head declares for it, on one line, where the page also
    declares the day it was published (its meta tags, its JSON-LD, its URL: not a day
    found in its text or scripts) and the description is DESCRIBED_MIN_UNITS or longer;
    else "". Read only where the page's HTML holds no text of its own: a post its
    scripts build in the browser (a Discourse thread served to a browser, a news site's
    single-page application) still tells crawlers and link previews what it is."""
    description = " ".join((meta.get("description") or "").split())
    if not meta.get("date") or _text_units(description) < DESCRIBED_MIN_UNITS:
        return ""
    latest = datetime.date.today() + datetime.timedelta(days=1)
    if url_date(url, latest) or structured.published or any(meta_published(tree, latest)):
        return description
    return ""


def _only_short_lines(text: str) -> bool:
    return all(_text_units(line) < FRAME_LINE_UNITS for line in text.split("\n\n"))


def extract_document(body: bytes, url: str, content_type: str | None,
                     options: ExtractOptions = _DEFAULT_OPTIONS,
                     headers: Sequence[tuple[str, str]] = ()) -> ExtractResult:
    """Extract the main text of the page in ``body`` (decoded HTTP payload), with its
    metadata and page type, or say why there is none (not HTML, no text). Every page
    with main text gets a document: which page types a crawl keeps is the crawl's
    choice (crawler/pipelines/extract.py), never a silent drop here. ``headers``: the
    response's TDM headers (archive.extract.rights.tdm_headers), for its rights fields."""
    if content_type and not any(t in content_type.lower() for t in ("html", "xml")):
        return ExtractResult(reason="not_html", detail=content_type)
    if not body.strip():
        return ExtractResult(reason="empty")
    decoded, html = decode_html(body, content_type)
    # what the decoding was, not its text: on almost every page the repaired markup is
    # a new string, and the decoded one, kept to the end, would double what the page's
    # text holds through every step below
    encoding, encoding_source, encoding_declared = decoded.encoding, decoded.source, decoded.declared
    del decoded
    try:
        tree = parse_html(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        return ExtractResult(reason="unparsable", detail=str(exc)[:200])
    # the markup's last use: from here on the tree alone holds the page (a multi-MB
    # page's text is 5-20 MB of the worker's peak while trafilatura copies the tree)
    shop = shop_markup(html)
    # only a page whose markup names an excerpt somewhere (15% of the WCXB dev pages) is
    # searched for a grid of teasers (line_clean.drop_teaser_excerpts: 1 ms a page)
    excerpts = "xcerpt" in html
    # and only one that names a caption (<figcaption>, a class, a picture's description)
    # for its captions (the search of the tree: 1 ms a page where it runs; half the WCXB
    # dev pages skip it)
    captions = names_captions(html)
    # and one with a <figure> for the texts beside its picture
    figures = "<figure" in html or "<FIGURE" in html
    # a Next.js page's stream of data (its article, where the browser renders it: kept
    # here, before the scripts are dropped, and read only if the page has no text)
    flight = flight_scripts(tree) if "self.__next_f.push" in html else []
    del html
    rights = page_level_rights(tree, url, headers)  # before anything below cleans the tree
    original_url = original_link(tree, url)
    structured = read_structured(tree)
    article_elements, headline_links, long_paras = page_counts(tree)
    density = link_density(tree)
    page_meta = page_metadata(tree, url, structured, options.date_from_text)

    text, meta, extractor = main_text("", url, options, tree, page_meta)
    if not text and flight:
        # a page its scripts build, whose article's HTML is in its Next.js stream
        article = embedded_article(flight)
        page_body = tree.find("body")
        if article is not None and page_body is not None:
            page_body.append(article)
            text, meta, extractor = main_text("", url, options, tree, page_meta)
            article_elements, headline_links, long_paras = page_counts(tree)
    del flight
    units = _text_units(text)
    metrics = {"link_density": round(density, 3), "text_units": units,
               "article_elements": article_elements}
    if not text or (_only_short_lines(text) and density >= FRAME_LINK_SHARE and not shop):
        # markup without text of its own, or only its frame's links: a page its scripts
        # build in the browser (a JavaScript application's shell, a forum that loads its
        # posts), a frame set; where its head still declares a post (its day and what it
        # says) at more length, that description is the row's text (a brief's short
        # paragraphs and a shop's price and details are their page's own, not links)
        summary = _declared_summary(meta, tree, url, structured)
        if summary and _text_units(summary) > units:
            text, extractor, units = summary, "description", _text_units(summary)
            metrics["text_units"] = units
    if not text:
        return ExtractResult(reason="no_text", metrics=metrics)
    # only where the classifier reads it: on a page without a date or article markup
    undated = not meta.get("date") and not declares_article(structured)
    teasers = teaser_share(tree, text) if undated else 0.0
    tables = table_share(text) if undated and "|" in text else 0.0
    page_type = classify_page(PageSignals(
        structured=structured, url=url, text_units=units, link_density=density,
        has_date=bool(meta.get("date")), has_author=bool(meta.get("authors")),
        article_elements=article_elements, headline_links=headline_links,
        # (a text has at most as many text units as characters)
        long_paragraphs=max(long_paras, sum(1 for line in text.split("\n\n")
                                            if len(line) >= 20 and _text_units(line) >= 20)),
        shop=shop, teaser_share=teasers, table_share=tables,
        sentence_share=sentence_share(text, units) if units < LITTLE_TEXT_UNITS else 1.0))
    if page_type == "forum" and not meta.get("authors_declared"):
        # the member who started the thread, by the name the forum shows (forum_thread)
        starter = thread_starter(tree)
        if starter:
            meta["authors"], meta["author"] = [starter], starter
    if page_type == "forum" and meta.get("title"):
        meta["title"] = thread_title(meta["title"], tree)
    if page_type == "product" and shop and options.policy == "news" and options.clean_lines:
        # a shop's item (a cart button, a price): its description and details, not its
        # reviews and carousels
        kept = product_text(text.split("\n\n"), tree)
        if len(kept) < text.count("\n\n") + 1:
            text = "\n\n".join(kept)
            units = _text_units(text)
    if page_type in FRAME_PAGE_TYPES and options.policy == "news":
        # a listing's headlines and teasers, a service page's sections: the page's own
        # text, frame out, rather than the one block an article extractor keeps
        page_text = frame_free_text(tree)
        if not _text_units(page_text) and _only_short_lines(text):
            # nothing outside the page's frame, and the text is the frame's links and
            # labels (a page its scripts build: its server sends the menus around an
            # empty <main>)
            return ExtractResult(reason="no_text", metrics=metrics)
        # cleaning only shortens it: where the raw text is not long enough, nothing is
        if units <= PAGE_TEXT_SHARE * _text_units(page_text):
            page_text = cleaned_text(page_text, tree, meta, options)
            if units <= PAGE_TEXT_SHARE * _text_units(page_text):
                text, extractor, units = page_text, "page_text", _text_units(page_text)
    if page_type in ("forum", "product", "listing", "page") and options.clean_lines:
        paragraphs = text.split("\n\n")
        kept = paragraphs
        if page_type != "forum":
            # a shop's or a search's filters with their counts of results ("Down (132)")
            kept = drop_facet_lines(kept)
        # a block shown twice (two layouts, cloned slides, a quoted post): once; an
        # article extractor's text on a listing is left as it is (a text repeating its
        # paragraphs is what the page says)
        if page_type not in FRAME_PAGE_TYPES:
            kept = drop_repeated_lines(kept, PRODUCT_REPEAT_WORDS if page_type == "product"
                                       else REPEAT_WORDS)
        elif extractor == "page_text":
            kept = drop_repeated_lines(kept, REPEAT_WORDS, LISTING_REPEAT_MAX)
        if kept and len(kept) < len(paragraphs):
            text = "\n\n".join(kept)
            units = _text_units(text)
    if options.clean_lines:
        # a text rendered twice (two layouts of one page): once; a gallery's numbered
        # captions, a carousel's label on each slide and a list of other pages that
        # ends it: gone
        paragraphs = text.split("\n\n")
        kept = drop_trailing_bylines(drop_trailing_links(drop_repeated_runs(
            drop_slide_captions(drop_flattened_copies(drop_repeated_passages(paragraphs)))),
            tree))
        if page_type == "article" and excerpts:
            kept = drop_teaser_excerpts(kept, tree)
        if page_type == "article":
            kept = drop_link_lists(drop_teaser_cards(kept, tree, url), tree, url)
        if page_type in ("article", "liveblog") and (captions or figures):
            kept = drop_figure_captions(kept, tree, classes=captions)
        if page_type in ("article", "liveblog"):
            kept = drop_credited_captions(kept, tree)
        if len(kept) < len(paragraphs):
            text = "\n\n".join(kept)
            units = _text_units(text)

    # the text and the metadata in NFC (html_text.composed), once every step has compared
    # them with the tree's
    text = composed(text)
    for key in ("title", "author", "sitename", "description"):
        if meta.get(key):
            meta[key] = composed(meta[key])
    if meta.get("authors"):
        meta["authors"] = [composed(name) for name in meta["authors"]]
    document = ExtractedDocument(
        title=meta.get("title"), author=meta.get("author"), published=meta.get("date"),
        sitename=meta.get("sitename"), language=detect_language(text, units), text=text,
        text_sha1=text_sha1(text),
        extractor={"name": extractor, "version": _extractor_version(extractor),
                   "options": options.record()},
        page_type=page_type, description=meta.get("description"), encoding=encoding,
        encoding_source=encoding_source, encoding_declared=encoding_declared,
        original_url=original_url, authors=tuple(meta.get("authors") or ()),
        modified=meta.get("modified"),
        line_keys=tuple(map(line_key, text.split("\n\n"))), rights=rights)
    return ExtractResult(document=document, metrics=metrics)


@functools.cache
def _extractor_version(name: str) -> str:
    # cached: importlib.metadata reads the installed packages' metadata files on each
    # call, 1.5 ms a document (3% of an extraction worker in bench/throughput.py)
    if name == "trafilatura":
        return trafilatura.__version__
    if name in ("page_text", "description"):  # listing_text.py; the head's description
        from archive import __version__
        return __version__
    from archive._vendor import readability  # readability-lxml, copied (archive/_vendor)
    return readability.__version__

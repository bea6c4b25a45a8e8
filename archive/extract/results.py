"""What an extraction takes and gives: its options, the document, the result; and the
task a worker runs. Light on purpose: the crawl process builds the options, hands the
task to the extraction pool and reads the results without loading the extractors
(trafilatura, readability, the language model and their tables, about 30 MB), which
only the pool's processes need (archive/extract/preload.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ExtractOptions", "ExtractedDocument", "ExtractResult", "extract_task"]


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
    # take out the lines that are boxes around or inside the article: consent walls,
    # newsletter sign-ups, "related" lists, share bars, captions (archive/extract/line_clean.py)
    clean_lines: bool = True

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
    encoding_source: str | None = None  # archive.extract.charset.SOURCES: why that encoding
    encoding_declared: str | None = None  # what the HTTP header (else the <meta>) named
    original_url: str | None = None  # an aggregator stub's link to the full story
    # archive.extract.keys.line_key of each paragraph of text, worked out here, in the
    # extraction worker, rather than on the reactor thread (it was 10% of it)
    line_keys: tuple[str, ...] = ()
    # archive.extract.rights.PAGE_FIELDS, read from the tree parsed here (the final pass
    # adds what the host says: robots.txt, tdmrep.json)
    rights: dict[str, Any] | None = None


@dataclass
class ExtractResult:
    document: ExtractedDocument | None = None
    reason: str | None = None  # why there is no document: not_html, empty, unparsable
    detail: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)


def extract_task(body: bytes, url: str, content_type: str | None,
                 options: ExtractOptions | None = None,
                 headers: Sequence[tuple[str, str]] = ()) -> ExtractResult:
    """archive.extract.document.extract_document, named by a module the process that
    submits it can import without loading the extractors (a task is pickled by its
    module and name); in a pool's worker the fork server has loaded them already."""
    from .document import extract_document
    if options is None:
        return extract_document(body, url, content_type, headers=headers)
    return extract_document(body, url, content_type, options, headers)

"""What a page says of itself in structured data: JSON-LD, microdata and Open Graph.

Read once per page (``read_structured``) and used by the page-type classifier
and the metadata: the schema.org types of the page's main entities, and the
headline, dates and authors of the first article-like entity.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from .meta_tags import meta_elements

__all__ = ["Structured", "read_structured", "microdata_byline", "ITEM_NAMES"]

# Entities that describe the page itself (not its author, publisher or breadcrumb).
_ARTICLE_LIKE = re.compile(r"(article|posting|report|liveblog|blog)$", re.IGNORECASE)
_TYPE_VALUE = re.compile(r'"@type"\s*:\s*"([^"]{1,60})"')
# <script type="application/ld+json"> (ASCII letters of any case, as XPath's translate
# lowered them), found by lxml's iter by tag, in C: an XPath walk of the whole tree
# cost twice as much
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ITEMTYPES = lxml.etree.XPath(".//*[@itemscope][@itemtype]/@itemtype")


@dataclass
class Structured:
    """Types are lower-cased schema.org local names ("newsarticle", "product")."""

    types: list[str] = field(default_factory=list)
    og_type: str | None = None
    headline: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    free: bool | None = None  # isAccessibleForFree
    page_published: str | None = None  # the WebPage entity's datePublished
    # the types of the JSON-LD entity that is the page's article (not microdata's items)
    article_types: list[str] = field(default_factory=list)


def _local(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if isinstance(v, str) and v:
            out.append(v.rsplit("/", 1)[-1].rsplit(":", 1)[-1].strip().lower())
    return out


def _entities(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The page-level entities of one JSON-LD document: top-level items, @graph members
    and a WebPage's mainEntity; not nested authors, publishers or images."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _entities(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _entities(data["@graph"], depth + 1)
        if "@type" in data:
            yield data
            main = data.get("mainEntity") or data.get("mainEntityOfPage")
            if isinstance(main, (dict, list)):
                yield from _entities(main, depth + 1)


def _named(data: Any, found: dict[str, dict[str, Any]], depth: int = 0) -> None:
    """Every entity of a JSON-LD document with an @id and a name, by @id: what an
    article's ``"author": {"@id": ...}`` points to (Yoast's @graph puts the Person
    beside the Article)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            _named(item, found, depth + 1)
    elif isinstance(data, dict):
        if isinstance(data.get("@id"), str) and data.get("name"):
            found.setdefault(data["@id"], data)
        for value in data.values():
            if isinstance(value, (dict, list)):
                _named(value, found, depth + 1)


# An author entity that is no person: an Organization and its kinds (NewsMediaOrganization,
# Corporation, NGO, ...), a brand, a website
_ORGANIZATION = re.compile(r"organi[sz]ation|corporation|^ngo$|^brand$|business|^website$")


def _names(value: Any, ids: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Person names from an author value: a string, a Person, a reference to one by
    @id, or a list of them."""
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values:
        if isinstance(v, dict) and not v.get("name") and ids and isinstance(v.get("@id"), str):
            v = ids.get(v["@id"], v)
        if isinstance(v, dict):
            if any(_ORGANIZATION.search(kind) for kind in _local(v.get("@type"))):
                continue
            v = v.get("name")
            if isinstance(v, list):
                v = v[0] if v else None
        if isinstance(v, str):
            name = " ".join(v.split())
            if name and len(name) <= 80:
                out.append(name)
    return out


def _date(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    return None


# Microdata's authors: elements whose itemprop names "author" ("author creator"), and the
# "name" property inside one that is an item of its own (a Person)
_MICRODATA_AUTHORS = lxml.etree.XPath("//body//*[contains(@itemprop, 'author')]")
# (author.py's reading of author markup asks it too)
ITEM_NAMES = lxml.etree.XPath(".//*[@itemprop = 'name']")


def microdata_byline(tree: lxml.html.HtmlElement) -> list[str]:
    """The names of the first byline's authors in microdata: the first element whose
    itemprop names "author" ("author creator") and those beside it, of the same parent
    ("<p><span itemprop="author" itemscope itemtype="https://schema.org/Person">By <a>
    <span itemprop="name">Jane Doe</span></a>, </span><span itemprop="author" ...>"), not
    a comment's. Each such element that is an item of its own (a Person) gives its
    "name" property; another its text."""
    out: list[str] = []
    parent = None
    for elem in _MICRODATA_AUTHORS(tree):
        if "author" not in (elem.get("itemprop") or "").split():
            continue
        if parent is None:
            # (html_text.class_or_id_names's test, written here: the crawl process
            # imports this module and must not load html_text's language model)
            if any("comment" in f"{a.get('class') or ''} {a.get('id') or ''}".lower()
                   for a in elem.iterancestors()):
                return []
            parent = elem.getparent()
        elif elem.getparent() is not parent:
            break
        holder = next(iter(ITEM_NAMES(elem)), None) if elem.get("itemscope") is not None else elem
        if holder is not None:
            out.extend(n for n in _names(holder.get("content") or holder.text_content()) if n not in out)
    return out[:20]


def read_structured(tree: lxml.html.HtmlElement) -> Structured:
    found = Structured()
    og = [content for el in meta_elements(tree)
          if (el.get("property") == "og:type" or el.get("name") == "og:type")
          and (content := el.get("content")) is not None]
    found.og_type = next((v.strip().lower() for v in og if v.strip()), None)
    article: dict[str, Any] | None = None
    page: dict[str, Any] | None = None  # the WebPage entity: the page itself
    question: dict[str, Any] | None = None  # a QAPage's mainEntity
    ids: dict[str, dict[str, Any]] = {}
    for script in tree.iterdescendants("script"):
        kind = script.get("type")
        if kind is None or kind.translate(_ASCII_LOWER) != "application/ld+json":
            continue
        raw = script.text or ""
        if not raw.strip():
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            # broken JSON (a trailing comma, an unescaped quote; or one nested deeper
            # than Python's stack, which json refuses with RecursionError): its types
            # still tell
            found.types.extend(t.lower() for t in _TYPE_VALUE.findall(raw))
            continue
        _named(data, ids)
        for entity in _entities(data):
            types = _local(entity.get("@type"))
            found.types.extend(types)
            if article is None and any(_ARTICLE_LIKE.search(t) for t in types):
                article = entity
                found.article_types = types
            if question is None and "qapage" in types:
                # a question-and-answer thread (Stack Exchange, Discourse): its question
                # is the thread's first post, with its asker and day (not an FAQ page's
                # list of questions)
                main = entity.get("mainEntity")
                if isinstance(main, dict) and "question" in _local(main.get("@type")):
                    question = main
            if page is None and "webpage" in types:
                page = entity
    found.types.extend(t for v in _ITEMTYPES(tree) for t in _local(v.split()[0] if v.split() else ""))
    article = article if article is not None else question
    if article is not None:
        headline = article.get("headline") or article.get("name")
        if isinstance(headline, str) and headline.strip():
            found.headline = " ".join(headline.split())
        found.published = _date(article.get("datePublished") or article.get("dateCreated"))
        found.modified = _date(article.get("dateModified"))
        # an organisation as the author and the reporter as the creator (asahi.com:
        # "author": the paper, "creator": ["渡辺洋介"]): the creator is the person
        found.authors = (_names(article.get("author"), ids)
                         or _names(article.get("creator"), ids))
        free = article.get("isAccessibleForFree")
        if isinstance(free, bool):
            found.free = free
        elif isinstance(free, str) and free.lower() in ("true", "false"):
            found.free = free.lower() == "true"
    if page is not None:
        # Yoast and kin date the WebPage, beside an article entity without dates or
        # without one
        found.page_published = _date(page.get("datePublished"))
    return found

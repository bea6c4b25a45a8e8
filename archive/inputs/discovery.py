"""Where a news site lists its articles: robots.txt, sitemaps, feeds, <link> tags.

Pure functions over bytes. XML is parsed without entity expansion, DTD loading
or network access, and with a size cap, so a hostile sitemap (an XML bomb, a
gigabyte of URLs) costs at most the cap.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import lxml.etree
import lxml.html

__all__ = ["Entry", "SitemapResult", "parse_sitemap", "parse_feed", "robots_sitemaps",
           "feed_links", "parse_date", "series_key", "MAX_XML_BYTES"]

MAX_XML_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit (50 MB uncompressed)
MAX_ENTRIES = 50_000  # the sitemap protocol's limit of URLs per file


@dataclass(frozen=True)
class Entry:
    url: str
    # the latest of news:publication_date and lastmod (sitemaps), pubDate, dc:date,
    # published and updated (feeds): published or modified
    published: datetime | None = None
    title: str | None = None


@dataclass
class SitemapResult:
    kind: str  # "index", "urlset" or "invalid"
    entries: list[Entry]
    error: str | None = None


def parse_date(text: str | None) -> datetime | None:
    """W3C datetime (sitemaps, Atom) or RFC 822 (RSS), as aware UTC; None if unreadable."""
    if not text:
        return None
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _safe_parser() -> lxml.etree.XMLParser:
    return lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                huge_tree=False, recover=True, remove_comments=True)


def _maybe_gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    decomp = zlib.decompressobj(47)
    data = decomp.decompress(body, MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise ValueError(f"decompresses to more than {MAX_XML_BYTES} bytes")
    return data


def _xml_root(body: bytes) -> lxml.etree._Element:
    body = _maybe_gunzip(body)
    if len(body) > MAX_XML_BYTES:
        raise ValueError(f"larger than {MAX_XML_BYTES} bytes")
    if b"<!ENTITY" in body[:4096].upper():
        raise ValueError("declares XML entities (refused: entity expansion)")
    root = lxml.etree.fromstring(body, _safe_parser())
    if root is None:
        raise ValueError("not XML")
    return root


def _local(tag: object) -> str:
    return lxml.etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el: lxml.etree._Element, *names: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) in names and child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _latest(el: lxml.etree._Element, *names: str) -> datetime | None:
    """The latest of the dates ``el`` gives under ``names`` (published, modified): a
    ``since`` window means published or modified after its start."""
    dates = [parse_date(child.text) for child in el.iter()
             if _local(child.tag) in names and child.text and child.text.strip()]
    return max((d for d in dates if d is not None), default=None)


def _joined(base_url: str, ref: str) -> str:
    """``ref`` resolved against ``base_url``; ``ref`` as it is where urllib cannot read it
    ("http://[broken/x", an IPv6 host left open, raises ValueError): the crawl's URL
    check then rejects and counts that one entry, and the listing's others stay."""
    try:
        return urljoin(base_url, ref)
    except ValueError:
        return ref


def parse_sitemap(body: bytes, base_url: str) -> SitemapResult:
    """A sitemap index or a URL set (Google News fields read: publication date, title)."""
    try:
        root = _xml_root(body)
    except (ValueError, lxml.etree.XMLSyntaxError, OSError, EOFError) as exc:
        return SitemapResult("invalid", [], str(exc)[:200])
    kind = _local(root.tag)
    entries: list[Entry] = []
    if kind == "sitemapindex":
        for sm in root:
            if _local(sm.tag) == "sitemap":
                loc = _child_text(sm, "loc")
                if loc:
                    entries.append(Entry(_joined(base_url, loc), parse_date(_child_text(sm, "lastmod"))))
            if len(entries) >= MAX_ENTRIES:
                break
        return SitemapResult("index", entries)
    if kind == "urlset":
        for url in root:
            if _local(url.tag) != "url":
                continue
            loc = _child_text(url, "loc")
            if not loc:
                continue
            published = _latest(url, "publication_date", "lastmod")
            entries.append(Entry(_joined(base_url, loc), published, _child_text(url, "title")))
            if len(entries) >= MAX_ENTRIES:
                break
        return SitemapResult("urlset", entries)
    return SitemapResult("invalid", [], f"root element is <{kind}>, not a sitemap")


def parse_feed(body: bytes, base_url: str) -> tuple[list[Entry], str | None]:
    """(entries, error) of an RSS 2.0 or Atom feed."""
    try:
        root = _xml_root(body)
    except (ValueError, lxml.etree.XMLSyntaxError, OSError, EOFError) as exc:
        return [], str(exc)[:200]
    entries = []
    for item in root.iter():
        name = _local(item.tag)
        if name == "item":  # RSS
            link = _child_text(item, "link") or _child_text(item, "guid")
            date = _latest(item, "pubDate", "date", "published", "updated")
        elif name == "entry":  # Atom
            link = None
            for child in item:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href")
                    break
            date = _latest(item, "published", "updated")
        else:
            continue
        if link:
            entries.append(Entry(_joined(base_url, link.strip()), date, _child_text(item, "title")))
        if len(entries) >= MAX_ENTRIES:
            break
    if not entries and _local(root.tag) not in ("rss", "feed", "RDF"):
        return [], f"root element is <{_local(root.tag)}>, not a feed"
    return entries, None


def robots_sitemaps(body: bytes, base_url: str) -> list[str]:
    """The Sitemap: lines of a robots.txt."""
    out = []
    for line in body.decode("utf-8", "replace").splitlines()[:10_000]:
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == "sitemap" and value.strip():
            out.append(_joined(base_url, value.strip()))
    return out


FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def feed_links(tree: lxml.html.HtmlElement, base_url: str) -> list[str]:
    """Feeds a page announces with <link rel="alternate" type="application/rss+xml">."""
    out = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in FEED_TYPES[:2] and link.get("href"):
            out.append(_joined(base_url, link.get("href").strip()))
    return out


# Calendar and pagination pages: URLs that differ from their neighbours only in a date or
# a page number. A calendar links the next month, which links the next, for ever.
_DATE_PATH = re.compile(
    r"(?<=/)(?:19|20)\d{2}(?:(?P<sep>[/-])(?:0?[1-9]|1[0-2])(?:(?P=sep)(?:0?[1-9]|[12]\d|3[01]))?)?"
    r"(?=/|$|[.?#_-])|(?<=/)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?(?=/|$|[.])")
_PAGE_PATH = re.compile(r"(?i)(?:(?<=/)(?:page|p|trang|pg|seite|pagina)[/-]?\d{1,5}(?=/|$|\.)"
                        r"|(?<=[a-z])(?:-p|_p|_|-trang-)\d{1,4}(?=/|$|\.))")
_SERIES_PARAMS = frozenset("""page p pg paged pagenum pageno page_no pn pi trang offset start
date day month year d m y yyyy mm dd ym archive""".split())


def series_key(url: str) -> str | None:
    """The URL with its calendar date and page number taken out, when it has one: pages
    of one calendar or one paginated listing share a key (``/calendar/{date}/`` for
    ``/calendar/2024/01/`` and ``/calendar/2024/02/``; ``/world/?page={n}`` for every
    page of /world/ but the first). None for a URL with neither. An article whose URL holds a date keeps
    its slug, so two articles never share a key."""
    parts = urlsplit(url)
    path, found = _DATE_PATH.subn("{date}", parts.path)
    path, pages = _PAGE_PATH.subn("{page}", path)
    query = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in _SERIES_PARAMS and re.fullmatch(r"[\d/.-]{1,10}", value):
            value, found = "{n}", found + 1
        query.append((name, value))
    if not found and not pages:
        return None
    return f"{parts.netloc.lower()}{path}?{urlencode(sorted(query))}"

"""Page requisites: what a browser fetches to show a page, found in its HTML and CSS.

Pure parsing, no network and no Scrapy (crawler/requisites.py fetches them):

- HTML: stylesheets (``<link rel=stylesheet>``, ``preload``/``modulepreload`` of a
  style, script, font or image, icons), images (``<img src>``, ``srcset`` and
  ``<picture><source srcset>``, the lazy-loading ``data-src`` / ``data-srcset`` that
  a page's script swaps in, ``<video poster>``, ``<input type=image>``), scripts
  (``<script src>``), frames (``<iframe src>``, ``<frame src>``), and the ``url()``
  of ``<style>`` blocks and ``style=""`` attributes; a ``<base href>`` is honoured.
- CSS: ``@import`` (with or without ``url()``) and every ``url()`` (background
  images, ``@font-face`` fonts).

``data:`` URIs, fragments (``url(#filter)``) and anything but http(s) are left out.
Scope (:func:`in_scope`) is judged against the page the requisites belong to:
``same-host`` (its host name), ``same-site`` (its registrable domain, by the Public
Suffix List bundled with tldextract: ``static.example.co.uk`` is the same site as
``www.example.co.uk``; an IP address or a single-label name is its own site) or
``any``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html

from .markup import page_tree

__all__ = ["SCOPES", "Requisite", "html_requisites", "css_requisites", "in_scope", "site_of_host",
           "parse_srcset"]

SCOPES = ("same-host", "same-site", "any")

# url(...) in CSS: quoted or not; and @import "x" / @import url(x)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
              "mask-icon"}
_PRELOAD_AS = {"style", "script", "font", "image", "fetch", "worker", ""}
_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src")
_LAZY_SRCSETS = ("data-srcset", "data-lazy-srcset")


@dataclass(frozen=True)
class Requisite:
    url: str
    kind: str  # stylesheet, image, font, script, frame, css-url (a url() in CSS)


def _clean(base: str, ref: str | None) -> str | None:
    """An absolute http(s) URL without its fragment, or None."""
    if not ref:
        return None
    ref = ref.strip()
    if not ref or ref.startswith(("#", "data:", "javascript:", "about:", "blob:", "mailto:")):
        return None
    try:
        url = urldefrag(urljoin(base, ref))[0]
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def parse_srcset(value: str) -> list[str]:
    """The URLs of a ``srcset`` ("a.jpg 1x, b.jpg 2x", "s.jpg 480w, l.jpg 1080w"), as
    the HTML standard splits it: a URL runs to the next white space (commas inside it,
    "w_300,h_200/x.jpg", stay), its descriptors to the next comma."""
    urls = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < end and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while pos < end and value[pos] != ",":  # the descriptors (1x, 480w)
                if value[pos] == "(":  # a descriptor's parenthesis may hold a comma
                    close = value.find(")", pos)
                    pos = end if close < 0 else close
                pos += 1
        if url:
            urls.append(url)
    return urls


def css_requisites(css: str, base: str) -> list[Requisite]:
    """The ``@import``s and ``url()``s of a stylesheet (or a ``<style>`` / ``style``)."""
    css = _CSS_COMMENT.sub(" ", css)
    found: list[Requisite] = []
    imports = set()
    for match in _CSS_IMPORT.finditer(css):
        url = _clean(base, match.group(1) or match.group(2))
        if url:
            imports.add(url)
            found.append(Requisite(url, "stylesheet"))
    for match in _CSS_URL.finditer(css):
        ref = match.group(1) or match.group(2) or match.group(3)
        url = _clean(base, ref)
        if url is None:
            continue
        before = css[max(0, match.start() - 20):match.start()].lower()
        kind = "stylesheet" if re.search(r"@import\s*$", before) else "css-url"
        if kind == "css-url" and re.search(r"\.(woff2?|ttf|otf|eot)(\?|$)", url, re.IGNORECASE):
            kind = "font"
        found.append(Requisite(url, kind))
    return _unique(found)


def html_requisites(html: str | bytes, base: str) -> list[Requisite]:
    """What a browser fetches to show this page (not the links a reader may follow)."""
    try:
        tree = page_tree(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    for element in tree.iter("base"):
        href = element.get("href")
        if href and href.strip():
            try:
                base = urljoin(base, href.strip())
            except ValueError:  # a <base> urllib cannot read: the page's own address
                pass
            break
    found: list[Requisite] = []

    def add(ref: str | None, kind: str) -> None:
        url = _clean(base, ref)
        if url:
            found.append(Requisite(url, kind))

    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag == "link":
            rels = set((element.get("rel") or "").lower().split())
            if not rels & _LINK_RELS:
                continue
            as_ = (element.get("as") or "").lower()
            if rels & {"preload", "modulepreload"} and as_ not in _PRELOAD_AS:
                continue
            kind = ("stylesheet" if "stylesheet" in rels or as_ == "style" else
                    "script" if "modulepreload" in rels or as_ == "script" else
                    "font" if as_ == "font" else "image")
            add(element.get("href"), kind)
            if element.get("imagesrcset"):
                for ref in parse_srcset(element.get("imagesrcset")):
                    add(ref, "image")
        elif tag in ("img", "source"):
            add(element.get("src"), "image")
            for attr in ("srcset", *_LAZY_SRCSETS):
                if element.get(attr):
                    for ref in parse_srcset(element.get(attr)):
                        add(ref, "image")
            for attr in _LAZY_ATTRS:
                add(element.get(attr), "image")
        elif tag == "script":
            add(element.get("src"), "script")
        elif tag in ("iframe", "frame"):
            add(element.get("src"), "frame")
        elif tag == "video":
            add(element.get("poster"), "image")
        elif tag == "input" and (element.get("type") or "").lower() == "image":
            add(element.get("src"), "image")
        elif tag == "style" and element.text:
            found.extend(css_requisites(element.text, base))
        elif tag in ("image", "use"):  # SVG
            add(element.get("href") or element.get("{http://www.w3.org/1999/xlink}href"), "image")
        if tag in ("body", "table", "td", "th") and element.get("background"):
            add(element.get("background"), "image")
        style = element.get("style") if tag else None
        if style and "url(" in style.lower():
            found.extend(css_requisites(style, base))
    return _unique(found)


def _unique(found: list[Requisite]) -> list[Requisite]:
    seen: set[str] = set()
    out = []
    for req in found:
        if req.url not in seen:
            seen.add(req.url)
            out.append(req)
    return out


@lru_cache(maxsize=1)
def _extractor() -> Any:  # tldextract's own type
    import tldextract

    # the Public Suffix List bundled with the package: never fetched from the network
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def site_of_host(host: str) -> str:
    """The registrable domain of a host name ("www.bbc.co.uk" -> "bbc.co.uk"); an IP
    address, a single label or a public suffix itself is its own site."""
    host = host.lower().rstrip(".")
    if not host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    result = _extractor()(host)
    if not result.suffix or not result.domain:
        return host
    return f"{result.domain}.{result.suffix}"


def in_scope(url: str, page_url: str, scope: str) -> bool:
    """Whether a requisite at ``url`` of the page at ``page_url`` is fetched under ``scope``."""
    if scope == "any":
        return True
    try:
        host = (urlsplit(url).hostname or "").lower()
        page_host = (urlsplit(page_url).hostname or "").lower()
    except ValueError:
        return False
    if scope == "same-host":
        return host == page_host
    if scope == "same-site":
        return site_of_host(host) == site_of_host(page_host)
    raise ValueError(f"unknown requisites scope {scope!r} (expected one of {', '.join(SCOPES)})")

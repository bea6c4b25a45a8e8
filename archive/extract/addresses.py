"""Addresses a page writes, read without failing on one urllib cannot read.

``urljoin`` and ``urlsplit`` raise ValueError on "http://[broken/x" (an IPv6 host left
open): one broken attribute of a page must not cost it its row. A light module (urllib
only): the crawl process imports it through archive.extract.rights.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit

__all__ = ["joined_url", "split_url"]


def joined_url(base: str | None, href: str) -> str | None:
    """``href`` resolved against ``base``; None where urllib cannot read one of them (a
    page's link to "http://[bad/x", an IPv6 host left open, raises ValueError): one
    broken attribute must not cost the page its row."""
    try:
        return urljoin(base or "", href)
    except ValueError:
        return None


def split_url(url: str) -> SplitResult | None:
    """urlsplit(``url``), or None where urllib cannot read it (see joined_url)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None

"""Scrapy's meta-refresh redirects, without decoding every page to look for one.

Scrapy's MetaRefreshMiddleware reads ``response.text[0:4096]``, and ``response.text``
decodes the whole body first: on the 177 KB pages of bench/throughput.py that decode
and the scan cost ~6% of the reactor thread in an archive-only crawl (py-spy), for a
tag almost no page has. The scan only ever matches a literal "refresh", so a body whose
first 16 KB (4,096 characters are at most 16 KB in any ASCII-compatible encoding) hold
no such bytes has none; anything else, and any body that may be UTF-16/32 (a NUL byte
near its start), goes to Scrapy's code, given the body's first 16 KB only.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request, Response

# 4,096 characters of at most 4 bytes each, plus a byte-order mark
SCAN_BYTES = 4096 * 4 + 4


def may_refresh(body: bytes) -> bool:
    """False only when Scrapy's scan of the first 4,096 characters cannot find a refresh."""
    if b"\x00" in body[:64]:
        return True
    return b"refresh" in body[:SCAN_BYTES].lower()


class PrecheckedMetaRefreshMiddleware(MetaRefreshMiddleware):
    # Scrapy 2.19 calls it without the deprecated spider argument its base class still lists
    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        try:
            return self._refreshed(request, response)
        except ValueError:
            # a refresh to an address urllib cannot read ("url=http://[broken/x": a host
            # left open): no redirect, the page as it came (it failed whole before, its
            # text without a row); counted in the report's stats
            crawler = getattr(self, "crawler", None)
            if crawler is not None and crawler.stats is not None:
                crawler.stats.inc_value("newsarchive/fetch/unreadable_refresh")
            return response

    def _refreshed(self, request: Request, response: Response) -> Request | Response:
        if not isinstance(response, HtmlResponse):
            return super().process_response(request, response)
        if not may_refresh(response.body):
            return response
        if len(response.body) <= SCAN_BYTES:
            return super().process_response(request, response)
        # Scrapy's scan sees only the first 4,096 characters, but decodes the whole body
        # to get them and keeps that text on the response for as long as the page lives
        # (through extraction: four 4.6 MB pages held 18 MB of the crawl process, seen
        # with tracemalloc). The scan of a response cut to the bytes those characters
        # can take decides the same, and its decoded text goes when the check ends.
        # (built anew: ``replace`` reads ``encoding``, which decodes the whole body of a
        # page that declares no charset; the head's own guess differs only past ASCII)
        head = type(response)(url=response.url, status=response.status, headers=response.headers,
                              body=response.body[:SCAN_BYTES], request=response.request,
                              flags=response.flags)
        result = super().process_response(request, head)
        return response if result is head else result

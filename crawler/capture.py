"""Capture every HTTP exchange to WARC, as received, before anything decodes it.

A downloader middleware at priority 950 (crawler/addon.py): its
``process_response`` sees each response before HttpCompressionMiddleware
decodes the body and before RedirectMiddleware or RetryMiddleware act on it, so
redirect hops, retried 5xx and error pages are all archived.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from archive.errors import ArchiveWriteError
from archive.warc.records import REQUESTED_URI_HEADER, Exchange

from .meta import META_CAPTURE, META_FETCHED_AT, META_PRIOR, META_RAW, META_REVISIT
from .session import ArchiveSession, archive_session

logger = logging.getLogger(__name__)


def _host_header(url: str) -> bytes:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    default = 443 if parts.scheme == "https" else 80
    if parts.port and parts.port != default:
        host += f":{parts.port}"
    return host.encode("idna") if not host.isascii() else host.encode("ascii")


def request_headers(request: Request) -> list[tuple[bytes, bytes]]:
    """The headers sent: Twisted's agent adds Host first, then Scrapy's, in order."""
    headers: list[tuple[bytes, bytes]] = [(b"Host", _host_header(request.url))]
    for name, values in request.headers.items():
        if name.lower() == b"host":
            headers[0] = (b"Host", values[-1])
            continue
        headers.extend((name, value) for value in values)
    if request.body and b"Content-Length" not in request.headers:
        headers.append((b"Content-Length", str(len(request.body)).encode()))
    return headers


def response_headers(response: Response) -> list[tuple[bytes, bytes]]:
    """Every header of the response, repeated ones kept (getlist), grouped by name.

    Known gap: Twisted keeps connection headers (Transfer-Encoding, Connection,
    Keep-Alive) to itself and hands over a de-chunked body, so a chunked
    response is recorded de-chunked without its Transfer-Encoding header (and
    the payload digest is that of the de-chunked body, which readers expect).
    """
    return [(name, value) for name, values in response.headers.items() for value in values]


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler, session: ArchiveSession) -> None:
        self.crawler = crawler
        self.session = session
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        if not crawler.settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured  # ARCHIVE_ENABLED is off (a message would be logged as a warning)
        return cls(crawler, archive_session(crawler))

    def process_request(self, request: Request) -> None:
        # set again by the download handler when the request actually leaves its slot
        request.meta[META_FETCHED_AT] = datetime.now(timezone.utc)

    async def process_response(self, request: Request, response: Response) -> Response:
        if "cached" in response.flags:
            return response  # an HTTP-cache hit was archived when it was fetched
        fetched_at = request.meta.get(META_FETCHED_AT) or datetime.now(timezone.utc)
        raw = request.meta.pop(META_RAW, None)
        if raw is not None and not raw.complete:
            raw = None  # bigger than the recording cap: rebuilt from the parsed response
        self.stats.inc_value("newsarchive/warc/raw" if raw else "newsarchive/warc/rebuilt_message")
        extra = {}
        if request.meta.get("redirect_urls"):
            # The URL first asked for, so that rebuild can tell it from the WARC alone.
            extra[REQUESTED_URI_HEADER] = request.meta["redirect_urls"][0]
        exchange = Exchange(
            url=response.url, method=request.method.encode("ascii"),
            request_headers=request_headers(request), request_body=request.body,
            status=response.status, protocol=response.protocol or "HTTP/1.1",
            response_headers=response_headers(response), body=response.body,
            fetched_at=fetched_at,
            ip_address=str(response.ip_address) if response.ip_address else None,
            extra_warc_headers=extra,
            raw_request=raw.request if raw else None,
            raw_response=raw.response if raw else None,
            prior=request.meta.get(META_PRIOR),
        )
        try:
            location = await asyncio.wrap_future(
                self.session.writer_thread.submit(self.session.archive_exchange, exchange))
        except ArchiveWriteError as exc:
            self.stats.inc_value("newsarchive/warc/write_failed")
            self.session.fail_crawl(str(exc))
            raise IgnoreRequest(f"not archived: {exc}") from exc
        if location.record_type == "revisit":
            request.meta[META_REVISIT] = location.profile
            self.stats.inc_value("newsarchive/unchanged")
        self.stats.inc_value("newsarchive/warc/responses")
        self.stats.inc_value("newsarchive/warc/bytes", location.length)
        request.meta[META_CAPTURE] = location
        return response

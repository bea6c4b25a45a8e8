"""A download handler that keeps the exact bytes of each HTTP/1.1 exchange.

Scrapy's HTTP/1.1 handler (Twisted) hands over a parsed response: the reason
phrase dropped, connection headers (Transfer-Encoding, Connection,
Keep-Alive) removed, repeated headers regrouped, the body de-chunked. Archives
must hold what crossed the wire, so this handler tees every byte the
connection receives while serving a request (and every byte it sends), and
leaves them in ``request.meta[META_RAW]`` for the capture middleware.

It subclasses private classes of Scrapy 2.19 (pinned in pyproject.toml);
tests/e2e/test_crawl_urls.py fails loudly if an upgrade changes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _ScrapyAgent,
)
from scrapy.core.downloader.handlers.http11 import logger as http11_logger
from scrapy.crawler import Crawler
from scrapy.exceptions import ResponseDataLossError
from scrapy.http import Response
from scrapy.utils._download_handlers import get_dataloss_msg, wrap_twisted_exceptions
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from .cluster.membership_of import cluster_of
from .meta import META_FETCHED_AT, META_RAW


@dataclass
class RawExchange:
    request: bytes
    response: bytes
    complete: bool = True  # False when the recording hit its size cap


class _TeeProtocol(_LenientHTTP11ClientProtocol):
    """Records the bytes sent and received for the request being served."""

    max_record: int = 0  # bytes; 0 means no cap
    # What arrived for the request being served, as the pieces Twisted handed over (joined
    # once when handed on: appending to one buffer copied it again as it grew); None: not
    # recording (between requests)
    _received: list[bytes] | None = None
    _received_size = 0

    def request(self, request: Any) -> Deferred[Any]:
        self._sent = bytearray()
        self._received = []
        self._received_size = 0
        self._capped = False
        # the connection's transport, whose write methods are wrapped below (zope's
        # interface types name neither the instance nor assigning to it)
        transport: Any = self.transport
        original_write, original_write_sequence = transport.write, transport.writeSequence

        def write(data: bytes) -> None:
            self._sent += data
            original_write(data)

        def write_sequence(chunks: list[bytes]) -> None:
            for chunk in chunks:
                self._sent += chunk
            original_write_sequence(chunks)

        # Twisted writes the request line and headers synchronously, in request()
        transport.write, transport.writeSequence = write, write_sequence
        try:
            d = super().request(request)
        finally:
            del transport.write, transport.writeSequence

        def attach(response: Any) -> Any:
            response._newsarchive_protocol = self
            return response

        d.addCallback(attach)
        return d

    def dataReceived(self, data: bytes) -> None:  # noqa: N802 - Twisted API
        received = getattr(self, "_received", None)
        if received is not None and not self._capped:
            if self.max_record and self._received_size + len(data) > self.max_record:
                self._capped = True
            else:
                received.append(data)
                self._received_size += len(data)
        super().dataReceived(data)  # type: ignore[no-untyped-call]  # Twisted's, unannotated

    def raw_exchange(self) -> RawExchange:
        """The exchange just finished, handed over once: the connection stops holding its
        bytes. A kept-alive connection otherwise held its last response until it served
        another request, and with 32 connections open on multi-megabyte pages that was
        37 MB of the crawl process's memory (tracemalloc, on real pages)."""
        if self._received is None:
            raise RuntimeError("this exchange was handed over already")
        exchange = RawExchange(bytes(self._sent), b"".join(self._received), not self._capped)
        self._sent, self._received, self._received_size = bytearray(), None, 0
        return exchange


class _TeeFactory(_LenientHTTP11ClientFactory):
    max_record = 0

    def buildProtocol(self, addr: Any) -> _TeeProtocol:  # noqa: N802 - Twisted API
        # Twisted's HTTP11ClientProtocol.__init__ is unannotated
        protocol = _TeeProtocol(self._quiescentCallback)  # type: ignore[no-untyped-call]
        protocol.max_record = self.max_record
        return protocol


class _TeeAgent(_ScrapyAgent):
    def download_request(self, request: Request) -> Deferred[Response]:
        self._scrapy_request = request
        return super().download_request(request)

    def _cb_bodydone(self, result: Any, url: str) -> Response:
        response = super()._cb_bodydone(result, url)
        protocol = getattr(result["txresponse"], "_newsarchive_protocol", None)
        if protocol is not None:
            self._scrapy_request.meta[META_RAW] = protocol.raw_exchange()
        return response


def _slot_and_delay(crawler: Crawler, request: Request) -> tuple[str, float]:
    """The request's download slot and its current delay (DOWNLOAD_DELAY raised by
    AutoThrottle, a robots.txt Crawl-delay or a Retry-After)."""
    key = request.meta.get("download_slot") or urlparse_cached(request).hostname or ""
    slot = crawler.engine.downloader.slots.get(key) if crawler.engine else None
    delay = slot.delay if slot is not None else crawler.settings.getfloat("DOWNLOAD_DELAY")
    return key, delay


class RawCaptureDownloadHandler(HTTP11DownloadHandler):
    """HTTP11DownloadHandler whose connections record their raw bytes."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        factory: type[_TeeFactory] = type("_Factory", (_TeeFactory,), {
            # headers and chunk framing on top of the largest body Scrapy accepts
            "max_record": crawler.settings.getint("DOWNLOAD_MAXSIZE") + 1024 * 1024})
        self._pool._factory = factory

    async def download_request(self, request: Request) -> Response:
        cluster = cluster_of(self._crawler)
        claimed = None
        if cluster is not None:
            # one worker of a shared crawl: wait for this host's turn across all workers
            claimed = await cluster.wait_turn(*_slot_and_delay(self._crawler, request))
        # When the request leaves its download slot (after any per-host delay): the
        # fetch time archived as WARC-Date and used to check politeness.
        request.meta[META_FETCHED_AT] = claimed or datetime.now(timezone.utc)
        agent = _TeeAgent(
            contextFactory=self._contextFactory, bindAddress=self._bind_address, pool=self._pool,
            maxsize=self._default_maxsize, warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss, crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging)
        try:
            with wrap_twisted_exceptions():
                return await maybe_deferred_to_future(agent.download_request(request))
        except ResponseDataLossError:
            if not self._fail_on_dataloss_warned:
                http11_logger.warning(get_dataloss_msg(request.url))
                self._fail_on_dataloss_warned = True
            raise

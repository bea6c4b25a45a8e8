"""Name why a request failed, for stats and the crawl report."""

from __future__ import annotations

from twisted.internet import error as tx_error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from typing import cast

from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError,
                               DownloadConnectionRefusedError, DownloadFailedError,
                               DownloadTimeoutError, IgnoreRequest, ResponseDataLossError,
                               UnsupportedURLSchemeError)
from scrapy.spidermiddlewares.httperror import HttpError

_REASONS: list[tuple[type[BaseException], str]] = [
    # Scrapy 2.19 wraps transport errors in its own types
    (CannotResolveHostError, "dns"),
    (DownloadConnectionRefusedError, "connection_refused"),
    (DownloadTimeoutError, "timeout"),
    (DownloadCancelledError, "too_large"),  # Scrapy cancels a download past DOWNLOAD_MAXSIZE
    (ResponseDataLossError, "data_loss"),
    (UnsupportedURLSchemeError, "unsupported_scheme"),
    (DownloadFailedError, "download_failed"),
    (tx_error.DNSLookupError, "dns"),
    (tx_error.ConnectionRefusedError, "connection_refused"),
    (tx_error.TimeoutError, "timeout"),
    (tx_error.TCPTimedOutError, "timeout"),
    (ResponseNeverReceived, "no_response"),
    (ResponseFailed, "connection_lost"),
    (tx_error.ConnectionLost, "connection_lost"),
    (tx_error.ConnectionDone, "connection_lost"),
    (IgnoreRequest, "ignored"),
]


def failed_url(failure: Failure) -> str:
    """The URL a failure is reported under: as requested, before any redirect."""
    request = getattr(failure, "request", None)
    if request is None:
        return "?"
    return str((request.meta.get("redirect_urls") or [request.url])[0])


def failure_reason(failure: Failure) -> tuple[str, str]:
    """(reason, detail) for a request's failure: ``http_404``, ``dns``, ``timeout``..."""
    if failure.check(HttpError):
        response = cast(HttpError, failure.value).response
        location = (response.headers.get(b"Location") or b"").decode("latin-1")
        if 300 <= response.status < 400 and location:
            scheme = location.split(":", 1)[0].lower() if ":" in location.split("/", 1)[0] else ""
            if scheme and scheme not in ("http", "https"):
                # Scrapy refuses to follow it (file:, ftp:, javascript:): good, and named
                return "unsupported_scheme", f"redirect to {location[:100]}"
        return f"http_{response.status}", f"HTTP {response.status}"
    name = type(failure.value).__name__
    detail = f"{name}: {failure.getErrorMessage()}"
    reason = getattr(failure.value, "reason", None)  # crawler.robots.RobotsUnreachable
    if failure.check(IgnoreRequest) and isinstance(reason, str):
        return reason, detail
    if failure.check(IgnoreRequest):
        message = str(failure.value).lower()
        if "robots.txt" in message:
            return "robots_disallowed", detail
        if "max redirections" in message:
            # a loop the dupefilter did not stop: a request retried after a timeout is
            # sent again with dont_filter, and its redirects inherit it
            request = getattr(failure, "request", None)
            chain = [*(request.meta.get("redirect_urls") or []), request.url] if request else []
            if len(set(chain)) < len(chain):
                return "redirect_loop", f"back to {chain[-1]}"
            return "redirect_limit", detail
        if "download_maxsize" in message or "decompression" in message:
            return "too_large", detail
    for exc_type, reason in _REASONS:
        if failure.check(exc_type):
            return reason, detail
    if failure.check(ValueError) and "url" in failure.getErrorMessage().lower():
        # a redirect to an address urllib cannot read ("Location: http://[broken/x", a
        # host left open): Scrapy's redirect middleware raises on it
        return "malformed_url", detail
    return name.lower(), detail

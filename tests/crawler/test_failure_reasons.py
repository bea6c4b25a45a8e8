"""A redirect loop is named a loop however Scrapy stopped it."""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.failures import failure_reason

URL = "http://127.0.0.1:9/redirect-loop"


def stopped_by_the_redirect_limit(url: str, location: str) -> Failure:
    """Follow ``url`` -> ``location`` with Scrapy's own middleware as a retried request
    (dont_filter, so the dupefilter never sees the loop) until it gives up."""
    crawler = get_crawler(Spider, {"REDIRECT_MAX_TIMES": 5})
    middleware = RedirectMiddleware.from_crawler(crawler)
    request = Request(url, dont_filter=True)
    try:
        for _ in range(20):
            response = Response(request.url, status=302, headers={"Location": location},
                                request=request)
            request = middleware.process_response(request, response)
    except IgnoreRequest as exc:
        failure = Failure(exc)
        failure.request = request  # type: ignore[attr-defined]  # as Scrapy's errbacks see it
        return failure
    raise AssertionError("the redirect middleware never stopped")


def test_a_loop_past_the_limit_is_a_redirect_loop() -> None:
    reason, detail = failure_reason(stopped_by_the_redirect_limit(URL, URL))
    assert (reason, detail) == ("redirect_loop", f"back to {URL}")


def test_a_long_chain_without_a_loop_is_the_redirect_limit() -> None:
    counter = iter(range(100))
    failure = None
    crawler = get_crawler(Spider, {"REDIRECT_MAX_TIMES": 5})
    middleware = RedirectMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.1:9/r0", dont_filter=True)
    try:
        for _ in range(20):
            location = f"/r{next(counter) + 1}"
            request = middleware.process_response(
                request, Response(request.url, status=302, headers={"Location": location},
                                  request=request))
    except IgnoreRequest as exc:
        failure = Failure(exc)
        failure.request = request  # type: ignore[attr-defined]
    assert failure is not None
    assert failure_reason(failure)[0] == "redirect_limit"


def test_a_redirect_to_an_address_urllib_cannot_read_is_a_malformed_url() -> None:
    crawler = get_crawler(Spider)
    middleware = RedirectMiddleware.from_crawler(crawler)
    request = Request(URL)
    response = Response(URL, status=302, headers={"Location": "http://[broken/x"}, request=request)
    try:
        middleware.process_response(request, response)
    except ValueError as exc:
        reason, detail = failure_reason(Failure(exc))
    else:
        raise AssertionError("Scrapy followed a Location urllib cannot read")
    assert (reason, detail) == ("malformed_url", "ValueError: Invalid IPv6 URL")

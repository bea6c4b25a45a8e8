"""The meta-refresh precheck (crawler/metarefresh.py) redirects exactly when Scrapy's
own MetaRefreshMiddleware does."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.metarefresh import PrecheckedMetaRefreshMiddleware, may_refresh

REFRESH = '<meta http-equiv="Refresh" content="0; url=/moved">'
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "newsfixture"


def page(head: str, filler: int = 0, encoding: str = "utf-8") -> bytes:
    html = f"<html><head>{'<!-- ' + 'x' * filler + ' -->' if filler else ''}{head}</head><body>Hi</body></html>"
    return html.encode(encoding)


CASES = [
    (page(REFRESH), True),
    (page(REFRESH.replace("Refresh", "REFRESH")), True),
    (page("<title>no redirect</title>"), False),
    (page(REFRESH, filler=5000), False),  # past the 4,096 characters Scrapy looks at
    (page(REFRESH, filler=2000).replace(b"x" * 2000, "ễ".encode() * 666), True),  # multi-byte
    (b"\xff\xfe" + page(REFRESH, encoding="utf-16-le"), True),  # UTF-16: Scrapy's own code decides
    (page(f"<script>var a = '{REFRESH}';</script>"), True),  # METAREFRESH_IGNORE_TAGS is empty
]


def both(body: bytes):
    crawler = get_crawler()
    ours = PrecheckedMetaRefreshMiddleware.from_crawler(crawler)
    scrapys = MetaRefreshMiddleware.from_crawler(crawler)
    request = Request("http://news.example/a")
    response = HtmlResponse("http://news.example/a", body=body, request=request)
    return ours.process_response(request, response), scrapys.process_response(request, response), response


@pytest.mark.parametrize("body,redirects", CASES)
def test_same_decision_as_scrapy(body: bytes, redirects: bool) -> None:
    ours, scrapys, response = both(body)
    if redirects:
        assert isinstance(ours, Request) and ours.url == "http://news.example/moved"
        assert isinstance(scrapys, Request) and scrapys.url == ours.url
    else:
        assert ours is response and scrapys is response


def test_precheck_rules_out_no_refresh_scrapy_would_find() -> None:
    """Every fixture page: where the precheck says "none", Scrapy finds none either; and
    it does say "none" for ordinary pages (else it saves nothing)."""
    pages = sorted(FIXTURE.rglob("*.html"))
    assert len(pages) > 30
    ruled_out = 0
    for path in pages:
        body = path.read_bytes()
        if not may_refresh(body):
            ruled_out += 1
            ours, scrapys, response = both(body)
            assert ours is response and scrapys is response, path
    assert ruled_out > len(pages) * 0.9


@pytest.mark.parametrize("head,redirects", [
    (REFRESH, True),
    ("<script>refresh(); var a = 1;</script>", False),  # the word, but no tag
])
def test_a_large_page_is_never_decoded_whole(head: str, redirects: bool) -> None:
    """Scrapy decodes the whole body for its 4,096-character scan and keeps the text on the
    response; on a multi-megabyte page that is megabytes held while it is extracted."""
    body = page(head).replace(b"<body>Hi", b"<body>" + "<p>ễ text</p>".encode() * 300_000)
    assert len(body) > 3_000_000
    ours, scrapys, response = both(body)
    if redirects:
        assert isinstance(ours, Request) and ours.url == "http://news.example/moved" == scrapys.url
    else:
        assert ours is response and scrapys is response
    fresh = HtmlResponse("http://news.example/a", body=body, request=Request("http://news.example/a"))
    result = PrecheckedMetaRefreshMiddleware.from_crawler(get_crawler()).process_response(
        fresh.request, fresh)
    assert fresh._cached_ubody is None  # the whole body was never decoded
    assert (result is fresh) is not redirects


def test_a_refresh_to_an_address_urllib_cannot_read_is_no_redirect() -> None:
    """"url=http://[broken/x" made Scrapy's code raise ValueError: the URL failed, and the
    page's own text got no row. Now the page comes as it is, and the stats count it."""
    crawler = get_crawler()
    ours = PrecheckedMetaRefreshMiddleware.from_crawler(crawler)
    crawler.stats.open_spider()
    request = Request("http://news.example/a")
    response = HtmlResponse("http://news.example/a", request=request,
                            body=page('<meta http-equiv="refresh" content="0; url=http://[broken/x">'))
    assert ours.process_response(request, response) is response
    assert crawler.stats.get_value("newsarchive/fetch/unreadable_refresh") == 1
    with pytest.raises(ValueError):  # what Scrapy's own middleware does with it
        MetaRefreshMiddleware.from_crawler(crawler).process_response(request, response)

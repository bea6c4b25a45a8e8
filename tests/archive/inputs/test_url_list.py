from __future__ import annotations

import pytest

from archive.errors import InputError
from archive.inputs.url_list import canonical_url, check_url, parse_url_lines


def test_comments_blanks_and_duplicates() -> None:
    lines = ["# comment", "", "  http://a.example/x  ", "https://b.example/", "http://a.example/x"]
    entries = parse_url_lines(iter(lines), "list")
    assert [(e.url, e.line) for e in entries] == [("http://a.example/x", 3), ("https://b.example/", 4)]


def test_bad_line_raises_with_source_and_line() -> None:
    with pytest.raises(InputError, match=r"^list:2: not an http\(s\) URL"):
        parse_url_lines(iter(["http://a.example/", "file:///etc/passwd"]), "list")


def test_skip_invalid_collects_rejections() -> None:
    rejected: list = []
    entries = parse_url_lines(iter(["mailto:x@y", "http://ok.example/"]), "list",
                              skip_invalid=True, rejected=rejected)
    assert [e.url for e in entries] == ["http://ok.example/"]
    assert rejected[0][0] == 1 and "not an http(s) URL" in rejected[0][2]


@pytest.mark.parametrize("url", ["http://a.example/\x00", "http://" + "a" * 9000 + ".example/",
                                 "//no-scheme.example/", "http://[::1/"])
def test_junk_is_rejected(url: str) -> None:
    assert check_url(url) is not None


def test_query_and_port_are_fine() -> None:
    assert check_url("http://127.0.0.1:8080/story?id=1&lang=zh") is None


def test_every_bad_line_is_named_at_once() -> None:
    lines = ["http://a.example/", "ftp://b.example/", "http://ok.example/", "not a url",
             "mailto:x@y"]
    with pytest.raises(InputError) as raised:
        parse_url_lines(iter(lines), "list")
    assert str(raised.value) == ("list:2: not an http(s) URL (scheme 'ftp'): 'ftp://b.example/' "
                                 "(and 2 more bad lines: 4, 5; --skip-invalid skips them)")


def test_a_comment_after_the_url() -> None:
    lines = ["http://a.example/x   # the harbour story", "http://b.example/y\t#b",
             "http://c.example/page#section"]
    assert [e.url for e in parse_url_lines(iter(lines), "list")] == [
        "http://a.example/x", "http://b.example/y", "http://c.example/page#section"]


@pytest.mark.parametrize(("url", "canonical"), [
    # each its own page: a site crawl fetches every one of them
    ("https://a.example/aktuelles/detail?tx_news_pi1%5Bnews%5D=42&cHash=0a1b",
     "https://a.example/aktuelles/detail?cHash=0a1b&tx_news_pi1%5Bnews%5D=42"),
    ("https://a.example/index.php?option=com_content&view=article&id=45&Itemid=101",
     "https://a.example/index.php?Itemid=101&id=45&option=com_content&view=article"),
    ("https://blog.example/?paged=2", "https://blog.example/?paged=2"),
    ("https://blog.example/?cat=5", "https://blog.example/?cat=5"),
    ("https://a.example/news.php?newsid=44", "https://a.example/news.php?newsid=44"),
    # the same page: trackers, a session, a reply link, the fragment, the host's case
    ("https://A.example/story?utm_source=tw&fbclid=1&id=7#comments", "https://a.example/story?id=7"),
    ("https://blog.example/?p=123&replytocom=5&PHPSESSID=abc", "https://blog.example/?p=123"),
    ("https://a.example/story?lang=de&id=7", "https://a.example/story?id=7&lang=de"),
    # parameters that name no page: an unknown tracker, a share link, a forum's session
    ("https://a.example/story?mod=hp_lead&CMP=share_btn&id=7", "https://a.example/story?id=7"),
    ("https://blog.example/post/?share=facebook&nb=1", "https://blog.example/post/"),
    ("https://f.example/viewtopic.php?sid=0123456789abcdef0123456789abcdef&id=5",
     "https://f.example/viewtopic.php?id=5"),
])
def test_canonical_url_keeps_what_names_a_page(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_pages_of_a_site_stay_apart() -> None:
    news = [f"https://a.example/detail?tx_news_pi1%5Bnews%5D={n}&cHash=x{n}" for n in range(5)]
    pages = [f"https://blog.example/?paged={n}" for n in range(2, 6)]
    assert len({canonical_url(u) for u in news + pages}) == 9

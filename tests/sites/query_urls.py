"""A site on 127.0.0.1 whose CMS names its pages in the query, as TYPO3, Joomla and
WordPress's plain permalinks do: "/news/detail?tx_news_pi1[news]=1&cHash=...",
"/index.php?option=com_content&view=article&id=3", "/?p=7", and a second page of
posts at "/?paged=2". Every item is an article of its own; a URL whose query is
dropped or cut answers 404 (as TYPO3 does without its cHash)."""

from __future__ import annotations

from http.server import ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.sites.small_site import start_small_site

TOPICS = ["harbour", "ferry", "market", "library", "bridge", "school"]


def _article(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    paragraphs = "".join(
        f"<p>Story {n}, part {i}: the council said on Monday that the {topic} would stay "
        f"open through the winter, after residents asked for it at the meeting in the "
        f"town hall, where the {topic} was the first item of the evening.</p>" for i in range(6))
    return (f"<html><head><title>The {topic} stays open ({n}) - Town News</title>"
            "<meta property='og:type' content='article'></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>The {topic} stays open ({n})</h1>"
            f"<p class='byline'>By Jane Roe · 12 May 2024</p>{paragraphs}</article></body></html>")


# path and query (its parameters, as a set) -> the item's number
ITEMS: dict[tuple[str, frozenset[tuple[str, str]]], int] = {
    ("/news/detail", frozenset({("tx_news_pi1[news]", "1"), ("cHash", "a1f0")})): 1,
    ("/news/detail", frozenset({("tx_news_pi1[news]", "2"), ("cHash", "b2e9")})): 2,
    ("/index.php", frozenset({("option", "com_content"), ("view", "article"), ("id", "3"),
                              ("Itemid", "101")})): 3,
    ("/", frozenset({("p", "7")})): 7,
    ("/", frozenset({("p", "8")})): 8,
}
HOME = ("<html><head><title>Town News</title></head><body><h1>Town News</h1><ul>"
        "<li><a href='/news/detail?tx_news_pi1%5Bnews%5D=1&amp;cHash=a1f0'>The ferry (1)</a></li>"
        "<li><a href='/news/detail?tx_news_pi1%5Bnews%5D=2&amp;cHash=b2e9'>The market (2)</a></li>"
        "<li><a href='/index.php?option=com_content&amp;view=article&amp;id=3&amp;Itemid=101'>"
        "The library (3)</a></li><li><a href='/?p=7'>The ferry (7)</a></li></ul>"
        "<a href='/?paged=2'>Older posts</a></body></html>")
PAGE_2 = ("<html><head><title>Town News - Page 2</title></head><body><ul>"
          "<li><a href='/?p=8'>The market (8)</a></li></ul></body></html>")


def _page(target: str) -> str | None:
    parts = urlsplit(target)
    query = frozenset(parse_qsl(parts.query))
    if (parts.path, query) in ITEMS:
        return _article(ITEMS[(parts.path, query)])
    if parts.path == "/" and not query:
        return HOME
    if parts.path == "/" and query == {("paged", "2")}:
        return PAGE_2
    return None


def start_query_site() -> tuple[ThreadingHTTPServer, str]:
    return start_small_site(_page)

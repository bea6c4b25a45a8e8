"""A site on 127.0.0.1 whose CMS names its pages in the query, as TYPO3, Joomla and
WordPress's plain permalinks do: "/news/detail?tx_news_pi1[news]=1&cHash=...",
"/index.php?option=com_content&view=article&id=3", "/?p=7", and a second page of
posts at "/?paged=2". Every item is an article of its own; a URL whose query is
dropped or cut answers 404 (as TYPO3 does without its cHash)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

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


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = frozenset(parse_qsl(parts.query))
        if parts.path == "/robots.txt":
            body, status = "User-agent: *\nAllow: /\n", 200
        elif (parts.path, query) in ITEMS:
            body, status = _article(ITEMS[(parts.path, query)]), 200
        elif parts.path == "/" and not query:
            body, status = HOME, 200
        elif parts.path == "/" and query == {("paged", "2")}:
            body, status = PAGE_2, 200
        else:
            body, status = "<html><body>Not found</body></html>", 404
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if parts.path == "/robots.txt"
                         else "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def start_query_site() -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"

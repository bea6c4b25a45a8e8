"""A hostile web server on 127.0.0.1: real sockets, every way a server can misbehave.

Each path is one case; ``CASES`` maps it to what the crawl must report. The
server is a plain threaded socket server, so it can do what no HTTP library
would: drip bytes, lie about lengths, reset connections, never answer.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
import zlib

GOOD = ("<html><head><title>Good page</title><meta property='og:type' content='article'></head>"
        "<body><article><h1>Good page</h1>" + "".join(
            f"<p>Paragraph {i}: the hostile server also serves one good article, which must be "
            "archived and extracted normally whatever else happens in the same crawl.</p>"
            for i in range(6)) + "</article></body></html>").encode()

# An article whose last paragraphs and link sit 300 elements deep (its replies never
# close their <div>s, as old templates do), under JSON-LD nested deeper than Python's
# stack: libxml2 drops what is deeper than 256 levels unless told not to, and json
# raises RecursionError on such a document
DEEP_ARTICLE = ("<html><head><title>Deep page</title><meta property='og:type' content='article'>"
                "<script type='application/ld+json'>" + "[" * 50_000 + "]" * 50_000 + "</script>"
                "</head><body><article><h1>Deep page</h1>" + "".join(
                    f"<p>Paragraph {i}: the first part of an article whose template never closes "
                    "its reply boxes, so that every later part sits one level deeper.</p>"
                    for i in range(3)) + "<div class='reply'>" * 300 + "".join(
                    f"<p>Deep paragraph {i}: written three hundred levels down, it is still a "
                    "part of the article and must reach its corpus row.</p>" for i in range(3))
                + "<p><a href='/linked-3'>The next article</a></p>" + "</div>" * 300
                + "</article></body></html>").encode()

# path -> the failure reason the crawl must report (None: archived, no corpus row)
CASES: dict[str, str | None] = {
    "/slow-drip": "timeout",
    "/never-answers": "timeout",
    "/reset-mid-body": "data_loss",  # a reset after part of the body: Scrapy says data loss
    "/length-too-long": "data_loss",
    "/length-too-short": None,
    "/truncated-chunked": "data_loss",
    "/gzip-bomb": "too_large",
    "/huge-page": "too_large",
    "/endless-stream": "too_large",
    "/binary-as-html": None,
    "/invalid-utf8": None,
    "/lying-charset": None,
    "/one-long-line": None,
    "/deep-nesting": None,
    "/empty-200": None,
    "/redirect-loop": "redirect_loop",
    "/redirect-chain/0": "redirect_limit",
    "/redirect-to-file": "unsupported_scheme",
    "/unavailable-storm": "http_503",
    "/too-many-storm": "http_429",  # 429 after 429, each with Retry-After: 1
}

# A sitemap that declares entities (the "billion laughs"), and a sitemap index
# whose every page names the next one: for site crawls of the hostile server.
XML_BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'.encode()
                       for i in range(1, 10))
            + b']>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc>/good?&lol9;</loc></url></urlset>")


_GZIP_BOMB: list[bytes] = []


def _gzip_bomb() -> bytes:
    """200 MB of zeros gzipped (~200 KB), compressed once: compressing it for every
    request took the server longer than the crawl's DOWNLOAD_TIMEOUT on a loaded
    machine, and the page then failed as a timeout, not as too large."""
    if not _GZIP_BOMB:
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        _GZIP_BOMB.append(comp.compress(b"\0" * (200 * 1024 * 1024)) + comp.flush())
    return _GZIP_BOMB[0]


def _sitemap_index(n: int) -> bytes:
    return (b'<?xml version="1.0"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + f"<sitemap><loc>/sitemap-endless/{n + 1}.xml</loc></sitemap>".encode() + b"</sitemapindex>")


def _head(status: str, headers: list[tuple[str, str]]) -> bytes:
    return (f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n").encode()


class Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:  # noqa: C901 - one branch per case, on purpose
        sock: socket.socket = self.request
        sock.settimeout(30)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                return
            data += chunk
        path = data.split(b" ", 2)[1].decode()
        html = [("Content-Type", "text/html; charset=utf-8"), ("Connection", "close")]
        try:
            if path == "/robots.txt":
                mode = getattr(self.server, "robots", "404")
                if mode == "500":
                    sock.sendall(_head("500 Internal Server Error", [("Content-Length", "0")]))
                elif mode == "timeout":
                    time.sleep(30)
                elif mode == "broken":
                    body = f"Sitemap: {self.server.base}/sitemap-broken.xml\n".encode()
                    sock.sendall(_head("200 OK", [("Content-Type", "text/plain"),
                                                  ("Content-Length", str(len(body)))]) + body)
                elif mode == "sitemaps":
                    body = f"Sitemap: {self.server.base}/sitemap-bomb.xml\n" \
                           f"Sitemap: {self.server.base}/sitemap-endless/0.xml\n".encode()
                    sock.sendall(_head("200 OK", [("Content-Type", "text/plain"),
                                                  ("Content-Length", str(len(body)))]) + body)
                else:
                    sock.sendall(_head("404 Not Found", [("Content-Length", "0")]))
            elif path == "/sitemap-bomb.xml":
                sock.sendall(_head("200 OK", [("Content-Type", "application/xml"),
                                              ("Content-Length", str(len(XML_BOMB)))]) + XML_BOMB)
            elif path.startswith("/sitemap-endless/"):
                body = _sitemap_index(int(path.rsplit("/", 1)[1].split(".")[0]))
                self.server.endless_hits += 1
                sock.sendall(_head("200 OK", [("Content-Type", "application/xml"),
                                              ("Content-Length", str(len(body)))]) + body)
            elif path == "/sitemap-broken.xml":  # one <loc> urllib cannot read, then a good one
                body = (b'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                        b'sitemap/0.9"><url><loc>http://[broken/x</loc></url><url><loc>'
                        + f"{self.server.base}/linked</loc></url></urlset>".encode())
                sock.sendall(_head("200 OK", [("Content-Type", "application/xml"),
                                              ("Content-Length", str(len(body)))]) + body)
            elif path == "/broken-links":  # a link urllib cannot read, then a good one
                body = GOOD.replace(b"</body>", b'<a href="http://[broken/y">broken</a>'
                                    b'<a href="/linked-2">next</a></body>')
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(body)))]) + body)
            elif path == "/deep-article":
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(DEEP_ARTICLE)))])
                             + DEEP_ARTICLE)
            elif path in ("/good", "/linked", "/linked-2", "/linked-3"):
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(GOOD)))]) + GOOD)
            elif path == "/slow-drip":
                sock.sendall(_head("200 OK", html + [("Content-Length", "100000")]))
                for _ in range(60):
                    sock.sendall(b"x")
                    time.sleep(1)
            elif path == "/never-answers":
                time.sleep(60)
            elif path == "/reset-mid-body":
                sock.sendall(_head("200 OK", html + [("Content-Length", "100000")]) + b"<html>" * 1000)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            elif path == "/length-too-long":
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(GOOD) + 5000))]) + GOOD)
            elif path == "/length-too-short":
                sock.sendall(_head("200 OK", html + [("Content-Length", "100")]) + GOOD)
            elif path == "/truncated-chunked":
                sock.sendall(_head("200 OK", html + [("Transfer-Encoding", "chunked")])
                             + b"400\r\n" + b"a" * 300)
            elif path == "/gzip-bomb":
                body = _gzip_bomb()
                sock.sendall(_head("200 OK", html + [("Content-Encoding", "gzip"),
                                                    ("Content-Length", str(len(body)))]) + body)
            elif path == "/huge-page":
                size = 50 * 1024 * 1024
                sock.sendall(_head("200 OK", html + [("Content-Length", str(size))]))
                block = b"<p>" + b"big " * 4000 + b"</p>"
                sent = 0
                while sent < size:
                    sock.sendall(block)
                    sent += len(block)
            elif path == "/endless-stream":
                sock.sendall(_head("200 OK", html + [("Transfer-Encoding", "chunked")]))
                block = b"<p>" + b"more " * 2000 + b"</p>"
                for _ in range(100_000):
                    sock.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n")
            elif path == "/binary-as-html":
                body = bytes(range(256)) * 64
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(body)))]) + body)
            elif path == "/invalid-utf8":
                body = GOOD.replace(b"Paragraph", b"Para\xff\xfegraph")
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(body)))]) + body)
            elif path == "/lying-charset":  # says UTF-8, is GB18030
                body = ("<html><head><meta charset='utf-8'><title>谎言</title></head><body><p>"
                        + "这个页面声称使用统一码,但实际上是用国标编码写成的。" * 20
                        + "</p></body></html>").encode("gb18030")
                sock.sendall(_head("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Connection", "close"),
                                              ("Content-Length", str(len(body)))]) + body)
            elif path == "/one-long-line":
                body = b"<html><body><p>" + b"word " * (2 * 1024 * 1024) + b"</p></body></html>"
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(body)))]) + body)
            elif path == "/deep-nesting":
                body = b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>"
                sock.sendall(_head("200 OK", html + [("Content-Length", str(len(body)))]) + body)
            elif path == "/empty-200":
                sock.sendall(_head("200 OK", html + [("Content-Length", "0")]))
            elif path == "/redirect-loop":
                sock.sendall(_head("302 Found", [("Location", "/redirect-loop"), ("Content-Length", "0")]))
            elif path.startswith("/redirect-chain/"):
                n = int(path.rsplit("/", 1)[1])
                sock.sendall(_head("302 Found", [("Location", f"/redirect-chain/{n + 1}"),
                                                 ("Content-Length", "0")]))
            elif path == "/redirect-to-file":
                sock.sendall(_head("302 Found", [("Location", "file:///etc/passwd"), ("Content-Length", "0")]))
            elif path == "/too-many-storm":
                sock.sendall(_head("429 Too Many Requests", [("Retry-After", "1"), ("Content-Length", "0")]))
            elif path == "/unavailable-storm":
                sock.sendall(_head("503 Service Unavailable", [("Content-Length", "0")]))
            else:
                sock.sendall(_head("404 Not Found", [("Content-Length", "0")]))
        except OSError:
            pass


class HostileServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


    robots = "404"  # what /robots.txt does: "404", "500", "timeout", "sitemaps" or "broken"
    base = ""
    endless_hits = 0


def start_hostile(robots: str = "404") -> tuple[HostileServer, str]:
    _gzip_bomb()  # made before the crawl starts, not while it waits
    server = HostileServer(("127.0.0.1", 0), Handler)
    server.robots = robots
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.base


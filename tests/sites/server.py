"""Serve the fixture news site on 127.0.0.1, one port (one "host") per publisher.

Real sockets and a real HTTP/1.1 server, serving each page the way the
manifest says: gzip-encoded, chunked, charset only in <meta>, a legacy
encoding, repeated Set-Cookie headers, a 301, a 404, a 500.

    python -m tests.sites.server --urls-out urls.txt   # serve until killed
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import threading
import time
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent / "newsfixture"
NOT_FOUND = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n"
DISALLOWED = "/private/"  # robots.txt of every site disallows this folder
SERVER_ERROR = b"<!DOCTYPE html><html><head><title>500</title></head><body><h1>Internal Server Error</h1></body></html>\n"


def load_manifest(root: Path = ROOT) -> dict[str, Any]:
    return json.loads((root / "site.json").read_text(encoding="utf-8"))


@dataclass
class SiteServer:
    name: str
    server: ThreadingHTTPServer
    thread: threading.Thread
    pages: dict[str, dict[str, Any]]
    hits: list[str] = field(default_factory=list)
    hit_times: list[tuple[str, float]] = field(default_factory=list)  # (path, monotonic time)
    articles: list[dict[str, Any]] = field(default_factory=list)
    crawl_delay: float | None = None  # announced in robots.txt when set
    busy_served: set[str] = field(default_factory=set)
    changed: dict[str, bytes] = field(default_factory=dict)  # path -> new body (re-crawl tests)
    # path -> [(bytes received, bytes sent)] per exchange, exactly as on the socket
    wire: dict[str, list[tuple[bytes, bytes]]] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def make_handler(site: SiteServer, root: Path) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "fixture-nginx/1.24"

        def setup(self) -> None:
            super().setup()
            self._received, self._sent = bytearray(), bytearray()
            self.rfile = _Tee(self.rfile, self._received)
            self.wfile = _Tee(self.wfile, self._sent)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib API
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib API
            try:
                self._serve()
            finally:
                self.wfile.flush()
                site.wire.setdefault(self.path, []).append((bytes(self._received), bytes(self._sent)))
                self._received.clear()
                self._sent.clear()

        def _serve(self) -> None:
            site.hits.append(self.path)
            site.hit_times.append((self.path, time.monotonic()))
            dynamic = discovery_route(site, self.path)
            if dynamic is not None:
                status, body, ctype, extra = dynamic
                return self.send_body(status, body, content_type=ctype, extra=extra)
            page = site.pages.get(self.path)
            if page is None:
                return self.send_body(404, NOT_FOUND)
            status = page.get("status", 200)
            if status == 429:
                return self.send_body(429, b"", extra=[("Retry-After", "1")])
            if status in (301, 302, 303, 307, 308):
                return self.send_body(status, b"", extra=[("Location", page["location"])])
            if status == 500:
                return self.send_body(500, SERVER_ERROR, reason=page.get("reason"))
            if status == 404:
                return self.send_body(404, NOT_FOUND)
            body = site.changed.get(self.path) or (root / page["file"]).read_bytes()
            # validators, as real servers send them: an ETag from the content, and a
            # Last-Modified that moves when the page changes
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            modified = ("Tue, 20 Feb 2024 09:00:00 GMT" if self.path in site.changed
                        else "Mon, 15 Jan 2024 10:00:00 GMT")
            validators = [("ETag", etag), ("Last-Modified", modified)]
            if self.headers.get("If-None-Match") == etag:
                return self.send_body(304, b"", extra=validators, no_body=True)
            self.send_body(200, body, content_type=page.get("content_type"),
                           gzip_it=page.get("gzip", False), chunked=page.get("chunked", False),
                           extra=[tuple(h) for h in page.get("headers", [])] + validators)

        def send_body(self, status: int, body: bytes, *, content_type: str | None = None,
                      gzip_it: bool = False, chunked: bool = False,
                      extra: list[tuple[str, str]] | None = None,
                      reason: str | None = None, no_body: bool = False) -> None:
            self.send_response(status, reason)
            if no_body:  # 304: validators only, no body, no length
                for name, value in extra or []:
                    self.send_header(name, value)
                self.end_headers()
                return
            self.send_header("Content-Type", content_type or "text/html; charset=utf-8")
            for name, value in extra or []:
                self.send_header(name, value)
            if gzip_it:
                body = gzip.compress(body, mtime=0)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                step = max(1, len(body) // 3)
                for i in range(0, len(body), step):
                    piece = body[i:i + step]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    return Handler


class _Tee:
    """A socket file that copies what passes through it into ``sink``."""

    def __init__(self, inner: Any, sink: bytearray) -> None:
        self._inner, self._sink = inner, sink

    def readline(self, *args: Any) -> bytes:
        data = self._inner.readline(*args)
        self._sink += data
        return data

    def read(self, *args: Any) -> bytes:
        data = self._inner.read(*args)
        self._sink += data
        return data

    def write(self, data: bytes) -> int:
        self._sink += data
        return self._inner.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day + "T08:00:00+07:00"))


def discovery_route(site: SiteServer, path: str) -> tuple[int, bytes, str, list] | None:
    """robots.txt, sitemaps, feeds, the endless calendar and a busy page, made per request:
    they hold absolute URLs, and the port is only known once the server runs."""
    base = site.base_url
    arts = site.articles
    if path == "/robots.txt":
        lines = ["User-agent: *", f"Disallow: {DISALLOWED}"]
        if site.crawl_delay:
            lines.append(f"Crawl-delay: {site.crawl_delay}")
        lines.append(f"Sitemap: {base}/sitemap-index.xml")
        return 200, ("\n".join(lines) + "\n").encode(), "text/plain", []
    if path == "/sitemap-index.xml":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/'
                'schemas/sitemap/0.9">' + "".join(
                    f"<sitemap><loc>{base}{p}</loc><lastmod>2024-09-20</lastmod></sitemap>"
                    for p in ("/sitemap-articles.xml", "/sitemap-news.xml")) + "</sitemapindex>\n")
        return 200, body.encode(), "application/xml", []
    if path == "/sitemap-articles.xml":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                'sitemap/0.9">' + "".join(f"<url><loc>{escape(base + a['path'])}</loc><lastmod>"
                                          f"{a['published']}</lastmod></url>" for a in arts) + "</urlset>\n")
        return 200, body.encode(), "application/xml", []
    if path == "/sitemap-news.xml":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(
                    f"<url><loc>{escape(base + a['path'])}</loc><news:news><news:publication>"
                    f"<news:name>{site.name}</news:name><news:language>{a['language']}</news:language>"
                    f"</news:publication><news:publication_date>{a['published']}T08:00:00+07:00"
                    f"</news:publication_date><news:title>{escape(a['title'])}</news:title></news:news></url>"
                    for a in arts) + "</urlset>\n")
        return 200, body.encode(), "application/xml", []
    if path == "/rss.xml":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>' + site.name +
                "</title>" + "".join(f"<item><title>{escape(a['title'])}</title><link>"
                                     f"{escape(base + a['path'])}</link><pubDate>{_rfc822(a['published'])}"
                                     "</pubDate></item>" for a in arts) + "</channel></rss>\n")
        return 200, body.encode(), "application/rss+xml", []
    if path == "/atom.xml":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>'
                + site.name + "</title>" + "".join(
                    f"<entry><title>{escape(a['title'])}</title><link href=\"{escape(base + a['path'])}\"/>"
                    f"<updated>{a['published']}T01:00:00Z</updated></entry>" for a in arts) + "</feed>\n")
        return 200, body.encode(), "application/atom+xml", []
    match = re.fullmatch(r"/calendar/(\d{4})/(\d{2})/", path)
    if match:  # an endless calendar: every month links the next and the previous one
        year, month = int(match.group(1)), int(match.group(2))
        nxt = (year + month // 12, month % 12 + 1)
        prev = (year - (month == 1), (month - 2) % 12 + 1)
        body = (f"<html><head><title>Archive {year}-{month:02d}</title></head><body><h1>Archive "
                f"{year}-{month:02d}</h1><a href=\"/calendar/{prev[0]}/{prev[1]:02d}/\">Previous month</a> "
                f"<a href=\"/calendar/{nxt[0]}/{nxt[1]:02d}/\">Next month</a></body></html>")
        return 200, body.encode(), "text/html; charset=utf-8", []
    if path.startswith("/busy/"):  # 429 with Retry-After the first time, then the page
        if path not in site.busy_served:
            site.busy_served.add(path)
            return 429, b"slow down", "text/plain", [("Retry-After", "1")]
        return 200, (b"<html><head><title>Busy</title></head><body><p>" + b"Now it answers. " * 60
                     + b"</p></body></html>"), "text/html; charset=utf-8", []
    return None


def start_sites(root: Path = ROOT, host: str = "127.0.0.1",
                crawl_delay: float | None = None,
                ports: dict[str, int] | None = None) -> dict[str, SiteServer]:
    """One server per publisher, on a free port, or on ``ports[name]`` when given and free
    (the demo keeps its URLs from run to run so that a re-run is an incremental crawl)."""
    manifest = load_manifest(root)
    sites: dict[str, SiteServer] = {}
    for name, data in manifest["sites"].items():
        pages = {p["path"]: p for p in data["pages"]}
        site = SiteServer(name, None, None, pages, articles=data["articles"],  # type: ignore[arg-type]
                          crawl_delay=crawl_delay)
        handler = make_handler(site, root)
        try:
            server = ThreadingHTTPServer((host, (ports or {}).get(name, 0)), handler)
        except OSError:  # the port asked for is taken: any free one
            server = ThreadingHTTPServer((host, 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, name=f"fixture-{name}", daemon=True)
        site.server, site.thread = server, thread
        thread.start()
        sites[name] = site
    return sites


def url_list(sites: dict[str, SiteServer]) -> str:
    """Every page of every site, with a comment, a blank line and a duplicate."""
    lines = ["# newsarchive fixture site: every page, plus a duplicate and a comment", ""]
    for site in sites.values():
        lines.append(f"# {site.name}")
        lines.extend(site.url(path) for path in site.pages)
    first = next(iter(sites.values()))
    lines.append(first.url(next(iter(first.pages))))  # duplicate: fetched once
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the newsarchive fixture news site.")
    parser.add_argument("--urls-out", help="write the URL list of every page here")
    args = parser.parse_args()
    sites = start_sites()
    for site in sites.values():
        print(f"{site.name:<12} {site.base_url}", flush=True)
    if args.urls_out:
        Path(args.urls_out).write_text(url_list(sites), encoding="utf-8")
        print(f"URL list written to {args.urls_out}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()

"""Serve the fixture news site on 127.0.0.1, one port (one "host") per publisher.

Real sockets and a real HTTP/1.1 server, serving each page the way the
manifest says: gzip-encoded, chunked, charset only in <meta>, a legacy
encoding, repeated Set-Cookie headers, a 301, a 404, a 500.

    python -m tests.sites.server --urls-out urls.txt   # serve until killed
"""

from __future__ import annotations

import argparse
import gzip
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent / "newsfixture"
NOT_FOUND = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n"
SERVER_ERROR = b"<!DOCTYPE html><html><head><title>500</title></head><body><h1>Internal Server Error</h1></body></html>\n"
ROBOTS = b"User-agent: *\nAllow: /\n"


def load_manifest(root: Path = ROOT) -> dict[str, Any]:
    return json.loads((root / "site.json").read_text(encoding="utf-8"))


@dataclass
class SiteServer:
    name: str
    server: ThreadingHTTPServer
    thread: threading.Thread
    pages: dict[str, dict[str, Any]]
    hits: list[str] = field(default_factory=list)
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
            if self.path == "/robots.txt":
                return self.send_body(200, ROBOTS, content_type="text/plain")
            page = site.pages.get(self.path)
            if page is None:
                return self.send_body(404, NOT_FOUND)
            status = page.get("status", 200)
            if status in (301, 302, 303, 307, 308):
                return self.send_body(status, b"", extra=[("Location", page["location"])])
            if status == 500:
                return self.send_body(500, SERVER_ERROR, reason=page.get("reason"))
            if status == 404:
                return self.send_body(404, NOT_FOUND)
            body = (root / page["file"]).read_bytes()
            self.send_body(200, body, content_type=page.get("content_type"),
                           gzip_it=page.get("gzip", False), chunked=page.get("chunked", False),
                           extra=[tuple(h) for h in page.get("headers", [])])

        def send_body(self, status: int, body: bytes, *, content_type: str | None = None,
                      gzip_it: bool = False, chunked: bool = False,
                      extra: list[tuple[str, str]] | None = None,
                      reason: str | None = None) -> None:
            self.send_response(status, reason)
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


def start_sites(root: Path = ROOT, host: str = "127.0.0.1") -> dict[str, SiteServer]:
    manifest = load_manifest(root)
    sites: dict[str, SiteServer] = {}
    for name, data in manifest["sites"].items():
        pages = {p["path"]: p for p in data["pages"]}
        site = SiteServer(name, None, None, pages)  # type: ignore[arg-type]
        server = ThreadingHTTPServer((host, 0), make_handler(site, root))
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

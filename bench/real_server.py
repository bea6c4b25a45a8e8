"""Serve real pages on 127.0.0.1 for the throughput benchmark (HTTP/1.1, keep-alive).

    python bench/real_server.py DIR [DIR ...] --urls 2000 [--dump OUT]

Reads every ``*.html`` and ``*.html.gz`` of the folders (the extraction dev sets), and
serves page K mod N at /p/K.html, so each page repeats under distinct URLs until
--urls is reached. Pages are served as sent to the dev set (bytes as they are, no
charset in the header: the crawl finds it, as on the web). Prints "PORT PAGES
SMALLEST MEDIAN LARGEST" when ready. --dump writes the page of each URL to OUT/K.html
(for the extractors run alone over the same HTML).
"""

from __future__ import annotations

import argparse
import gzip
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def load_pages(folders: list[Path]) -> list[bytes]:
    pages = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.name.endswith(".html"):
                pages.append(path.read_bytes())
            elif path.name.endswith(".html.gz"):
                pages.append(gzip.decompress(path.read_bytes()))
    if not pages:
        raise SystemExit(f"no *.html or *.html.gz pages in {', '.join(map(str, folders))}")
    return pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    pages = load_pages(args.folders)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for k in range(args.urls):
            (args.dump / f"{k}.html").write_bytes(pages[k % len(pages)])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib API
            status, body, ctype = 404, b"not found", "text/plain"
            if self.path == "/robots.txt":
                status, body = 200, b"User-agent: *\nAllow: /\n"
            elif self.path.startswith("/p/"):
                try:
                    body = pages[int(self.path[3:].split(".")[0]) % len(pages)]
                    status, ctype = 200, "text/html"
                except ValueError:
                    pass
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    sizes = sorted(len(p) for p in pages)
    print(f"{server.server_address[1]} {len(pages)} {sizes[0]} {sizes[len(sizes) // 2]} {sizes[-1]}",
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

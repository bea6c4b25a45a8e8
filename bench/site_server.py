"""Serve N benchmark pages from memory on 127.0.0.1 (HTTP/1.1, keep-alive).

    python bench/site_server.py --pages 2000 [--dump DIR]

Prints the port when ready. /a/K.html serves page K mod N, so a crawl of
many more URLs than pages (the memory test) needs no more memory here.
"""

from __future__ import annotations

import argparse
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import make_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--dump", type=Path, help="also write the pages here (for extraction alone)")
    args = parser.parse_args()
    pages = [make_page(i) for i in range(args.pages)]
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(pages):
            (args.dump / f"{i}.html").write_bytes(page)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            if self.path.startswith("/a/"):
                try:
                    body, ctype = pages[int(self.path[3:].split(".")[0]) % len(pages)], "text/html; charset=utf-8"
                except ValueError:
                    body = b"not found"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    sizes = sorted(len(p) for p in pages)
    print(f"{server.server_address[1]} {sizes[0]} {sizes[len(sizes) // 2]} {sizes[-1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

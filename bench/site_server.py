"""Serve benchmark pages from memory on 127.0.0.1 (HTTP/1.1, keep-alive).

    python bench/site_server.py --generated 2000 [--urls N] [--dump OUT]
    python bench/site_server.py DIR [DIR ...] [--urls N] [--dump OUT]

The pages are either N generated ones (bench/pages.py, sent as UTF-8) or every
``*.html`` and ``*.html.gz`` of the folders (the extraction dev sets), sent as they
are, with no charset in the header: the crawl finds it, as on the web. /p/K.html
(and /a/K.html, where the generated pages link) serves page K mod N, so a crawl of
many more URLs than pages (the memory test) needs no more memory here. Prints "PORT PAGES SMALLEST MEDIAN LARGEST" when ready.
--dump writes the page of each of the --urls URLs (default: one a page) to
OUT/K.html, for the extractors run alone over the same HTML.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import make_page  # noqa: E402


def load_pages(folders: list[Path]) -> list[bytes]:
    """The folders' pages, interleaved in proportion to each folder's size: the first N
    URLs of a crawl are a mix of the folders, as the whole is."""
    keyed: list[tuple[float, int, bytes]] = []
    for f, folder in enumerate(folders):
        found = []
        for path in sorted(folder.iterdir()):
            if path.name.endswith(".html"):
                found.append(path.read_bytes())
            elif path.name.endswith(".html.gz"):
                found.append(gzip.decompress(path.read_bytes()))
        keyed.extend(((i + 0.5) / len(found), f, page) for i, page in enumerate(found))
    if not keyed:
        raise SystemExit(f"no *.html or *.html.gz pages in {', '.join(map(str, folders))}")
    return [page for _, _, page in sorted(keyed, key=lambda k: k[:2])]


def make_handler(pages: list[bytes], content_type: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib API
            status, body, ctype = 404, b"not found", "text/plain"
            if self.path == "/robots.txt":
                status, body = 200, b"User-agent: *\nAllow: /\n"
            elif self.path[:3] in ("/a/", "/p/"):
                try:
                    body = pages[int(self.path[3:].split(".")[0]) % len(pages)]
                    status, ctype = 200, content_type
                except ValueError:
                    pass
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path, help="serve these folders' pages")
    parser.add_argument("--generated", type=int, metavar="N", help="serve N generated pages instead")
    parser.add_argument("--urls", type=int, help="URLs --dump writes (default: one a page)")
    parser.add_argument("--dump", type=Path, help="also write each URL's page here (for extraction alone)")
    args = parser.parse_args()
    if bool(args.folders) == (args.generated is not None):
        parser.error("give either page folders or --generated N")
    if args.generated is not None:
        pages, content_type = [make_page(i) for i in range(args.generated)], "text/html; charset=utf-8"
    else:
        pages, content_type = load_pages(args.folders), "text/html"
    if not pages:
        parser.error("no pages to serve")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for k in range(args.urls if args.urls is not None else len(pages)):
            (args.dump / f"{k}.html").write_bytes(pages[k % len(pages)])

    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(pages, content_type))
    server.daemon_threads = True
    sizes = sorted(len(p) for p in pages)
    print(f"{server.server_address[1]} {len(pages)} {sizes[0]} {sizes[len(sizes) // 2]} {sizes[-1]}",
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

"""A small site on 127.0.0.1 whose pages one function gives: ``page(path)`` returns the
page's HTML for a path with its query, or None (404). robots.txt allows everything."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOT_FOUND = "<html><body>Not found</body></html>"


def start_small_site(page: Callable[[str], str | None]) -> tuple[ThreadingHTTPServer, str]:
    """The running server and its base URL ("http://127.0.0.1:PORT")."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path == "/robots.txt":
                body, status, kind = "User-agent: *\nAllow: /\n", 200, "text/plain"
            else:
                found = page(self.path)
                body, status = (found, 200) if found is not None else (NOT_FOUND, 404)
                kind = "text/html; charset=utf-8"
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"

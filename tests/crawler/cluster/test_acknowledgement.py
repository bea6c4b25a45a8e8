"""A worker of a shared crawl acknowledges a popped request only when its engine is done
with it (its callback's items through the pipelines, its errback run), and then at once:
what it holds in flight at any moment is what a dead worker's successor must fetch again.

The coordinator hooks the engine's ``_remove_request`` for this (docs/design.md, "Inside
crawler/"); these tests fail if an acknowledgement comes early, or only at the end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.conftest import REPO


class Pages(BaseHTTPRequestHandler):
    def log_message(self, *a: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib API
        body = f"<html><head><title>{self.path}</title></head><body><p>{self.path}</p></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def probe(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = tmp_path_factory.mktemp("ack") / "probe.json"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tests.crawler.cluster.ack_probe", redis_url, "ackprobe",
             f"http://127.0.0.1:{server.server_address[1]}", str(out)],
            cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True, text=True,
            timeout=120)
    finally:
        server.shutdown()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    yield json.loads(out.read_text())


def test_a_request_stays_in_flight_until_its_items_are_through_the_pipelines(probe) -> None:
    assert probe["items"] == [True] * 12  # six pages and the six their callbacks queued


def test_a_failed_request_stays_in_flight_through_its_errback(probe) -> None:
    assert probe["errbacks"] == [True]


def test_each_request_is_acknowledged_as_the_engine_lets_go_of_it(probe) -> None:
    # before the coordinator's spider_idle clears what is left: nothing is
    assert probe["idle_in_flight"] == 0

"""Replay in the tool archivists use: a real pywb (in .venv-pywb) serves our WARCs and
our WACZ, and every archived page comes back byte for byte in id_ mode."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, iter_records
from tests.conftest import REPO, CrawlRun, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)

PYWB = REPO / ".venv-pywb" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def pywb(fixture_crawl: CrawlRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert (PYWB / "wayback").exists(), "pywb is not installed: run scripts/setup"
    root = tmp_path_factory.mktemp("pywb")
    subprocess.run([PYWB / "wb-manager", "init", "news"], cwd=root, check=True, capture_output=True)
    warcs = [str(p) for p in warc_files(fixture_crawl.archive / "warc")]
    subprocess.run([PYWB / "wb-manager", "add", "news", *warcs], cwd=root, check=True,
                   capture_output=True)
    wacz = root / "fixture.wacz"
    proc = run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wacz",
                   "--out", str(wacz))
    assert proc.returncode == 0, proc.stderr
    subprocess.run([PYWB / "wb-manager", "init", "fromwacz"], cwd=root, check=True,
                   capture_output=True)
    added = subprocess.run([PYWB / "wb-manager", "add", "--unpack-wacz", "fromwacz", str(wacz)],
                           cwd=root, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr[-2000:]
    port = free_port()
    server = subprocess.Popen([PYWB / "wayback", "-p", str(port), "-b", "127.0.0.1"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("pywb did not start")
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def archived_pages(run: CrawlRun) -> list[WarcRecordView]:
    return [r for p in warc_files(run.archive / "warc") for r in iter_records(p)
            if isinstance(r, WarcRecordView) and r.type == "response" and r.http_status() == 200]


def fetch(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


@pytest.mark.parametrize("collection", ["news", "fromwacz"])
def test_pywb_replays_every_page_byte_for_byte(pywb: str, fixture_crawl: CrawlRun,
                                               collection: str) -> None:
    pages = archived_pages(fixture_crawl)
    assert len(pages) >= 40
    for rec in pages:
        status, body = fetch(f"{pywb}/{collection}/id_/{rec.target_uri}")
        assert status == 200, rec.target_uri
        assert body == rec.http_payload(), rec.target_uri


def test_wacz_holds_the_spec_files(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    import json
    out = tmp_path / "x.wacz"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wacz",
                   "--out", str(out)).returncode == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {"datapackage.json", "datapackage-digest.json", "indexes/index.cdx",
                "pages/pages.jsonl"} <= names
        package = json.loads(zf.read("datapackage.json"))
        assert package["wacz_version"] == "1.1.1"
        for res in package["resources"]:
            import hashlib
            assert res["hash"] == "sha256:" + hashlib.sha256(zf.read(res["path"])).hexdigest()
        for info in zf.infolist():
            if info.filename.startswith("archive/"):
                assert info.compress_type == zipfile.ZIP_STORED
        pages = zf.read("pages/pages.jsonl").decode("utf-8").splitlines()
        assert json.loads(pages[0])["format"] == "json-pages-1.0"
        assert len(pages) == 39  # a header line, 38 pages

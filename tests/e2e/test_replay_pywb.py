"""Replay in the tool archivists use: a real pywb (in .venv-pywb) serves our WARCs and
our WACZ, and every archived page comes back byte for byte in id_ mode; after re-crawls
answered 304, every page's latest capture replays its current content."""

from __future__ import annotations

import gzip
import shutil
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
from tests.conftest import CHANGED_PATH, REPO, UPDATE, CrawlRun, run_cli

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
    yield from serve(root)


def serve(root: Path) -> Iterator[str]:
    """Run pywb's ``wayback`` on the collections under ``root``; yield its base URL."""
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
    import hashlib
    import json
    out = tmp_path / "x.wacz"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wacz",
                   "--out", str(out)).returncode == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {"datapackage.json", "datapackage-digest.json", "indexes/index.cdx.gz",
                "indexes/index.idx", "pages/pages.jsonl"} <= names
        assert "indexes/index.cdx" not in names
        package = json.loads(zf.read("datapackage.json"))
        assert package["wacz_version"] == "1.1.1"
        for res in package["resources"]:
            assert res["hash"] == "sha256:" + hashlib.sha256(zf.read(res["path"])).hexdigest()
        for info in zf.infolist():
            if info.filename.startswith("archive/") or info.filename == "indexes/index.cdx.gz":
                assert info.compress_type == zipfile.ZIP_STORED
        pages = zf.read("pages/pages.jsonl").decode("utf-8").splitlines()
        assert json.loads(pages[0])["format"] == "json-pages-1.0"
        assert len(pages) == 39  # a header line, 38 pages


def test_wacz_index_is_compressed_zipnum(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    """index.idx addresses gzip blocks of index.cdx.gz that a reader can fetch one at a
    time (a byte range of the stored ZIP member), each block's first key in the .idx,
    the blocks together the archive's whole CDXJ, sorted."""
    import hashlib
    import json

    from archive.warc.cdx import cdxj_lines
    from archive.ops.wacz import compressed_index
    expected = list(cdxj_lines(fixture_crawl.archive))
    out = tmp_path / "x.wacz"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wacz",
                   "--out", str(out)).returncode == 0
    with zipfile.ZipFile(out) as zf:
        idx = zf.read("indexes/index.idx").decode("utf-8").splitlines()
        info = zf.getinfo("indexes/index.cdx.gz")
    meta = idx[0].split(" ", 2)
    assert meta[:2] == ["!meta", "0"]
    assert json.loads(meta[2]) == {"format": "cdxj-gzip-1.0", "filename": "index.cdx.gz"}
    with open(out, "rb") as fh:  # the member's data, read from the ZIP file by offset
        fh.seek(info.header_offset + 26)
        name_len, extra_len = int.from_bytes(fh.read(2), "little"), int.from_bytes(fh.read(2), "little")
        start = info.header_offset + 30 + name_len + extra_len
        lines = []
        for entry in idx[1:]:
            key, fields = entry.split(" {", 1)
            block = json.loads("{" + fields)
            fh.seek(start + block["offset"])
            member = fh.read(block["length"])
            assert block["digest"] == "sha256:" + hashlib.sha256(member).hexdigest()
            text = gzip.decompress(member).decode("utf-8").splitlines()
            assert text[0].startswith(key + " {")
            lines.extend(text)
    assert lines == expected and lines == sorted(lines) and len(lines) > 40
    # more lines than a block: several blocks, each first key in order
    data, idx_bytes = compressed_index(expected, block_lines=10)
    keys = [line.split(" {", 1)[0] for line in idx_bytes.decode().splitlines()[1:]]
    assert len(keys) == -(-len(expected) // 10) and keys == sorted(keys)
    assert gzip.decompress(data).decode().splitlines() == expected


def test_wacz_validate_passes(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    """py-wacz's own validator (in .venv-wacz, made by scripts/setup) accepts our WACZ."""
    wacz_cli = REPO / ".venv-wacz" / "bin" / "wacz"
    assert wacz_cli.exists(), "py-wacz is not installed: run scripts/setup"
    out = tmp_path / "x.wacz"
    assert run_cli("export", "--archive", str(fixture_crawl.archive), "--format", "wacz",
                   "--out", str(out)).returncode == 0
    proc = subprocess.run([wacz_cli, "validate", "-f", str(out)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Validation succeeded, the passed WACZ is valid" in proc.stdout


# -- replay after re-crawls: crawl, re-crawl (every page 304), change one page, crawl again --

@pytest.fixture(scope="module")
def pywb_recrawled(recrawled: tuple[Path, dict[str, bytes]],
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """pywb with collections of the re-crawled archive: ``warcs``, its WARC files with
    our exported CDXJ as the index; ``wacz``, our WACZ unpacked by wb-manager;
    ``ownindex``, the WARC files indexed by pywb's own indexer."""
    archive, _ = recrawled
    root = tmp_path_factory.mktemp("pywb-recrawl")
    subprocess.run([PYWB / "wb-manager", "init", "warcs"], cwd=root, check=True, capture_output=True)
    coll = root / "collections" / "warcs"
    for path in warc_files(archive / "warc"):
        shutil.copy(path, coll / "archive" / path.name)
    proc = run_cli("export", "--archive", str(archive), "--format", "cdxj",
                   "--out", str(coll / "indexes" / "index.cdxj"))
    assert proc.returncode == 0, proc.stderr
    wacz = root / "recrawl.wacz"
    proc = run_cli("export", "--archive", str(archive), "--format", "wacz", "--out", str(wacz))
    assert proc.returncode == 0, proc.stderr
    subprocess.run([PYWB / "wb-manager", "init", "wacz"], cwd=root, check=True, capture_output=True)
    added = subprocess.run([PYWB / "wb-manager", "add", "--unpack-wacz", "wacz", str(wacz)],
                           cwd=root, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr[-2000:]
    # and the WARCs indexed by pywb itself, for the limit the README states
    subprocess.run([PYWB / "wb-manager", "init", "ownindex"], cwd=root, check=True,
                   capture_output=True)
    subprocess.run([PYWB / "wb-manager", "add", "ownindex",
                    *[str(p) for p in warc_files(archive / "warc")]],
                   cwd=root, check=True, capture_output=True)
    yield from serve(root)


def fetch_decoded(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, body


def _title(page: bytes) -> bytes:
    start = page.index(b"<title>")
    return page[start:page.index(b"</title>", start) + len(b"</title>")]


@pytest.mark.parametrize("collection", ["warcs", "wacz"])
def test_latest_capture_after_recrawls_replays_current_page(
        pywb_recrawled: str, recrawled: tuple[Path, dict[str, bytes]], collection: str) -> None:
    archive, current = recrawled
    # the WARCs hold the 304s as they came: a revisit record per unchanged page and crawl
    revisits = [r for p in warc_files(archive / "warc") for r in iter_records(p)
                if isinstance(r, WarcRecordView) and r.type == "revisit"]
    assert revisits and all(r.http_status() == 304 for r in revisits)
    for url, body in current.items():
        status, replayed = fetch_decoded(f"{pywb_recrawled}/{collection}/id_/{url}")
        assert status == 200, url
        assert replayed == body, url
        status, rewritten = fetch_decoded(f"{pywb_recrawled}/{collection}/mp_/{url}")
        assert status == 200, url
        if b"<title>" in body:  # HTML, rewritten for the browser: its own title and text
            assert _title(body) in rewritten, url
        else:
            assert rewritten == body, url
        assert (UPDATE in rewritten) == url.endswith(CHANGED_PATH), url


def test_pywb_own_index_replays_a_304_revisit_as_304(
        pywb_recrawled: str, recrawled: tuple[Path, dict[str, bytes]]) -> None:
    """Why the WARCs replay with our index: pywb's own index lists a 304 revisit as a
    revisit, and pywb answers a 3xx revisit with its own headers and no body."""
    import urllib.error
    _, current = recrawled
    unchanged = next(u for u in current if not u.endswith(CHANGED_PATH))
    with pytest.raises(urllib.error.HTTPError) as answer:
        fetch_decoded(f"{pywb_recrawled}/ownindex/id_/{unchanged}")
    assert answer.value.code == 304
    changed = next(u for u in current if u.endswith(CHANGED_PATH))
    status, body = fetch_decoded(f"{pywb_recrawled}/ownindex/id_/{changed}")
    assert status == 200 and UPDATE in body  # a page that changed is a full response


def test_recrawl_history_lists_every_capture(recrawled: tuple[Path, dict[str, bytes]]) -> None:
    """The index keeps the revisits: history shows three captures of an unchanged page,
    and the exported CDXJ lists all three, the 304s pointing at the content they stand for."""
    import json
    archive, current = recrawled
    unchanged = next(u for u in current if not u.endswith(CHANGED_PATH))
    proc = run_cli("history", unchanged, "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr
    assert "3 captures, 1 text version" in proc.stdout
    out = archive.parent / "index.cdxj"
    assert run_cli("export", "--archive", str(archive), "--format", "cdxj",
                   "--out", str(out)).returncode == 0
    lines = [json.loads(line.split(" ", 2)[2]) for line in out.read_text().splitlines()]
    mine = [f for f in lines if f["url"] == unchanged]
    assert len(mine) == 3
    assert [f.get("revisit") for f in mine] == [None, "server-not-modified", "server-not-modified"]
    assert {(f["filename"], f["offset"]) for f in mine} == {(mine[0]["filename"], mine[0]["offset"])}
    assert all(f["status"] == "200" for f in mine)
    assert len({(f.get("revisit_filename"), f.get("revisit_offset")) for f in mine[1:]}) == 2

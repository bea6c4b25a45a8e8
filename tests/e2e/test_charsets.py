"""Pages whose declared charset lies are decoded as their bytes are, in the crawl and
in rebuild alike; the WARC keeps the bytes as sent."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.extract.charset import decode_page
from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, decode_content, iter_records
from tests.conftest import CrawlRun, crawl, run_cli
from tests.sites import charsets
from tests.sites.charsets import VI, ZH, CharsetSite

pytestmark = pytest.mark.e2e  # starts crawls and servers


@pytest.fixture(scope="module")
def site() -> Iterator[CharsetSite]:
    server = charsets.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def charset_crawl(site: CharsetSite, tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    tmp = tmp_path_factory.mktemp("charsets")
    urls = tmp / "urls.txt"
    urls.write_text("".join(site.url(path) + "\n" for path in site.pages), encoding="utf-8")
    run = crawl(urls, tmp / "archive")
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def test_every_page_is_decoded_as_its_bytes_are(charset_crawl: CrawlRun, site: CharsetSite) -> None:
    rows = {site.path_of(r["url"]): r for r in charset_crawl.rows()}
    assert set(rows) == set(site.pages)
    for path, case in site.pages.items():
        row = rows[path]
        assert (row["encoding"], row["encoding_source"], row["encoding_declared"]) == (
            case.encoding, case.source, case.declared), path
        text = row["text"]
        assert "\ufffd" not in text and "Ã" not in text, path
        assert text == unicodedata.normalize("NFC", text), path  # windows-1258 tones composed
        for paragraph in VI if case.lang == "vi" else ZH:
            assert paragraph in text, (path, paragraph[:40])
        assert row["language"] == case.lang
        assert row["title"] == (charsets.VI_TITLE if case.lang == "vi" else charsets.ZH_TITLE)


def test_the_report_counts_pages_not_in_their_declared_charset(charset_crawl: CrawlRun) -> None:
    counts = charset_crawl.report()["counts"]
    assert counts["encodings"] == {"detected": 4, "header": 1, "meta": 2}
    # all but the honest UTF-8 page: their HTTP header named another charset
    assert counts["encoding_not_as_declared"] == 6
    assert "not in the charset they declared 6" in charset_crawl.stdout


def test_the_warc_keeps_the_bytes_as_sent(charset_crawl: CrawlRun, site: CharsetSite) -> None:
    payloads = {}
    for file in warc_files(charset_crawl.archive / "warc"):
        for rec in iter_records(file):
            if isinstance(rec, WarcRecordView) and rec.type == "response":
                path = site.path_of(rec.target_uri)
                if path == "/robots.txt":
                    continue
                payloads[path] = decode_content(rec.http_payload(), rec.http_header("Content-Encoding"))
                assert rec.http_header("Content-Type") == site.pages[path].content_type
    assert payloads == {path: case.body for path, case in site.pages.items()}


def test_rebuild_gives_the_same_rows(charset_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(charset_crawl.archive, archive)
    before = {p.name: p.read_bytes() for p in (archive / "corpus").glob("*.jsonl")}
    shutil.rmtree(archive / "corpus")
    proc = run_cli("rebuild", "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert {p.name: p.read_bytes() for p in (archive / "corpus").glob("*.jsonl")} == before


@pytest.mark.parametrize(("body", "content_type", "want"), [
    # a stray invalid byte in a UTF-8 page keeps the page UTF-8 (one replacement character)
    ("Hà Nội sáng nay trời mưa nhỏ, đường phố vắng người. ".encode() * 20 + b"\xff",
     "text/html; charset=utf-8", ("utf-8", "header")),
    # an English page with windows-1252 quotes, declared UTF-8: the quotes come out right
    ("It\u2019s \u201cquoted\u201d. ".encode("cp1252") * 40, "text/html; charset=utf-8",
     ("detected", "\u2019")),
    # a byte order mark overrides the header
    (b"\xef\xbb\xbf" + "<p>Hà Nội</p>".encode(), "text/html; charset=windows-1252", ("utf-8", "bom")),
    # nothing declared, valid UTF-8
    ("<p>Hà Nội</p>".encode(), "text/html", ("utf-8", "detected")),
    # a <meta> cannot declare UTF-16 (read as ASCII, it is not): UTF-8
    ('<meta charset="utf-16"><p>Hà Nội</p>'.encode(), None, ("utf-8", "meta")),
])
def test_decode_page_cases(body: bytes, content_type: str | None, want: tuple[str, str]) -> None:
    decoded = decode_page(body, content_type)
    if want[0] == "detected":
        assert decoded.source == "detected" and want[1] in decoded.text
        assert "\ufffd" not in decoded.text
    else:
        assert (decoded.encoding, decoded.source) == want
        assert decoded.text.count("\ufffd") <= 1


def test_parquet_export_types_the_encoding_fields(charset_crawl: CrawlRun, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "rows.parquet"
    proc = run_cli("export", "--archive", str(charset_crawl.archive), "--format", "parquet",
                   "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    table = pq.read_table(out)
    for name in ("encoding", "encoding_source", "encoding_declared"):
        assert str(table.schema.field(name).type) == "string"
    assert sorted(table.column("encoding_source").to_pylist()) == [
        "detected"] * 4 + ["header"] + ["meta"] * 2

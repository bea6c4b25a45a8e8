"""The first end-to-end crawl: the fixture site's URL list to WARC, corpus and index."""

from __future__ import annotations

import gzip
import sqlite3
from typing import Any

import pytest

from archive.extract.quality import page_scores
from archive.ops.verify import verify_archive
from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, iter_records, read_record_at, sha1_digest
from tests.conftest import CrawlRun
from fixtures.server import ROOT, SiteServer

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


def article_urls(sites: dict[str, SiteServer], manifest: dict[str, Any]) -> dict[str, dict]:
    return {sites[name].url(a["path"]): a for name, data in manifest["sites"].items()
            for a in data["articles"]}


def responses(run: CrawlRun) -> list[WarcRecordView]:
    out = []
    for path in warc_files(run.archive / "warc"):
        out.extend(r for r in iter_records(path)
                   if isinstance(r, WarcRecordView) and r.type == "response")
    return out


def test_crawl_exits_zero_and_prints_summary(fixture_crawl: CrawlRun) -> None:
    assert "corpus rows" in fixture_crawl.stdout
    assert str(fixture_crawl.archive / "corpus") in fixture_crawl.stdout
    assert "Traceback" not in fixture_crawl.stderr


def test_one_row_per_page_articles_typed_as_such(fixture_crawl, sites, manifest) -> None:
    """A URL list: every HTML page with main text gets a row (the user chose the URLs);
    the 32 articles as page type article, the 6 section pages as listing."""
    expected = article_urls(sites, manifest)
    rows = fixture_crawl.rows(None)
    finals = [r["final_url"] for r in rows]
    assert len(finals) == len(set(finals)), "a page was stored twice"
    articles = {r["final_url"] for r in rows if r["page_type"] == "article"}
    assert articles == set(expected)
    others = {r["final_url"]: r["page_type"] for r in rows if r["final_url"] not in expected}
    assert len(others) == 6 and set(others.values()) == {"listing"}, others


def test_rows_have_the_contract_fields(fixture_crawl) -> None:
    for row in fixture_crawl.rows(None):
        for name in ("url", "final_url", "status", "fetched_at", "title", "author", "published",
                     "sitename", "language", "text", "text_sha1", "warc", "payload_digest",
                     "crawl_id", "extractor"):
            assert name in row, name
        assert row["status"] == 200
        assert row["fetched_at"].endswith("Z")
        assert set(row["warc"]) == {"file", "offset", "length", "record_id"}
        assert row["payload_digest"].startswith("sha1:")
        assert row["extractor"]["name"] in ("trafilatura", "readability")
        assert row["extractor"]["options"]["include_comments"] is False
        assert "\n\n" in row["text"], "paragraphs are separated by blank lines"


def test_every_row_points_at_its_response_record(fixture_crawl) -> None:
    for row in fixture_crawl.rows():
        warc = row["warc"]
        rec = read_record_at(fixture_crawl.archive / "warc" / warc["file"], warc["offset"])
        assert rec.type == "response"
        assert rec.record_id == warc["record_id"]
        assert rec.length == warc["length"]
        assert rec.target_uri == row["final_url"]
        assert rec.get("WARC-Payload-Digest") == row["payload_digest"]


def test_archive_verifies_clean(fixture_crawl) -> None:
    result = verify_archive(fixture_crawl.archive)
    assert result.problems == []
    assert result.records > 2 * 40
    assert result.corpus_rows == 38  # 32 articles, 6 section pages


def test_verify_command_exit_status(fixture_crawl) -> None:
    from tests.conftest import run_cli
    proc = run_cli("verify", "--archive", str(fixture_crawl.archive))
    assert proc.returncode == 0, proc.stdout
    assert "0 problems" in proc.stdout


def test_every_exchange_is_archived_including_errors_and_redirects(fixture_crawl, sites) -> None:
    by_uri: dict[str, list[WarcRecordView]] = {}
    for rec in responses(fixture_crawl):
        by_uri.setdefault(rec.target_uri or "", []).append(rec)
    gn = sites["globalnews"]
    assert [r.http_status() for r in by_uri[gn.url("/content/9999999.shtml")]] == [404]
    # a 500 is retried (RETRY_TIMES=2): every attempt is archived
    assert [r.http_status() for r in by_uri[gn.url("/content/broken.shtml")]] == [500, 500, 500]
    hop = by_uri[gn.url("/article/1250001?utm_source=newsletter")]
    assert hop[0].http_status() == 301
    assert hop[0].http_header("Location") == "/content/1250001.shtml"
    assert any(uri.endswith("/robots.txt") for uri in by_uri), "robots.txt is archived too"


def test_request_records_carry_full_request_line(fixture_crawl, sites) -> None:
    url = sites["newshub"].url("/story?id=1004&lang=zh")
    for path in warc_files(fixture_crawl.archive / "warc"):
        for rec in iter_records(path):
            if isinstance(rec, WarcRecordView) and rec.type == "request" and rec.target_uri == url:
                head = rec.http_parts()[0]
                assert head.startswith(b"GET /story?id=1004&lang=zh HTTP/1.1\r\n")
                assert b"\r\nHost: 127.0.0.1:" in b"\r\n" + head.split(b"\r\n", 1)[1]
                assert b"User-Agent: newsarchive/" in head
                return
    pytest.fail("no request record for the query-string URL")


def test_gzip_responses_stay_encoded_in_warc(fixture_crawl, sites, manifest) -> None:
    gz_pages = [sites[s].url(p["path"]) for s, d in manifest["sites"].items()
                for p in d["pages"] if p.get("gzip")]
    recs = {r.target_uri: r for r in responses(fixture_crawl)}
    assert len(gz_pages) >= 8
    for url in gz_pages:
        rec = recs[url]
        assert rec.http_header("Content-Encoding") == "gzip"
        payload = rec.http_parts()[1]
        assert payload[:2] == b"\x1f\x8b", "payload must be stored as sent (gzip)"
        assert b"<html" in gzip.decompress(payload)


def test_repeated_headers_and_chunked_pages(fixture_crawl, sites) -> None:
    recs = {r.target_uri: r for r in responses(fixture_crawl)}
    rec = recs[sites["vnpost"].url("/2023/01/bai-viet-1/")]
    cookies = [v for k, v in rec.http_headers() if k.lower() == "set-cookie"]
    assert cookies == ["wp_visit=1; Path=/", "pll_language=vi; Path=/"]
    # The chunked body is stored as sent, chunk framing and all; the payload digest is
    # that of the de-chunked entity body.
    assert rec.http_header("Transfer-Encoding") == "chunked"
    wire = rec.http_parts()[1]
    assert wire.split(b"\r\n", 1)[0] == f"{len(rec.http_payload()) // 3:x}".encode()
    assert wire.endswith(b"0\r\n\r\n")
    assert rec.http_payload().startswith(b"<!DOCTYPE html>")
    assert rec.get("WARC-Payload-Digest") == sha1_digest(rec.http_payload())


def test_status_line_and_header_order_as_sent(fixture_crawl, sites) -> None:
    recs = {r.target_uri: r for r in responses(fixture_crawl)}
    head = recs[sites["globalnews"].url("/content/broken.shtml")].http_parts()[0]
    assert head.startswith(b"HTTP/1.1 500 Database Went Away\r\nServer: fixture-nginx/1.24")
    head = recs[sites["tintuc"].url("/the-gioi/bai-4521.html")].http_parts()[0]
    names = [line.split(b":")[0] for line in head.split(b"\r\n")[1:] if line]
    assert names == [b"Server", b"Date", b"Content-Type", b"ETag", b"Last-Modified",
                     b"Content-Encoding", b"Vary", b"Content-Length"]


@pytest.fixture(scope="module")
def scored(fixture_crawl, sites, manifest) -> list[tuple[dict, dict, float, float]]:
    expected = article_urls(sites, manifest)
    out = []
    for row in fixture_crawl.rows():
        if row["page_type"] != "article":
            continue
        art = expected[row["final_url"]]
        truth = (ROOT / art["text_file"]).read_text(encoding="utf-8")
        precision, recall = page_scores(row["text"], truth)
        out.append((row, art, precision, recall))
    return out


def test_extracted_text_scores_at_least_095(scored) -> None:
    low = [(row["final_url"], round(p, 3), round(r, 3)) for row, _a, p, r in scored
           if p < 0.95 or r < 0.95]
    assert low == []


def test_extracted_text_holds_no_clutter(scored) -> None:
    leaks = []
    for row, art, _p, _r in scored:
        lines = {line.strip() for line in row["text"].split("\n")}
        for clutter in art["clutter"]:
            if (len(clutter) >= 12 and clutter in row["text"]) or clutter in lines:
                leaks.append((row["final_url"], clutter))
    assert leaks == []


def test_legacy_encoded_page_is_decoded(fixture_crawl, sites, scored) -> None:
    url = sites["newshub"].url("/news/1003.html")
    raw = {r.target_uri: r for r in responses(fixture_crawl)}[url].http_parts()[1]
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # stored as sent: GB18030 bytes
    row = next(row for row, _a, p, r in scored if row["final_url"] == url)
    assert row["encoding"] in ("gb18030", "gbk", "gb2312")
    assert row["language"] == "zh"


def test_language_detected_from_text(scored) -> None:
    wrong = [(row["final_url"], row["language"], art["language"]) for row, art, _p, _r in scored
             if row["language"] != art["language"]]
    assert wrong == []


def test_index_matches_warc_and_corpus(fixture_crawl) -> None:
    db = sqlite3.connect(fixture_crawl.archive / "index.sqlite3")
    captures = db.execute("SELECT COUNT(*) FROM captures").fetchone()[0]
    documents = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert captures == len(responses(fixture_crawl))
    assert documents == 38
    (crawl_id,) = {row["crawl_id"] for row in fixture_crawl.rows()}
    assert db.execute("SELECT finished_at IS NOT NULL FROM crawls WHERE crawl_id=?",
                      (crawl_id,)).fetchone()[0] == 1


def test_report_lists_failed_urls_with_reasons(fixture_crawl, sites) -> None:
    report = fixture_crawl.report()
    failures = {f["url"]: f["reason"] for f in report["failures"]}
    gn = sites["globalnews"]
    assert failures == {gn.url("/content/9999999.shtml"): "http_404",
                        gn.url("/content/broken.shtml"): "http_500",
                        gn.url("/private/internal-memo.html"): "robots_disallowed"}
    assert report["counts"]["articles"] == 32
    assert report["counts"]["rows"] == 38
    assert report["counts"]["page_types"] == {"article": 32, "listing": 6}
    assert report["counts"]["not_articles"] == 1  # a PDF
    assert report["counts"]["no_row_reasons"] == {"not_html": 1}
    # a short link and two tracking URLs redirect to pages of the list fetched already:
    # counted, and done (every URL of the list is accounted for)
    assert report["counts"]["redirected_to_fetched"] == 3
    assert (report["stats"]["newsarchive/progress/done"]
            == report["stats"]["newsarchive/progress/total"])
    assert "redirected to a page fetched already 3" in fixture_crawl.stdout
    # every exchange was recorded from the wire, none rebuilt from parsed fields
    assert report["stats"]["newsarchive/warc/raw"] == report["counts"]["responses"]
    assert "newsarchive/warc/rebuilt_message" not in report["stats"]
    assert report["warc_files"] and all(
        (fixture_crawl.archive / "warc" / f).exists() for f in report["warc_files"])


def test_warc_files_closed_and_named(fixture_crawl) -> None:
    names = [p.name for p in (fixture_crawl.archive / "warc").iterdir()]
    assert names and all(n.endswith(".warc.gz") for n in names), names
    import re
    assert all(re.fullmatch(r"newsarchive-\d{17}-\d{5}-[^-]+\.warc\.gz", n) for n in names), names


def wire_of(site: SiteServer, path: str) -> list[tuple[bytes, bytes]]:
    return site.wire[path]


def records_for(run: CrawlRun, url: str) -> list[tuple[WarcRecordView, WarcRecordView]]:
    """(request, response) record pairs for ``url``."""
    pairs, requests = [], {}
    for path in warc_files(run.archive / "warc"):
        for rec in iter_records(path):
            if not isinstance(rec, WarcRecordView) or rec.target_uri != url:
                continue
            if rec.type == "request":
                requests[rec.get("WARC-Concurrent-To")] = rec
            elif rec.type == "response":
                pairs.append((requests.get(rec.record_id), rec))
    return pairs


@pytest.mark.parametrize("site, path", [
    ("vnpost", "/2023/01/bai-viet-1/"),          # two Set-Cookie headers, chunked
    ("tintuc", "/the-gioi/bai-4521.html"),       # gzip-encoded
    ("newshub", "/story?id=1004&lang=zh"),       # query string
    ("newshub", "/news/1003.html"),              # GB18030, charset only in <meta>
    ("globalnews", "/go/1250002"),               # redirect chain: 302 ...
    ("globalnews", "/article/1250002?utm_source=rss&utm_medium=feed"),  # ... then 301
    ("globalnews", "/content/broken.shtml"),     # 500 with its own reason phrase, retried
    ("globalnews", "/files/annual-report.pdf"),  # not HTML
])
def test_exchanges_are_in_warc_exactly_as_sent(fixture_crawl, sites, site, path) -> None:
    """The server recorded the bytes it read and wrote; the WARC holds the same bytes."""
    server = sites[site]
    pairs = records_for(fixture_crawl, server.url(path))
    wire = wire_of(server, path)  # every exchange the (session-wide) server had on this path
    assert pairs
    for request, response in pairs:
        assert request is not None
        assert (request.block, response.block) in wire


def test_pdf_is_archived_without_a_corpus_row(fixture_crawl, sites) -> None:
    url = sites["globalnews"].url("/files/annual-report.pdf")
    ((_, response),) = records_for(fixture_crawl, url)
    assert response.http_payload().startswith(b"%PDF-")
    assert url not in {r["final_url"] for r in fixture_crawl.rows()}


def test_one_story_at_three_urls_keeps_its_text_in_each_row(tmp_path) -> None:
    """The site-template pass counts copies of one page once: a story listed under its
    URL, its AMP URL and its print URL held each of its lines on three pages, and all
    three rows lost their whole text as template. The site's real template lines, on
    every story, still go."""
    from tests.conftest import crawl
    from tests.sites.article_copies import (COPIES, FOOTER_LINE, PATHS, TEMPLATE_LINE,
                                            start_copies_site, story_lines)

    server, base = start_copies_site()
    urls = tmp_path / "my urls.txt"
    urls.write_text("".join(f"{base}{path}\n" for path in PATHS), encoding="utf-8")
    try:
        run = crawl(urls, tmp_path / "my archive")
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr[-3000:]
    rows = {r["final_url"][len(base):]: r for r in run.rows()}
    assert set(rows) == set(PATHS)
    for path, topic in PATHS.items():
        text = rows[path]["text"]
        assert text.split("\n\n") == story_lines(topic), path
        assert TEMPLATE_LINE not in text and FOOTER_LINE not in text
    assert all(rows[path]["template_lines_removed"] >= 1 for path in PATHS)
    assert {rows[path]["text_sha1"] for path in COPIES} == {rows[COPIES[0]]["text_sha1"]}

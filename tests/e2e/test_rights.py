"""Rights and access on every row, from what the crawl saw: robots.txt rules for AI
crawlers, W3C TDMRep (tdmrep.json, header, meta), isAccessibleForFree and paywalls,
licence and canonical URL; the same after a rebuild; export filters on them."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from archive.extract.rights import AI_AGENTS
from tests.conftest import CrawlRun, crawl, run_cli

pytestmark = pytest.mark.e2e  # crawls its own sites

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
{head}</head><body><header><nav><a href="/">Home</a></nav></header>
<article><h1>{title}</h1>
<p>The council met on Tuesday evening to discuss the new bridge over the river, which has
been closed to traffic since the spring floods damaged two of its supports.</p>
<p>Engineers told the meeting that repairs would take at least another four months, and
that the cost had risen by a third since the first estimate was made in April.</p>
<p>Residents on both banks have asked for a temporary ferry, and the council agreed to
ask the regional transport office whether one could run before the winter.</p>
{extra}</article></body></html>"""

LD_PAYWALL = """<script type="application/ld+json">{"@context": "https://schema.org",
"@type": "NewsArticle", "headline": "Closed bridge", "isAccessibleForFree": false,
"hasPart": {"@type": "WebPageElement", "isAccessibleForFree": false,
"cssSelector": ".locked"}}</script>"""

ROBOTS_A = "User-agent: GPTBot\nDisallow: /news/\n\nUser-agent: CCBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
TDMREP_A = json.dumps([
    {"location": "/news/*", "tdm-reservation": 1, "tdm-policy": "https://rights.example/policy.json"},
    {"location": "/open/*", "tdm-reservation": 0},
])


def page(title: str, head: str = "", extra: str = "") -> bytes:
    return ARTICLE.format(title=title, head=head, extra=extra).encode("utf-8")


# host A: robots.txt with AI rules and a tdmrep.json; host B: neither, header and meta signals
ROUTES: dict[str, dict[str, tuple[int, dict[str, str], bytes]]] = {
    "a": {
        "/robots.txt": (200, {"Content-Type": "text/plain"}, ROBOTS_A.encode()),
        "/.well-known/tdmrep.json": (200, {"Content-Type": "application/json"}, TDMREP_A.encode()),
        "/news/bridge.html": (200, {}, page("Closed bridge", LD_PAYWALL,
                                            "<div class='paywall-teaser locked'>Subscribe</div>")),
        "/open/ferry.html": (200, {}, page(
            "A ferry for the winter",
            '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
            '<link rel="canonical" href="/open/ferry">')),
    },
    "b": {
        "/header.html": (200, {"tdm-reservation": "1", "tdm-policy": "https://b.example/tdm"},
                         page("Header reserved", '<meta name="tdm-reservation" content="0">')),
        "/meta.html": (200, {}, page("Meta open", '<meta name="tdm-reservation" content="0">'
                                     '<meta property="og:url" content="https://b.example/meta">')),
    },
}


class RightsSite:
    def __init__(self, name: str) -> None:
        routes = ROUTES[name]
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib API
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib API
                site.hits.append(self.path)
                status, headers, body = routes.get(self.path, (404, {}, b"not found"))
                self.send_response(status)
                headers = {"Content-Type": "text/html; charset=utf-8", **headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture(scope="module")
def rights_sites() -> Iterator[dict[str, RightsSite]]:
    sites = {name: RightsSite(name) for name in ROUTES}
    yield sites
    for site in sites.values():
        site.server.shutdown()


@pytest.fixture(scope="module")
def rights_crawl(rights_sites: dict[str, RightsSite],
                 tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    work = tmp_path_factory.mktemp("rights")
    urls = [rights_sites["a"].base + p for p in ("/news/bridge.html", "/open/ferry.html")]
    urls += [rights_sites["b"].base + p for p in ("/header.html", "/meta.html")]
    (work / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    run = crawl(work / "urls.txt", work / "archive", "-s", "ARCHIVE_TDMREP=True")
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def by_path(run: CrawlRun) -> dict[str, dict[str, Any]]:
    return {row["url"].split("/", 3)[3]: row for row in run.rows(None)}


def test_each_host_is_asked_once_for_its_tdmrep_json_and_it_is_archived(
        rights_crawl: CrawlRun, rights_sites: dict[str, RightsSite]) -> None:
    for site in rights_sites.values():
        assert site.hits.count("/.well-known/tdmrep.json") == 1
    import sqlite3
    # closed here, not when collected: its close deletes the index's -wal and -shm files,
    # which a later test of this module copies with the archive (a copy failed so)
    db = sqlite3.connect(rights_crawl.archive / "index.sqlite3")
    try:
        archived = dict(db.execute("SELECT url, status FROM captures WHERE url LIKE '%tdmrep.json'"))
    finally:
        db.close()
    assert archived == {rights_sites["a"].base + "/.well-known/tdmrep.json": 200,
                        rights_sites["b"].base + "/.well-known/tdmrep.json": 404}
    # a 404 tdmrep.json is no failure of the crawl
    assert rights_crawl.report()["counts"]["failed"] == 0


def test_rows_carry_what_the_sites_said(rights_crawl: CrawlRun) -> None:
    rows = by_path(rights_crawl)
    assert set(rows) == {"news/bridge.html", "open/ferry.html", "header.html", "meta.html"}
    bridge, ferry = rows["news/bridge.html"], rows["open/ferry.html"]
    # robots.txt: GPTBot is kept out of /news/ only, CCBot out of everything
    assert bridge["robots_ai"]["GPTBot"] is False and ferry["robots_ai"]["GPTBot"] is True
    assert bridge["robots_ai"]["CCBot"] is False and ferry["robots_ai"]["CCBot"] is False
    assert bridge["robots_ai"]["ClaudeBot"] is True
    assert set(bridge["robots_ai"]) == set(AI_AGENTS)
    # tdmrep.json decides by path, before any header or meta
    assert (bridge["tdm_reservation"], bridge["tdm_policy"], bridge["tdm_source"]) == (
        True, "https://rights.example/policy.json", "tdmrep.json")
    assert (ferry["tdm_reservation"], ferry["tdm_source"]) == (False, "tdmrep.json")
    # no tdmrep.json on host B: the header wins over the meta tag, the meta tag alone decides
    header, meta = rows["header.html"], rows["meta.html"]
    assert (header["tdm_reservation"], header["tdm_policy"], header["tdm_source"]) == (
        True, "https://b.example/tdm", "header")
    assert (meta["tdm_reservation"], meta["tdm_source"]) == (False, "meta")
    # no robots.txt on host B (404): nothing is disallowed
    assert all(header["robots_ai"].values())
    # access, licence, canonical
    assert bridge["is_accessible_for_free"] is False and bridge["paywalled"] is True
    assert ferry["is_accessible_for_free"] is None and ferry["paywalled"] is False
    assert ferry["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert ferry["canonical_url"] == rights_crawl_base(ferry) + "/open/ferry"
    assert meta["canonical_url"] == "https://b.example/meta"
    assert bridge["license"] is None


def rights_crawl_base(row: dict[str, Any]) -> str:
    return row["url"].split("/open/")[0]


def test_rebuild_gives_the_same_rights(rights_crawl: CrawlRun, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "archive"
    shutil.copytree(rights_crawl.archive, copy)
    proc = run_cli("rebuild", "--archive", str(copy))
    assert proc.returncode == 0, proc.stderr[-3000:]
    fields = ("robots_ai", "tdm_reservation", "tdm_policy", "tdm_source",
              "is_accessible_for_free", "paywalled", "license", "canonical_url")
    before = {r["url"]: {f: r[f] for f in fields} for r in rights_crawl.rows(None)}
    after = {r["url"]: {f: r[f] for f in fields}
             for r in CrawlRun(copy, 0, "", "").rows(None)}
    assert after == before


def final_pass_reads(archive: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Run the final pass again over ``archive``'s corpus; the WARC records it read."""
    import sqlite3

    from archive.corpus import finalize, rights_pass

    reads: list[tuple[str, int]] = []
    real = rights_pass.read_record_at

    def counting(path: Path, offset: int, length: int | None) -> Any:
        reads.append((Path(path).name, offset))
        return real(path, offset, length)

    monkeypatch.setattr(rights_pass, "read_record_at", counting)
    db = sqlite3.connect(archive / "index.sqlite3", isolation_level=None)
    try:
        for corpus in sorted((archive / "corpus").glob("*.jsonl")):
            finalize.finalize_corpus(corpus, db, corpus.stem, warc_dir=archive / "warc")
    finally:
        db.close()
    return reads


def test_the_final_pass_reads_no_page_record_again(rights_crawl: CrawlRun, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's own rights come from its extraction: the final pass reads only the
    hosts' robots.txt and tdmrep.json captures, and gives the same rows."""
    import shutil

    copy = tmp_path / "archive"
    shutil.copytree(rights_crawl.archive, copy)
    reads = final_pass_reads(copy, monkeypatch)
    pages = {(r["warc"]["file"], r["warc"]["offset"]) for r in rights_crawl.rows(None)}
    assert reads and not pages & set(reads)
    assert CrawlRun(copy, 0, "", "").rows(None) == rights_crawl.rows(None)


def test_a_tdmrep_json_no_longer_there_gives_the_page_its_own_say(
        rights_crawl: CrawlRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row whose TDM fields came from a tdmrep.json the index no longer holds: its
    record is read again for what the page itself says (here: nothing)."""
    import shutil
    import sqlite3

    copy = tmp_path / "archive"
    shutil.copytree(rights_crawl.archive, copy)
    db = sqlite3.connect(copy / "index.sqlite3")
    db.execute("DELETE FROM captures WHERE url LIKE '%/.well-known/tdmrep.json'")
    db.commit()
    db.close()
    reads = final_pass_reads(copy, monkeypatch)
    rows = by_path(CrawlRun(copy, 0, "", ""))
    bridge = rows["news/bridge.html"]
    assert (bridge["tdm_reservation"], bridge["tdm_source"]) == (None, None)
    assert (bridge["warc"]["file"], bridge["warc"]["offset"]) in reads
    assert rows["header.html"]["tdm_source"] == "header"  # not from tdmrep.json: kept as it was


def exported_urls(run: CrawlRun, tmp_path: Path, name: str, *filters: str) -> set[str]:
    out = tmp_path / f"{name}.jsonl"
    proc = run_cli("export", "--archive", str(run.archive), "--format", "jsonl",
                   "--out", str(out), *filters)
    assert proc.returncode == 0, proc.stderr
    return {json.loads(line)["url"].split("/", 3)[3] for line in out.read_text().splitlines()}


def test_export_filters_on_rights(rights_crawl: CrawlRun, tmp_path: Path) -> None:
    assert exported_urls(rights_crawl, tmp_path, "tdm", "--tdm-allowed") == {
        "open/ferry.html", "meta.html"}
    assert exported_urls(rights_crawl, tmp_path, "free", "--free-only") == {
        "open/ferry.html", "header.html", "meta.html"}
    assert exported_urls(rights_crawl, tmp_path, "cc", "--license",
                         "creativecommons.org/licenses/by") == {"open/ferry.html"}
    assert exported_urls(rights_crawl, tmp_path, "none", "--license", "*/by-nc/*") == set()


def test_parquet_types_the_rights_fields(rights_crawl: CrawlRun, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "corpus.parquet"
    proc = run_cli("export", "--archive", str(rights_crawl.archive), "--format", "parquet",
                   "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    table = pq.read_table(out)
    assert table.schema.field("tdm_reservation").type == pa.bool_()
    assert table.schema.field("robots_ai").type == pa.struct(
        [pa.field(agent, pa.bool_()) for agent in AI_AGENTS])
    rows = {r["url"].split("/", 3)[3]: r for r in table.to_pylist()}
    assert rows["news/bridge.html"]["robots_ai"]["GPTBot"] is False
    assert rows["open/ferry.html"]["license"] == "https://creativecommons.org/licenses/by/4.0/"

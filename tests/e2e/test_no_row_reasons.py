"""A --urls crawl says why each page without a corpus row has none: a page its scripts
build (its HTML holds no text), an empty body, a response that is not HTML; the report
counts them by reason and the summary names them. A page its scripts build whose head
declares a post gets a row of that description, counted apart."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CrawlRun, crawl

pytestmark = pytest.mark.e2e  # crawls its own site

ARTICLE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry timetable changes</title></head><body><header><a href="/">Harbour News</a></header>
<article><h1>Ferry timetable changes</h1>
<p>The morning ferry now leaves at a quarter past seven from the north pier, a change the
operator says suits commuters better than the old timetable did.</p>
<p>The evening boats keep their times, and fares stay as they were until the spring.</p>
</article></body></html>"""
# a JavaScript application's shell: the posts come from its API once the scripts run
APP_SHELL = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Best first telescope? - Harbour Forum</title>
<meta name="description" content="I am new to astronomy and would like advice on a first telescope.">
<script src="/assets/app.js"></script></head>
<body><section id="splash"><div class="dots"></div></section><section id="main"></section>
<script>window.App.boot({"topic": 1555})</script></body></html>"""
# the same shell whose head declares a post: the day it was published and its opening
DATED_SHELL = APP_SHELL.replace(
    b'<meta name="description" content="I am new to astronomy and would like advice on a '
    b'first telescope.">',
    b'<meta property="og:description" content="I am new to astronomy and would like advice '
    b'on a first telescope: a refractor or a reflector, which brands, and what else to buy '
    b'with it for about four hundred dollars...">'
    b'<meta property="article:published_time" content="2025-02-20T14:19:26+00:00">')
ROUTES = {
    "/news/ferry.html": ("text/html; charset=utf-8", ARTICLE),
    "/t/best-first-telescope/1555": ("text/html; charset=utf-8", APP_SHELL),
    "/t/which-eyepieces/1556": ("text/html; charset=utf-8", DATED_SHELL),
    "/news/blank.html": ("text/html; charset=utf-8", b""),
    "/api/timetable.json": ("application/json", b'{"ferry": "07:15"}'),
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib API
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib API
            content_type, body = ROUTES.get(self.path, ("text/plain", b"not found"))
            self.send_response(200 if self.path in ROUTES else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def run(site: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    work: Path = tmp_path_factory.mktemp("reasons")
    (work / "urls.txt").write_text("".join(site + path + "\n" for path in ROUTES),
                                   encoding="utf-8")
    result = crawl(work / "urls.txt", work / "archive")
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_the_report_counts_the_pages_without_a_row_by_reason(run: CrawlRun, site: str) -> None:
    counts = run.report()["counts"]
    assert counts["rows"] == 2
    assert counts["not_articles"] == 3
    assert counts["no_row_reasons"] == {"empty": 1, "no_text": 1, "not_html": 1}
    rows = {row["url"]: row for row in run.rows(None)}
    assert sorted(rows) == [site + "/news/ferry.html", site + "/t/which-eyepieces/1556"]
    # the dated shell's row: its head's description, counted and named
    assert counts["description_only"] == 1
    shell = rows[site + "/t/which-eyepieces/1556"]
    assert shell["extractor"]["name"] == "description"
    assert shell["text"].startswith("I am new to astronomy and would like advice on a first")
    assert shell["published"] == "2025-02-20"
    # a valid row, as docs/corpus-row.schema.json documents rows (its extractor names)
    import json

    import jsonschema

    from tests.conftest import REPO
    schema = json.loads((REPO / "docs" / "corpus-row.schema.json").read_text())
    for row in rows.values():
        jsonschema.validate(row, schema)


def test_the_summary_names_the_reasons(run: CrawlRun) -> None:
    line = next(line for line in run.stdout.splitlines() if "why no row" in line)
    assert "empty body 1" in line
    assert "no text in its HTML (a page its scripts build?) 1" in line
    assert "not HTML 1" in line
    assert "text only the head's description 1" in run.stdout


def test_quiet_prints_nothing_when_all_went_well_and_the_summary_when_a_url_failed(
        site: str, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(site + "/news/ferry.html\n", encoding="utf-8")
    good = crawl(tmp_path / "good.txt", tmp_path / "archive", "--quiet")
    assert good.returncode == 0, good.stderr[-3000:]
    assert good.stdout == ""
    assert not [line for line in good.stderr.splitlines() if line.strip()]
    (tmp_path / "bad.txt").write_text(site + "/news/gone.html\n" + site + "/news/ferry.html\n",
                                      encoding="utf-8")
    bad = crawl(tmp_path / "bad.txt", tmp_path / "archive", "--quiet")
    assert bad.returncode == 0, bad.stderr[-3000:]
    assert "failed URLs               1" in bad.stdout and "http_404" in bad.stdout
    assert "WARNING: failed" in bad.stderr


def test_a_url_that_is_another_s_page_is_counted_and_done(site: str, tmp_path: Path) -> None:
    # two lines of the list, one page to Scrapy's duplicate filter (a #fragment apart)
    (tmp_path / "urls.txt").write_text(
        site + "/news/ferry.html\n" + site + "/news/ferry.html#timetable\n", encoding="utf-8")
    run = crawl(tmp_path / "urls.txt", tmp_path / "archive")
    assert run.returncode == 0, run.stderr[-3000:]
    report = run.report()
    assert report["counts"]["rows"] == 1
    assert report["counts"]["same_as_fetched"] == 1
    assert report["stats"]["newsarchive/progress/done"] == 2
    assert "same page as a URL fetched already 1" in run.stdout

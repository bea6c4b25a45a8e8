"""Crawling a news site from its config: discovery, scope, traps and politeness."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.ops.verify import verify_archive
from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, iter_records
from tests.conftest import FAST, CrawlRun, assert_spaced, crawl, run_cli
from fixtures.server import ROOT, SiteServer, start_sites

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


def site_config(tmp_path: Path, site: SiteServer, **extra: object) -> Path:
    values: dict[str, object] = {"name": site.name, "start_urls": [site.url("/world/")],
                                 "max_depth": 3, **extra}
    lines = [f"{k} = {v!r}".replace("'", '"') for k, v in values.items()]
    path = tmp_path / f"{site.name}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def list_two_days_ago(site: SiteServer, articles: list[dict[str, str]]) -> None:
    """The site's sitemaps and feeds date its articles two days ago, and leave the last
    two out (found by links only); the pages keep their own, older dates."""
    site.listing_day = (datetime.now(timezone.utc) - timedelta(days=2)).date().isoformat()
    site.unlisted = {a["path"] for a in articles[-2:]}


def crawl_site(config: Path, archive: Path, *settings: str) -> CrawlRun:
    proc = run_cli("crawl", "--site", str(config), "--archive", str(archive), *FAST, *settings)
    return CrawlRun(archive, proc.returncode, proc.stdout, proc.stderr)


def fetched(run: CrawlRun) -> list[str]:
    return [r.target_uri or "" for p in warc_files(run.archive / "warc") for r in iter_records(p)
            if isinstance(r, WarcRecordView) and r.type == "response"]


@pytest.fixture(scope="module")
def site_crawl(sites, tmp_path_factory) -> CrawlRun:
    tmp = tmp_path_factory.mktemp("site")
    run = crawl_site(site_config(tmp, sites["globalnews"]), tmp / "archive")
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def test_site_crawl_finds_every_article(site_crawl, sites, manifest) -> None:
    gn = sites["globalnews"]
    want = {gn.url(a["path"]) for a in manifest["sites"]["globalnews"]["articles"]}
    assert {r["final_url"] for r in site_crawl.rows()} == want
    assert verify_archive(site_crawl.archive).problems == []


def test_site_crawl_keeps_articles_and_counts_the_pages_it_skipped(site_crawl) -> None:
    """A site crawl's section and home pages are archived but give no row; the report
    says how many of each type it skipped (EXTRACT_PAGE_TYPES=all would keep them)."""
    assert {r["page_type"] for r in site_crawl.rows(None)} == {"article"}
    counts = site_crawl.report()["counts"]
    assert counts["skipped_page_types"].get("listing", 0) >= 1
    assert counts["page_types"] == {"article": counts["articles"]}
    assert "types not kept" in site_crawl.stdout


def test_nothing_out_of_scope_or_disallowed_is_fetched(site_crawl, sites) -> None:
    netloc = urlsplit(sites["globalnews"].base_url).netloc
    urls = fetched(site_crawl)
    assert urls and all(urlsplit(u).netloc == netloc for u in urls)
    assert not [u for u in urls if "/private/" in u]
    report = site_crawl.report()
    assert report["stats"]["newsarchive/discovery/out_of_scope"] >= 2


def contacted_hosts(run: CrawlRun) -> set[str]:
    """Every host the crawl sent a request to, as its WARC request records say."""
    return {urlsplit(r.target_uri or "").netloc for p in warc_files(run.archive / "warc")
            for r in iter_records(p) if isinstance(r, WarcRecordView) and r.type == "request"}


def test_feeds_sitemaps_and_redirects_on_other_hosts_are_never_contacted(tmp_path, monkeypatch) -> None:
    """A section page announces feeds on three other hosts (a name that resolves to
    another fixture server, a second loopback address, a name that must not be looked
    up) and links a page that redirects to another host: none of them is resolved or
    asked anything, robots.txt included; the site's own announced feed is read."""
    servers, others = start_sites(), start_sites(host="127.0.0.2")
    try:
        gn, near, far = servers["globalnews"], servers["tintuc"], others["vnpost"]
        near_port = urlsplit(near.base_url).port
        links = (f'<link rel="alternate" type="application/rss+xml" href="http://localhost:{near_port}/rss.xml">'
                 f'<link rel="alternate" type="application/atom+xml" href="{far.url("/atom.xml")}">'
                 '<link rel="alternate" type="application/rss+xml" href="http://feeds.outside.invalid/rss.xml">')
        world = (ROOT / gn.pages["/world/"]["file"]).read_bytes()
        gn.changed["/world/"] = world.replace(b"</head>", links.encode() + b"</head>", 1).replace(
            b"</body>", b'<a href="/moved/">Moved</a></body>', 1)
        gn.pages["/moved/"] = {"path": "/moved/", "status": 301,
                               "location": f"http://localhost:{near_port}/"}
        resolved = tmp_path / "resolved.txt"
        monkeypatch.setenv("NEWSARCHIVE_TEST_RESOLVED", str(resolved))
        run = crawl_site(site_config(tmp_path, gn), tmp_path / "archive",
                         "-s", "TWISTED_DNS_RESOLVER=tests.recording_resolver.RecordingResolver",
                         "-s", "ARCHIVE_TDMREP=True")  # tdmrep.json too: asked of gn only
        assert run.returncode == 0, run.stderr[-3000:]
        assert contacted_hosts(run) == {urlsplit(gn.base_url).netloc}
        assert "/.well-known/tdmrep.json" in gn.hits
        assert near.hits == [] and all(site.hits == [] for site in others.values())
        assert set(resolved.read_text(encoding="utf-8").split()) == {"127.0.0.1"}
        assert "/moved/" in gn.hits and "/rss.xml" in gn.hits  # the site's own feed is read
        report = run.report()
        assert {f["url"]: f["reason"] for f in report["failures"]}.get(gn.url("/moved/")) == (
            "redirect_out_of_scope")
        assert report["stats"]["newsarchive/discovery/out_of_scope"] >= 4
    finally:
        for site in (*servers.values(), *others.values()):
            site.stop()


def test_discovery_used_sitemaps_and_feeds(site_crawl) -> None:
    urls = fetched(site_crawl)
    for path in ("/robots.txt", "/sitemap-index.xml", "/sitemap-news.xml", "/sitemap-articles.xml",
                 "/rss.xml"):
        assert any(u.endswith(path) for u in urls), path
    # robots.txt is fetched once: the spider reads its Sitemap lines from the robots.txt
    # middleware's fetch (it used to fetch and archive its own copy as well)
    assert [u for u in urls if u.endswith("/robots.txt")] == [urls[0]]
    stats = site_crawl.report()["stats"]
    assert stats["newsarchive/discovery/from_sitemap"] >= 8
    assert stats["newsarchive/discovery/from_feed"] >= 8


def test_sitemaps_in_robots_txt_are_read_when_robots_is_not_obeyed(sites, tmp_path) -> None:
    """Without the robots.txt middleware, the spider fetches robots.txt itself, for its
    Sitemap lines only (its rules are not applied: /private/ is fetched)."""
    run = crawl_site(site_config(tmp_path, sites["globalnews"]), tmp_path / "archive",
                     "-s", "ROBOTSTXT_OBEY=False")
    assert run.returncode == 0, run.stderr[-3000:]
    urls = fetched(run)
    assert len([u for u in urls if u.endswith("/robots.txt")]) == 1
    assert any(u.endswith("/sitemap-index.xml") for u in urls)
    assert run.report()["stats"]["newsarchive/discovery/from_sitemap"] >= 8


NOT_PAGES = ("/robots.txt", ".xml")


def test_max_pages_counts_distinct_pages(site_crawl, sites, tmp_path) -> None:
    """max_pages = the number of pages the unbounded crawl scheduled (fetched, or refused
    by robots.txt): the same pages again. (Links to one page from many pages, and its
    sitemap and feed entries, each counted as a page before: 10 of these 16 pages.)"""
    pages = {u for u in fetched(site_crawl) if not u.endswith(NOT_PAGES)}
    assert len(pages) > 10
    forbidden = site_crawl.report()["stats"]["newsarchive/failed/robots_disallowed"]
    run = crawl_site(site_config(tmp_path, sites["globalnews"], max_pages=len(pages) + forbidden),
                     tmp_path / "a")
    assert run.returncode == 0, run.stderr[-3000:]
    assert {u for u in fetched(run) if not u.endswith(NOT_PAGES)} == pages
    run = crawl_site(site_config(tmp_path, sites["globalnews"], max_pages=5), tmp_path / "b")
    assert len({u for u in fetched(run) if not u.endswith(NOT_PAGES)}) == 5
    assert run.report()["stats"]["newsarchive/discovery/over_max_pages"] > 0


def test_tracking_variants_are_fetched_once(site_crawl, sites) -> None:
    urls = [u for u in fetched(site_crawl) if "/content/1250003.shtml" in u]
    assert urls == [sites["globalnews"].url("/content/1250003.shtml")]


def test_calendar_trap_stops_at_max_depth(site_crawl) -> None:
    months = [u for u in fetched(site_crawl) if "/calendar/" in u]
    # /world/ is depth 0, the calendar's entry depth 1: at most depths 1..3
    assert 1 <= len(months) <= 1 + 2 + 2


def test_calendar_trap_is_cut_short_whatever_max_depth(sites, tmp_path) -> None:
    """follow_patterns that admit the endless calendar and max_depth = 100: the trap cap
    (max_trap_depth, 10 by default) stops it at 10 months each way from the first, and the
    report counts what it did not follow; a config can set the cap lower."""
    gn = sites["globalnews"]
    follow = ["/world/$", "/calendar/"]
    run = crawl_site(site_config(tmp_path, gn, max_depth=100, follow_patterns=follow),
                     tmp_path / "a")
    assert run.returncode == 0, run.stderr[-3000:]
    months = [u for u in fetched(run) if "/calendar/" in u]
    assert len(months) == 1 + 2 * 10  # the first month, then 10 back and 10 forward
    assert run.report()["counts"]["trap_skipped"] == 2
    assert "calendar/pagination trap: 2 URLs not followed" in run.stdout
    run = crawl_site(site_config(tmp_path, gn, max_depth=100, follow_patterns=follow,
                                 max_trap_depth=2), tmp_path / "b")
    assert run.returncode == 0, run.stderr[-3000:]
    assert len([u for u in fetched(run) if "/calendar/" in u]) == 1 + 2 * 2
    assert {r["final_url"] for r in run.rows()} == {r["final_url"] for r in
                                                   CrawlRun(tmp_path / "a", 0, "", "").rows()}


def test_since_keeps_only_articles_in_the_window(sites, manifest, tmp_path) -> None:
    gn = sites["globalnews"]
    run = crawl_site(site_config(tmp_path, gn, since="2024-05-01"), tmp_path / "archive")
    assert run.returncode == 0, run.stderr[-3000:]
    want = {gn.url(a["path"]) for a in manifest["sites"]["globalnews"]["articles"]
            if a["published"] >= "2024-05-01"}
    assert 0 < len(want) < 8
    assert {r["final_url"] for r in run.rows()} == want
    assert run.report()["stats"]["newsarchive/discovery/before_since"] >= 1


@pytest.mark.parametrize("listing_delay", [0.0, 0.5])
def test_since_goes_by_the_dates_sitemaps_and_feeds_give(manifest, tmp_path, listing_delay) -> None:
    """since = "30d": the news sitemap, the sitemap and the feeds date six articles two
    days ago, their pages show their own (older) dates: all six get rows. The two no
    listing names are found by links and left out by their pages' dates. With late
    listings (answered once every article page has been fetched and three of them were
    dropped for their dates, as the crawl's log says), pages found by links are
    extracted first, dropped by their own date, and taken back (from the WARC) when the
    listing dates them."""
    servers = start_sites()
    log = tmp_path / "crawl.log"

    def dropped_by_date() -> bool:
        # more than the two pages no listing names: a listed page is among them (a fixed
        # wait instead was too short for the extraction workers on a loaded machine)
        return log.exists() and len(DROPPED_BY_DATE.findall(log.read_text(errors="replace"))) >= 3

    try:
        gn = servers["globalnews"]
        articles = manifest["sites"]["globalnews"]["articles"]
        list_two_days_ago(gn, articles)
        gn.listing_delay = listing_delay
        gn.listing_gate = dropped_by_date if listing_delay else None
        assert all(a["published"] < "2025" for a in articles)  # the pages' own dates: old
        # slow listings hold no slot that pages need: pages found by links go first
        run = crawl_site(site_config(tmp_path, gn, since="30d"), tmp_path / "archive",
                         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
                         "-s", f"LOG_FILE={log}", "-s", "LOG_LEVEL=DEBUG")
        assert run.returncode == 0, run.stderr[-3000:]
        assert {r["final_url"] for r in run.rows()} == {
            gn.url(a["path"]) for a in articles if a["path"] not in gn.unlisted}
        counts = run.report()["counts"]
        assert (counts["in_window_by_listing"], counts["before_since_by_page"]) == (6, 2)
        assert counts["in_window_by_page"] == 0
        assert "since window: by sitemap/feed date 6 in" in run.stdout
        if listing_delay:
            assert run.report()["stats"].get("newsarchive/since/listed_after_page", 0) >= 1
    finally:
        for site in servers.values():
            site.stop()


# crawler/pipelines/extract.py's DropItem for a page dated before the window, as the log
# formatter writes it
DROPPED_BY_DATE = re.compile(r"Dropped: published \S+, before ")


def capture_times(run: CrawlRun) -> list[tuple[str, datetime]]:
    db = sqlite3.connect(run.archive / "index.sqlite3")
    return sorted(((url, datetime.fromisoformat(t.replace("Z", "+00:00")))
                   for url, t in db.execute("SELECT url, fetched_at FROM captures")),
                  key=lambda x: x[1])


def test_per_host_delay_holds(sites, tmp_path) -> None:
    """Measured where politeness counts, at the server: when each request arrived (the
    captures' times are when responses came back, which a loaded machine jitters)."""
    gn = sites["globalnews"]
    first = len(gn.hit_times)
    run = crawl_site(site_config(tmp_path, gn, max_depth=1), tmp_path / "archive",
                     "-s", "DOWNLOAD_DELAY=0.3", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
    assert run.returncode == 0, run.stderr[-3000:]
    arrivals = sorted(t for _path, t in gn.hit_times[first:])
    assert len(arrivals) >= 10 and len(capture_times(run)) >= 10
    assert_spaced(arrivals, 0.3)


def test_robots_crawl_delay_is_obeyed(tmp_path) -> None:
    slow = start_sites(crawl_delay=0.5)
    try:
        run = crawl_site(site_config(tmp_path, slow["globalnews"], max_depth=0), tmp_path / "archive")
    finally:
        for server in slow.values():
            server.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    assert len(capture_times(run)) >= 4
    # at the server, as above: each request's arrival after robots.txt's
    arrivals = sorted(t for path, t in slow["globalnews"].hit_times if path != "/robots.txt")
    assert len(arrivals) >= 4
    assert_spaced(arrivals, 0.5)


def test_429_retry_after_delays_the_next_request(sites, tmp_path) -> None:
    gn = sites["globalnews"]
    urls = tmp_path / "urls.txt"
    urls.write_text(gn.url("/busy/1.html") + "\n" + gn.url("/content/1250004.shtml") + "\n")
    run = crawl(urls, tmp_path / "archive", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    assert run.returncode == 0, run.stderr[-3000:]
    hits = [(p, t) for p, t in gn.hit_times if p == "/busy/1.html"]
    assert len(hits) == 2
    assert hits[1][1] - hits[0][1] >= 1.0 - 0.1  # less a server stamp's lateness (assert_spaced)
    assert {r["final_url"] for r in run.rows(None)} >= {gn.url("/busy/1.html")}


def test_bad_site_config_names_the_key(tmp_path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\nstart_urls = ["http://127.0.0.1:1/"]\nmax_pags = 3\n')
    proc = run_cli("crawl", "--site", str(path), "--archive", str(tmp_path / "a"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "key 'max_pags': unknown key" in proc.stderr
    path.write_text('name = "x"\nstart_urls = ["http://127.0.0.1:1/"]\nsince = "yesterday"\n')
    proc = run_cli("crawl", "--site", str(path), "--archive", str(tmp_path / "a"))
    assert proc.returncode == 2 and "key 'since'" in proc.stderr


def test_repository_seeds_validate() -> None:
    proc = run_cli("seeds", "validate")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.count("ok ") >= 5


def test_scrapy_crawl_site_from_project_root(sites, tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import REPO
    config = site_config(tmp_path, sites["tintuc"], max_depth=1)
    config.write_text(config.read_text().replace("/world/", "/the-gioi/"))
    archive = tmp_path / "archive"
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"config={config}",
                           "-s", f"ARCHIVE_DIR={archive}", *FAST], cwd=REPO, capture_output=True,
                          text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    run = CrawlRun(archive, 0, "", "")
    assert len(run.rows()) == 8


def test_killed_site_crawl_resumes_without_refetching(sites, manifest, tmp_path) -> None:
    import sys

    from tests.conftest import kill_after_captures
    gn = sites["globalnews"]
    config = site_config(tmp_path, gn)
    archive = tmp_path / "archive"
    args = [sys.executable, "-m", "crawler", "crawl", "--site", str(config), "--archive", str(archive),
            *FAST, "-s", "DOWNLOAD_DELAY=0.15"]
    kill_after_captures(args, archive, 10)
    run = crawl_site(config, archive)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.report()["resumed_crawls"]
    db = sqlite3.connect(archive / "index.sqlite3")
    for art in manifest["sites"]["globalnews"]["articles"]:
        (count,) = db.execute("SELECT COUNT(*) FROM captures WHERE url=?", (gn.url(art["path"]),)).fetchone()
        assert count == 1, art["path"]
    urls = [u for (u,) in db.execute("SELECT url FROM captures WHERE url NOT LIKE '%robots.txt'")]
    assert len(urls) == len(set(urls)), "nothing captured twice (robots.txt aside)"
    rows = {r["final_url"] for r in CrawlRun(archive, 0, "", "").rows()}
    assert rows == {gn.url(a["path"]) for a in manifest["sites"]["globalnews"]["articles"]}
    assert verify_archive(archive).problems == []


def _crawl_small_site(start, name: str, depth: int, tmp_path: Path):  # type: ignore[no-untyped-def]
    """(the finished run, the site's base URL) of a site crawl of a tests/sites small
    site from its home page, to ``depth``; the crawl ran to its end (exit 0)."""
    server, base = start()
    config = tmp_path / f"{name}.toml"
    config.write_text(f'name = "{name}"\nstart_urls = ["{base}/"]\nmax_depth = {depth}\n')
    try:
        run = crawl_site(config, tmp_path / "archive")
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr[-3000:]
    return run, base


def test_pages_named_by_their_query_are_each_fetched_and_kept(tmp_path) -> None:
    """TYPO3's news items, a Joomla article and WordPress's plain permalinks, one of
    them on a second page of posts ("/?paged=2"): each is its own URL, fetched as
    linked, and a story (a site crawl keeps articles only)."""
    from tests.sites.query_urls import ITEMS, start_query_site

    run, _ = _crawl_small_site(start_query_site, "town", 3, tmp_path)
    titles = sorted(r["title"] for r in run.rows())
    assert titles == sorted(f"The {['harbour', 'ferry', 'market', 'library', 'bridge', 'school'][n % 6]}"
                            f" stays open ({n})" for n in ITEMS.values())
    assert {r["page_type"] for r in run.rows()} == {"article"}
    assert run.report()["failures"] == []  # no URL cut short of its query (a 404 here)
    assert verify_archive(run.archive).problems == []


def test_news_briefs_are_kept_with_their_story_as_text(tmp_path) -> None:
    """A site crawl keeps articles only: two briefs of a sentence each (JSON-LD
    NewsArticle, a byline, a day) beside a longer story are each a row whose text is
    the story, not the page's menus, "Most read" and footer."""
    from tests.sites.news_briefs import STORIES, start_briefs_site

    run, base = _crawl_small_site(start_briefs_site, "courier", 1, tmp_path)
    rows = {r["final_url"].removeprefix(base): r for r in run.rows()}
    assert set(rows) == set(STORIES)
    for path, (title, story) in STORIES.items():
        assert rows[path]["page_type"] == "article"
        assert rows[path]["title"] == title
        assert rows[path]["text"] == story

"""Page requisites (``crawl --requisites``): what a browser needs to show each article is
archived, within scope, politely and once, with no corpus row; and a replay in pywb,
in headless Chromium, shows the page with its stylesheet and images from the archive.

The fixture's globalnews articles link a stylesheet that @imports another (the page's
background colour) and draws a url() banner, a font, a script, a lead picture with
srcset and <source>, a frame with its own stylesheet, a requisite that is gone (404),
one robots.txt disallows and, through a second stylesheet, an image on another site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.errors import InputError
from archive.inputs.requisites import css_requisites, html_requisites, in_scope, parse_srcset
from archive.inputs.site_config import site_config_from_dict
from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, iter_records
from fixtures.server import SiteServer, start_sites
from tests.conftest import FAST, REPO, CrawlRun, assert_spaced, crawl, run_cli, start_redis
from tests.e2e.test_replay_pywb import serve
from tests.png import read_png

PYWB = REPO / ".venv-pywb" / "bin"
DELAY = 0.2  # per host, in the polite crawl below
ARTICLE_REQUISITES = {
    "/static/site.css", "/static/base.css", "/static/partner.css", "/static/site.js",
    "/static/banner.png", "/static/fonts/fixture.woff2", "/static/lead.png", "/static/lead@2x.png",
    "/static/lead-wide.png", "/embed/chart.html", "/static/embed.css", "/static/chart.png"}


# --------------------------------------------------------------------------- parsing
def test_html_requisites_finds_what_a_browser_fetches() -> None:
    page = """<html><head><base href="/news/">
    <link rel="stylesheet" href="a.css"><link rel="preload" as="font" href="/f.woff2">
    <link rel="alternate" href="/rss.xml"><link rel="canonical" href="/x">
    <style>body { background: url('bg.png') } @import "imp.css";</style>
    <script src="https://cdn.example.com/app.js"></script></head>
    <body><a href="/next.html">next</a>
    <picture><source srcset="w_300,h_200/pic.webp 1x, big.webp 2x"><img src="pic.jpg"
      srcset="pic-480.jpg 480w, pic-1080.jpg 1080w" data-src="lazy.jpg"></picture>
    <img src="data:image/png;base64,AAAA"><div style="background-image:url(&quot;div.png&quot;)"></div>
    <iframe src="frame.html#top"></iframe><video poster="poster.jpg"></video>
    <svg><use href="#icon"></use></svg></body></html>"""
    found = {r.url: r.kind for r in html_requisites(page, "https://www.example.com/a/page.html")}
    base = "https://www.example.com/news/"
    assert found == {
        base + "a.css": "stylesheet", "https://www.example.com/f.woff2": "font",
        base + "bg.png": "css-url", base + "imp.css": "stylesheet",
        "https://cdn.example.com/app.js": "script",
        base + "w_300,h_200/pic.webp": "image", base + "big.webp": "image", base + "pic.jpg": "image",
        base + "pic-480.jpg": "image", base + "pic-1080.jpg": "image", base + "lazy.jpg": "image",
        base + "div.png": "css-url", base + "frame.html": "frame", base + "poster.jpg": "image"}


def test_css_requisites_imports_urls_and_fonts() -> None:
    css = """@import url("reset.css"); @import 'print.css' print;
    /* url(commented.png) */
    @font-face { src: url(fonts/a.woff2) format("woff2"), url('fonts/a.ttf'); }
    .x { background: url( img/x.png ) } .f { filter: url(#blur) } .d { background: url(data:x) }"""
    found = [(r.url.rsplit("/", 2)[-2:], r.kind) for r in
             css_requisites(css, "https://s.example.com/css/site.css")]
    assert found == [(["css", "print.css"], "stylesheet"), (["css", "reset.css"], "stylesheet"),
                     (["fonts", "a.woff2"], "font"), (["fonts", "a.ttf"], "font"),
                     (["img", "x.png"], "css-url")]


def test_srcset_keeps_commas_inside_urls() -> None:
    assert parse_srcset("a.jpg, b,c.jpg 2x,d.jpg 300w , e.jpg (x, y) 1x") == [
        "a.jpg", "b,c.jpg", "d.jpg", "e.jpg"]


def test_scopes() -> None:
    page = "https://www.bbc.co.uk/news/1"
    assert in_scope("https://www.bbc.co.uk:8443/x.css", page, "same-host")
    assert not in_scope("https://static.bbc.co.uk/x.css", page, "same-host")
    assert in_scope("https://static.bbc.co.uk/x.css", page, "same-site")
    assert not in_scope("https://other.co.uk/x.css", page, "same-site")  # co.uk is a public suffix
    assert in_scope("https://other.co.uk/x.css", page, "any")
    assert in_scope("http://127.0.0.1:9/x", "http://127.0.0.1:8/p", "same-site")
    assert not in_scope("http://localhost:8/x", "http://127.0.0.1:8/p", "same-site")


def test_site_config_keys_are_checked() -> None:
    base = {"name": "x", "start_urls": ["https://example.com/"]}
    cfg = site_config_from_dict({**base, "requisites": True, "requisites_scope": "any"})
    assert cfg.requisites and cfg.requisites_scope == "any"
    assert not site_config_from_dict(base).requisites
    with pytest.raises(InputError, match="key 'requisites': must be true or false"):
        site_config_from_dict({**base, "requisites": "yes"})
    with pytest.raises(InputError, match="key 'requisites_scope': must be one of"):
        site_config_from_dict({**base, "requisites_scope": "same-domain"})


def test_a_bad_scope_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    urls = tmp_path / "u.txt"
    urls.write_text("http://127.0.0.1:1/a.html\n")
    for args in (["--requisites-scope", "nearby"], ["-s", "ARCHIVE_REQUISITES_SCOPE=nearby"]):
        proc = run_cli("crawl", "--urls", str(urls), "--archive", str(tmp_path / "a"), "--requisites",
                       *args)
        assert proc.returncode == 2, proc.stderr
        assert "nearby" in proc.stderr.strip().splitlines()[-1]
        assert not (tmp_path / "a").exists()


def test_a_requisite_response_is_never_an_item() -> None:
    """Even if a requisite's response reached a page callback, it gives no item, so the
    pipelines never extract it."""
    from scrapy import Request
    from scrapy.http import HtmlResponse

    from crawler.meta import META_REQUISITE
    from spiders.urls import article_item

    body = b"<html><body><p>" + b"Prose of a framed page, long enough to extract. " * 20 + b"</p>"
    url = "http://127.0.0.1:9/embed/chart.html"
    page = HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}, request=Request(url))
    assert article_item(page) is not None
    framed = HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}, request=Request(
        url, meta={META_REQUISITE: {"page": "http://127.0.0.1:9/a.html", "nesting": 1}}))
    assert article_item(framed) is None


# --------------------------------------------------------------------------- a crawl
@pytest.fixture(scope="module")
def own_sites() -> Iterator[dict[str, SiteServer]]:
    """The fixture sites for this module alone: the replay test stops them."""
    servers = start_sites()
    yield servers
    for server in servers.values():
        try:
            server.stop()
        except OSError:
            pass


def globalnews_urls(site: SiteServer, path: Path) -> Path:
    pages = [p for p, page in site.pages.items() if page.get("kind") in ("article", "section")]
    path.write_text("".join(site.url(p) + "\n" for p in pages), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def req_crawl(own_sites, tmp_path_factory) -> CrawlRun:
    site = own_sites["globalnews"]
    site.hits.clear()
    site.hit_times.clear()
    urls = globalnews_urls(site, tmp_path_factory.mktemp("urls") / "globalnews.txt")
    run = crawl(urls, tmp_path_factory.mktemp("req") / "archive", "--requisites",
                "-s", f"DOWNLOAD_DELAY={DELAY}")
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def records(run: CrawlRun) -> list[WarcRecordView]:
    return [r for p in warc_files(run.archive / "warc") for r in iter_records(p)
            if isinstance(r, WarcRecordView)]


def test_every_requisite_is_archived_with_its_request(req_crawl: CrawlRun, own_sites) -> None:
    base = own_sites["globalnews"].base_url
    recs = records(req_crawl)
    responses = {r.target_uri: r for r in recs if r.type == "response"}
    requests = {r.get("WARC-Concurrent-To"): r for r in recs if r.type == "request"}
    for path in ARTICLE_REQUISITES:
        rec = responses.get(base + path)
        assert rec is not None, f"{path} not archived"
        assert rec.http_status() == 200
        request = requests.get(rec.record_id)
        assert request is not None and request.target_uri == base + path
        assert request.block.startswith(b"GET " + path.encode() + b" HTTP/1.1\r\n")
    payloads = {path: responses[base + path].http_payload() for path in ARTICLE_REQUISITES}
    assert payloads["/static/base.css"].startswith(b"body { background-color: #ffcc00")


def test_requisites_are_fetched_once_per_crawl(req_crawl: CrawlRun, own_sites) -> None:
    hits = Counter(own_sites["globalnews"].hits)
    assert {path: hits[path] for path in ARTICLE_REQUISITES} == {p: 1 for p in ARTICLE_REQUISITES}
    report = req_crawl.report()
    assert report["stats"]["newsarchive/requisites/pages"] == 8  # every article asked for them


def test_requisites_give_no_corpus_row(req_crawl: CrawlRun, own_sites) -> None:
    rows = req_crawl.rows(None)
    assert len(req_crawl.rows("article")) == 8
    assert not [r for r in rows if "/static/" in r["url"] or "/embed/" in r["url"]]
    # the frame's page has prose of its own: fetched as a page of the list, it gets a row
    # (page type "page"), so only its being a requisite keeps it out of the corpus
    assert own_sites["globalnews"].hits.count("/embed/chart.html") == 1


def test_only_articles_get_requisites_and_only_in_scope(req_crawl: CrawlRun, own_sites) -> None:
    hits = set(own_sites["globalnews"].hits)
    assert "/static/section-logo.png" not in hits  # on the section page (a listing)
    assert "/static/partner-logo.png" not in hits  # on "localhost": another site
    assert req_crawl.report()["stats"]["newsarchive/requisites/out_of_scope"] >= 1


def test_robots_and_the_host_delay_hold_for_requisites(req_crawl: CrawlRun, own_sites) -> None:
    site = own_sites["globalnews"]
    assert "/private/pixel.png" not in site.hits
    times = [t for path, t in site.hit_times if path != "/robots.txt"]
    assert len(times) >= 8 + len(ARTICLE_REQUISITES)
    assert_spaced(times, DELAY)


def test_the_report_counts_requisites_and_lists_failures(req_crawl: CrawlRun, own_sites) -> None:
    report = req_crawl.report()
    counts = report["counts"]
    base = own_sites["globalnews"].base_url
    sizes = sum(len(own_sites["globalnews"].wire[p][0][1].split(b"\r\n\r\n", 1)[1])
                for p in ARTICLE_REQUISITES if p != "/static/partner.css")
    partner = len(f".partner {{ background: url(http://localhost:{own_sites['globalnews'].server.server_address[1]}"
                  f"/static/partner-logo.png); }}\n")
    assert counts["requisites"] == len(ARTICLE_REQUISITES)
    assert counts["requisite_bytes"] == sizes + partner
    assert counts["requisites_failed"] == 2
    failed = {f["url"]: f for f in report["failures"] if f.get("requisite_of")}
    assert failed[base + "/static/missing.png"]["reason"] == "http_404"
    assert failed[base + "/private/pixel.png"]["reason"] == "robots_disallowed"
    assert failed[base + "/static/missing.png"]["requisite_of"].startswith(base + "/content/")
    assert counts["failed"] == 0  # the pages themselves all came
    assert f"page requisites     {len(ARTICLE_REQUISITES):>7}" in req_crawl.stdout


def test_a_site_config_turns_them_on_with_its_scope(own_sites, tmp_path: Path) -> None:
    site = own_sites["globalnews"]
    config = tmp_path / "gn.toml"
    config.write_text(f'name = "gn"\nstart_urls = ["{site.url("/world/")}"]\nmax_depth = 1\n'
                      'requisites = true\nrequisites_scope = "any"\n', encoding="utf-8")
    before = len(site.hits)
    proc = run_cli("crawl", "--site", str(config), "--archive", str(tmp_path / "a"), *FAST)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "/static/partner-logo.png" in site.hits[before:]  # "any": from localhost too
    run = CrawlRun(tmp_path / "a", proc.returncode, proc.stdout, proc.stderr)
    assert run.report()["counts"]["requisites"] == len(ARTICLE_REQUISITES) + 1
    assert all("/static/" not in r["url"] for r in run.rows(None))


def test_a_shared_crawl_fetches_each_requisite_once(own_sites, tmp_path: Path) -> None:
    """Two workers through Redis: requisite requests travel through the shared queue
    (their callbacks by name) and the shared dupefilter lets each through once."""
    site = own_sites["globalnews"]
    urls = globalnews_urls(site, tmp_path / "gn.txt")
    (tmp_path / "redis").mkdir()
    proc, redis_url = start_redis(tmp_path / "redis")
    try:
        before = len(site.hits)
        env = dict(os.environ, PYTHONPATH=str(REPO))
        workers = [subprocess.Popen(
            [sys.executable, "-m", "crawler", "crawl", "--urls", str(urls), "--archive",
             str(tmp_path / "shared"), "--redis", redis_url, "--cluster-name", "req",
             "--worker-id", name, *FAST, "-s", "EXTRACT_WORKERS=1", "--requisites"],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("w1", "w2")]
        for worker in workers:
            _, err = worker.communicate(timeout=240)
            assert worker.returncode == 0, err[-3000:]
    finally:
        proc.terminate()
        proc.wait(10)
    hits = Counter(site.hits[before:])
    assert {p: hits[p] for p in ARTICLE_REQUISITES} == {p: 1 for p in ARTICLE_REQUISITES}
    reports = [json.loads(p.read_text()) for p in (tmp_path / "shared" / "workers").glob(
        "*/reports/*.json")]
    assert sum(r["counts"]["requisites"] for r in reports) == len(ARTICLE_REQUISITES)
    assert {r["cluster"]["counts"]["requisites"] for r in reports} == {len(ARTICLE_REQUISITES)}


# --------------------------------------------------------------------------- replay
@pytest.fixture(scope="module")
def replay(req_crawl: CrawlRun, own_sites, tmp_path_factory) -> Iterator[str]:
    """pywb serving the crawl's WARCs, with the fixture sites stopped: whatever the
    replayed page shows comes from the archive."""
    assert (PYWB / "wayback").exists(), "pywb is not installed: run scripts/setup"
    for server in own_sites.values():
        server.stop()
    root = tmp_path_factory.mktemp("pywb")
    subprocess.run([PYWB / "wb-manager", "init", "news"], cwd=root, check=True, capture_output=True)
    subprocess.run([PYWB / "wb-manager", "add", "news",
                    *map(str, warc_files(req_crawl.archive / "warc"))],
                   cwd=root, check=True, capture_output=True)
    yield from serve(root)  # pywb's wayback, as the replay tests run it


def test_replay_in_chromium_shows_the_stylesheet_and_images(replay: str, own_sites,
                                                            tmp_path: Path) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail("chromium is not installed: run scripts/setup (apt-get install chromium)")
    page = own_sites["globalnews"].url("/content/1250001.shtml")
    with pytest.raises(OSError):  # the live site is gone: only the archive can answer
        urllib.request.urlopen(page, timeout=2)
    shot = tmp_path / "replay.png"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    # nothing but this machine's loopback: no name resolves to anything else
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                    "--force-device-scale-factor=1", "--window-size=800,600",
                    f"--screenshot={shot}", f"{replay}/news/mp_/{page}"],
                   capture_output=True, timeout=120, cwd=tmp_path)
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (800, 600)
    colours = Counter(pixels)
    # base.css, @imported by site.css: the page's background
    assert colours[(255, 204, 0)] > 100_000, colours.most_common(5)
    # lead.png (the 1x of its srcset): 160 x 100 blue pixels, at its own size
    assert colours[(0, 0, 255)] == 160 * 100
    # banner.png, a url() in site.css, repeated across the 800-pixel-wide bar (pywb's own
    # banner covers the top of it)
    red = colours[(200, 0, 0)]
    assert red >= 800 * 10 and red % 800 == 0, red
    # the frame's page, with its own stylesheet
    assert colours[(0, 204, 102)] > 1000

"""The hostile web: every bad server behaviour at once, in one crawl with a good page."""

from __future__ import annotations

import pytest

from archive.ops.verify import verify_archive
from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, iter_records
from tests.conftest import FAST, CrawlRun, crawl, run_cli
from tests.sites.hostile import CASES, start_hostile

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory) -> tuple[CrawlRun, str]:
    server, base = start_hostile()
    tmp = tmp_path_factory.mktemp("hostile")
    urls = tmp / "urls.txt"
    urls.write_text("".join(f"{base}{path}\n" for path in [*CASES, "/good"]))
    run = crawl(urls, tmp / "archive", "-s", "DOWNLOAD_TIMEOUT=4", "-s", "RETRY_TIMES=1",
                "-s", "DOWNLOAD_MAXSIZE=5000000", "-s", "REDIRECT_MAX_TIMES=5",
                "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", timeout=240)
    server.shutdown()
    return run, base


def test_the_crawl_finishes_without_a_traceback(hostile_crawl) -> None:
    run, _ = hostile_crawl
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr


def test_each_failure_is_counted_under_its_reason(hostile_crawl) -> None:
    run, base = hostile_crawl
    reasons = {f["url"]: f["reason"] for f in run.report()["failures"]}
    expected = {base + path: reason for path, reason in CASES.items() if reason}
    got = {url: reasons.get(url) for url in expected}
    assert got == expected
    for _url, reason in expected.items():
        assert run.report()["stats"][f"newsarchive/failed/{reason}"] >= 1


def test_the_good_page_is_archived_and_extracted(hostile_crawl) -> None:
    run, base = hostile_crawl
    rows = {r["final_url"]: r for r in run.rows()}
    assert base + "/good" in rows
    assert rows[base + "/good"]["text"].count("Paragraph") == 6


def test_nothing_half_written_and_verify_clean(hostile_crawl) -> None:
    run, _ = hostile_crawl
    assert verify_archive(run.archive).problems == []


def test_cut_off_responses_are_not_archived_as_complete(hostile_crawl) -> None:
    """A body cut short (too large, connection lost, timed out) is never stored as a
    whole response: such a record would claim content the server never finished."""
    run, base = hostile_crawl
    # the gzip bomb is not among them: its wire bytes are complete (and archived, the
    # digest verifies); only its decoded size is over the limit, so it gets no corpus row
    cut = {base + path for path, reason in CASES.items()
           if reason in ("too_large", "data_loss", "timeout") and path != "/gzip-bomb"}
    responses = [r for p in warc_files(run.archive / "warc") for r in iter_records(p)
                 if isinstance(r, WarcRecordView) and r.type == "response"]
    stored = {r.target_uri for r in responses}
    truncated = {r.target_uri for r in responses if r.get("WARC-Truncated")}
    assert len(cut) == 7 and (cut & stored) - truncated == set()
    assert base + "/gzip-bomb" in stored
    assert base + "/good" in stored


def test_no_local_file_was_read(hostile_crawl) -> None:
    run, _ = hostile_crawl
    for path in (run.archive / "warc").iterdir():
        import gzip
        assert b"root:x:0:0" not in gzip.decompress(path.read_bytes())


def test_unreachable_robots_txt_means_disallow(tmp_path) -> None:
    """RFC 9309: robots.txt answering 5xx or not at all means "assume complete
    disallow"; 4xx means no rules. Each host's pages fail under their own reason."""
    servers = {mode: start_hostile(robots=mode) for mode in ("500", "timeout", "404")}
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{base}/good\n" for _, base in servers.values()))
    try:
        run = crawl(urls, tmp_path / "archive", "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1")
        # the pages themselves get more time than the first run's 2 s: on a loaded machine
        # a page of the host whose robots.txt hangs timed out too, a failure of the test
        allow = crawl(urls, tmp_path / "allow", "-s", "DOWNLOAD_TIMEOUT=5", "-s", "RETRY_TIMES=0",
                      "-s", "ROBOTSTXT_UNREACHABLE=allow")
    finally:
        for server, _ in servers.values():
            server.shutdown()
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    reasons = {f["url"]: f["reason"] for f in run.report()["failures"]}
    # robots.txt answering 500: its own reason; not answering at all: the host is down
    assert reasons == {servers["500"][1] + "/good": "robots_unreachable",
                       servers["timeout"][1] + "/good": "timeout"}
    assert {r["final_url"] for r in run.rows()} == {servers["404"][1] + "/good"}
    assert run.stderr.count("its host's pages are not fetched (RFC 9309") == 2, "logged once per host"
    # with the policy switched, the pages are fetched anyway
    assert allow.returncode == 0, allow.stderr[-3000:]
    assert {r["final_url"] for r in allow.rows()} == {base + "/good" for _, base in servers.values()}, \
        allow.report()["failures"]


def test_sitemap_bomb_and_endless_index(tmp_path) -> None:
    server, base = start_hostile(robots="sitemaps")
    config = tmp_path / "hostile.toml"
    config.write_text(f'name = "hostile"\nstart_urls = ["{base}/good"]\nmax_depth = 1\n')
    try:
        proc = run_cli("crawl", "--site", str(config), "--archive", str(tmp_path / "archive"), *FAST,
                       timeout=120)
    finally:
        server.shutdown()
    run = CrawlRun(tmp_path / "archive", proc.returncode, proc.stdout, proc.stderr)
    assert run.returncode == 0, run.stderr[-3000:]
    report = run.report()
    bad = [f for f in report["failures"] if f["reason"] == "bad_sitemap"]
    assert [f["url"] for f in bad] == [base + "/sitemap-bomb.xml"]
    assert "entit" in bad[0]["detail"]
    assert report["stats"]["newsarchive/discovery/sitemap_too_deep"] == 1
    assert server.endless_hits <= 4, "an endless sitemap index is followed to a fixed depth"
    assert {r["final_url"] for r in run.rows()} == {base + "/good"}
    assert verify_archive(run.archive).problems == []


def crawl_from(tmp_path, start: str, robots: str = "404") -> tuple[CrawlRun, str]:  # noqa: ANN001
    """A site crawl of a hostile server (its robots.txt as ``robots`` says) from the path
    ``start``, one level of links deep, keeping every page type; (the run, the server's
    base URL)."""
    server, base = start_hostile(robots=robots)
    config = tmp_path / "hostile.toml"
    config.write_text(f'name = "hostile"\nstart_urls = ["{base}{start}"]\nmax_depth = 1\n')
    try:
        proc = run_cli("crawl", "--site", str(config), "--archive", str(tmp_path / "archive"), *FAST,
                       "-s", "EXTRACT_PAGE_TYPES=all", timeout=120)
    finally:
        server.shutdown()
    return CrawlRun(tmp_path / "archive", proc.returncode, proc.stdout, proc.stderr), base


def test_an_unreadable_address_in_a_sitemap_or_a_page_costs_only_itself(tmp_path) -> None:
    """"http://[broken/x" (an IPv6 host left open) makes urllib raise: the sitemap's and
    the page's other links are still followed, the broken ones rejected and counted."""
    run, base = crawl_from(tmp_path, "/broken-links", robots="broken")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert {base + "/linked", base + "/linked-2"} <= {r["final_url"] for r in run.rows()}
    assert run.report()["stats"]["newsarchive/discovery/rejected_url"] >= 2


def test_an_article_nested_deeper_than_the_parser_default_keeps_all_of_it(tmp_path) -> None:
    """Paragraphs and a link 300 elements deep (past libxml2's default of 256, which
    drops them without an error) reach the row and the crawl, and JSON-LD nested past
    Python's stack costs the page nothing."""
    run, base = crawl_from(tmp_path, "/deep-article")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    rows = {r["final_url"]: r for r in run.rows()}
    assert base + "/linked-3" in rows, "the link 300 levels deep is followed"
    text = rows[base + "/deep-article"]["text"]
    assert "Paragraph 2: the first part" in text
    assert all(f"Deep paragraph {i}: written three hundred levels down" in text for i in range(3))

"""How many pages a crawl says it will extract at most, for the extraction pool's
light start (archive/extract/workers.py LIGHT_START_PAGES): a URL list's lines that
are neither blank nor comments, split as the list's reader splits them; a site
crawl's max_pages and start pages."""

from __future__ import annotations

from pathlib import Path

from archive.inputs.site_config import SiteConfig
from spiders.site import SiteSpider
from spiders.urls import UrlListSpider


def test_a_url_list_counts_its_urls_whatever_ends_its_lines(tmp_path: Path) -> None:
    urls = [f"http://127.0.0.1:1/p/{n}.html" for n in range(20)]
    listing = tmp_path / "urls.txt"
    # old Mac line ends, a comment, blank lines and a trailing newline
    listing.write_bytes(("# today's list\r\r" + "\r".join(urls) + "\r\r").encode())
    assert UrlListSpider(urls=str(listing)).planned_pages() == 20
    listing.write_text("\n".join(urls) + "\n")
    assert UrlListSpider(urls=str(listing)).planned_pages() == 20


def test_a_url_list_that_cannot_be_read_plans_nothing(tmp_path: Path) -> None:
    assert UrlListSpider(urls=str(tmp_path / "missing.txt")).planned_pages() is None


def test_a_site_crawl_plans_its_max_pages_and_start_pages() -> None:
    config = SiteConfig(name="example", start_urls=["http://127.0.0.1:1/", "http://127.0.0.1:1/news/"],
                        max_pages=10)
    assert SiteSpider(site_config=config).planned_pages() == 12


def test_the_extraction_server_plan_reads_the_settings_as_the_crawl_will() -> None:
    from crawler.setting_rules import extraction_server_plan

    assert extraction_server_plan({}) == (True, 120.0)
    assert extraction_server_plan({"EXTRACT_ENABLED": "False"})[0] is False
    assert extraction_server_plan({"EXTRACT_ENABLED": "0"})[0] is False
    assert extraction_server_plan({"EXTRACT_ENABLED": "true"})[0] is True
    assert extraction_server_plan({"EXTRACT_TIMEOUT": "0"}) == (True, None)
    assert extraction_server_plan({"EXTRACT_TIMEOUT": "2.5"}) == (True, 2.5)

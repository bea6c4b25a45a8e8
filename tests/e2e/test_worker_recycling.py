"""A crawl whose extraction workers are replaced every few pages extracts every page as
one whose workers live throughout."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CrawlRun, crawl

pytestmark = pytest.mark.e2e  # crawls the fixture site


def test_recycled_workers_give_the_same_rows(fixture_crawl: CrawlRun, fixture_urls: Path,
                                             tmp_path: Path) -> None:
    run = crawl(fixture_urls, tmp_path / "archive", "-s", "EXTRACT_RECYCLE_AFTER=3")
    assert run.returncode == 0, run.stderr[-3000:]
    stats = run.report()["stats"]
    # 2 workers, 3 pages each: a new pool every 6 pages
    assert stats["newsarchive/extract/pools_recycled"] >= len(fixture_crawl.rows(None)) // 6 - 1

    def pages(r: CrawlRun) -> dict[str, tuple[str, str, str]]:
        return {row["final_url"]: (row["text"], row["title"], row["page_type"]) for row in r.rows(None)}

    assert pages(run) == pages(fixture_crawl)

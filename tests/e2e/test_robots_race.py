"""Every request that waits for robots.txt obeys it, not only the first (crawler/robots.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import crawl

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


def test_many_requests_waiting_for_robots_all_obey_it(sites, tmp_path: Path) -> None:
    gn = sites["globalnews"]
    # the first request to the host triggers robots.txt; all the others wait for it,
    # the disallowed ones among them in every position
    paths = ["/content/1250001.shtml"] + [f"/private/internal-memo.html?n={i}" for i in range(12)]
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(gn.url(p) + "\n" for p in paths))
    run = crawl(urls, tmp_path / "archive", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")
    assert run.returncode == 0, run.stderr[-2000:]
    reasons = [f["reason"] for f in run.report()["failures"]]
    assert reasons.count("robots_disallowed") == 12
    assert not [h for h in gn.hits if h.startswith("/private/internal-memo.html?n=")]

"""Progress lines of a real crawl: one per interval in a log, to the end of the list
(the line's rules: tests/crawler/test_progress.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import crawl
from fixtures.server import SiteServer, url_list


def test_a_url_list_crawl_logs_progress_to_its_end(sites: dict[str, SiteServer],
                                                   tmp_path: Path) -> None:
    urls = url_list(sites).splitlines()[:12]
    (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    run = crawl(tmp_path / "urls.txt", tmp_path / "archive", "-s", "ARCHIVE_PROGRESS_INTERVAL=0.2",
                "-s", "DOWNLOAD_DELAY=0.1", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    assert run.returncode == 0, run.stderr[-3000:]
    total = len([u for u in urls if u.strip() and not u.startswith("#")])
    lines = re.findall(rf"(\d+)/{total} URLs \(([\d.]+)%\), ([\d.]+)/s, ETA (\S+);", run.stderr)
    assert len(lines) >= 3, run.stderr[-3000:]  # one per interval, not a live line in a log
    done = [int(d) for d, *_ in lines]
    assert done == sorted(done)
    assert lines[-1][:2] == (str(total), "100.0") and lines[-1][3] == "0s"
    assert any(0 < int(d) < total for d in done)
    # the ETA says 0s only at the end
    assert all(eta != "0s" for d, _, _, eta in lines if int(d) < total)
    assert "\x1b[K" not in run.stderr
    # what waits: requests (the list's, robots.txt, a page's requisites), and pages among
    # the done ones still being extracted
    waits = [(int(d), int(f), int(x)) for d, f, x in re.findall(
        rf"(\d+)/{total} URLs .*?(\d+) to fetch, (\d+) extracting", run.stderr)]
    assert len(waits) == len(lines)
    assert all(x <= d for d, f, x in waits), waits
    assert waits[-1][1:] == (0, 0)


@pytest.mark.parametrize("interval", ["0"])
def test_progress_can_be_turned_off(sites: dict[str, SiteServer], tmp_path: Path,
                                    interval: str) -> None:
    first = next(u for u in url_list(sites).splitlines() if u.startswith("http"))
    (tmp_path / "urls.txt").write_text(first + "\n", encoding="utf-8")
    run = crawl(tmp_path / "urls.txt", tmp_path / "archive", "-s", f"ARCHIVE_PROGRESS_INTERVAL={interval}")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "corpus rows" in run.stdout and "URLs (" not in run.stderr  # the summary, no progress

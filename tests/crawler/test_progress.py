"""Progress with an end: done/total, percent, the recent rate and an ETA for a URL
list; what is still to do for a site crawl; a live line on a terminal."""

from __future__ import annotations

import io
import logging

import pytest
from scrapy.utils.test import get_crawler

from crawler.progress import STAT_DONE, STAT_TOTAL, CrawlProgress, human_duration, progress_line


def test_a_known_total_gives_percent_rate_and_eta() -> None:
    line = progress_line(done=250, total=1000, fetched=260, rate=5.0, bytes_=3_500_000,
                         rows=200, failed=3, to_fetch=12, extracting=4)
    assert line.startswith("250/1000 URLs (25.0%), 5.0/s, ETA 2m30s;")
    assert "3.5 MB fetched" in line and "200 corpus rows" in line and "3 failed" in line
    assert line.endswith("12 to fetch, 4 extracting")


def test_without_a_total_the_line_shows_pages_and_what_is_left() -> None:
    line = progress_line(done=0, total=None, fetched=40, rate=2.5, bytes_=900, rows=10,
                         failed=0, to_fetch=77, extracting=0)
    assert line.startswith("40 pages, 2.5/s;") and "ETA" not in line
    assert line.endswith("77 to fetch, 0 extracting")


def test_a_stalled_crawl_has_no_eta_and_a_finished_one_zero() -> None:
    assert "ETA unknown" in progress_line(done=1, total=10, fetched=1, rate=0.0, bytes_=0,
                                          rows=0, failed=0, to_fetch=9, extracting=0)
    assert "ETA 0s" in progress_line(done=10, total=10, fetched=10, rate=0.0, bytes_=0,
                                     rows=0, failed=0, to_fetch=0, extracting=0)
    assert human_duration(3 * 3600 + 5 * 60) == "3h05m"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_rate_is_over_the_last_interval_and_live_on_a_terminal(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="newsarchive.progress")
    crawler = get_crawler(settings_dict={"ARCHIVE_PROGRESS_INTERVAL": 1.0})
    out = Terminal()
    progress = CrawlProgress(crawler, 1.0, stream=out)
    progress.last.at = 0.0
    crawler.stats.set_value(STAT_TOTAL, 100)
    crawler.stats.set_value(STAT_DONE, 50)  # 50 in the first 10 s
    assert "50/100 URLs (50.0%), 5.0/s, ETA 10s" in progress.line(now=10.0)
    crawler.stats.set_value(STAT_DONE, 60)  # then 10 in 10 s: the ETA follows the slowdown
    assert "60/100 URLs (60.0%), 1.0/s, ETA 40s" in progress.line(now=20.0)
    progress.tick()
    assert out.getvalue().startswith("\r\x1b[K60/100 URLs") and "\n" not in out.getvalue()
    caplog.set_level(logging.WARNING, logger="newsarchive.progress")  # --quiet
    progress.tick()
    assert out.getvalue().count("URLs") == 1

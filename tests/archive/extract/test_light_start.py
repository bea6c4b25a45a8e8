"""A job of a few pages (workers.LIGHT_START_PAGES: a short URL list, a rebuild of a
small archive) starts its extraction workers without dateparser's tables for every
locale, 2 s of the fork server's start; a longer job, or one whose length is not known,
has the server load them once for all its workers. Each case runs in a process of its
own: the fork server is one per process, and the first pool chooses its preload."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import json, sys
from archive.extract.workers import RecyclingPool, start_extraction_server

def loaded():
    from dateparser.languages.loader import LocaleDataLoader
    return len(LocaleDataLoader._loaded_locales)

def parse_unclaimed():
    # a string no locale claims: dateparser tries (and loads) every locale
    from htmldate.extractors import get_external_parser
    get_external_parser().get_date_data("Top 10 Companies Taking the Stage in 2025")
    found = get_external_parser().get_date_data("3 December 2026")
    return loaded(), found["date_obj"].date().isoformat()

if __name__ == "__main__":
    pages, time_limit, early = json.loads(sys.argv[1])
    if early is not None:  # as `newsarchive crawl` does before Scrapy starts: [pages, limit]
        start_extraction_server(*early)
    with RecyclingPool(1, pages=pages, time_limit=time_limit) as pool:
        before = pool.submit(loaded).result(timeout=300)
        after, day = pool.submit(parse_unclaimed).result(timeout=300)
    print(json.dumps([before, after, day]))
"""


def worker_locales(tmp_path: Path, pages: int | None, time_limit: float | None = None,
                   early: list[object] | None = None) -> list[object]:
    script = tmp_path / "light_start.py"
    script.write_text(SCRIPT)
    proc = subprocess.run([sys.executable, str(script), json.dumps([pages, time_limit, early])],
                          cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("pages", [20])
def test_a_job_of_a_few_pages_starts_without_every_locale_and_loads_them_when_asked(
        tmp_path: Path, pages: int) -> None:
    before, after, day = worker_locales(tmp_path, pages)
    assert before == 0
    assert isinstance(after, int) and after > 100  # the worker loaded them itself
    assert day == "2026-12-03"


@pytest.mark.parametrize("pages", [21])
def test_a_longer_job_shares_the_locales_from_the_start(
        tmp_path: Path, pages: int) -> None:
    before, after, day = worker_locales(tmp_path, pages)
    assert isinstance(before, int) and before > 100
    assert after == before
    assert day == "2026-12-03"


def test_a_short_page_time_limit_keeps_the_full_start(tmp_path: Path) -> None:
    # the locales' loading would be charged to the page that needs them
    before, after, day = worker_locales(tmp_path, 2, time_limit=1.0)
    assert isinstance(before, int) and before > 100
    assert after == before and day == "2026-12-03"


def test_a_server_started_early_chooses_its_preload_as_the_pool_would(tmp_path: Path) -> None:
    # `newsarchive crawl` starts the fork server before Scrapy, with the job's pages and
    # page time limit; the crawl's pool, made later, finds it running and uses it,
    # whatever it would have chosen itself (here: the full start, not knowing the pages)
    before, after, day = worker_locales(tmp_path, None, early=[20, None])
    assert before == 0 and isinstance(after, int) and after > 100 and day == "2026-12-03"
    # a short page time limit keeps the full start there too
    before, after, day = worker_locales(tmp_path, 2, 1.0, early=[2, 1.0])
    assert isinstance(before, int) and before > 100 and after == before

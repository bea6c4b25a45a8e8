"""Every command run from a folder that holds folders named like the project's packages.

``cd work && newsarchive crawl --urls urls.txt --archive archive`` is the natural way to
run a crawl; the archive folder must not be taken for the ``archive`` package, nor a
user's ``crawler``, ``spiders``, ``seeds`` or ``tests`` folder for ours. Commands run
through the installed ``newsarchive`` entry point, without PYTHONPATH, as users run them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FAST

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)

ENTRY_POINT = Path(sys.executable).parent / "newsarchive"
PACKAGE_NAMES = ("archive", "crawler", "spiders", "seeds", "tests")


def newsarchive(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    return subprocess.run([str(ENTRY_POINT), *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd, env=env)


@pytest.fixture(scope="module")
def workdir(sites, tmp_path_factory) -> Path:
    """A folder with ``archive/`` (the crawl's archive) and package-like folders beside it:
    ``crawler/`` and ``spiders/`` hold an ``__init__.py`` that fails on import."""
    if not ENTRY_POINT.exists():
        pytest.fail(f"no installed entry point at {ENTRY_POINT}: run scripts/setup")
    work = tmp_path_factory.mktemp("work")
    for name in PACKAGE_NAMES[1:]:
        (work / name).mkdir()
    for name in ("crawler", "spiders"):
        (work / name / "__init__.py").write_text("raise ImportError('imported from the cwd')\n")
    urls = [sites["tintuc"].url("/the-gioi/bai-4521.html"), sites["tintuc"].url("/the-gioi/bai-4522.html")]
    (work / "urls.txt").write_text("\n".join(urls) + "\n")
    return work


@pytest.fixture(scope="module")
def crawled(workdir: Path) -> subprocess.CompletedProcess:
    return newsarchive(workdir, "crawl", "--urls", "urls.txt", "--archive", "archive", *FAST)


def test_crawl_extracts_every_page(workdir: Path, crawled) -> None:
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    assert "extract_crashed" not in crawled.stdout + crawled.stderr
    rows = [json.loads(line) for path in (workdir / "archive" / "corpus").glob("*.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2


def test_verify_rebuild_export_history_merge(workdir: Path, crawled) -> None:
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    runs = {
        "verify": ["verify", "--archive", "archive"],
        "rebuild": ["rebuild", "--archive", "archive", "--workers", "2"],
        "export": ["export", "--archive", "archive", "--format", "jsonl", "--out", "out.jsonl"],
        "cdxj": ["export", "--archive", "archive", "--format", "cdxj", "--out", "out.cdxj"],
        "history": ["history", (workdir / "urls.txt").read_text().split()[0], "--archive", "archive"],
        "merge": ["merge", "--archive", "merged", "archive"],
    }
    for name, args in runs.items():
        proc = newsarchive(workdir, *args)
        assert proc.returncode == 0, (name, proc.stderr[-3000:])
        assert "Traceback" not in proc.stderr, (name, proc.stderr[-3000:])
    assert "rebuilt 2 corpus rows" in newsarchive(workdir, *runs["rebuild"]).stdout
    assert len((workdir / "out.jsonl").read_text().splitlines()) == 2


def test_seeds_validate_and_help(workdir: Path, sites) -> None:
    config = workdir / "seeds" / "site.toml"
    config.write_text(f'name = "tintuc"\nstart_urls = ["{sites["tintuc"].url("/")}"]\n')
    proc = newsarchive(workdir, "seeds", "validate", "seeds/site.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert newsarchive(workdir, "--version").returncode == 0

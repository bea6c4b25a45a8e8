"""``rebuild --redis``: two worker processes and a real redis-server rebuild one archive;
``merge`` makes of their parts the corpus and index a single ``rebuild`` makes."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.conftest import REPO, crawl, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, redis-server and workers (pyproject: markers)

# small WARC files: the fixture crawl spreads over several, for the workers to share
WARC_SIZE = ["-s", "ARCHIVE_WARC_MAX_SIZE=30000"]
# every table of the index, with the columns that say what it holds (all of them)
TABLES = ("crawls", "captures", "documents", "site_lines")


def start_worker(archive: Path, redis_url: str, name: str, worker: str, *extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "crawler", "rebuild", "--archive", str(archive),
                             "--redis", redis_url, "--cluster-name", name, "--worker-id", worker,
                             "--workers", "1", *extra],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its extraction process too, for killpg


def corpus_bytes(archive: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((archive / "corpus").glob("*.jsonl"))}


def index_tables(archive: Path) -> dict[str, list[Any]]:
    db = sqlite3.connect(archive / "index.sqlite3")
    try:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {name: db.execute(f"SELECT * FROM {name} ORDER BY 1, 2, 3").fetchall()
                for name in sorted(names)}
    finally:
        db.close()


@pytest.fixture(scope="module")
def split_archive(fixture_urls: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(an archive of the fixture crawl in several WARC files, the same after one `rebuild`)."""
    tmp = tmp_path_factory.mktemp("shared-rebuild")
    run = crawl(fixture_urls, tmp / "crawled", *WARC_SIZE)
    assert run.returncode == 0, run.stderr[-3000:]
    assert len(list((run.archive / "warc").glob("*.warc.gz"))) >= 4
    single = tmp / "single"
    shutil.copytree(run.archive, single)
    proc = run_cli("rebuild", "--archive", str(single), "--workers", "1")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return run.archive, single


def test_two_workers_and_merge_make_what_one_rebuild_makes(split_archive: tuple[Path, Path],
                                                          redis_url: str, tmp_path: Path) -> None:
    crawled, single = split_archive
    shared = tmp_path / "shared"
    shutil.copytree(crawled, shared)
    (shared / "corpus" / next(iter(corpus_bytes(shared)))).write_text("")  # nothing read from the old corpus
    workers = [start_worker(shared, redis_url, "two-workers", f"w{i}") for i in (1, 2)]
    outputs = [w.communicate(timeout=300) for w in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err[-3000:]
        assert "every file is done" in out
    files = [int(out.split("rebuilt ")[1].split(" WARC")[0]) for out, _ in outputs]
    assert sum(files) == len(list((shared / "warc").glob("*.warc.gz")))
    assert min(files) >= 1, files  # both took part
    assert len(list((shared / "rebuild-parts").glob("*/*.part"))) == sum(files)

    proc = run_cli("merge", "--archive", str(shared))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "merged the shared rebuild: 38 corpus rows" in proc.stdout
    assert not (shared / "rebuild-parts").exists()
    # the same rows, texts and final-pass fields, byte for byte; the same index rows
    assert corpus_bytes(shared) == corpus_bytes(single)
    assert index_tables(shared) == index_tables(single)
    assert run_cli("verify", "--archive", str(shared)).returncode == 0

    # a worker starting once it is over has nothing to do
    late = run_cli("rebuild", "--archive", str(shared), "--redis", redis_url, "--cluster-name", "two-workers")
    assert late.returncode == 0 and "has just finished" in late.stdout


def test_a_worker_killed_mid_file_loses_nothing(split_archive: tuple[Path, Path], redis_url: str,
                                              tmp_path: Path) -> None:
    crawled, single = split_archive
    shared = tmp_path / "shared"
    shutil.copytree(crawled, shared)
    name = "killed-worker"
    victim = start_worker(shared, redis_url, name, "victim", "--heartbeat-ttl", "2")
    # killed once it has written records of a file it has not finished
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        partial = [p for p in (shared / "rebuild-parts").glob("*/*.tmp") if p.stat().st_size > 2000]
        if partial:
            break
        time.sleep(0.01)
    else:
        pytest.fail("the worker wrote no part")
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(30)
    held = redis.Redis.from_url(redis_url).hvals(f"newsarchive:rebuild:{name}:inflight:victim")
    assert len(held) == 1  # the file it was in the middle of

    early = run_cli("merge", "--archive", str(shared))
    assert early.returncode != 0 and "has not done" in early.stderr
    assert list((shared / "rebuild-parts").glob("*/*.tmp"))  # the killed worker's half part, never used

    survivor = start_worker(shared, redis_url, name, "survivor")
    out, err = survivor.communicate(timeout=300)
    assert survivor.returncode == 0, err[-3000:]
    assert "stopped beating: 1 WARC file(s) it held are queued again" in err
    proc = run_cli("merge", "--archive", str(shared))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert corpus_bytes(shared) == corpus_bytes(single)
    assert index_tables(shared) == index_tables(single)

"""verify checks both ways: nothing the index lists is missing, nothing archived is unlisted."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from archive.ops.verify import verify_archive
from tests.conftest import CrawlRun, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


@pytest.fixture
def archive(fixture_crawl: CrawlRun, tmp_path: Path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(fixture_crawl.archive, copy)
    assert verify_archive(copy).problems == []
    return copy


def corpus_file(archive: Path) -> Path:
    files = sorted((archive / "corpus").glob("*.jsonl"))
    assert len(files) == 1
    return files[0]


def test_a_corpus_emptied_is_a_problem(archive: Path) -> None:
    corpus_file(archive).write_bytes(b"")
    proc = run_cli("verify", "--archive", str(archive))
    assert proc.returncode == 1, proc.stdout
    assert "0 corpus rows checked" in proc.stdout
    assert proc.stdout.count("no corpus row in corpus/") == 38  # 32 articles, 6 section pages


def test_a_lost_corpus_row_and_a_row_twice(archive: Path) -> None:
    path = corpus_file(archive)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[1:] + lines[2:3]), encoding="utf-8")
    problems = verify_archive(archive).problems
    assert len([p for p in problems if "no corpus row" in p]) == 1
    assert len([p for p in problems if "twice in the corpus" in p]) == 1
    assert len(problems) == 2, problems


def test_an_unindexed_record_and_an_unlisted_corpus_row(archive: Path) -> None:
    db = sqlite3.connect(archive / "index.sqlite3")
    with db:
        capture = db.execute("SELECT record_id FROM captures WHERE record_id NOT IN "
                             "(SELECT record_id FROM documents) LIMIT 1").fetchone()[0]
        db.execute("DELETE FROM captures WHERE record_id=?", (capture,))
        document = db.execute("SELECT record_id FROM documents LIMIT 1").fetchone()[0]
        db.execute("DELETE FROM documents WHERE record_id=?", (document,))
    db.close()
    problems = verify_archive(archive).problems
    assert [p for p in problems if capture in p and "not in the index" in p], problems
    assert [p for p in problems if document in p and "not in the index's documents" in p], problems
    assert len(problems) == 2, problems

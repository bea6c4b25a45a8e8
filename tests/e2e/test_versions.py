"""Versions of one URL: never near-duplicates of each other; --latest; history by URL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from archive.ops.export import ExportFilter, iter_documents
from archive.corpus.near_dup import NearDuplicates, signature
from tests.conftest import REPO, crawl, run_cli
from fixtures.server import start_sites
from tests.e2e.test_export_safety import synthetic_archive, synthetic_row

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)

STORY = " ".join(f"word{(i * 7919) % 1000} token{i % 37}" for i in range(300))
UPDATE = "Update: this report was corrected after publication to add the envoy's remarks. "


def test_a_new_version_is_not_a_near_duplicate_of_the_old_one() -> None:
    near = NearDuplicates(sqlite3.connect(":memory:"))
    assert near.add("<r1>", "http://a.example/x.html", "c1", signature(STORY)) is None
    assert near.add("<r2>", "http://a.example/x.html", "c2", signature(UPDATE + STORY)) is None
    assert near.add("<r3>", "http://a.example/x.html#comments", "c3", signature(STORY)) is None
    # another URL with the same story is a near-duplicate of the first document
    dup = near.add("<r4>", "http://b.example/copy.html", "c3", signature(UPDATE + STORY))
    assert dup is not None and dup[:2] == ("http://a.example/x.html", "<r1>")


def test_latest_keeps_the_newest_version_of_each_url(tmp_path: Path) -> None:
    old = synthetic_row(1, text="old text", fetched_at="2024-05-01T10:00:00Z")
    other = synthetic_row(2)
    new = synthetic_row(3, url=old["url"], final_url=old["final_url"], text="new text",
                        fetched_at="2024-05-02T10:00:00Z")
    archive = synthetic_archive(tmp_path / "archive", [old, other, new])
    rows = list(iter_documents(archive, ExportFilter(latest=True)))
    assert [(r["final_url"], r["text"]) for r in rows] == [(other["final_url"], other["text"]),
                                                          (old["final_url"], "new text")]
    assert len(list(iter_documents(archive))) == 3


@pytest.fixture(scope="module")
def recrawled(tmp_path_factory):
    """Two articles crawled, one of them changed, crawled again."""
    servers = start_sites()
    try:
        tmp = tmp_path_factory.mktemp("versions")
        gn = servers["globalnews"]
        paths = ["/content/1250002.shtml", "/content/1250003.shtml"]
        urls = tmp / "urls.txt"
        urls.write_text("".join(gn.url(p) + "\n" for p in paths))
        archive = tmp / "archive"
        first = crawl(urls, archive)
        assert first.returncode == 0, first.stderr[-2000:]
        page = (REPO / "fixtures/newsfixture" / gn.pages[paths[0]]["file"]).read_bytes()
        gn.changed[paths[0]] = page.replace(
            b"<div class=\"article_content\">\n",
            b"<div class=\"article_content\">\n<p>" + UPDATE.encode() + b"</p>\n", 1)
        second = crawl(urls, archive)
        assert second.returncode == 0, second.stderr[-2000:]
        yield archive, gn.url(paths[0]), gn.url(paths[1])
    finally:
        for server in servers.values():
            server.stop()


def export_rows(archive: Path, out: Path, *options: str) -> list[dict]:
    proc = run_cli("export", "--archive", str(archive), "--format", "jsonl", "--out", str(out), *options)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_drop_duplicates_keeps_the_update(recrawled, tmp_path: Path) -> None:
    archive, changed, _ = recrawled
    rows = export_rows(archive, tmp_path / "all.jsonl", "--drop-duplicates")
    versions = [r for r in rows if r["final_url"] == changed]
    assert len(versions) == 2, "both versions of the changed page, neither a duplicate"
    assert any(UPDATE.strip() in r["text"] for r in versions)
    latest = export_rows(archive, tmp_path / "latest.jsonl", "--drop-duplicates", "--latest")
    assert len(latest) == 2
    assert UPDATE.strip() in next(r for r in latest if r["final_url"] == changed)["text"]


@pytest.mark.parametrize("spelling", ["{url}#comments", "{url}/", "{url}?utm_source=feed"])
def test_history_finds_the_url_as_the_crawl_canonicalises_it(recrawled, spelling: str) -> None:
    archive, changed, _ = recrawled
    proc = run_cli("history", spelling.format(url=changed), "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr
    assert "2 captures, 2 text versions" in proc.stdout, proc.stdout
    assert f"archived as {changed}" in proc.stdout


def test_history_of_an_unknown_url_is_an_error(recrawled) -> None:
    archive, changed, _ = recrawled
    proc = run_cli("history", changed.replace(".shtml", "-other.shtml"), "--archive", str(archive))
    assert proc.returncode == 2 and "is not in" in proc.stderr

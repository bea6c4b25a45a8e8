"""Which of two syndicated copies the final pass marks: the one published later, whatever
order the network delivered them in."""

from __future__ import annotations

import json
from pathlib import Path

from archive.corpus.finalize import FinalizeStats, finalize_corpus
from archive.store.index import Index

STORY = ("The minister said on Monday that the two countries would work together on border "
         "security, trade and energy over the next five years, and that the first meetings "
         "would take place in the capital before the end of the month. Officials from both "
         "sides described the talks as open and constructive, and said a joint statement "
         "would follow once the remaining questions on pipeline tariffs were settled.")
OTHER = ("Heavy rain closed three mountain roads in the north of the province overnight, "
         "and the weather service warned that rivers in the valley could rise further "
         "before the weekend. Schools in two districts stayed shut while crews cleared "
         "the mud, and the local council opened a hall for families who had to leave.")


def row(n: int, url: str, text: str, published: str | None) -> dict:
    return {"url": url, "final_url": url, "text": text, "page_type": "article",
            "published": published, "fetched_at": f"2024-03-01T10:00:0{n}Z",
            "warc": {"file": "a.warc.gz", "offset": 1000 * n, "record_id": f"<urn:uuid:{n}>"}}


def finalized(tmp_path: Path, rows: list[dict]) -> tuple[list[dict], FinalizeStats]:
    """The rows after the final pass, in file order, and the pass's counts."""
    corpus = tmp_path / "crawl.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    index = Index(tmp_path / "index.sqlite3")
    try:
        stats = finalize_corpus(corpus, index.connection, "crawl")
    finally:
        index.close()
    out = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert stats.rows == len(rows) == len(out)
    return out, stats


def final_rows(tmp_path: Path, rows: list[dict]) -> dict[str, dict]:
    out, _ = finalized(tmp_path, rows)
    assert [r["url"] for r in out] == [r["url"] for r in rows]  # still in WARC order
    return {r["url"]: r for r in out}


def test_copy_fetched_first_is_still_the_copy(tmp_path: Path) -> None:
    copy, original = "http://b.example/copy", "http://a.example/story"
    got = final_rows(tmp_path, [row(1, copy, STORY + " Analysts welcomed it.", "2024-02-12"),
                                row(2, "http://a.example/rain", OTHER, "2024-02-11"),
                                row(3, original, STORY, "2024-02-11")])
    assert got[original]["duplicate_of"] is None
    assert got[copy]["duplicate_of"]["url"] == original
    assert got[copy]["duplicate_of"]["record_id"] == "<urn:uuid:3>"
    assert got[copy]["duplicate_of"]["similarity"] >= 0.6
    assert got["http://a.example/rain"]["duplicate_of"] is None


def test_same_day_or_undated_copies_follow_fetch_order(tmp_path: Path) -> None:
    first, second, third = "http://b.example/1", "http://a.example/2", "http://c.example/3"
    got = final_rows(tmp_path, [row(1, first, STORY, "2024-02-11"),
                                row(2, second, STORY + " Analysts welcomed it.", "2024-02-11"),
                                row(3, third, STORY, None)])
    assert got[first]["duplicate_of"] is None
    assert got[second]["duplicate_of"]["url"] == first
    assert got[third]["duplicate_of"]["url"] == first


def test_a_third_copy_points_at_the_original_not_at_the_copy_fetched_first(tmp_path: Path) -> None:
    copy, original, third = "http://b.example/copy", "http://a.example/story", "http://c.example/3"
    got = final_rows(tmp_path, [row(1, copy, STORY + " Analysts welcomed it.", "2024-02-12"),
                                row(2, original, STORY, "2024-02-11"),
                                row(3, third, STORY + " Markets rose.", "2024-02-13")])
    assert got[original]["duplicate_of"] is None
    assert got[copy]["duplicate_of"]["url"] == original
    assert got[third]["duplicate_of"]["url"] == original
    assert got[third]["duplicate_of"]["similarity"] >= 0.6


def test_a_later_capture_of_the_original_s_own_url_is_not_its_copy(tmp_path: Path) -> None:
    copy, original = "http://b.example/copy", "http://a.example/story"
    again = row(3, original, STORY + " Updated at noon.", "2024-02-11")
    out, stats = finalized(tmp_path, [row(1, copy, STORY + " Analysts welcomed it.", "2024-02-12"),
                                      row(2, original, STORY, "2024-02-11"), again])
    assert out[1]["duplicate_of"] is None and out[0]["duplicate_of"]["url"] == original
    assert (out[2]["duplicate_of"] or {}).get("url") != original  # never a copy of its own page
    assert stats.duplicates == sum(1 for r in out if r["duplicate_of"])
    assert not list(tmp_path.glob("*.dup"))

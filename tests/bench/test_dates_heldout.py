"""bench/dates_heldout.py reads htmldate's evaluation layout, leaves out the entries without
a day and scores each method's day against the truth."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "dates_heldout.py"
_STORY = "<p>" + "The harbour authority opened the new ferry terminal on Monday morning. " * 8 + "</p>"


def _page(day: str) -> str:
    return (f"<html><head><title>Ferry terminal opens</title><meta property="
            f"'article:published_time' content='{day}T09:00:00+01:00'></head><body>"
            f"<h1>Ferry terminal opens</h1>{_STORY}</body></html>")


def test_days_scored_per_set_and_together(tmp_path: Path) -> None:
    (tmp_path / "eval").mkdir()
    (tmp_path / "test_set").mkdir()
    (tmp_path / "eval" / "a.html").write_text(_page("2024-03-18"), encoding="utf-8")
    (tmp_path / "test_set" / "b.html").write_text(_page("2024-05-02"), encoding="utf-8")
    (tmp_path / "eval_default.json").write_text(
        '{"http://harbour.example/a": {"file": "a.html", "date": "2024-03-18"},'
        ' "http://harbour.example/n": {"file": "a.html", "date": NaN}}', encoding="utf-8")
    (tmp_path / "eval_mediacloud_2020.json").write_text(
        '{"http://harbour.example/b": {"file": "b.html", "date": "2024-05-03"}}',
        encoding="utf-8")
    out = subprocess.run([sys.executable, str(_SCRIPT), str(tmp_path), "--workers", "1"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in out[1:]}
    # pages, rows, newsarchive, htmldate, trafilatura: the entry without a day is left out
    assert rows["eval_default.json"][:3] == ["1", "1.000", "1.000"]
    assert rows["eval_mediacloud_2020.json"][:3] == ["1", "1.000", "0.000"]
    assert rows["both"][:3] == ["2", "1.000", "0.500"]

"""bench/news_heldout.py reads fundus's test-data layout, pairs each truth with the saved
page that holds its title, and scores the fields a corpus row carries."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "news_heldout.py"
_PARAS = [
    "The harbour authority opened the new ferry terminal on Monday morning, two years later "
    "than planned and at nearly twice the first estimate, after a long dispute over the quay.",
    "Passengers will board from a covered hall with room for four hundred people, and the old "
    "waiting room on the pier will become a market for local fishermen in the summer months.",
]


def _page(title: str, day: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in _PARAS * 3)
    return gzip.compress(
        (f"<html><head><title>{title} | Harbour Daily</title><meta property="
         f"'article:published_time' content='{day}T09:00:00+01:00'><meta name='author' "
         f"content='Jane Roe'></head><body><article><h1>{title}</h1>{body}</article></body>"
         "</html>").encode())


def test_truths_paired_by_title_and_scored(tmp_path: Path) -> None:
    country = tmp_path / "xx"
    country.mkdir()
    # saved in the other order than the versions: the title pairs them
    (country / "HarbourDaily_2024_01_01.html.gz").write_bytes(_page("Ferry fares rise", "2024-01-01"))
    (country / "HarbourDaily_2024_06_01.html.gz").write_bytes(_page("Terminal opens", "2024-06-01"))
    (country / "meta.info").write_text(json.dumps({
        "HarbourDaily_2024_01_01.html.gz": {"url": "https://harbour.example/news/ferry-fares-rise"},
        "HarbourDaily_2024_06_01.html.gz": {"url": "https://harbour.example/news/terminal-opens"}}))
    body = {"summary": [], "sections": [{"headline": [], "paragraphs": _PARAS * 3}]}
    (country / "HarbourDaily.json").write_text(json.dumps({
        "V1": {"title": "Terminal opens", "authors": ["Jane Roe"], "body": body,
               "publishing_date": "2024-06-01 09:00:00+01:00"},
        "V2": {"title": "Ferry fares rise", "authors": ["John Doe"], "body": body,
               "publishing_date": "2024-01-02 09:00:00+01:00"}}))
    out = subprocess.run([sys.executable, str(_SCRIPT), str(tmp_path), "--workers", "1"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "2 pages of 1 publishers in 1 countries"
    row = dict(zip(out[1].split(), out[[line.split()[0] for line in out].index("newsarchive")]
                   .split(), strict=False))
    # rows, article, word-F1, title: all right; authors and day: right on one page of two
    assert row["rows"] == "1.000" and row["art"] == "1.000" and row["title"] == "1.000"
    assert float(row["wF1"]) > 0.95
    assert row["auth"] == "0.500" and row["date"] == "0.500"

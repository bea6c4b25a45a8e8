"""extra_lines, the prose check and the teaser share ask whether each of a page's lines
is in another text; past a budget of characters searched they look a line up through
an index of the text's words (archive/extract/run_search.py), and must answer as the
search did."""

from __future__ import annotations

import random

import pytest

import archive.extract.run_search as run_search
from archive.extract.extract_policy import extra_lines
from archive.extract.run_search import RunSearch

WORDS = ["harbour", "works", "the", "council", "a", "quay", "of", "2024", "storm", "sea",
         "on", "it", "wall", "boats", "said", "in"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


@pytest.mark.parametrize("budget", [0, run_search.SEARCH_BUDGET])
@pytest.mark.parametrize("lines", [False, True])
def test_a_run_is_found_as_a_search_of_the_text_finds_it(monkeypatch, budget, lines) -> None:
    monkeypatch.setattr(run_search, "SEARCH_BUDGET", budget)
    rng = random.Random(7)
    flat = _text(rng, 3000)
    if lines:  # lines of a few words each, as the teasers' texts are joined
        flat = "\n".join(" ".join(flat.split(" ")[i:i + 7]) for i in range(0, 3000, 7))
    runs = RunSearch(flat)
    for _ in range(3000):
        start = rng.randrange(len(flat) - 60)
        piece = flat[start:start + rng.randrange(10, 60)].strip()
        # three words or more (its ends may be parts of words), within one line: a run is
        # one line's words
        if piece.count(" ") >= 2 and "\n" not in piece:
            assert runs.holds(piece) == (piece in flat), piece
        made = _text(rng, rng.randrange(3, 7))  # most of these are not in the text
        assert runs.holds(made) == (made in flat), made
    fresh = RunSearch(flat)  # within its budget (unless that is 0): not searched yet
    for word in WORDS + ["harb", "ouncil", "absent", "sea wall", "sea wal"]:
        # one or two words: whole words through the index, parts too by a search
        whole = f" {word} " in f" {flat.replace(chr(10), ' ')} "
        assert fresh.holds(word) == (whole if budget == 0 else word in flat)


def test_extra_lines_of_a_page_of_thousands_of_lines_are_counted() -> None:
    lines = [f"Update {i}: the harbour works go on at the quay number {i} today." for i in range(5000)]
    text = "\n".join(lines)
    other = "\n".join(lines[:2500])  # half of them, one line each
    missing, prose = extra_lines(text, other)
    assert missing == pytest.approx(0.5, abs=0.01)
    assert prose == 0.0  # lines of 13 words: no prose
    joined = " ".join(lines)  # all of them, run together in one line
    assert extra_lines(text, joined) == (0.0, 0.0)

"""bench/extraction.py's metadata scoring: how a title or an author is written down is
not a miss, a wrong or missing name is."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "bench" / "extraction.py"
_SPEC = importlib.util.spec_from_file_location("bench_extraction", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)


def test_several_authors_against_a_truth_written_as_a_sentence() -> None:
    assert bench.same_author("Jared Newman; Sam Singleton", "Jared Newman and Sam Singleton")
    assert bench.same_author("A. Roe; B. Poe", "A. Roe, B. Poe, and C. Doe")
    assert not bench.same_author("A. Roe; Reviewed by B. Poe", "A. Roe, DVM")
    assert not bench.same_author(None, "A. Roe")
    assert not bench.same_author("Jane Roe", "John Doe")


def test_one_name_holds_the_other() -> None:
    assert bench.same_author("Jane Roe", "Jane Roe, MD")
    assert not bench.same_author("Jane Roe", "Jane R. Roe")


def test_titles_fold_quotes_dashes_and_entities() -> None:
    assert bench.fold("Don\u2019t \u201cpanic\u201d \u2013 now") == bench.fold("Don't \"panic\" - NOW")
    assert bench.fold("Salt &amp; pepper") == bench.fold("Salt & pepper")
    assert bench.fold("Headline | Site") != bench.fold("Headline")

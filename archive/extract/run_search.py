"""Whether a run of words is in a text, asked for each of a page's lines.

Searching the page's whole text once for each of its lines is quadratic: a live blog
or a glossary of 20,000 lines took 8 s in one such step alone (bench/scaling.py). A
``RunSearch`` searches its text as ``run in text`` does until it has searched
SEARCH_BUDGET characters, and from then on looks a run up through an index of where
each of the text's words starts: only where the run's rarest word is. The answers are
the search's: a run's words but its first and last are whole words of the text
wherever the run is in it, and those are what the index holds (a run of one or two
words is then found as whole words only).

Both the text and the runs have their words separated by single spaces; the text's
lines may be separated by line breaks (a line break is a word's end, as a space is).
"""

from __future__ import annotations

import re

__all__ = ["RunSearch", "SEARCH_BUDGET"]

# 6 ms of searching (0.3 ms a million characters); the 99th percentile of the dev sets'
# pages searches 9 million in extract_policy's checks. An index of an ordinary page's
# words costs more than its searches.
SEARCH_BUDGET = 20_000_000

_WORD = re.compile(r"[^ \n]+")


class RunSearch:
    """``run in text``, in time that does not grow with ``text`` once it has been
    searched SEARCH_BUDGET characters' worth. Answers are kept: a page repeats its
    lines ("Share", a date)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._searched = 0
        self._starts: dict[str, list[int]] | None = None
        self._known: dict[str, bool] = {}

    def holds(self, run: str) -> bool:
        known = self._known.get(run)
        if known is None:
            known = self._known[run] = self._holds(run)
        return known

    def _holds(self, run: str) -> bool:
        text, index = self.text, self._starts
        if index is None:
            self._searched += len(text)
            if self._searched <= SEARCH_BUDGET:
                return run in text
            index = self._starts = {}
            for word in _WORD.finditer(text):
                index.setdefault(word[0], []).append(word.start())
        if not run:
            return True
        words = run.split(" ")
        whole = range(1, len(words) - 1) if len(words) >= 3 else range(len(words))
        rarest = min(whole, key=lambda i: len(index.get(words[i], ())))
        starts = index.get(words[rarest], ())
        offset = sum(len(word) + 1 for word in words[:rarest])
        if len(words) >= 3:
            return any(text.startswith(run, at - offset) for at in starts if at >= offset)
        size = len(run)
        return any(text.startswith(run, at - offset)
                   and (at == offset or text[at - offset - 1] in " \n")
                   and text[at - offset + size:at - offset + size + 1] in ("", " ", "\n")
                   for at in starts if at >= offset)

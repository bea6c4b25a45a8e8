"""The extraction metric of the Zyte article-extraction benchmark.

Tokens are ``\\w+`` runs (Unicode, case kept); shingles are token 4-grams
counted as a multiset. Per page: precision tp/(tp+fp), recall tp/(tp+fn); a
page with nothing predicted and nothing expected scores 1 on both. Corpus
figures are the means over pages, and F1 the harmonic mean of the two means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["shingles", "page_scores", "corpus_scores"]

_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


def page_scores(predicted: str, expected: str) -> tuple[float, float]:
    """(precision, recall) of one page."""
    pred, true = shingles(predicted), shingles(expected)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def corpus_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Mean precision, mean recall and F1 over (predicted, expected) pages."""
    scores = [page_scores(p, e) for p, e in pairs]
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    precision = sum(s[0] for s in scores) / len(scores)
    recall = sum(s[1] for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(scores)}

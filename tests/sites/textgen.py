"""Deterministic news-like text in vi, zh and en, for fixture and benchmark pages.

An order-2 word chain (order-3 character chain for Chinese) over the reference
articles in ``source/``: the output is in the right language and script, with
the right word shapes, and no two generated paragraphs are the same.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).parent / "source"

# Article lines of each reference file (1-based, inclusive); the rest is clutter.
ARTICLE_LINES = {
    "vi": [("vi-kazakhstan-with-related-clutter.txt", 3, 24),
           ("vi-china-russia-with-recent-posts.txt", 3, 41),
           ("vi-defense-minister-clean.txt", 3, 15)],
    "zh": [("zh-aggregator-with-nav-clutter.txt", 120, 140)],
    "en": [("en-global-times-clean.txt", 2, 15)],
}


def reference_paragraphs(lang: str) -> list[str]:
    paragraphs: list[str] = []
    for name, first, last in ARTICLE_LINES[lang]:
        lines = (SOURCE / name).read_text(encoding="utf-8").splitlines()[first - 1:last]
        paragraphs.extend(p.strip() for p in lines if len(p.strip()) > 40)
    return paragraphs


@cache
def _chain(lang: str) -> tuple[dict[tuple[str, ...], list[str]], list[tuple[str, ...]], int]:
    order = 3 if lang == "zh" else 2
    chain: dict[tuple[str, ...], list[str]] = defaultdict(list)
    starts: list[tuple[str, ...]] = []
    for para in reference_paragraphs(lang):
        tokens = list(para) if lang == "zh" else para.split()
        if len(tokens) <= order:
            continue
        starts.append(tuple(tokens[:order]))
        for i in range(len(tokens) - order):
            chain[tuple(tokens[i:i + order])].append(tokens[i + order])
    return chain, starts, order


def _join(lang: str, tokens: list[str]) -> str:
    return "".join(tokens) if lang == "zh" else " ".join(tokens)


_END = re.compile(r"[.!?。!?]$")


def paragraph(lang: str, rng: random.Random, size: int) -> str:
    """About ``size`` tokens (characters for zh) ending at a sentence end."""
    chain, starts, order = _chain(lang)
    tokens = list(rng.choice(starts))
    while True:
        nxt = chain.get(tuple(tokens[-order:]))
        if not nxt:
            if len(tokens) >= size:
                break
            tokens.extend(rng.choice(starts))
            continue
        tokens.append(rng.choice(nxt))
        if len(tokens) >= size and _END.search(tokens[-1]):
            break
        if len(tokens) > size * 3:
            break
    text = _join(lang, tokens)
    if not _END.search(text):
        text += "。" if lang == "zh" else "."
    return text


def title(lang: str, rng: random.Random) -> str:
    chain, starts, order = _chain(lang)
    size = rng.randint(14, 22) if lang == "zh" else rng.randint(8, 13)
    tokens = list(rng.choice(starts))
    while len(tokens) < size:
        nxt = chain.get(tuple(tokens[-order:]))
        tokens.append(rng.choice(nxt) if nxt else rng.choice(starts)[0])
    text = _join(lang, tokens).strip(" ,.;:“”\"()-")
    text = re.sub(r"[,.;:。,、]+$", "", text)
    return text[0].upper() + text[1:]


def article(lang: str, rng: random.Random, paragraphs: tuple[int, int] = (4, 7)) -> list[str]:
    size = (90, 200) if lang == "zh" else (45, 95)
    return [paragraph(lang, rng, rng.randint(*size)) for _ in range(rng.randint(*paragraphs))]

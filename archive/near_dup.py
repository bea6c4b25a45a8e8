"""Near-duplicate documents: the same story syndicated across outlets.

MinHash signatures (datasketch) over word 4-shingles estimate the Jaccard
similarity of two texts; locality-sensitive banding stored in the index finds
candidates without comparing every pair. A document whose estimated similarity
to an earlier one reaches THRESHOLD gets ``duplicate_of`` (the earlier
document's URL and record id) and ``duplicate_similarity``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

__all__ = ["signature", "NearDuplicates", "THRESHOLD"]

NUM_PERM = 64
BANDS, ROWS = 16, 4  # 16 bands of 4: pairs above ~0.5 Jaccard become candidates
# Estimated Jaccard of 4-shingles at which a text counts as a copy of an earlier
# one. A syndicated copy with its last paragraph rewritten (fixture) measures about
# 0.85; different fixture articles built from one Markov chain stay under 0.2 (vi, en)
# and 0.55 (zh, where the chain copies long runs of the same 20 paragraphs).
THRESHOLD = 0.6
_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _tokens(text: str) -> list[str]:
    # CJK text has no spaces: characters are its tokens
    tokens = []
    for run in _TOKEN.findall(text.lower()):
        tokens.extend(run) if _CJK.search(run) else tokens.append(run)
    return tokens


def signature(text: str) -> list[int]:
    tokens = _tokens(text)
    # Shingles of about four words: 4 word tokens, or 8 characters of Chinese or Japanese
    # text, where a character carries about half a word. (With 4 characters, different
    # fixture articles built from one Markov chain measured up to 0.68; with 8, 0.51.)
    cjk = sum(1 for t in tokens if len(t) == 1 and _CJK.match(t))
    width = 8 if cjk * 2 > len(tokens) else 4
    shingles = {" ".join(tokens[i:i + width]).encode("utf-8")
                for i in range(max(1, len(tokens) - width + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(list(shingles))
    return [int(v) for v in mh.hashvalues]


SCHEMA = """
CREATE TABLE IF NOT EXISTS doc_bands (
    band INTEGER NOT NULL, value INTEGER NOT NULL, record_id TEXT NOT NULL, url TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS doc_bands_value ON doc_bands(band, value);
CREATE TABLE IF NOT EXISTS doc_signatures (
    record_id TEXT PRIMARY KEY, url TEXT NOT NULL, crawl_id TEXT NOT NULL, sig BLOB NOT NULL);
"""


def _bands(sig: Sequence[int]) -> list[tuple[int, int]]:
    return [(b, hash(tuple(sig[b * ROWS:(b + 1) * ROWS])) & 0x7FFFFFFFFFFFFFFF) for b in range(BANDS)]


def _jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    return float(np.mean(np.asarray(a) == np.asarray(b)))


class NearDuplicates:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.executescript(SCHEMA)

    def forget_crawl(self, crawl_id: str) -> None:
        ids = [r for (r,) in self.db.execute("SELECT record_id FROM doc_signatures WHERE crawl_id=?",
                                             (crawl_id,))]
        self.db.executemany("DELETE FROM doc_bands WHERE record_id=?", [(i,) for i in ids])
        self.db.execute("DELETE FROM doc_signatures WHERE crawl_id=?", (crawl_id,))

    def forget(self) -> None:
        self.db.execute("DELETE FROM doc_bands")
        self.db.execute("DELETE FROM doc_signatures")

    def add(self, record_id: str, url: str, crawl_id: str, sig: Sequence[int]
            ) -> tuple[str, str, float] | None:
        """Register a document; return (url, record_id, similarity) of the earliest
        earlier document it nearly duplicates, or None."""
        best: tuple[int, str, str, float] | None = None  # earliest seen wins
        candidates: dict[str, str] = {}
        for band, value in _bands(sig):
            for rid, curl in self.db.execute(
                    "SELECT record_id, url FROM doc_bands WHERE band=? AND value=?", (band, value)):
                candidates[rid] = curl
        for rid, curl in candidates.items():
            row = self.db.execute("SELECT sig, rowid FROM doc_signatures WHERE record_id=?",
                                  (rid,)).fetchone()
            if row is None or rid == record_id:
                continue
            similarity = _jaccard(sig, np.frombuffer(row[0], dtype=np.uint64))
            if similarity >= THRESHOLD and (best is None or row[1] < best[0]):
                best = (row[1], curl, rid, round(similarity, 3))
        self.db.execute("INSERT OR REPLACE INTO doc_signatures VALUES (?, ?, ?, ?)",
                        (record_id, url, crawl_id, np.asarray(sig, dtype=np.uint64).tobytes()))
        self.db.executemany("INSERT INTO doc_bands VALUES (?, ?, ?, ?)",
                            [(b, v, record_id, url) for b, v in _bands(sig)])
        return best[1:] if best else None

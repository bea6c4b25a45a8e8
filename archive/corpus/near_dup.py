"""Near-duplicate documents: the same story syndicated across outlets.

MinHash signatures (datasketch's, computed here with numpy) over word 4-shingles estimate the Jaccard
similarity of two texts; locality-sensitive banding stored in the index finds
candidates without comparing every pair. A document whose estimated similarity
to an earlier one of another URL reaches THRESHOLD gets ``duplicate_of`` (the earlier
document's URL, record id and similarity); earlier versions of its own URL are versions.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import struct
from collections.abc import Sequence

import numpy as np

from archive.inputs.url_list import canonical_url

__all__ = ["signature", "NearDuplicates", "THRESHOLD"]

NUM_PERM = 64
BANDS, ROWS = 16, 4  # 16 bands of 4: pairs above ~0.5 Jaccard become candidates
# Estimated Jaccard of 4-shingles at which a text counts as a copy of an earlier
# one. A syndicated copy with its last paragraph rewritten (fixture) measures about
# 0.85; different fixture articles built from one Markov chain stay under 0.2 (vi, en)
# and 0.55 (zh, where the chain copies long runs of the same 20 paragraphs).
THRESHOLD = 0.6
# Candidates compared per document at most (oldest first). Without a bound, a site with
# many near-copies made the final pass quadratic: 3,500 of 20,000 benchmark documents in
# 6 minutes. The earliest match is the one wanted, so the bound costs no correct answer
# unless more than this many older documents share a band without matching.
MAX_CANDIDATES = 200
# Documents kept per band value, the earliest: bounds every lookup to BANDS x this many
# rows whatever the corpus holds (10 copies of one page, a site of near-copies). Without
# it the lookup itself grew with the corpus (860 of 20,000 documents in 2 minutes).
MAX_PER_BAND = 8
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
    return _minhash(shingles)


# MinHash as datasketch 1.6.5 computes it (MinHash(num_perm=64, seed=1).update_batch): the
# same permutations, drawn from numpy's RandomState(1), and the same arithmetic, so the
# signatures an index already holds stay comparable. datasketch itself imports scipy,
# which cost every crawl with a corpus row 0.4 s (tests/archive/test_near_dup_minhash.py
# checks the two agree).
_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_PERMUTATIONS: tuple[np.ndarray, np.ndarray] | None = None


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        gen = np.random.RandomState(1)
        pairs = np.array([(gen.randint(1, _MERSENNE_PRIME, dtype=np.uint64),
                           gen.randint(0, _MERSENNE_PRIME, dtype=np.uint64)) for _ in range(NUM_PERM)],
                         dtype=np.uint64).T
        _PERMUTATIONS = (pairs[0], pairs[1])
    return _PERMUTATIONS


def _minhash(shingles: set[bytes]) -> list[int]:
    a, b = _permutations()
    hashes = np.array([struct.unpack("<I", hashlib.sha1(s).digest()[:4])[0] for s in shingles],
                      dtype=np.uint64, ndmin=2).T
    with np.errstate(over="ignore"):  # uint64 wraps, as in datasketch
        values = (hashes * a + b) % _MERSENNE_PRIME & _MAX_HASH
    return [int(v) for v in np.minimum(values.min(axis=0), _MAX_HASH)]


SCHEMA = """
CREATE TABLE IF NOT EXISTS doc_bands (
    band INTEGER NOT NULL, value INTEGER NOT NULL, record_id TEXT NOT NULL, url TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS doc_bands_value ON doc_bands(band, value);
CREATE TABLE IF NOT EXISTS doc_signatures (
    record_id TEXT PRIMARY KEY, url TEXT NOT NULL, crawl_id TEXT NOT NULL, sig BLOB NOT NULL);
"""


def _bands(sig: Sequence[int]) -> list[tuple[int, int]]:
    return [(b, hash(tuple(sig[b * ROWS:(b + 1) * ROWS])) & 0x7FFFFFFFFFFFFFFF) for b in range(BANDS)]


def _jaccard(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> float:
    return float(np.mean(np.asarray(a) == np.asarray(b)))


class NearDuplicates:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.executescript(SCHEMA)

    def forget_crawl(self, crawl_id: str) -> None:
        # one pass over doc_bands (no index on record_id): a DELETE per document scanned it
        # once each, 2.5 s for a 2,000-document crawl's final pass run again
        self.db.execute("DELETE FROM doc_bands WHERE record_id IN "
                        "(SELECT record_id FROM doc_signatures WHERE crawl_id=?)", (crawl_id,))
        self.db.execute("DELETE FROM doc_signatures WHERE crawl_id=?", (crawl_id,))

    def forget(self) -> None:
        self.db.execute("DELETE FROM doc_bands")
        self.db.execute("DELETE FROM doc_signatures")

    def similarity(self, sig: Sequence[int], record_id: str) -> float | None:
        """Estimated similarity of ``sig`` to a registered document's text (None: unknown)."""
        found = self.db.execute("SELECT sig FROM doc_signatures WHERE record_id=?",
                                (record_id,)).fetchone()
        return None if found is None else _jaccard(sig, np.frombuffer(found[0], dtype=np.uint64))

    def add(self, record_id: str, url: str, crawl_id: str, sig: Sequence[int]
            ) -> tuple[str, str, float] | None:
        """Register a document; return (url, record_id, similarity) of the earliest
        earlier document of another URL it nearly duplicates, or None.

        An earlier version of the same URL is no candidate: a changed page is a new
        version of its own text (``history``), not a copy of it, and marking it so made
        ``--drop-duplicates`` keep the stale text and drop the update."""
        bands = _bands(sig)
        own = canonical_url(url)
        where = " OR ".join("(b.band = ? AND b.value = ?)" for _ in bands)
        params = [x for pair in bands for x in pair]
        best: tuple[str, str, float] | None = None
        # Earliest first, and at most MAX_CANDIDATES: the first earlier document above the
        # threshold is the one to point at, and the cost per document stays bounded even
        # when many share bands (a site's many near-copies, or repeated pages).
        for _rowid, rid, curl, blob in self.db.execute(
                "SELECT DISTINCT s.rowid, s.record_id, s.url, s.sig FROM doc_bands b "
                f"JOIN doc_signatures s ON s.record_id = b.record_id WHERE ({where}) "
                "AND s.record_id != ? AND s.url != ? ORDER BY s.rowid LIMIT ?",
                (*params, record_id, url, MAX_CANDIDATES)):
            if canonical_url(curl) == own:  # the same page under another spelling
                continue
            similarity = _jaccard(sig, np.frombuffer(blob, dtype=np.uint64))
            if similarity >= THRESHOLD:
                best = (curl, rid, round(similarity, 3))
                break
        self.db.execute("INSERT OR REPLACE INTO doc_signatures VALUES (?, ?, ?, ?)",
                        (record_id, url, crawl_id, np.asarray(sig, dtype=np.uint64).tobytes()))
        for band, value in bands:
            self.db.execute(
                "INSERT INTO doc_bands SELECT ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM (SELECT 1 "
                "FROM doc_bands WHERE band = ? AND value = ? LIMIT ?)) < ?",
                (band, value, record_id, url, band, value, MAX_PER_BAND, MAX_PER_BAND))
        return best

"""The near-duplicate signature is datasketch's MinHash, computed without datasketch (which
imports scipy): an index built by either gives the same signatures."""

from __future__ import annotations

from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.corpus.near_dup import NUM_PERM, _minhash, signature


def datasketch_signature(shingles: set[bytes]) -> list[int]:
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(list(shingles))
    return [int(v) for v in mh.hashvalues]


@settings(max_examples=200, deadline=None)
@given(st.sets(st.binary(max_size=40), min_size=1, max_size=60))
def test_same_values_as_datasketch(shingles: set[bytes]) -> None:
    assert _minhash(shingles) == datasketch_signature(shingles)


def test_real_texts() -> None:
    texts = ["The council met on Tuesday to discuss the bridge and its repairs. " * 30,
             "Hội đồng thành phố họp hôm thứ Ba để bàn về cây cầu. " * 20,
             "市议会周二开会讨论这座桥的维修问题。" * 40, ""]
    for text in texts:
        sig = signature(text)
        assert len(sig) == NUM_PERM and all(0 <= v < 2 ** 32 for v in sig)
    assert signature(texts[0]) != signature(texts[1])

"""The shared dupefilter's bits: a Bloom filter in one Redis bitmap."""

from __future__ import annotations

from .base import ClusterBase


class BloomBits(ClusterBase):
    def bloom_add(self, offsets: list[int]) -> int:
        """-1 if every bit was set (seen before); else the count of entries so far."""
        return int(self._bloom(keys=[self.keys.seen, self.keys.seen_count], args=offsets))

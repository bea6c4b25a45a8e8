"""Damaged WARC files: every bad record is reported, the good ones are still read."""

from __future__ import annotations

import io
import random
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.warc.records import Exchange
from archive.warc.reader import ReadProblem, WarcRecordView, iter_records
from archive.warc.writer import WarcWriter


def small_warc(tmp_path: Path, records: int = 6) -> Path:
    writer = WarcWriter(tmp_path / "w", info={"software": "test"}, host="test")
    for i in range(records):
        writer.write_exchange(Exchange(
            f"http://x.example/{i}", b"GET", [(b"Host", b"x.example")], b"", 200, "HTTP/1.1",
            [(b"Content-Type", b"text/html")], b"<p>page %d</p>" % i * 50,
            fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)))
    writer.close()
    (path,) = (tmp_path / "w").iterdir()
    return path


def read_all(path: Path) -> tuple[list[WarcRecordView], list[ReadProblem]]:
    good, bad = [], []
    for item in iter_records(path):
        (bad if isinstance(item, ReadProblem) else good).append(item)
    return good, bad


def test_truncation_at_every_offset_is_reported(tmp_path: Path) -> None:
    path = small_warc(tmp_path, records=2)
    data = path.read_bytes()
    ends = {r.offset + r.length for r in read_all(path)[0]}
    for cut in range(1, len(data)):
        path.write_bytes(data[:cut])
        good, bad = read_all(path)
        if cut in ends:
            assert not bad, cut
        else:
            assert bad, cut  # a cut file never reads as complete
        assert all(r.offset + r.length <= cut for r in good)


def test_garbage_appended_is_reported_and_records_kept(tmp_path: Path) -> None:
    path = small_warc(tmp_path)
    before = len(read_all(path)[0])
    path.write_bytes(path.read_bytes() + b"this is not gzip" * 10)
    good, bad = read_all(path)
    assert len(good) == before and bad


def test_a_flipped_byte_costs_one_record_not_the_file(tmp_path: Path) -> None:
    path = small_warc(tmp_path)
    records = read_all(path)[0]
    data = bytearray(path.read_bytes())
    victim = records[3]
    data[victim.offset + victim.length // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    good, bad = read_all(path)
    assert bad
    assert len(good) >= len(records) - 1
    assert records[-1].record_id in {r.record_id for r in good}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(1, 255)), max_size=8),
       tail=st.binary(max_size=64))
def test_random_damage_never_crashes_the_reader(tmp_path: Path, flips, tail) -> None:
    path = tmp_path / "damaged.warc.gz"
    if not path.exists():
        original = small_warc(tmp_path / "src")
        path.write_bytes(original.read_bytes())
        (tmp_path / "orig").write_bytes(original.read_bytes())
    data = bytearray((tmp_path / "orig").read_bytes())
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    path.write_bytes(bytes(data) + tail)
    good, bad = read_all(path)  # must not raise
    assert len(good) + len(bad) >= 1


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_reader(blob: bytes) -> None:
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".warc.gz") as fh:
        fh.write(blob)
        fh.flush()
        list(iter_records(fh.name))


def test_random_seeded_damage(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = small_warc(tmp_path)
    data = bytearray(path.read_bytes())
    for _ in range(20):
        data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    list(iter_records(path))  # reports, never raises
    assert io  # (io imported for readers who extend this)


def test_uncompressed_warc_is_streamed_not_loaded(tmp_path: Path) -> None:
    """Reading a 16 MB uncompressed WARC holds a record and a look-ahead, not the file."""
    import tracemalloc

    from tests.foreign_warcs import write_pages
    path = write_pages(tmp_path / "big.warc", 1, gzip=False)
    one = path.read_bytes()
    path.write_bytes(one * (16 * 2**20 // len(one)))
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_records(path) if isinstance(item, WarcRecordView))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 2 * (16 * 2**20 // len(one))
    assert peak < 6 * 2**20, peak

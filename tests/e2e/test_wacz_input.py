"""A WACZ dropped into an archive's warc/ folder: its WARCs are read by their own names.
rebuild and verify read them; a WACZ export packs them (never the WACZ whole) under their
own names, with index lines that resolve; a CDXJ export, whose lines cannot point inside a
WACZ, leaves its records out and names it."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.warc.reader import read_record_at
from tests.conftest import CrawlRun, run_cli


def _wacz_of(run: CrawlRun, out: Path) -> Path:
    proc = run_cli("export", "--archive", str(run.archive), "--format", "wacz", "--out", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def _check_wacz(path: Path) -> list[dict]:
    """Every index line of the WACZ at ``path`` resolves, read by warcio: the record at its
    offset in the WARC it names has its URL; every resource has its SHA-256. The lines."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert not [n for n in names if n.endswith(".wacz")], names
        package = json.loads(zf.read("datapackage.json"))
        for resource in package["resources"]:
            data = zf.read(resource["path"])
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
            assert resource["bytes"] == len(data)
        lines = [json.loads(line.split(" ", 2)[2])
                 for line in gzip.decompress(zf.read("indexes/index.cdx.gz")).decode().splitlines() if line]
        assert lines
        for line in lines:
            member = f"archive/{line['filename']}"
            assert member in names, line
            with zf.open(member) as fh:
                fh.seek(int(line["offset"]))
                raw = fh.read(int(line["length"]))
            record = next(iter(ArchiveIterator(io.BytesIO(raw))))
            assert record.rec_headers.get_header("WARC-Target-URI") == line["url"]
            assert record.rec_type == ("revisit" if line["mime"] == "warc/revisit" else "response")
    return lines


def test_a_wacz_in_warc_is_read_by_its_warcs(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = tmp_path / "from-wacz"
    (archive / "warc").mkdir(parents=True)
    wacz = _wacz_of(fixture_crawl, archive / "warc" / "fixture.wacz")
    with zipfile.ZipFile(wacz) as zf:
        inner = sorted(n.removeprefix("archive/") for n in zf.namelist() if n.startswith("archive/"))

    proc = run_cli("rebuild", "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = CrawlRun(archive, 0, "", "").rows(None)
    assert len(rows) == len(fixture_crawl.rows(None))
    # each row points at its record inside the WACZ, and the record is there
    for row in rows[:5]:
        assert row["warc"]["file"].startswith("fixture.wacz#archive/")
        rec = read_record_at(archive / "warc" / row["warc"]["file"], row["warc"]["offset"],
                             row["warc"]["length"])
        assert rec.target_uri == row["final_url"]
    proc = run_cli("verify", "--archive", str(archive))
    assert proc.returncode == 0 and " 0 problems" in proc.stdout, proc.stdout + proc.stderr

    # WACZ export: the WARCs by their own names, not the WACZ nested whole
    out = _wacz_of(CrawlRun(archive, 0, "", ""), tmp_path / "again.wacz")
    lines = _check_wacz(out)
    assert sorted({line["filename"] for line in lines}) == inner
    with zipfile.ZipFile(wacz) as zf:
        first_lines = gzip.decompress(zf.read("indexes/index.cdx.gz")).decode().splitlines()
    assert len(lines) == len([line for line in first_lines if line])

    # CDXJ export: no line can point inside the WACZ: left out, named, exit 1
    proc = run_cli("export", "--archive", str(archive), "--format", "cdxj",
                   "--out", str(tmp_path / "index.cdxj"))
    assert proc.returncode == 1
    named = [line for line in proc.stderr.splitlines() if "fixture.wacz" in line]
    assert len(named) == 1 and "WACZ" in named[0], proc.stderr
    assert "fixture.wacz" not in (tmp_path / "index.cdxj").read_text(encoding="utf-8")


def test_wacz_export_keeps_warcs_of_the_same_name_apart(fixture_crawl: CrawlRun,
                                                         tmp_path: Path) -> None:
    """Two WACZs holding WARCs of the same names, beside a WARC of that name too: each
    gets its own name in the export, and every index line still resolves."""
    archive = tmp_path / "two"
    (archive / "warc").mkdir(parents=True)
    first = _wacz_of(fixture_crawl, archive / "warc" / "a.wacz")
    shutil.copy(first, archive / "warc" / "b b.wacz")
    plain = sorted((fixture_crawl.archive / "warc").glob("*.warc.gz"))[0]
    shutil.copy(plain, archive / "warc" / plain.name)
    out = _wacz_of(CrawlRun(archive, 0, "", ""), tmp_path / "out.wacz")
    lines = _check_wacz(out)
    with zipfile.ZipFile(first) as zf:
        inner = [n.removeprefix("archive/") for n in zf.namelist() if n.startswith("archive/")]
        per_wacz = len([line for line in gzip.decompress(zf.read("indexes/index.cdx.gz")).decode().splitlines() if line])
    with zipfile.ZipFile(out) as zf:
        packed = sorted(n.removeprefix("archive/") for n in zf.namelist() if n.startswith("archive/"))
    expected = {plain.name} | set(inner) - {plain.name} | {f"a-{n}" for n in inner if n == plain.name}
    expected |= {f"b-b+{hashlib.sha1(b'b b').hexdigest()[:10]}-{n}" for n in inner}
    assert set(packed) == expected and len(packed) == 1 + 2 * len(inner)
    assert len(lines) > 2 * per_wacz  # both WACZs' records and the plain WARC's

"""WARC files archivists can trust: rotation, verify catching damage, repair after SIGKILL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from pathlib import Path

from archive.ops.verify import verify_archive
from archive.warc.files import warc_files
from archive.warc.reader import WarcRecordView, iter_records
from tests.conftest import FAST, REPO, CrawlRun, crawl, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)


def copy_archive(run: CrawlRun, tmp_path: Path) -> Path:
    dest = tmp_path / "archive"
    shutil.copytree(run.archive, dest)
    return dest


def the_warc(archive: Path) -> Path:
    (path,) = warc_files(archive / "warc")
    return path


def records(path: Path) -> list[WarcRecordView]:
    return [r for r in iter_records(path) if isinstance(r, WarcRecordView)]


def verify_problems(archive: Path) -> list[str]:
    proc = run_cli("verify", "--archive", str(archive))
    assert "Traceback" not in proc.stderr
    problems = verify_archive(archive).problems
    assert (proc.returncode == 1) == bool(problems), proc.stdout
    return problems


def test_rotation_at_size_limit(fixture_urls: Path, tmp_path: Path) -> None:
    run = crawl(fixture_urls, tmp_path / "archive", "-s", "ARCHIVE_WARC_MAX_SIZE=30000")
    assert run.returncode == 0, run.stderr[-2000:]
    files = warc_files(run.archive / "warc")
    assert len(files) >= 4
    serials = [int(p.name.split("-")[2]) for p in files]
    assert serials == list(range(1, len(files) + 1))
    for path in files:
        recs = records(path)
        assert recs[0].type == "warcinfo"
        assert [r.type for r in recs].count("warcinfo") == 1
        assert recs[0].get("WARC-Filename") == path.name
        # a request and its response never straddle two files
        types = [r.type for r in recs[1:]]
        assert types == ["request", "response"] * (len(types) // 2)
    assert verify_archive(run.archive).problems == []
    assert len(run.rows()) == 32


def test_warcinfo_describes_the_capture(fixture_crawl: CrawlRun) -> None:
    info = records(the_warc(fixture_crawl.archive))[0].block.decode("utf-8")
    fields = dict(line.split(": ", 1) for line in info.strip().split("\r\n"))
    assert fields["software"].startswith("newsarchive/")
    assert fields["isPartOf"] == fixture_crawl.rows()[0]["crawl_id"]
    assert fields["http-header-user-agent"].startswith("newsarchive/")
    assert fields["robots"] == "obey"
    assert "operator" in fields and "setting-DOWNLOAD_MAXSIZE" in fields


def test_verify_catches_a_flipped_byte(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = copy_archive(fixture_crawl, tmp_path)
    path = the_warc(archive)
    target = records(path)[20]
    data = bytearray(path.read_bytes())
    data[target.offset + target.length // 2] ^= 0x55
    path.write_bytes(bytes(data))
    problems = verify_problems(archive)
    assert any(f"@{target.offset}" in p for p in problems), problems


def test_verify_catches_a_truncated_file(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = copy_archive(fixture_crawl, tmp_path)
    path = the_warc(archive)
    last = records(path)[-1]
    with open(path, "r+b") as fh:
        fh.truncate(last.offset + last.length // 2)
    problems = verify_problems(archive)
    assert any("truncated" in p for p in problems), problems


def test_verify_catches_a_missing_response(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = copy_archive(fixture_crawl, tmp_path)
    path = the_warc(archive)
    data = path.read_bytes()
    victim = next(r for r in records(path) if r.type == "response" and r.http_status() == 404)
    path.write_bytes(data[:victim.offset] + data[victim.offset + victim.length:])
    problems = verify_problems(archive)
    assert any("response record is missing" in p for p in problems), problems


def test_verify_catches_a_corpus_row_with_a_wrong_offset(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = copy_archive(fixture_crawl, tmp_path)
    (corpus,) = (archive / "corpus").glob("*.jsonl")
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    rows[3]["warc"]["offset"] += 1
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    problems = verify_problems(archive)
    assert problems == [f"corpus row {rows[3]['url']} -> {rows[3]['warc']['file']}@"
                        f"{rows[3]['warc']['offset']}: no record starts there"]


def test_repair_cuts_a_torn_record_and_keeps_the_rest(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    archive = copy_archive(fixture_crawl, tmp_path)
    path = the_warc(archive)
    before = [r.record_id for r in records(path)]
    data = path.read_bytes()
    torn = records(path)[9]  # a whole gzip member, cut in half at the end of the file
    opened = path.with_name(path.name + ".open")
    opened.write_bytes(data + data[torn.offset:torn.offset + torn.length // 2])
    path.unlink()
    assert any("unfinished" in p for p in verify_problems(archive))
    proc = run_cli("verify", "--archive", str(archive), "--repair")
    assert proc.returncode == 0, proc.stdout
    assert f"closed with {len(before)} records" in proc.stdout
    assert [r.record_id for r in records(path)] == before


def test_repair_leaves_a_live_writers_file_alone(tmp_path: Path) -> None:
    from archive.warc.repair import repair_open_files
    from archive.warc.writer import WarcWriter
    writer = WarcWriter(tmp_path, info={"software": "t"})
    writer._lock.acquire()
    writer._open()
    writer._lock.release()
    (result,) = repair_open_files(tmp_path)
    assert result.skipped == "in use by a running crawl"
    writer.close()
    assert not list(tmp_path.glob("*.open"))


def test_sigkill_mid_crawl_then_repair_keeps_every_complete_record(fixture_urls: Path,
                                                                   tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler", "crawl", "--urls", str(fixture_urls), "--archive",
         str(archive), *FAST, "-s", "DOWNLOAD_DELAY=0.25", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    opened: list[Path] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        opened = list((archive / "warc").glob("*.open")) if (archive / "warc").is_dir() else []
        if opened and opened[0].stat().st_size > 20_000:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert opened, "the crawl ended before it could be killed"
    complete = [r.record_id for r in records(opened[0])]
    assert len(complete) >= 5
    assert any("unfinished" in p for p in verify_archive(archive).problems)
    fixed = run_cli("verify", "--archive", str(archive), "--repair")
    assert fixed.returncode == 0, fixed.stdout
    (path,) = warc_files(archive / "warc")
    kept = [r.record_id for r in records(path)]
    # every complete record is kept, except a request whose response never came
    assert kept == complete[:len(kept)] and len(kept) >= len(complete) - 1
    # the next crawl into the same archive also starts by repairing (nothing left to do here)
    assert not list((archive / "warc").glob("*.open"))


def _marked(mark: str) -> list[int]:
    """Live (not zombie) processes whose environment carries ``mark``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                if mark.encode() not in fh.read():
                    continue
            with open(f"/proc/{entry}/stat") as fh:
                if fh.read().rsplit(") ", 1)[1][0] != "Z":
                    found.append(int(entry))
        except OSError:
            pass
    return found


def _forkserver_processes(pids: list[int]) -> int:
    count = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                count += b"multiprocessing.forkserver" in fh.read()
        except OSError:
            pass
    return count


# fork-server processes at the kill: the server alone (still preloading), or with its workers
@pytest.mark.parametrize("kill_when", [1, 3])
def test_a_killed_crawl_leaves_no_extraction_processes(fixture_urls: Path, tmp_path: Path,
                                                       kill_when: int) -> None:
    """SIGKILL gives the crawl no chance to stop its pool. The fork server, its workers
    and the resource tracker must end anyway, whenever the kill comes (a kill while the
    pool was starting left them all behind)."""
    import uuid
    mark = f"NEWSARCHIVE_TEST_MARK={uuid.uuid4().hex}"
    archive = tmp_path / "archive"
    env = dict(os.environ, PYTHONPATH=str(REPO), NEWSARCHIVE_TEST_MARK=mark.split("=", 1)[1])
    proc = subprocess.Popen([sys.executable, "-m", "crawler", "crawl", "--urls", str(fixture_urls),
                             "--archive", str(archive), *FAST, "-s", "DOWNLOAD_DELAY=0.3"],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _forkserver_processes(_marked(mark)) < kill_when:
        time.sleep(0.01)
    assert _forkserver_processes(_marked(mark)) >= kill_when
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _marked(mark):
        time.sleep(0.1)
    assert _marked(mark) == []


def test_repair_drops_index_rows_of_the_records_it_cuts(fixture_crawl: CrawlRun, tmp_path: Path) -> None:
    """A record torn by a power loss is cut; its index row (and document) goes with it."""
    archive = copy_archive(fixture_crawl, tmp_path)
    path = the_warc(archive)
    last = records(path)[-1]
    opened = path.with_name(path.name + ".open")
    opened.write_bytes(path.read_bytes()[:last.offset + last.length // 2])
    path.unlink()
    proc = run_cli("verify", "--archive", str(archive), "--repair")
    assert "index rows named records cut off" in proc.stdout
    problems = [p for p in verify_archive(archive).problems if not p.startswith("corpus row")]
    assert problems == []

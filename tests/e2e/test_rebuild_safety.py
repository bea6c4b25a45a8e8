"""``rebuild`` and ``merge`` on hostile input, beside other runs, and when cut short."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.ops.verify import verify_archive
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.e2e  # starts crawls, servers or tools (pyproject: markers)

FIXTURE = REPO / "fixtures" / "newsfixture"
ARTICLES = ["globalnews/content_1250001.shtml.html", "globalnews/content_1250003.shtml.html"]


def write_warc(path: Path, is_part_of: str | None, pages: list[tuple[str, bytes]]) -> None:
    """A WARC as another tool writes it: a warcinfo (with ``isPartOf`` when given), then
    a response and a request record per page."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        if is_part_of is not None:
            info = f"software: test\r\nisPartOf: {is_part_of}\r\n".encode("utf-8", "surrogateescape")
            writer.write_record(writer.create_warc_record(
                "", "warcinfo", payload=io.BytesIO(info), length=len(info),
                warc_content_type="application/warc-fields"))
        for url, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                 length=len(body), http_headers=http)
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), length=0,
                http_headers=StatusAndHeaders(f"GET /{url.split('/', 3)[3]} HTTP/1.1",
                                              [("Host", "news.example")], is_http_request=True),
                warc_headers_dict={"WARC-Concurrent-To": response.rec_headers["WARC-Record-ID"]})
            writer.write_record(response)
            writer.write_record(request)


def tree_state(root: Path, skip: Path) -> dict[str, str]:
    """Every file under ``root`` but ``skip``'s, with a hash of its bytes."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == skip or skip in Path(dirpath).parents:
            dirnames[:] = []
            continue
        for name in filenames:
            path = Path(dirpath) / name
            state[str(path)] = hashlib.sha1(path.read_bytes()).hexdigest()
    return state


HOSTILE_IDS = {
    "absolute": "{victim}",
    "parent": "../../ESCAPED",
    "slash": "Temporary%20Collection/Recording%20Session",
    "control": "crawl\x00\x01\x1b[2Jid",
    "long": "x" * 5000,
    "empty": "",
    "dot": ".",
    "dotdot": "..",
}


@pytest.mark.parametrize("kind", list(HOSTILE_IDS))
def test_rebuild_keeps_hostile_crawl_ids_inside_the_archive(tmp_path: Path, kind: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim"
    (outside / "victim.jsonl").write_text("precious\n")
    archive = tmp_path / "deep" / "er" / "archive"
    (archive / "warc").mkdir(parents=True)
    value = HOSTILE_IDS[kind].format(victim=victim)
    pages = [(f"http://news.example/{n}", (FIXTURE / name).read_bytes()) for n, name in enumerate(ARTICLES)]
    write_warc(archive / "warc" / "hostile.warc.gz", value, pages)
    before = tree_state(tmp_path, archive)
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "1")
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-2000:])
    assert "rebuilt 2 corpus rows" in proc.stdout
    assert tree_state(tmp_path, archive) == before, "a file outside the archive appeared or changed"
    corpus = sorted((archive / "corpus").iterdir())
    assert len(corpus) == 1 and corpus[0].name.endswith(".jsonl")
    assert corpus[0].parent == archive / "corpus"
    rows = [json.loads(line) for line in corpus[0].read_text(encoding="utf-8").splitlines()]
    assert [r["final_url"] for r in rows] == [url for url, _ in pages]
    if value:  # the crawl id the WARC gives is kept in the rows, as it is
        assert {r["crawl_id"] for r in rows} == {value}
    assert verify_archive(archive).problems == []
    # rebuilding again gives the same corpus, not a second file
    again = run_cli("rebuild", "--archive", str(archive), "--workers", "1")
    assert again.returncode == 0, again.stderr[-2000:]
    assert sorted((archive / "corpus").iterdir()) == corpus


def test_rebuild_of_a_hostile_id_inside_a_crawled_archive_keeps_near_duplicates(
        fixture_crawl, tmp_path: Path) -> None:
    """warcio's own example WARC names its collection with a ``/``: added to an archive,
    it gets a corpus file of its own, and the archive's near-duplicate tables stay."""
    import shutil
    import sqlite3

    archive = tmp_path / "archive"
    shutil.copytree(fixture_crawl.archive, archive)
    write_warc(archive / "warc" / "zz-example.warc.gz", HOSTILE_IDS["slash"],
               [("http://news.example/a", (FIXTURE / ARTICLES[0]).read_bytes())])
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "1")
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-2000:])
    assert "rebuilt 39 corpus rows" in proc.stdout
    db = sqlite3.connect(archive / "index.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM doc_signatures").fetchone()[0] == 33
    assert db.execute("SELECT COUNT(*) FROM doc_bands").fetchone()[0] > 0
    assert verify_archive(archive).problems == []


@pytest.mark.parametrize("name", [".warc.gz", "-rf.warc.gz", "a b;c'.warc.gz", "é" * 100 + ".warc.gz"])
def test_rebuild_names_corpus_files_safely_after_warc_file_names(tmp_path: Path, name: str) -> None:
    """A WARC without isPartOf goes to a corpus named after its file."""
    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    write_warc(archive / "warc" / name, None,
               [("http://news.example/a", (FIXTURE / ARTICLES[0]).read_bytes())])
    proc = run_cli("rebuild", "--archive", str(archive), "--workers", "1")
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-2000:])
    (corpus,) = (archive / "corpus").iterdir()
    assert corpus.name.endswith(".jsonl") and not corpus.name.startswith((".", "-"))
    assert corpus.name.isascii() and " " not in corpus.name
    assert verify_archive(archive).problems == []


@pytest.mark.parametrize("kind", ["absolute", "parent", "control"])
def test_merge_keeps_hostile_crawl_ids_inside_the_archive(tmp_path: Path, kind: str) -> None:
    """A source archive made from hostile WARCs (rebuilt, so its index, corpus and report
    all carry the crawl id) merged into another archive."""
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim"
    (outside / "victim.jsonl").write_text("precious\n")
    (outside / "victim.json").write_text("precious\n")
    source = tmp_path / "deep" / "src"
    (source / "warc").mkdir(parents=True)
    value = HOSTILE_IDS[kind].format(victim=victim)
    write_warc(source / "warc" / "hostile.warc.gz", value,
               [("http://news.example/a", (FIXTURE / ARTICLES[0]).read_bytes())])
    assert run_cli("rebuild", "--archive", str(source), "--workers", "1").returncode == 0
    (source / "reports").mkdir()
    (source / "reports" / "r.json").write_text(json.dumps({
        "crawl_id": value, "started_at": "2024-01-01T00:00:00Z", "finished_at": "2024-01-01T00:01:00Z",
        "counts": {"responses": 1}}))
    dest = tmp_path / "deep" / "dest"
    before = tree_state(tmp_path, tmp_path / "deep")
    proc = run_cli("merge", "--archive", str(dest), str(source))
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-2000:])
    assert tree_state(tmp_path, tmp_path / "deep") == before
    assert not list((tmp_path / "deep").glob("ESCAPED*"))
    (corpus,) = (dest / "corpus").iterdir()
    (report,) = (dest / "reports").iterdir()
    assert corpus.name.endswith(".jsonl") and report.name.endswith(".json")
    assert [json.loads(line)["crawl_id"] for line in corpus.read_text().splitlines()] == [value]
    assert json.loads(report.read_text())["crawl_id"] == value
    assert verify_archive(dest).problems == []


CAPTURE_COLUMNS = ("crawl_id, url, status, fetched_at, content_type, warc_file, warc_offset, warc_length, "
                   "record_id, payload_digest, ip_address, record_type, etag, last_modified")
DOCUMENT_COLUMNS = ("crawl_id, url, final_url, record_id, title, published, language, text_sha1, "
                    "text_length, corpus_file")


def index_state(archive: Path) -> dict[str, list[tuple]]:
    import sqlite3

    db = sqlite3.connect(f"file:{archive / 'index.sqlite3'}?mode=ro", uri=True)
    try:
        return {
            "captures": sorted(db.execute(f"SELECT {CAPTURE_COLUMNS} FROM captures").fetchall(), key=repr),
            "documents": sorted(db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents").fetchall(), key=repr),
            "crawls": sorted(db.execute("SELECT * FROM crawls").fetchall(), key=repr),
        }
    finally:
        db.close()


def test_rebuild_keeps_every_capture_revisit_and_validator(own_sites, tmp_path: Path) -> None:
    from tests.conftest import crawl
    from fixtures.server import url_list

    urls = tmp_path / "urls.txt"
    urls.write_text(url_list(own_sites))
    archive = tmp_path / "archive"
    assert crawl(urls, archive).returncode == 0
    second = crawl(urls, archive)
    assert second.returncode == 0 and second.report()["counts"]["unchanged"] == 39
    before = index_state(archive)
    captures = before["captures"]
    revisits = [c for c in captures if c[11] == "revisit"]
    assert len(revisits) == 39 and len(captures) > 80
    assert sum(1 for c in captures if c[12] or c[13]) >= 78  # validators on both crawls' pages
    proc = run_cli("rebuild", "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = index_state(archive)
    assert len(after["captures"]) == len(captures)
    assert after == before
    url = next(c[1] for c in revisits if c[1] in {d[2] for d in before["documents"]})
    history = run_cli("history", url, "--archive", str(archive))
    assert "2 captures, 1 text versions" in history.stdout, history.stdout
    third = crawl(urls, archive)
    assert third.returncode == 0, third.stderr[-2000:]
    counts = third.report()["counts"]
    assert (counts["unchanged"], counts["new"], counts["changed"]) == (39, 0, 0), counts
    assert verify_archive(archive).problems == []


def start_holding_lock(args: list[str], archive: Path, command: str):
    """Start ``newsarchive ARGS`` as a real process and stop it (SIGSTOP) once it holds
    the archive's lock, so that the others meet a lock that is surely held."""
    import signal
    import subprocess
    import sys
    import time

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "crawler", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    lock = archive / ".lock"
    while time.monotonic() < deadline and proc.poll() is None:
        if lock.exists() and lock.read_text().startswith(f"{command}, pid {proc.pid},"):
            proc.send_signal(signal.SIGSTOP)
            return proc
        time.sleep(0.01)
    proc.kill()
    pytest.fail(f"{command} did not take the lock: {proc.communicate()}")


def test_rebuild_and_merge_take_the_archive_lock(fixture_crawl, fixture_urls: Path, tmp_path: Path) -> None:
    import shutil
    import signal
    import threading

    archive = tmp_path / "archive"
    shutil.copytree(fixture_crawl.archive, archive)
    before = index_state(archive)
    holder = start_holding_lock(["rebuild", "--archive", str(archive), "--workers", "1"], archive, "rebuild")
    try:
        others = {
            "crawl": ["crawl", "--urls", str(fixture_urls), "--archive", str(archive)],
            "rebuild": ["rebuild", "--archive", str(archive)],
            "merge": ["merge", "--archive", str(archive), str(fixture_crawl.archive)],
        }
        for name, args in others.items():
            proc = run_cli(*args)
            assert proc.returncode == 4, (name, proc.returncode, proc.stdout, proc.stderr[-2000:])
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in proc.stderr, (name, proc.stderr)
            assert f"(rebuild, pid {holder.pid}," in lines[0], lines[0]
        # --wait: waits for the holder, then runs
        waited: dict[str, object] = {}
        waiter = threading.Thread(target=lambda: waited.update(
            proc=run_cli("rebuild", "--archive", str(archive), "--wait", "120")))
        waiter.start()
    finally:
        holder.send_signal(signal.SIGCONT)
    out, err = holder.communicate(timeout=300)
    assert holder.returncode == 0, err[-2000:]
    waiter.join(timeout=300)
    assert waited["proc"].returncode == 0, waited["proc"].stderr[-2000:]
    assert index_state(archive) == before
    assert verify_archive(archive).problems == []


def test_rebuild_beside_a_live_crawl_waits_or_exits(sites, fixture_urls: Path, tmp_path: Path) -> None:
    import signal

    from tests.conftest import FAST

    archive = tmp_path / "archive"
    (archive / "warc").mkdir(parents=True)
    holder = start_holding_lock(["crawl", "--urls", str(fixture_urls), "--archive", str(archive), *FAST],
                                archive, "crawl")
    try:
        proc = run_cli("rebuild", "--archive", str(archive))
        assert proc.returncode == 4 and "(crawl, pid " in proc.stderr, proc.stderr[-2000:]
        assert len(proc.stderr.strip().splitlines()) == 1
    finally:
        holder.send_signal(signal.SIGCONT)
    holder.communicate(timeout=300)
    assert holder.returncode == 0
    proc = run_cli("rebuild", "--archive", str(archive), "--wait", "60")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "rebuilt 38 corpus rows" in proc.stdout
    assert verify_archive(archive).problems == []


def archive_state(archive: Path) -> dict[str, object]:
    """What a rebuild may change: corpus files, index rows; and what it must not: WARCs."""
    return {"corpus": {p.name: p.read_bytes() for p in sorted((archive / "corpus").glob("*"))},
            "index": index_state(archive),
            "warc": {p.name: p.stat().st_size for p in sorted((archive / "warc").iterdir())}}


KILL_MOMENTS = {  # seen from outside: the files a rebuild writes as it goes
    "index staged": lambda archive: (archive / ".rebuild" / "index.sqlite3").exists(),
    # where ever it writes them (the code before staging wrote corpus/CRAWL.jsonl.rebuild)
    "corpus rows written": lambda archive: any(p.stat().st_size > 0 for p in archive.rglob("*.jsonl.rebuild")),
    "final pass": lambda archive: any(archive.rglob("*.final")),
}


@pytest.mark.parametrize("moment", list(KILL_MOMENTS))
def test_a_killed_rebuild_leaves_the_archive_as_it_was(fixture_crawl, tmp_path: Path, moment: str) -> None:
    import shutil
    import signal
    import subprocess
    import sys
    import time

    archive = tmp_path / "archive"
    shutil.copytree(fixture_crawl.archive, archive)
    before = archive_state(archive)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "crawler", "rebuild", "--archive", str(archive),
                             "--workers", "1"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reached = KILL_MOMENTS[moment]
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if reached(archive):
                break
        except OSError:
            pass  # a file renamed while looked at
        time.sleep(0.002)
    assert proc.poll() is None, f"the rebuild ended before the moment {moment!r}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert archive_state(archive) == before
    assert verify_archive(archive).problems == []
    again = run_cli("rebuild", "--archive", str(archive))
    assert again.returncode == 0, again.stderr[-2000:]
    assert "rebuilt 38 corpus rows" in again.stdout
    assert archive_state(archive) == before
    assert not (archive / ".rebuild").exists()


def test_a_rebuild_on_a_full_disk_exits_3_and_leaves_the_archive(fixture_crawl, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    size = sum(p.stat().st_size for p in fixture_crawl.archive.rglob("*") if p.is_file())
    mount = tmp_path / "disk"
    mount.mkdir()
    # room for the archive and a little more, not for a second index and corpus
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size + 256 * 1024}", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        archive = mount / "archive"
        shutil.copytree(fixture_crawl.archive, archive)
        before = archive_state(archive)
        proc = run_cli("rebuild", "--archive", str(archive))
        assert proc.returncode == 3, (proc.returncode, proc.stdout, proc.stderr[-2000:])
        assert "Traceback" not in proc.stderr
        assert "No space left on device" in proc.stderr or "disk is full" in proc.stderr, proc.stderr
        assert archive_state(archive) == before
        assert not (archive / ".rebuild").exists(), "the space it took is given back"
        assert verify_archive(archive).problems == []
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("loss", ["emptied", "deleted"])
def test_rebuild_drops_the_corpus_of_a_crawl_whose_records_are_gone(fixture_crawl, tmp_path: Path,
                                                                    loss: str) -> None:
    import shutil

    archive = tmp_path / "archive"
    shutil.copytree(fixture_crawl.archive, archive)
    (warc,) = (archive / "warc").iterdir()
    if loss == "emptied":
        warc.write_bytes(b"")
    else:
        warc.unlink()
    proc = run_cli("rebuild", "--archive", str(archive))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "rebuilt 0 corpus rows" in proc.stdout
    assert list((archive / "corpus").glob("*.jsonl")) == []
    assert index_state(archive)["captures"] == [] and index_state(archive)["documents"] == []
    assert verify_archive(archive).problems == []


def test_a_rebuild_killed_while_moving_its_result_in_is_finished_later(fixture_crawl, tmp_path: Path) -> None:
    """Killed once complete, between moving the corpus in and the index: the next run
    that takes the lock moves the rest in (here the rebuild of a crawl whose WARC was
    emptied: no corpus file, no captures)."""
    import shutil
    import subprocess
    import sys

    from archive.ops.staged_rebuild import recover_staged_rebuild

    archive = tmp_path / "archive"
    shutil.copytree(fixture_crawl.archive, archive)
    (warc,) = (archive / "warc").iterdir()
    warc.write_bytes(b"")
    killed_on_index_move = (
        "import os, sys\n"
        "real = os.replace\n"
        "def replace(src, dst):\n"
        "    if str(dst).endswith('index.sqlite3'):\n"
        "        os._exit(9)\n"
        "    return real(src, dst)\n"
        "os.replace = replace\n"
        "from crawler.cli import main\n"
        f"sys.exit(main(['rebuild', '--archive', {str(archive)!r}]))\n")
    proc = subprocess.run([sys.executable, "-c", killed_on_index_move], cwd=REPO, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=300)
    assert proc.returncode == 9, proc.stderr[-2000:]
    assert (archive / ".rebuild" / "complete").exists()
    assert index_state(archive)["captures"], "the old index is still in place"
    recover_staged_rebuild(archive)
    assert not (archive / ".rebuild").exists()
    assert list((archive / "corpus").glob("*.jsonl")) == []
    assert index_state(archive)["captures"] == []
    assert verify_archive(archive).problems == []

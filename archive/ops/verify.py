"""``newsarchive verify``: check an archive record by record.

Every record of every WARC file is read to its end (a truncated file is
caught), its block and payload digests recomputed, each request paired with
its response, and every index and corpus row checked against the record it
points at. Both ways: every response and revisit record is in the index, every
document the index lists has its record and its corpus row, every corpus row is
in the index, and none is there twice.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.store.corpus import iter_corpus
from archive.store.index import read_index
from archive.errors import ArchiveReadError
from archive.extract.keys import text_sha1
from archive.warc.check import check_record
from archive.warc.files import warc_files
from archive.warc.reader import ReadProblem, iter_records
from archive.warc.writer import OPEN_SUFFIX

__all__ = ["VerifyResult", "verify_archive"]


@dataclass
class VerifyResult:
    files: int = 0
    records: int = 0
    index_rows: int = 0
    corpus_rows: int = 0
    problems: list[str] = field(default_factory=list)
    # records whose WARC-Payload-Digest is their block digest (see
    # archive.warc.check.block_digest_as_payload): intact, accepted, counted per file
    block_digest_as_payload: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Seen:
    length: int
    record_id: str
    type: str
    target_uri: str | None
    payload_digest: str | None


def _check_pointer(kind: str, seen: dict[tuple[str, int], Seen], file: str, offset: int,
                   length: int | None, record_id: str, uri: str | None,
                   payload_digest: str | None) -> list[str]:
    where = f"{kind} -> {file}@{offset}"
    rec = seen.get((file, offset))
    if rec is None:
        return [f"{where}: no record starts there"]
    problems = []
    if length is not None and rec.length != length:
        problems.append(f"{where}: length {length}, record is {rec.length} bytes")
    if rec.record_id != record_id:
        problems.append(f"{where}: record id {rec.record_id}, row says {record_id}")
    if uri is not None and rec.target_uri != uri:
        problems.append(f"{where}: record is for {rec.target_uri}, row says {uri}")
    if payload_digest is not None and rec.payload_digest != payload_digest:
        problems.append(f"{where}: payload digest {rec.payload_digest}, row says {payload_digest}")
    return problems


def verify_archive(archive: str | Path) -> VerifyResult:
    archive = Path(archive)
    result = VerifyResult()
    seen: dict[tuple[str, int], Seen] = {}
    # request/response pairs, by WARC-Concurrent-To on either record: we and Heritrix put
    # it on the request, wget, wpull and Nutch on the response
    paired: set[str] = set()  # response ids with a request
    claims: list[tuple[str, str, str]] = []  # (where, record id, the id it names)
    responses: dict[str, str] = {}  # response id -> where
    record_ids: set[str] = set()
    closed_responses: dict[str, str] = {}  # response id -> "where (URL)", files not .open
    kinds: dict[str, str] = {}  # record id -> type
    ours: set[str] = set()  # files we wrote: every response there has its request
    for path in warc_files(archive / "warc"):
        result.files += 1
        if path.name.endswith(OPEN_SUFFIX):
            result.problems.append(f"{path.name}: unfinished file (.open); run verify after "
                                   f"a repair or the next crawl")
        name = path.name.removesuffix(OPEN_SUFFIX)
        for rec in iter_records(path):
            if isinstance(rec, ReadProblem):
                result.problems.append(str(rec))
                continue
            result.records += 1
            quirks: list[str] = []
            result.problems.extend(check_record(rec, quirks))
            if quirks:
                result.block_digest_as_payload[name] = result.block_digest_as_payload.get(name, 0) + 1
            seen[(rec.file if path.suffix == ".wacz" else name, rec.offset)] = Seen(rec.length, rec.record_id, rec.type, rec.target_uri,
                                            rec.get("WARC-Payload-Digest"))
            record_ids.add(rec.record_id)
            where = f"{name}@{rec.offset}"
            kinds[rec.record_id] = rec.type
            if rec.type == "warcinfo" and b"software: newsarchive/" in rec.block:
                ours.add(name)
            if rec.type in ("response", "revisit"):
                responses[rec.record_id] = where
                if not path.name.endswith(OPEN_SUFFIX):  # reported above; a resume indexes it
                    closed_responses[rec.record_id] = f"{where} ({rec.target_uri})"
            for target in (rec.get("WARC-Concurrent-To") or "").split():
                if rec.type == "request":
                    paired.add(target)
                    claims.append((where, rec.record_id, target))
                elif rec.type in ("response", "revisit"):
                    paired.add(rec.record_id)
                    claims.append((where, rec.record_id, target))
    for response_id, where in responses.items():
        if response_id not in paired and where.rsplit("@", 1)[0] in ours:
            result.problems.append(f"{where}: response {response_id} has no request record")
    for where, record_id, target in claims:
        if target not in kinds:
            kind = kinds.get(record_id, "record")
            other = "response" if kind == "request" else "request"
            result.problems.append(f"{where}: {kind} {record_id} names {target} (WARC-Concurrent-To): "
                                   f"its {other} record is missing")

    index_path = archive / "index.sqlite3"
    indexed: set[str] | None = None
    documents: dict[str, tuple[str, str]] = {}  # record id -> (URL, corpus file)
    if index_path.exists():
        indexed = set()
        db = read_index(index_path)
        try:
            for file, offset, length, record_id, url, digest in db.execute(
                    "SELECT warc_file, warc_offset, warc_length, record_id, url, payload_digest "
                    "FROM captures"):
                result.index_rows += 1
                indexed.add(record_id)
                result.problems.extend(_check_pointer("index capture", seen, file, offset, length,
                                                      record_id, url, digest))
            for record_id, url, corpus_file in db.execute(
                    "SELECT record_id, url, corpus_file FROM documents ORDER BY id"):
                result.index_rows += 1
                if record_id in documents:
                    result.problems.append(f"index document {url}: listed twice ({record_id})")
                documents[record_id] = (url, corpus_file)
        except sqlite3.Error as exc:
            result.problems.append(f"index.sqlite3: cannot be read: {exc}")
        finally:
            db.close()
        for response_id, where in closed_responses.items():
            if response_id not in indexed:
                result.problems.append(f"{where}: record {response_id} is not in the index")

    corpus_dir = archive / "corpus"
    in_corpus: dict[str, str] = {}  # record id -> corpus file
    if corpus_dir.is_dir():
        try:
            for path in sorted(corpus_dir.glob("*.jsonl")):
                for row in iter_corpus(path):
                    _check_corpus_row(row, path.name, seen, in_corpus, documents,
                                      index_path.exists(), result)
        except ArchiveReadError as exc:
            result.problems.append(str(exc))
    for record_id, (url, corpus_file) in documents.items():
        if record_id not in record_ids:
            result.problems.append(f"index document {url}: its record {record_id} is in no "
                                   "WARC file")
        if record_id not in in_corpus:
            result.problems.append(f"index document {url}: no corpus row in corpus/{corpus_file} "
                                   f"({record_id})")
    return result


def _check_corpus_row(row: dict[str, Any], file: str, seen: dict[tuple[str, int], Seen],
                      in_corpus: dict[str, str], documents: dict[str, tuple[str, str]],
                      have_index: bool, result: VerifyResult) -> None:
    result.corpus_rows += 1
    what = f"corpus row {row.get('url')}"
    warc = row.get("warc") or {}
    record_id = warc.get("record_id", "")
    result.problems.extend(_check_pointer(
        what, seen, warc.get("file", ""), int(warc.get("offset", -1)), warc.get("length"),
        record_id, row.get("final_url"), row.get("payload_digest")))
    if row.get("text_sha1") != text_sha1(row.get("text") or ""):
        result.problems.append(f"{what}: text_sha1 does not match text")
    if record_id in in_corpus:
        result.problems.append(f"{what}: twice in the corpus ({in_corpus[record_id]} and {file}, "
                               f"{record_id})")
    in_corpus.setdefault(record_id, file)
    if have_index and record_id not in documents:
        result.problems.append(f"{what}: not in the index's documents ({record_id})")

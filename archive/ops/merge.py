"""``newsarchive merge``: the archives of a shared crawl's workers, made one.

Each worker of a shared crawl (crawler/cluster.py) writes a whole archive of its
own: WARC files named after it, an index, a corpus part per crawl, reports.
Merging them into one archive:

* WARC files are hard-linked (copied across disks) into ``ARCHIVE/warc``;
  names carry the worker, so they never collide. A WARC file a killed worker
  left open is closed first, cut back to its last complete record; one still
  locked by a running worker stops the merge.
* Index rows are added where missing (captures by record id, documents by
  record id, site template lines by their key); crawls of the same id are one
  crawl, started when the first worker started and finished when the last did.
* Corpus rows of a crawl, from all workers, go to one file, and the final pass
  of a crawl (archive/finalize.py) runs over it in fetch order: the site
  templates learned from every worker's pages, near-duplicates across workers,
  the first fetched being the original.
* A killed worker may have archived pages it never extracted: they are
  extracted now from their WARC records, as a resumed crawl would. A page it had
  finished but not yet reported done was fetched again by another worker: both
  captures stay, the corpus keeps the first fetched as the crawl's document.

Merging again adds nothing twice: the result is the same archive.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from archive.store.corpus import corpus_counts, dumps_row, iter_corpus, make_row
from archive.errors import ArchiveWriteError, InputError
from archive.extract.document import ExtractOptions, extract_document
from archive.corpus.finalize import finalize_corpus
from archive.store.index import Index, transaction
from archive.warc.records import REQUESTED_URI_HEADER
from archive.warc.repair import repair_open_files
from archive.extract.page_type import ARTICLE_TYPES
from archive.extract.rights import tdm_headers
from archive.inputs.safe_names import corpus_file_name, is_plain_name, report_file_name
from .staged_rebuild import recover_staged_rebuild
from archive.corpus.site_template import SiteTemplates, site_of
from archive.warc.files import warc_files
from archive.warc.reader import decode_content, read_record_at
from archive.warc.writer import OPEN_SUFFIX
from archive.extract.workers import default_workers

__all__ = ["MergeResult", "merge_archives"]

# tables copied row by row; the near-duplicate tables are rebuilt by the final pass
_KEYED_TABLES = {"captures": "record_id", "documents": "record_id"}
_OR_IGNORE_TABLES = ("site_lines", "site_docs")


@dataclass
class MergeResult:
    warc_files: int = 0
    warc_linked: int = 0
    warc_copied: int = 0
    warc_present: int = 0
    captures: int = 0
    rows: int = 0
    extracted: int = 0
    refetched: int = 0  # pages a dead worker had done and another fetched again: one row kept
    corpus_files: list[str] = field(default_factory=list)
    crawls: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _place_warc(src: Path, dest_dir: Path, result: MergeResult) -> None:
    target = dest_dir / src.name
    result.warc_files += 1
    if target.exists():
        if target.stat().st_size != src.stat().st_size or not _same_file(src, target):
            raise InputError(f"{target} exists and differs from {src}: two archives hold different "
                             "WARC files of the same name")
        result.warc_present += 1
        return
    try:
        os.link(src, target)
        result.warc_linked += 1
    except OSError:
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(src, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        result.warc_copied += 1


def _same_file(a: Path, b: Path) -> bool:
    if os.path.samefile(a, b):
        return True
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            ca, cb = fa.read(1 << 20), fb.read(1 << 20)
            if ca != cb:
                return False
            if not ca:
                return True


def _columns(db: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA {schema}.table_info({table})")]


def _merge_index(db: sqlite3.Connection, source: Path, result: MergeResult) -> list[str]:
    """Add the source index's rows; return the ids of its crawls that never finished."""
    db.execute("ATTACH DATABASE ? AS src", (str(source),))
    try:
        with transaction(db):
            for table, key in _KEYED_TABLES.items():
                cols = [c for c in _columns(db, "main", table) if c != "id" and c in _columns(db, "src", table)]
                names = ", ".join(cols)
                cur = db.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table} s "
                                 f"WHERE NOT EXISTS (SELECT 1 FROM main.{table} m WHERE m.{key} = s.{key}) "
                                 "ORDER BY s.id")
                if table == "captures":
                    result.captures += cur.rowcount
            for table in _OR_IGNORE_TABLES:
                if table in {r[0] for r in db.execute("SELECT name FROM src.sqlite_master WHERE type='table'")}:
                    cols = [c for c in _columns(db, "main", table) if c in _columns(db, "src", table)]
                    names = ", ".join(cols)
                    db.execute(f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM src.{table}")
            unfinished = []
            for crawl_id, started, finished, spider, stats in db.execute(
                    "SELECT crawl_id, started_at, finished_at, spider, stats FROM src.crawls").fetchall():
                if finished is None:
                    unfinished.append(crawl_id)
                row = db.execute("SELECT started_at, finished_at FROM main.crawls WHERE crawl_id=?",
                                 (crawl_id,)).fetchone()
                if row is None:
                    db.execute("INSERT INTO main.crawls (crawl_id, started_at, finished_at, spider, stats) "
                               "VALUES (?, ?, ?, ?, ?)", (crawl_id, started, finished, spider, stats))
                else:
                    ends = [e for e in (row[1], finished) if e]
                    db.execute("UPDATE main.crawls SET started_at=?, finished_at=? WHERE crawl_id=?",
                               (min(row[0], started), max(ends) if ends else None, crawl_id))
            return unfinished
    finally:
        db.execute("DETACH DATABASE src")


def _extract_unfinished(source: Path, index: Index, crawl_ids: list[str], templates: SiteTemplates,
                        options: ExtractOptions) -> dict[str, list[dict[str, Any]]]:
    """Rows for pages a killed worker archived but never extracted."""
    rows: dict[str, list[dict[str, Any]]] = {}
    if not crawl_ids:
        return rows
    src_index = Index(source / "index.sqlite3")
    try:
        pending = src_index.unextracted_captures(crawl_ids)
    finally:
        src_index.close()
    for cap in pending:
        if index.query("SELECT 1 FROM documents WHERE record_id=?", (cap["record_id"],)):
            continue
        if not is_plain_name(cap["warc_file"]):
            continue  # an index row naming a file outside the source's warc/ folder
        path = source / "warc" / cap["warc_file"]
        try:
            rec = read_record_at(path if path.exists() else path.with_name(path.name + OPEN_SUFFIX),
                                 cap["warc_offset"], cap["warc_length"])
            body = decode_content(rec.http_payload(), rec.http_header("Content-Encoding"))
        except (OSError, ValueError):
            continue  # a record cut off by the kill: repair dropped it, verify lists nothing
        result = extract_document(body, cap["url"], cap["content_type"], options,
                                  tdm_headers(rec.http_headers()))
        if result.document is None:
            continue
        row = make_row(url=rec.get(REQUESTED_URI_HEADER) or cap["url"], final_url=cap["url"],
                       status=cap["status"], fetched_at=cap["fetched_at"], doc=result.document,
                       warc={"file": cap["warc_file"], "offset": cap["warc_offset"],
                             "length": cap["warc_length"], "record_id": cap["record_id"]},
                       payload_digest=cap["payload_digest"], crawl_id=cap["crawl_id"])
        row["template_lines_removed"] = 0
        templates.observe(site_of(row["final_url"]), row["final_url"], row["text"].split("\n\n"),
                          title=row["title"])
        rows.setdefault(cap["crawl_id"], []).append(row)
    return rows


def _combined_report(reports: list[dict[str, Any]], crawl_id: str, sources: list[str]) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for r in reports:
        for key, value in r.get("counts", {}).items():
            if isinstance(value, (int, float)):
                counts[key] = counts.get(key, 0) + value
    return {
        "crawl_id": crawl_id,
        "merged_from": sources,
        "workers": sorted({w for r in reports for w in (r.get("cluster") or {}).get("workers", [])}),
        "started_at": min((r["started_at"] for r in reports), default=None),
        "finished_at": max((r["finished_at"] for r in reports), default=None),
        "finish_reasons": sorted({r.get("finish_reason", "") for r in reports}),
        "counts": counts,
        "failures": [f for r in reports for f in r.get("failures", [])],
        "warc_files": sorted(f for r in reports for f in r.get("warc_files", [])),
    }


def merge_archives(dest: str | Path, sources: list[Path], *, options: ExtractOptions = ExtractOptions(),
                   progress: IO[str] | None = None) -> MergeResult:
    dest = Path(dest)
    result = MergeResult()
    for sub in ("warc", "corpus", "reports"):
        (dest / sub).mkdir(parents=True, exist_ok=True)
    # first, every source must be complete on disk
    for source in sources:
        if source.resolve() == dest.resolve():
            raise InputError(f"cannot merge {source} into itself")
        for fixed in repair_open_files(source / "warc"):
            if fixed.skipped:
                raise InputError(f"{source}: {fixed.file} is still being written ({fixed.skipped}); "
                                 "merge once its worker has finished")
            if progress is not None:
                progress.write(f"merge: closed {fixed.file} a killed worker left open "
                               f"({fixed.kept_records} records kept, {fixed.cut_bytes} bytes cut)\n")
        if not (source / "index.sqlite3").exists():
            raise InputError(f"{source}: no index.sqlite3 (run `newsarchive rebuild --archive {source}`)")
    recover_staged_rebuild(dest)  # a rebuild killed while moving its result in
    index = Index(dest / "index.sqlite3")
    try:
        templates = SiteTemplates(index.connection)
        new_rows: dict[str, list[dict[str, Any]]] = {}
        reports: dict[str, list[dict[str, Any]]] = {}
        for source in sources:
            for path in warc_files(source / "warc"):
                if path.name.endswith(OPEN_SUFFIX):
                    continue
                _place_warc(path, dest / "warc", result)
            unfinished = _merge_index(index.connection, source / "index.sqlite3", result)
            for crawl_id, rows in _extract_unfinished(source, index, unfinished, templates, options).items():
                new_rows.setdefault(crawl_id, []).extend(rows)
                result.extracted += len(rows)
            for path in sorted((source / "corpus").glob("*.jsonl")):
                for row in iter_corpus(path):  # by the crawl the row names (its file's may be mapped)
                    new_rows.setdefault(row.get("crawl_id") or path.stem, []).append(row)
            for path in sorted((source / "reports").glob("*.json")):
                try:
                    report = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError) as exc:
                    result.problems.append(f"{path}: unreadable report: {exc}")
                    continue
                reports.setdefault(str(report.get("crawl_id") or path.stem), []).append(report)
            if progress is not None:
                progress.write(f"merge: {source}: {result.warc_files} WARC files, "
                               f"{result.captures} captures so far\n")
        for crawl_id, rows in sorted(new_rows.items()):
            corpus = dest / "corpus" / corpus_file_name(crawl_id)
            old_rows = list(iter_corpus(corpus)) if corpus.exists() else []
            have = {r["warc"]["record_id"] for r in old_rows}
            urls = {r["final_url"] for r in old_rows}
            tmp = corpus.with_name(corpus.name + ".merge")
            with open(tmp, "wb") as out:
                if corpus.exists():
                    out.write(corpus.read_bytes())
                for row in sorted(rows, key=lambda r: (r["fetched_at"], r["warc"]["file"], r["warc"]["offset"])):
                    rid = row["warc"]["record_id"]
                    if rid in have:
                        continue
                    if row["final_url"] in urls:
                        # fetched again after its worker died before saying it was done:
                        # both captures stay in the WARCs, the crawl keeps one document
                        index.connection.execute("DELETE FROM documents WHERE record_id=?", (rid,))
                        result.refetched += 1
                        continue
                    have.add(rid)
                    urls.add(row["final_url"])
                    out.write((dumps_row(row) + "\n").encode("utf-8"))
                    if not index.query("SELECT 1 FROM documents WHERE record_id=?", (rid,)):
                        index.add_document(crawl_id=crawl_id, url=row["url"], final_url=row["final_url"],
                                           record_id=rid, title=row["title"], published=row["published"],
                                           language=row["language"], text_sha1=row["text_sha1"],
                                           text_length=len(row["text"]), corpus_file=corpus.name)
                out.flush()
                os.fsync(out.fileno())
            finalize_corpus(tmp, index.connection, crawl_id, order="fetched",
                            workers=default_workers(), warc_dir=dest / "warc")
            os.replace(tmp, corpus)
            result.corpus_files.append(corpus.name)
            result.rows += len(have)
        for crawl_id, parts in reports.items():
            combined = _combined_report(parts, crawl_id, [str(s) for s in sources])
            # what the merged archive holds, whoever wrote it: a killed worker wrote no
            # report, but its captures are here
            counts = combined["counts"]
            counts["responses"] = index.query("SELECT COUNT(*) AS n FROM captures WHERE crawl_id=?",
                                              (crawl_id,))[0]["n"]
            counts["rows"] = index.query("SELECT COUNT(*) AS n FROM documents WHERE crawl_id=?",
                                         (crawl_id,))[0]["n"]
            merged_corpus = dest / "corpus" / corpus_file_name(crawl_id)
            types, described = corpus_counts(merged_corpus) if merged_corpus.exists() else ({}, 0)
            counts["page_types"] = types
            counts["description_only"] = described
            counts["articles"] = sum(n for t, n in types.items() if t in ARTICLE_TYPES)
            combined["workers_without_report"] = sorted(
                {s.name for s in sources} - {p.get("worker") or Path(p.get("archive", "")).name for p in parts})
            result.crawls[crawl_id] = {k: combined["counts"].get(k, 0)
                                       for k in ("responses", "rows", "articles", "failed")}
            path = dest / "reports" / report_file_name(crawl_id)
            path.write_text(json.dumps(combined, ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as exc:
        raise ArchiveWriteError(f"merge into {dest} failed: {exc}") from exc
    finally:
        index.close()
    return result

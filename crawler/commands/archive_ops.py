"""The commands on an archive: merge, verify, rebuild, export, history, seeds validate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archive.errors import InputError

from .common import (EXIT_LOCKED, EXIT_OK, EXIT_PROBLEMS, archive_folder, existing_archive,
                     parse_date, report_problems)


def cmd_history(args: argparse.Namespace) -> int:
    from archive.ops.history import url_history

    history = url_history(existing_archive(args.archive), args.url)
    if not history.captures:
        raise InputError(f"{args.url} is not in {args.archive}")
    shown = (args.url if history.urls == [args.url]
             else f"{args.url} (archived as {', '.join(history.urls)})")
    print(f"{shown}: {len(history.captures)} captures, {len(history.versions)} text versions")
    for c in history.captures:
        print(f"  {c['fetched_at']}  {c['status']}  {c['record_type']:<8}  {c['payload_digest']}")
    for number, v in enumerate(history.versions, start=1):
        print(f"  version {number}: {v['fetched_at']}  {v['text_sha1']}  {len(v['text'])} chars  "
              f"{v['title'] or ''}")
    if args.diff:
        a, b = args.diff
        if not (1 <= a <= len(history.versions) and 1 <= b <= len(history.versions)):
            raise InputError(f"--diff takes version numbers from 1 to {len(history.versions)}")
        sys.stdout.writelines(history.diff(a, b))
    return EXIT_OK


def cmd_seeds(args: argparse.Namespace) -> int:
    from archive.inputs.site_config import load_site_config

    files = args.files or sorted(Path("seeds/sites").glob("*.toml"))
    if not files:
        raise InputError("no site configs given and none in seeds/sites/")
    bad = 0
    for path in files:
        try:
            config = load_site_config(path)
        except InputError as exc:
            bad += 1
            print(f"invalid  {exc}")
            continue
        print(f"ok       {path}: {config.name}, {len(config.start_urls)} start URLs, "
              f"{len(config.sitemaps)} sitemaps, {len(config.feeds)} feeds, scope "
              f"{', '.join(config.allowed_domains)}")
    return EXIT_PROBLEMS if bad else EXIT_OK


def _locked(archive: Path, wait: float, verb: str) -> bool:
    """Whether this run now holds ``archive``'s lock; if not, why, said once on stderr."""
    from archive.store.lock import hold_archive_lock

    try:
        hold_archive_lock(archive, wait, verb)
    except InputError as exc:
        print(f"newsarchive: {exc}", file=sys.stderr)
        return False
    return True


def cmd_merge(args: argparse.Namespace) -> int:
    from archive.ops.merge import merge_archives
    from archive.ops.rebuild_parts import has_parts

    dest = archive_folder(args.archive)
    if not args.sources and has_parts(dest):
        return _merge_rebuild_parts(args, dest)
    sources = [Path(s) for s in args.sources] or sorted(p for p in (dest / "workers").glob("*") if p.is_dir())
    if not sources:
        raise InputError(f"nothing to merge: no SOURCE given and no {dest / 'workers'}/* folders")
    for source in sources:
        existing_archive(str(source))
    if not _locked(dest, args.wait, "merge"):
        return EXIT_LOCKED
    result = merge_archives(dest, sources, progress=sys.stderr)
    print(f"merged {len(sources)} archive(s) into {dest}: {result.warc_files} WARC files "
          f"({result.warc_linked} linked, {result.warc_copied} copied, {result.warc_present} already there), "
          f"{result.captures} captures, {result.rows} corpus rows in {len(result.corpus_files)} file(s), "
          f"{result.extracted} extracted now, {result.refetched} fetched twice (one row kept)")
    for crawl_id, counts in result.crawls.items():
        print(f"  crawl {crawl_id}: {counts}")
    return report_problems(result.problems)


def _merge_rebuild_parts(args: argparse.Namespace, dest: Path) -> int:
    from archive.ops.rebuild_parts import merge_parts

    existing_archive(str(dest))
    if not _locked(dest, args.wait, "merge"):
        return EXIT_LOCKED
    summary = merge_parts(dest, progress=sys.stderr)
    kept = f", {summary.kept_rows} of them keep their earlier rows" if summary.kept_rows else ""
    print(f"merged the shared rebuild: {summary.rows} corpus rows in {len(summary.files)} files from "
          f"{summary.responses} responses ({summary.failed} failed{kept}) and {summary.revisits} revisits "
          f"in {summary.seconds:.1f}s")
    for error in summary.extract_errors:
        print(f"newsarchive: not extracted: {error}", file=sys.stderr)
    return report_problems(summary.problems)


def cmd_verify(args: argparse.Namespace) -> int:
    from archive.warc.repair import repair_open_files
    from archive.ops.verify import verify_archive

    archive = existing_archive(args.archive)
    if args.repair:
        for fixed in repair_open_files(archive / "warc"):
            state = f"left alone: {fixed.skipped}" if fixed.skipped else (
                f"closed with {fixed.kept_records} records, {fixed.cut_bytes} bytes cut")
            print(f"repair: {fixed.file}: {state}")
            if not fixed.skipped and (archive / "index.sqlite3").exists():
                from archive.store.index import Index

                index = Index(archive / "index.sqlite3")
                dropped = index.forget_records_past(fixed.file, fixed.end)
                index.close()
                if dropped:
                    print(f"repair: {fixed.file}: {dropped} index rows named records cut off, dropped")
    result = verify_archive(archive)
    for problem in result.problems:
        print(problem)
    for name, count in result.block_digest_as_payload.items():
        print(f"note: {name}: {count} record{'s carry' if count != 1 else ' carries'} the "
              "block digest as WARC-Payload-Digest (as Nutch wrote ClueWeb09): intact (the "
              "block digest holds), not counted as problems; a CDXJ export passes that value "
              "on as it is")
    print(f"{result.files} WARC files, {result.records} records, {result.index_rows} index rows, "
          f"{result.corpus_rows} corpus rows checked: "
          f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''}")
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    from archive.ops.rebuild import rebuild_corpus

    from archive.store.row_filter import ExportFilter
    from archive.extract.document import ExtractOptions

    if args.workers < 0:
        raise InputError(f"bad --workers {args.workers}: expected 0 (one per core) or more")
    if not 0 <= args.extract_timeout < 1e9:  # NaN and inf too
        raise InputError(f"bad --extract-timeout {args.extract_timeout}: expected seconds, 0 for no limit")
    parse_date(args.since, "--since")
    archive = existing_archive(args.archive)
    if args.redis:
        return _shared_rebuild(args, archive)
    if not _locked(archive, args.wait, "rebuild"):
        return EXIT_LOCKED
    summary = rebuild_corpus(archive, workers=args.workers or None,
                             options=ExtractOptions(policy=args.policy), progress=sys.stderr,
                             only=(ExportFilter(site=args.site, since=args.since)
                                   if args.site or args.since else None),
                             time_limit=args.extract_timeout or None)
    kept = f", {summary.kept_rows} of them keep their earlier rows" if summary.kept_rows else ""
    print(f"rebuilt {summary.rows} corpus rows in {len(summary.files)} files from "
          f"{summary.responses} responses ({summary.failed} failed{kept}) and {summary.revisits} revisits "
          f"in {summary.seconds:.1f}s")
    if summary.as_recorded:
        print(f"{len(summary.as_recorded)} bodies stored decoded though their headers say chunked "
              "or compressed: used as recorded")
    for error in summary.extract_errors:
        print(f"newsarchive: not extracted: {error}", file=sys.stderr)
    return report_problems(summary.problems)


def _shared_rebuild(args: argparse.Namespace, archive: Path) -> int:
    from archive.extract.document import ExtractOptions
    from crawler.cluster.rebuild import rebuild_worker

    if args.site or args.since:
        raise InputError("--site and --since do not apply to a shared rebuild (--redis): it "
                         "re-extracts every WARC file")
    if args.heartbeat_ttl < 2:
        raise InputError(f"bad --heartbeat-ttl {args.heartbeat_ttl}: expected 2 seconds or more")
    summary = rebuild_worker(archive, args.redis, name=args.cluster_name, worker=args.worker_id,
                             workers=args.workers or None, options=ExtractOptions(policy=args.policy),
                             ttl=args.heartbeat_ttl, progress=sys.stderr,
                             time_limit=args.extract_timeout or None)
    if summary.finished_already:
        print(f"the shared rebuild of {archive} has just finished (run {summary.finished_already}): "
              f"nothing to do; `newsarchive merge --archive {archive}` makes its corpus")
        return EXIT_OK
    print(f"rebuilt {len(summary.files)} WARC files of run {summary.run} ({summary.entries} records, "
          f"{summary.rows} rows before the final pass) in {summary.seconds:.1f}s; every file is done: "
          f"`newsarchive merge --archive {archive}` makes the corpus and index")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from archive.ops.export import ExportFilter, export_corpus

    problems: list[str] = []
    since, until = parse_date(args.since, "--since"), parse_date(args.until, "--until")
    filters = ExportFilter(language=args.language, min_length=args.min_length, site=args.site,
                           since=since, until=until, drop_duplicates=args.drop_duplicates,
                           latest=args.latest, tdm_allowed=args.tdm_allowed,
                           free_only=args.free_only, license=args.license)
    if args.format in ("cdxj", "wacz") and filters != ExportFilter():
        raise InputError(f"filters apply to the corpus formats (jsonl, parquet, wet, text), "
                         f"not to {args.format}, which holds the whole archive")
    count = export_corpus(existing_archive(args.archive), args.format, Path(args.out),
                          filters, problems=problems,
                          force=args.force)
    what = {"cdxj": "index lines", "wacz": "pages"}.get(args.format, "documents")
    print(f"exported {count} {what} to {args.out}")
    return report_problems(problems)

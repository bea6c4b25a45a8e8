"""``newsarchive``: one thin function per verb, each calling archive/ or a crawl.

Bad input ends with a one-line message and a non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import os
import sys
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor
from pathlib import Path
from typing import Any

from archive import __version__
from archive.errors import InputError, NewsArchiveError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_FATAL, EXIT_LOCKED = 0, 1, 2, 3, 4
EXIT_NOTHING_DONE = 5  # a crawl in which every URL failed: nothing fetched or extracted
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM, after a clean stop (as shells report SIGINT)


def crawl_status(report: dict[str, Any]) -> int:
    if report.get("fatal_error"):
        return EXIT_FATAL
    if report.get("finish_reason") == "shutdown":
        return EXIT_INTERRUPTED
    c = report["counts"]
    extract_failed = sum(1 for f in report["failures"] if f["reason"].startswith("extract_"))
    nothing_fetched = c["failed"] and not c["responses"]
    nothing_extracted = extract_failed and not (c["articles"] or c["unchanged"])
    return EXIT_NOTHING_DONE if nothing_fetched or nothing_extracted else EXIT_OK


def parse_duration(text: str, what: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    try:
        if text[-1:] in units:
            value = float(text[:-1]) * units[text[-1]]
        else:
            value = float(text)
    except ValueError:
        raise InputError(f"bad {what} {text!r}: expected e.g. 90s, 30m or 2h") from None
    if value <= 0:
        raise InputError(f"bad {what} {text!r}: must be positive")
    return value


def parse_setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or not name.replace("_", "").isalnum() or not name[0].isalpha():
        raise InputError(f"bad -s setting {text!r}: expected NAME=VALUE, e.g. -s DOWNLOAD_DELAY=1")
    return name, value


def parse_date(text: str | None, what: str) -> str | None:
    """An ISO date (or date and time) as given, or InputError: a filter on a date that is
    no date compared as text and quietly kept nothing, or everything."""
    if text is None:
        return None
    from datetime import date, datetime

    try:
        (date.fromisoformat if len(text) == 10 else datetime.fromisoformat)(text)
    except ValueError:
        raise InputError(f"bad {what} {text!r}: expected a date, e.g. 2024-01-31") from None
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsarchive",
        description="Archive news sites to WARC and build a clean-text corpus linked to it.",
        epilog="Each command has its own --help. The archive folder holds warc/, corpus/, "
               "index.sqlite3 and reports/.")
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND", required=True)

    crawl = verbs.add_parser(
        "crawl", help="fetch URLs or a site into an archive",
        description="Fetch pages, archive every HTTP exchange to WARC, extract articles to the "
                    "corpus and index them. Ends with a summary; the full report goes to "
                    "ARCHIVE/reports/CRAWLID.json. Exit status 0 when the crawl ran to its end "
                    "(failed URLs are listed in the report), 2 on bad input, 3 when the archive "
                    "could not be written, 4 when another crawl holds the archive, 5 when every "
                    "URL failed (nothing fetched or extracted), 130 when interrupted (Ctrl-C, "
                    "SIGTERM; running the same command again resumes it).")
    source = crawl.add_mutually_exclusive_group(required=True)
    source.add_argument("--urls", metavar="FILE",
                        help="a URL list: one http(s) URL per line, blank lines and # comments "
                             "skipped, duplicates fetched once")
    source.add_argument("--site", metavar="CONFIG", help="a site config (seeds/sites/NAME.toml)")
    crawl.add_argument("--archive", metavar="DIR", required=True,
                       help="the archive folder; crawls append to it")
    crawl.add_argument("-s", dest="settings", metavar="NAME=VALUE", action="append", default=[],
                       help="set any Scrapy or newsarchive setting (repeatable), as scrapy crawl -s")
    crawl.add_argument("--only-missing", action="store_true",
                       help="with --urls: fetch only the URLs the archive holds no document for "
                            "(rebuilding a lost part of a corpus from its URL list)")
    crawl.add_argument("--skip-invalid", action="store_true",
                       help="skip URL-list lines that are not http(s) URLs (listed in the report) "
                            "instead of refusing the list")
    crawl.add_argument("--max-runtime", metavar="DURATION",
                       help="stop cleanly after this long (90s, 30m, 2h); the report says so")
    crawl.add_argument("--wait", metavar="SECONDS", type=float, default=0,
                       help="if another crawl holds the archive, wait this long for it (default: "
                            "exit at once with status 4)")
    crawl.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    cluster = crawl.add_argument_group(
        "shared crawls", "Run the same command on several machines against one Redis: the workers "
        "share one queue and dupefilter, keep per-host delays across all of them, and all exit when "
        "the work is done. Each writes ARCHIVE/workers/WORKER; `newsarchive merge` combines them.")
    cluster.add_argument("--redis", metavar="URL",
                         help="redis://HOST:PORT/DB: be one worker of the shared crawl (or -s REDIS_URL=)")
    cluster.add_argument("--cluster-name", metavar="NAME",
                         help="the shared crawl's name, the same on every worker (default: the URL "
                              "list's file name or the site config's name)")
    cluster.add_argument("--worker-id", metavar="ID", help="this worker's name (default: HOSTNAME-PID)")
    crawl.set_defaults(func=cmd_crawl)

    merge = verbs.add_parser(
        "merge", help="combine the archives of a shared crawl's workers into one",
        description="Copy the WARC files of each source archive into ARCHIVE (hard links when on the "
                    "same disk), merge their indexes, and write one corpus file per crawl: rows of all "
                    "workers, in fetch order, cleaned with the site templates learned from all of them "
                    "and checked for near-duplicates across them. Pages a killed worker archived but "
                    "never extracted are extracted now. Running it again adds nothing twice. Without "
                    "SOURCE, merges ARCHIVE/workers/*. Exit 1 if a worker's report cannot be read (named "
                    "on stderr; the rest is merged).")
    merge.add_argument("--archive", metavar="DIR", required=True, help="the archive to merge into")
    merge.add_argument("--wait", metavar="SECONDS", type=float, default=0,
                       help="if a crawl or rebuild holds the archive, wait this long for it (default: "
                            "exit at once with status 4)")
    merge.add_argument("sources", metavar="SOURCE", nargs="*",
                       help="worker archives (default: ARCHIVE/workers/*)")
    merge.set_defaults(func=cmd_merge)

    verify = verbs.add_parser(
        "verify", help="check every WARC record, digest, index row and corpus row",
        description="Read every record of every WARC file to its end, check block and payload "
                    "digests, request/response pairing, and that every index and corpus row points "
                    "at a record that says what the row says. Exit 1 with a listing on any problem.")
    verify.add_argument("--archive", metavar="DIR", required=True)
    verify.add_argument("--repair", action="store_true",
                        help="first close .open WARC files left by a killed crawl, cutting them "
                             "back to their last complete record")
    verify.set_defaults(func=cmd_verify)

    rebuild = verbs.add_parser(
        "rebuild", help="re-extract the corpus from the WARCs, no network",
        description="Re-extract every article from the archive's WARC files with the current "
                    "extractor, in parallel, and write the corpus files anew. The same WARCs and "
                    "extractor version give a byte-identical corpus. A damaged WARC record is "
                    "skipped and named on stderr; the exit status is then 1. Exit 4 if a crawl "
                    "or merge holds the archive (see --wait).")
    rebuild.add_argument("--archive", metavar="DIR", required=True)
    rebuild.add_argument("--wait", metavar="SECONDS", type=float, default=0,
                         help="if a crawl or merge holds the archive, wait this long for it (default: "
                              "exit at once with status 4)")
    rebuild.add_argument("--workers", type=int, default=0, help="processes (default: one per core)")
    rebuild.add_argument("--site", help="re-extract only this host's documents (others kept)")
    rebuild.add_argument("--since", help="re-extract only documents fetched on or after this date")
    rebuild.add_argument("--policy", choices=["news", "combined", "fast"], default="news",
                         help="extraction policy, as EXTRACT_POLICY for a crawl (default: news)")
    rebuild.set_defaults(func=cmd_rebuild)

    export = verbs.add_parser(
        "export", help="write the corpus in a format other tools load",
        description="Export the corpus: jsonl (one row per line, .gz allowed), parquet (pyarrow), "
                    "wet (WARC conversion records, as Common Crawl's WET files), text (one file per "
                    "document plus manifest.tsv); or the archive: cdxj (an index pywb reads), wacz "
                    "(WACZ 1.1 for ReplayWeb.page and pywb, pages from the corpus). Filters apply "
                    "to the corpus formats; cdxj and wacz refuse them. cdxj and wacz skip damaged "
                    "WARC records, name each on stderr and exit 1.")
    export.add_argument("--archive", metavar="DIR", required=True)
    export.add_argument("--format", required=True,
                        choices=["jsonl", "parquet", "wet", "text", "cdxj", "wacz"])
    export.add_argument("--out", metavar="PATH", required=True,
                        help="a file (a folder for text), outside the archive; written under a "
                             "temporary name and renamed when complete")
    export.add_argument("--force", action="store_true",
                        help="replace an existing --out file (or non-empty text folder)")
    export.add_argument("--language", help="keep only this language (BCP 47 code)")
    export.add_argument("--min-length", type=int, default=0, help="keep texts of at least N chars")
    export.add_argument("--site", help="keep documents of this host (and its subdomains)")
    export.add_argument("--since", help="keep documents published (or fetched) on or after this date")
    export.add_argument("--until", help="keep documents published (or fetched) on or before this date")
    export.add_argument("--drop-duplicates", action="store_true",
                        help="leave out documents marked as near-duplicates of an earlier one "
                             "(of another URL)")
    export.add_argument("--latest", action="store_true",
                        help="one row per URL: its newest version (pages re-crawled after a change "
                             "have several)")
    export.set_defaults(func=cmd_export)

    history = verbs.add_parser(
        "history", help="the versions of one URL in an archive",
        description="List every capture of URL (date, status, full response or revisit, payload "
                    "digest) and every version of its text; --diff A B shows a unified diff "
                    "between text versions A and B (numbers from the listing).")
    history.add_argument("url")
    history.add_argument("--archive", metavar="DIR", required=True)
    history.add_argument("--diff", nargs=2, type=int, metavar=("A", "B"))
    history.set_defaults(func=cmd_history)

    seeds = verbs.add_parser("seeds", help="check site configs",
                             description="seeds validate [FILE ...]: load every site config "
                                         "(default: seeds/sites/*.toml) and report the first error of "
                                         "each, naming the key. Exit 1 if any is invalid.")
    seeds.add_argument("action", choices=["validate"])
    seeds.add_argument("files", nargs="*", type=Path)
    seeds.set_defaults(func=cmd_seeds)
    return parser


def cmd_history(args: argparse.Namespace) -> int:
    from archive.history import url_history

    history = url_history(_existing_archive(args.archive), args.url)
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
    from archive.site_config import load_site_config

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


def _archive_folder(path: str) -> Path:
    """The folder an archive is (to be) written in: refused when it, or the nearest of its
    parents that exists, is not a folder."""
    archive = Path(path)
    if archive.exists() and not archive.is_dir():
        raise InputError(f"--archive is not a folder: {archive}")
    parent = archive.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"--archive {archive} is under {parent}, which is a file, not a folder")
    return archive


def _existing_archive(path: str) -> Path:
    archive = Path(path)
    if not (archive / "warc").is_dir():
        raise InputError(f"not a newsarchive archive (no warc/ folder): {archive}")
    return archive


def cmd_crawl(args: argparse.Namespace) -> int:
    from archive.lock import hold_archive_lock
    from archive.site_config import load_site_config
    from archive.url_list import read_url_list

    from .run import run_crawl
    from .setting_rules import check_override

    # Everything is checked before anything is written.
    overrides = dict(parse_setting(s) for s in args.settings)
    for name, value in overrides.items():
        check_override(name, value)
    if args.wait < 0:
        raise InputError(f"bad --wait {args.wait:g}: must not be negative")
    if args.only_missing and args.site:
        raise InputError("--only-missing works with --urls, not --site")
    if "ARCHIVE_WARC_GZIP_LEVEL" in overrides:
        from archive.warc_writer import gzip_compressor
        level = overrides["ARCHIVE_WARC_GZIP_LEVEL"]
        try:
            number = float(level)
            gzip_compressor(overrides.get("ARCHIVE_WARC_GZIP", "isal"),
                            int(number) if number.is_integer() else number)
        except ValueError as exc:
            raise InputError(f"bad -s ARCHIVE_WARC_GZIP_LEVEL={level}: {exc}") from None
    archive = _archive_folder(args.archive)
    # One archive, one lock: ARCHIVE_DIR would have won over --archive in the settings,
    # so the crawl wrote one folder while holding the other's lock.
    named = overrides.pop("ARCHIVE_DIR", None)
    if named is not None and Path(named).resolve() != archive.resolve():
        raise InputError(f"-s ARCHIVE_DIR={named} and --archive {archive} name two folders: "
                         "give the archive once, with --archive")
    if args.max_runtime:
        overrides["CLOSESPIDER_TIMEOUT"] = str(parse_duration(args.max_runtime, "--max-runtime"))
    if args.site:
        config = load_site_config(args.site)
        spider, spider_args = "site", {"config": args.site}
    else:
        entries = read_url_list(args.urls, skip_invalid=args.skip_invalid)
        if not entries:
            raise InputError(f"{args.urls}: no URLs to crawl")
        spider, spider_args = "urls", {"urls": args.urls, "skip_invalid": str(args.skip_invalid),
                                       "only_missing": str(args.only_missing)}
    redis_url = args.redis or overrides.get("REDIS_URL")
    if redis_url:
        default_name = config.name if args.site else Path(args.urls).stem
        joined = _join_shared_crawl(redis_url, args.cluster_name or default_name, args.worker_id)
        if joined is None:
            return EXIT_OK
        name, worker, run_id = joined
        overrides.update(REDIS_URL=redis_url, CLUSTER_NAME=name, CLUSTER_WORKER_ID=worker,
                         ARCHIVE_CRAWL_ID=run_id, ARCHIVE_SHARED_DIR=str(archive),
                         ARCHIVE_WARC_PREFIX=f"{overrides.get('ARCHIVE_WARC_PREFIX', 'newsarchive')}-{worker}")
        archive = archive / "workers" / worker
    try:
        hold_archive_lock(archive, args.wait)
    except InputError as exc:
        print(f"newsarchive: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    report = run_crawl(spider, spider_args, archive, overrides, quiet=args.quiet)
    print_summary(report)
    if args.site:
        print(f"  site     {config.name}: {', '.join(config.allowed_domains)}")
    return crawl_status(report)


_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def _join_shared_crawl(url: str, name: str, worker: str | None) -> tuple[str, str, str] | None:
    """(name, worker, shared crawl id), or None when that shared crawl has just finished."""
    from datetime import datetime, timezone

    from .cluster import CrawlFinished, connect, default_worker_id, join_run
    from .session import new_crawl_id

    name = _NAME_CHARS.sub("-", name).strip("-.") or "default"
    worker = _NAME_CHARS.sub("-", worker or default_worker_id()).strip("-.") or default_worker_id()
    client = connect(url)
    try:
        run_id = join_run(client, name, new_crawl_id(datetime.now(timezone.utc)))
    except CrawlFinished as exc:
        print(f"newsarchive: nothing to do: {exc}", file=sys.stderr)
        return None
    finally:
        client.close()
    return name, worker, run_id


def cmd_merge(args: argparse.Namespace) -> int:
    from archive.lock import hold_archive_lock
    from archive.merge import merge_archives

    dest = _archive_folder(args.archive)
    sources = [Path(s) for s in args.sources] or sorted(p for p in (dest / "workers").glob("*") if p.is_dir())
    if not sources:
        raise InputError(f"nothing to merge: no SOURCE given and no {dest / 'workers'}/* folders")
    for source in sources:
        _existing_archive(str(source))
    try:
        hold_archive_lock(dest, args.wait, "merge")
    except InputError as exc:
        print(f"newsarchive: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    result = merge_archives(dest, sources, progress=sys.stderr)
    print(f"merged {len(sources)} archive(s) into {dest}: {result.warc_files} WARC files "
          f"({result.warc_linked} linked, {result.warc_copied} copied, {result.warc_present} already there), "
          f"{result.captures} captures, {result.rows} corpus rows in {len(result.corpus_files)} file(s), "
          f"{result.extracted} extracted now, {result.refetched} fetched twice (one row kept)")
    for crawl_id, counts in result.crawls.items():
        print(f"  crawl {crawl_id}: {counts}")
    return _report_problems(result.problems)


def ending(report: dict[str, Any]) -> str:
    """How the crawl ended, in words: "finished", or what stopped it."""
    reason = report.get("finish_reason") or "unknown"
    if report.get("fatal_error"):
        return f"stopped on an error ({reason})"
    if reason == "finished":
        return "finished"
    if reason == "shutdown":
        return "interrupted (Ctrl-C or SIGTERM)"
    if reason == "closespider_timeout":
        return "stopped at its time limit (--max-runtime)"
    if reason.startswith("closespider_"):
        return f"stopped at its limit {reason.removeprefix('closespider_')}"
    return f"stopped ({reason})"


def print_summary(report: dict[str, Any]) -> None:
    from archive.safe_names import report_file_name

    c = report["counts"]
    out = sys.stdout
    out.write(f"\nnewsarchive crawl {report['crawl_id']} {ending(report)} "
              f"in {report['elapsed_seconds']:.1f}s\n")
    if report.get("resumed_crawls"):
        out.write(f"  resumed {', '.join(report['resumed_crawls'])}: counts for the whole crawl\n")
    out.write(f"  responses archived  {c['responses']:>7}   WARC records  {c['warc_records']}\n")
    if c.get("unchanged"):
        out.write(f"  unchanged           {c['unchanged']:>7}   (304 or the same bytes: revisit "
                  "records, no new row)\n")
    out.write(f"  corpus rows         {c.get('rows', c['articles']):>7}   no row        "
              f"{c['not_articles']}\n")
    if c.get("page_types"):
        out.write("    by page type      " + ", ".join(f"{k} {v}" for k, v in c["page_types"].items())
                  + "\n")
    if c.get("skipped_page_types"):
        out.write("    types not kept    " + ", ".join(
            f"{k} {v}" for k, v in c["skipped_page_types"].items())
                  + " (EXTRACT_PAGE_TYPES=all keeps them)\n")
    out.write(f"  failed URLs         {c['failed']:>7}\n")
    reasons: dict[str, int] = {}
    for failure in report["failures"]:
        reasons[failure["reason"]] = reasons.get(failure["reason"], 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
        out.write(f"    {reason:<22} {count}\n")
    if report.get("rejected_inputs"):
        out.write(f"  input lines skipped {len(report['rejected_inputs']):>7}\n")
    archive = Path(report["archive"])
    out.write(f"  archive  {archive}\n")
    corpus = archive / report["corpus_file"]
    out.write(f"  corpus   {corpus if corpus.exists() else '(no new rows)'}\n")
    out.write(f"  WARC     {', '.join(report['warc_files']) or '(none)'}\n")
    out.write(f"  report   {archive / 'reports' / report_file_name(report['crawl_id'])}\n")
    cluster = report.get("cluster")
    if cluster and "counts" in cluster:
        cc = cluster["counts"]
        out.write(f"  shared crawl {cluster['name']!r}: {len(cluster['workers'])} workers, "
                  f"{cc.get('responses', 0)} responses, {cc.get('articles', 0)} articles, "
                  f"{cluster['failures']} failed URLs in all"
                  f"{'' if cluster['complete'] else ' (some workers had not finished)'}\n")
    if report.get("fatal_error"):
        out.write(f"  FATAL    {report['fatal_error']}\n")
    if c.get("not_extracted"):
        out.write(f"  {c['not_extracted']} archived pages not extracted yet\n")
    if report.get("finished") is False:
        out.write("  interrupted: run the same command again to resume it\n")


def cmd_verify(args: argparse.Namespace) -> int:
    from archive.repair import repair_open_files
    from archive.verify import verify_archive

    archive = _existing_archive(args.archive)
    if args.repair:
        for fixed in repair_open_files(archive / "warc"):
            state = f"left alone: {fixed.skipped}" if fixed.skipped else (
                f"closed with {fixed.kept_records} records, {fixed.cut_bytes} bytes cut")
            print(f"repair: {fixed.file}: {state}")
            if not fixed.skipped and (archive / "index.sqlite3").exists():
                from archive.index import Index

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
    from archive.lock import hold_archive_lock
    from archive.rebuild import rebuild_corpus

    from archive.export import ExportFilter
    from archive.extract import ExtractOptions

    if args.workers < 0:
        raise InputError(f"bad --workers {args.workers}: expected 0 (one per core) or more")
    parse_date(args.since, "--since")
    archive = _existing_archive(args.archive)
    try:
        hold_archive_lock(archive, args.wait, "rebuild")
    except InputError as exc:
        print(f"newsarchive: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    summary = rebuild_corpus(archive, workers=args.workers or None,
                             options=ExtractOptions(policy=args.policy), progress=sys.stderr,
                             only=(ExportFilter(site=args.site, since=args.since)
                                   if args.site or args.since else None))
    print(f"rebuilt {summary.rows} corpus rows in {len(summary.files)} files from "
          f"{summary.responses} responses ({summary.failed} failed) and {summary.revisits} revisits "
          f"in {summary.seconds:.1f}s")
    if summary.as_recorded:
        print(f"{len(summary.as_recorded)} bodies stored decoded though their headers say chunked "
              "or compressed: used as recorded")
    for error in summary.extract_errors:
        print(f"newsarchive: not extracted: {error}", file=sys.stderr)
    return _report_problems(summary.problems)


def _report_problems(problems: list[str]) -> int:
    """Damaged records met on the way (and, for a CDXJ export, what it cannot index): one
    line each on stderr, exit status 1."""
    for problem in problems:
        print(f"newsarchive: skipped: {problem}", file=sys.stderr)
    if problems:
        print(f"newsarchive: {len(problems)} item{'s' if len(problems) != 1 else ''} skipped, "
              "each named above; the rest was processed (`newsarchive verify` lists what is "
              "wrong in an archive)", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from archive.export import ExportFilter, export_corpus

    problems: list[str] = []
    since, until = parse_date(args.since, "--since"), parse_date(args.until, "--until")
    filters = ExportFilter(language=args.language, min_length=args.min_length, site=args.site,
                           since=since, until=until, drop_duplicates=args.drop_duplicates,
                           latest=args.latest)
    if args.format in ("cdxj", "wacz") and filters != ExportFilter():
        raise InputError(f"filters apply to the corpus formats (jsonl, parquet, wet, text), "
                         f"not to {args.format}, which holds the whole archive")
    count = export_corpus(_existing_archive(args.archive), args.format, Path(args.out),
                          filters, problems=problems,
                          force=args.force)
    what = {"cdxj": "index lines", "wacz": "pages"}.get(args.format, "documents")
    print(f"exported {count} {what} to {args.out}")
    return _report_problems(problems)


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except NewsArchiveError as exc:
        print(f"newsarchive: error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, InputError) else EXIT_FATAL
    except BrokenExecutor as exc:
        print(f"newsarchive: error: an extraction worker process died ({exc})", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("newsarchive: interrupted", file=sys.stderr)
        return 130

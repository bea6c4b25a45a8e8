"""``newsarchive crawl``: one crawl in this process, or one worker of a shared crawl."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from archive.errors import InputError

from .common import (EXIT_FATAL, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_NOTHING_DONE, EXIT_OK,
                     archive_folder, parse_duration, parse_setting)


def crawl_status(report: dict[str, Any]) -> int:
    if report.get("fatal_error"):
        return EXIT_FATAL
    if report.get("finish_reason") == "shutdown":
        return EXIT_INTERRUPTED
    c = report["counts"]
    shared = report.get("cluster") or {}
    if shared.get("complete") and shared.get("counts"):
        # a worker of a shared crawl says how the shared crawl went: a worker whose only
        # URL was one robots.txt forbids, while the others fetched the rest, did its part
        c = {**c, **shared["counts"]}
    extract_failed = sum(1 for f in report["failures"] if f["reason"].startswith("extract_"))
    nothing_fetched = c["failed"] and not c["responses"]
    nothing_extracted = extract_failed and not (c["articles"] or c["unchanged"])
    return EXIT_NOTHING_DONE if nothing_fetched or nothing_extracted else EXIT_OK


def cmd_crawl(args: argparse.Namespace) -> int:
    from archive.store.lock import hold_archive_lock
    from archive.inputs.site_config import load_site_config
    from archive.inputs.url_list import count_url_lines, read_url_list

    from ..setting_rules import check_override, extraction_server_plan

    # Everything is checked before anything is written.
    overrides = dict(parse_setting(s) for s in args.settings)
    for name, value in overrides.items():
        check_override(name, value)
    if args.wait < 0:
        raise InputError(f"bad --wait {args.wait:g}: must not be negative")
    if args.only_missing and args.site:
        raise InputError("--only-missing works with --urls, not --site")
    if "ARCHIVE_WARC_GZIP_LEVEL" in overrides:
        from archive.warc.writer import gzip_compressor
        level = overrides["ARCHIVE_WARC_GZIP_LEVEL"]
        try:
            number = float(level)
            # a fraction is passed on as it is, for gzip_compressor to refuse it
            chosen: Any = int(number) if number.is_integer() else number
            gzip_compressor(overrides.get("ARCHIVE_WARC_GZIP", "isal"), chosen)
        except ValueError as exc:
            raise InputError(f"bad -s ARCHIVE_WARC_GZIP_LEVEL={level}: {exc}") from None
    archive = archive_folder(args.archive)
    # One archive, one lock: ARCHIVE_DIR would have won over --archive in the settings,
    # so the crawl wrote one folder while holding the other's lock.
    named = overrides.pop("ARCHIVE_DIR", None)
    if named is not None and Path(named).resolve() != archive.resolve():
        raise InputError(f"-s ARCHIVE_DIR={named} and --archive {archive} name two folders: "
                         "give the archive once, with --archive")
    if args.requisites:
        overrides["ARCHIVE_REQUISITES"] = "True"
    if args.requisites_scope:
        overrides["ARCHIVE_REQUISITES_SCOPE"] = args.requisites_scope
    if args.max_runtime:
        overrides["CLOSESPIDER_TIMEOUT"] = str(parse_duration(args.max_runtime, "--max-runtime"))
    if args.site:
        config = load_site_config(args.site)
        spider, spider_args = "site", {"config": args.site}
        planned: int | None = config.planned_pages()  # as the spider says
    else:
        entries = read_url_list(args.urls, skip_invalid=args.skip_invalid)
        if not entries:
            raise InputError(f"{args.urls}: no URLs to crawl")
        spider, spider_args = "urls", {"urls": args.urls, "skip_invalid": str(args.skip_invalid),
                                       "only_missing": str(args.only_missing)}
        planned = count_url_lines(args.urls)  # as the spider says
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
    enabled, time_limit = extraction_server_plan(overrides)
    if enabled:
        # the extraction workers' fork server loads the extractors (1-3 s of CPU) on the
        # other core while Scrapy loads and starts; the crawl's pool then finds it running
        from archive.extract.workers import start_extraction_server
        start_extraction_server(planned, time_limit)
    from ..run import run_crawl

    report = run_crawl(spider, spider_args, archive, overrides, quiet=args.quiet)
    status = crawl_status(report)
    # --quiet: a run that went well prints nothing (cron mails whatever a job prints)
    if not args.quiet or status != EXIT_OK or report["counts"]["failed"]:
        print_summary(report)
        if args.site:
            print(f"  site     {config.name}: {', '.join(config.allowed_domains)}")
    return status


_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def _join_shared_crawl(url: str, name: str, worker: str | None) -> tuple[str, str, str] | None:
    """(name, worker, shared crawl id), or None when that shared crawl has just finished."""
    from datetime import datetime, timezone

    from ..cluster.connect import CrawlFinished, connect, join_run
    from ..cluster.keys import default_worker_id
    from ..session import new_crawl_id

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
    from archive.inputs.safe_names import report_file_name

    from ..report import NO_ROW_REASONS

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
    if c.get("description_only"):
        out.write(f"    text only the head's description {c['description_only']} (pages their "
                  "scripts build; extractor \"description\")\n")
    if c.get("no_row_reasons"):
        out.write("    why no row        " + ", ".join(
            f"{NO_ROW_REASONS.get(k, k)} {v}" for k, v in c["no_row_reasons"].items()) + "\n")
    if c.get("redirected_to_fetched"):
        out.write(f"    redirected to a page fetched already {c['redirected_to_fetched']} (its row "
                  "stands for them)\n")
    if c.get("same_as_fetched"):
        out.write(f"    same page as a URL fetched already {c['same_as_fetched']} (a #fragment or "
                  "the query's order apart)\n")
    if c.get("skipped_page_types"):
        out.write("    types not kept    " + ", ".join(
            f"{k} {v}" for k, v in c["skipped_page_types"].items())
                  + " (EXTRACT_PAGE_TYPES=all keeps them)\n")
    if c.get("encoding_not_as_declared"):
        out.write(f"    not in the charset they declared {c['encoding_not_as_declared']} "
                  "(decoded as their bytes are: encoding_source in each row)\n")
    if any(c.get(k) for k in ("in_window_by_listing", "before_since_by_listing",
                              "in_window_by_page", "before_since_by_page")):
        out.write(f"  since window: by sitemap/feed date {c['in_window_by_listing']} in, "
                  f"{c['before_since_by_listing']} before; by the page's own date "
                  f"{c['in_window_by_page']} in, {c['before_since_by_page']} before\n")
    if c.get("trap_skipped"):
        out.write(f"  calendar/pagination trap: {c['trap_skipped']} URLs not followed "
                  "(max_trap_depth in the site config)\n")
    if c.get("requisites") or c.get("requisites_failed"):
        out.write(f"  page requisites     {c['requisites']:>7}   {c['requisite_bytes']} bytes, "
                  f"{c['requisites_failed']} failed\n")
    out.write(f"  failed URLs         {c['failed']:>7}\n")
    reasons: dict[str, int] = {}
    for failure in report["failures"]:
        if failure.get("requisite_of"):
            continue  # counted on the line above, listed in the report
        reasons[failure["reason"]] = reasons.get(failure["reason"], 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
        out.write(f"    {reason:<22} {count}\n")
    if report.get("rejected_inputs"):
        out.write(f"  input lines skipped {len(report['rejected_inputs']):>7}\n")
    archive = Path(report["archive"])
    out.write(f"  archive  {archive}\n")
    # corpus_file is null when the run wrote no row (crawler/report.py)
    out.write(f"  corpus   {archive / report['corpus_file'] if report['corpus_file'] else '(no new rows)'}\n")
    warcs = report["warc_files"]
    if not warcs:
        shown = "(none)"
    elif len(warcs) == 1:
        shown = str(archive / "warc" / warcs[0])
    else:
        shown = f"{archive / 'warc'}/: {', '.join(warcs)}"
    out.write(f"  WARC     {shown}\n")
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

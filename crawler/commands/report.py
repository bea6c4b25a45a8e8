"""``newsarchive report``: write a crawl's HTML report again."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from archive.errors import InputError

from .common import EXIT_OK


def add_report_parser(verbs: Any) -> None:
    report = verbs.add_parser(
        "report", help="write a crawl's HTML report (reports/CRAWLID.html)",
        description="Write reports/CRAWLID.html, one self-contained page (plots inline, no "
                    "network) from the crawl's JSON report, index and corpus: pages and bytes "
                    "over time, statuses, failures, hosts, page types, languages, text lengths. "
                    "Without CRAWLID: the newest crawl; --all: every crawl. A crawl writes its "
                    "own at its end; this writes it again, e.g. after merge.")
    report.add_argument("crawl_id", nargs="?", metavar="CRAWLID")
    report.add_argument("--archive", metavar="DIR", required=True)
    report.add_argument("--all", action="store_true", help="every crawl of the archive")
    report.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from archive.ops.report import crawl_ids, write_html_report

    archive = Path(args.archive)
    if not (archive / "reports").is_dir():
        raise InputError(f"not a newsarchive archive (no reports/ folder): {archive}")
    known = crawl_ids(archive)
    if args.all and args.crawl_id:
        raise InputError("give CRAWLID or --all, not both")
    if args.crawl_id:
        wanted = [args.crawl_id]
    elif not known:
        raise InputError(f"no crawl reports in {archive / 'reports'}")
    else:
        wanted = known if args.all else known[-1:]
    for crawl_id in wanted:
        print(write_html_report(archive, crawl_id))
    return EXIT_OK

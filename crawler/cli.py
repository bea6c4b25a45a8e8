"""``newsarchive``: one thin function per verb, each calling archive/ or a crawl.

Bad input ends with a one-line message and a non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor
from pathlib import Path

from archive import __version__
from archive.errors import InputError, NewsArchiveError
from .commands.archive_ops import cmd_export, cmd_history, cmd_merge, cmd_rebuild, cmd_seeds, cmd_verify
from .commands.common import EXIT_FATAL, EXIT_USAGE
from .commands.crawl import cmd_crawl
from .commands.report import add_report_parser


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
    crawl.add_argument("--requisites", action="store_true",
                       help="also archive what a browser needs to show each article (stylesheets "
                            "and their imports, images with srcset, fonts, scripts, frames), for "
                            "replay; no corpus rows (or -s ARCHIVE_REQUISITES=True)")
    crawl.add_argument("--requisites-scope", choices=["same-host", "same-site", "any"],
                       help="which requisites: on the article's host, its site (registrable "
                            "domain: a static.* or cdn.* host of it too; the default) or anywhere")
    crawl.add_argument("-q", "--quiet", action="store_true",
                       help="log warnings and errors only; print the summary only when a URL "
                            "failed or the exit status is not 0")
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
                    "SOURCE, merges ARCHIVE/workers/*, or, when ARCHIVE/rebuild-parts/ holds the parts "
                    "of `rebuild --redis` workers, makes the corpus and index of them. Exit 1 if a worker's report cannot be read (named "
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
    rebuild.add_argument("--extract-timeout", metavar="SECONDS", type=float, default=120.0,
                         help="CPU seconds one page's extraction may use, as EXTRACT_TIMEOUT for a "
                              "crawl; a page over it is named on stderr as not extracted and "
                              "counted as failed (default: 120; 0: no limit)")
    shared = rebuild.add_argument_group(
        "shared rebuilds", "Run the same command on several machines that see the same archive, "
        "against one Redis: each claims whole WARC files from a shared queue and writes a part "
        "for each (ARCHIVE/rebuild-parts/); a worker that dies has its files done by another; "
        "all exit when every file is done. Then `newsarchive merge --archive DIR` makes the "
        "corpus and index a single rebuild makes.")
    shared.add_argument("--redis", metavar="URL", help="redis://HOST:PORT/DB: be one worker of the "
                        "shared rebuild (--site and --since do not apply)")
    shared.add_argument("--cluster-name", metavar="NAME",
                        help="the shared rebuild's name, the same on every worker (default: the "
                             "archive folder's name)")
    shared.add_argument("--worker-id", metavar="ID", help="this worker's name (default: HOSTNAME-PID)")
    shared.add_argument("--heartbeat-ttl", metavar="SECONDS", type=int, default=30,
                        help="a worker silent this long is taken for dead and its files queued "
                             "again (default: 30)")
    rebuild.set_defaults(func=cmd_rebuild)

    export = verbs.add_parser(
        "export", help="write the corpus in a format other tools load",
        description="Export the corpus: jsonl (one row per line, .gz allowed), parquet (pyarrow), "
                    "wet (WARC conversion records, as Common Crawl's WET files), text (one file per "
                    "document plus manifest.tsv); or the archive: cdxj (an index pywb reads), wacz "
                    "(WACZ 1.1.1 for ReplayWeb.page and pywb, pages from the corpus). Filters apply "
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
    export.add_argument("--tdm-allowed", action="store_true",
                        help="leave out documents whose site reserved text and data mining (W3C "
                             "TDMRep: tdmrep.json, tdm-reservation header or meta tag)")
    export.add_argument("--free-only", action="store_true",
                        help="leave out documents marked not free to read (isAccessibleForFree "
                             "false) or behind a paywall")
    export.add_argument("--license", metavar="PATTERN",
                        help="keep documents whose licence matches PATTERN (shell-style, "
                             "case-insensitive; without * a substring), e.g. "
                             "'creativecommons.org/licenses/by'")
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
    add_report_parser(verbs)
    return parser


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

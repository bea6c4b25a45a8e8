"""Run one crawl in this process and return its report."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from archive.errors import ArchiveWriteError

from .session import ArchiveSession

# Scrapy's start-up report (versions, overridden settings, every middleware: ~60 lines) and
# its engine's open/close lines: shown at -s LOG_LEVEL=DEBUG, not in a crawl's own output,
# which has the progress lines and the summary. Their warnings and errors still show.
STARTUP_LOGGERS = ("scrapy.utils.log", "scrapy.addons", "scrapy.middleware", "scrapy.crawler",
                   "scrapy.core.engine", "scrapy.extensions.telnet")


def _below_warning(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


def run_crawl(spider: str, spider_args: dict[str, str], archive: Path,
              overrides: dict[str, str], *, quiet: bool = False) -> dict[str, Any]:
    settings = get_project_settings()
    settings.set("ARCHIVE_DIR", str(archive), priority="cmdline")
    if quiet:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    if logging.getLevelName(str(settings.get("LOG_LEVEL")).upper()) != logging.DEBUG:
        # a filter, not a level: Scrapy's logging set-up resets its loggers' levels
        for name in STARTUP_LOGGERS:
            target = logging.getLogger(name)
            if _below_warning not in target.filters:
                target.addFilter(_below_warning)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **spider_args)
    process.start()
    try:
        session = crawler.get_extension(ArchiveSession)
    except RuntimeError:  # stopped before its extensions were made
        session = None
    if session is None or not hasattr(session, "final_report"):
        raise ArchiveWriteError("the crawl ended before its archive was opened; see the log above")
    logging.getLogger(__name__).debug("report at %s", session.report_path)
    return session.final_report

"""Log lines that stay readable: a dropped item is named by its URL, never dumped
(it carries the whole page body)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


class NewsArchiveLogFormatter(LogFormatter):
    def dropped(self, item: Any, exception: BaseException, response: Any,
                spider: Any) -> LogFormatterResult:
        level = getattr(exception, "log_level", None) or logging.DEBUG
        if isinstance(level, str):
            level = getattr(logging, level)
        return {"level": level, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}

    def scraped(self, item: Any, response: Any, spider: Any) -> LogFormatterResult:
        return {"level": logging.DEBUG, "msg": "Stored %(url)s",
                "args": {"url": item.get("url") if isinstance(item, dict) else item}}

    def item_error(self, item: Any, exception: BaseException, response: Any,
                   spider: Any) -> LogFormatterResult:
        url = item.get("url") if isinstance(item, dict) else repr(item)[:200]
        return {"level": logging.ERROR, "msg": "Error processing %(url)s: %(exc)s",
                "args": {"url": url, "exc": exception}}

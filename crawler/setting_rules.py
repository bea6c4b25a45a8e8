"""What a ``-s NAME=VALUE`` may be, checked before a crawl writes anything.

Scrapy takes any name and reads a value only when a component asks for it: a misspelt
name (``download_delay``) was silently unused, and a bad value (``ROBOTSTXT_OBEY=maybe``)
ended the crawl with a Twisted traceback after the archive folder was made. Names are
those of Scrapy's defaults, ``crawler/settings.py`` and scrapy-redis; a value's type is
its default's.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any

from archive.errors import InputError
from archive.extract.page_type import parse_page_types

__all__ = ["check_override", "known_settings"]

# Read by scrapy-redis (the shared crawls' queue), which has no defaults module of its own
# that lists them all.
SCRAPY_REDIS_SETTINGS = (
    "REDIS_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_PARAMS", "REDIS_ENCODING",
    "REDIS_DECODE_RESPONSES", "REDIS_ITEMS_KEY", "REDIS_ITEMS_SERIALIZER", "REDIS_START_URLS_KEY",
    "REDIS_START_URLS_AS_SET", "REDIS_START_URLS_AS_ZSET", "SCHEDULER_PERSIST",
    "SCHEDULER_FLUSH_ON_START", "SCHEDULER_IDLE_BEFORE_CLOSE", "SCHEDULER_QUEUE_KEY",
    "SCHEDULER_QUEUE_CLASS", "SCHEDULER_DUPEFILTER_KEY", "SCHEDULER_DUPEFILTER_CLASS",
    "SCHEDULER_SERIALIZER", "DUPEFILTER_KEY")
CHOICES = {"EXTRACT_POLICY": ("news", "combined", "fast"), "ARCHIVE_WARC_GZIP": ("isal", "zlib"),
           "ROBOTSTXT_UNREACHABLE": ("disallow", "allow"),
           "ARCHIVE_REQUISITES_SCOPE": ("", "same-host", "same-site", "any")}
# Numbers whose default is None
NUMBERS = ("ARCHIVE_WARC_GZIP_LEVEL",)
# Scrapy's getbool accepts exactly these
BOOLEANS = ("0", "1", "True", "False", "true", "false")
# Counts and sizes: Scrapy reads them with getint, which fails on "2.5"
_INTEGER = re.compile(r"CONCURRENT|_TIMES$|SIZE$|_WORKERS$|COUNT|_CAPACITY$|_LIMIT$|RECYCLE_AFTER$")
# Durations, counts and sizes: a negative one means nothing (a negative delay was taken as 0)
_NOT_NEGATIVE = re.compile(r"DELAY|TIMEOUT|_TIMES$|SIZE$|_WORKERS$|_INTERVAL|_TTL$|_WAIT$|"
                           r"RETRY_AFTER|_CAPACITY$|COUNT|_LIMIT$|RECYCLE_AFTER$")
# Zero would stop the crawl from doing anything (no request in flight, every page timed out)
AT_LEAST_ONE = ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_ITEMS",
                "ARCHIVE_WARC_MAX_SIZE", "CLUSTER_DUPEFILTER_CAPACITY")
POSITIVE = ("DOWNLOAD_TIMEOUT", "EXTRACT_TIMEOUT", "AUTOTHROTTLE_TARGET_CONCURRENCY")


@cache
def known_settings() -> dict[str, Any]:
    """Every setting name a crawl reads, with its default value."""
    from scrapy.settings import default_settings

    from . import settings as ours

    known: dict[str, Any] = {name: None for name in SCRAPY_REDIS_SETTINGS}
    for module in (default_settings, ours):
        known.update((n, getattr(module, n)) for n in dir(module) if n.isupper())
    return known


def check_override(name: str, value: str) -> None:
    """Raise InputError, naming the setting, if ``-s name=value`` is not one a crawl can use."""
    known = known_settings()
    if name not in known:
        close = difflib.get_close_matches(name.upper(), known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise InputError(f"unknown setting -s {name}{hint}")
    if name == "EXTRACT_PAGE_TYPES":
        try:
            parse_page_types(value)
        except ValueError as exc:
            raise InputError(f"bad -s {name}={value!r}: {exc}") from None
        return
    choices = CHOICES.get(name)
    if choices and value not in choices:
        raise InputError(f"bad -s {name}={value!r}: expected one of {', '.join(choices)}")
    default = known[name]
    if isinstance(default, bool):
        if value not in BOOLEANS:
            raise InputError(f"bad -s {name}={value!r}: expected True or False (or 1, 0)")
        return
    if not (isinstance(default, (int, float)) or name in NUMBERS):
        return
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"bad -s {name}={value!r}: expected a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InputError(f"bad -s {name}={value!r}: expected a finite number")
    whole = re.fullmatch(r"[+-]?\d+", value.strip())
    if isinstance(default, int) and _INTEGER.search(name) and not whole:
        raise InputError(f"bad -s {name}={value!r}: expected a whole number")
    if name in AT_LEAST_ONE and number < 1:
        raise InputError(f"bad -s {name}={value}: must be at least 1")
    if name in POSITIVE and number <= 0:
        raise InputError(f"bad -s {name}={value}: must be more than 0")
    if _NOT_NEGATIVE.search(name) and number < 0:
        raise InputError(f"bad -s {name}={value}: must not be negative")
    if name == "CLUSTER_DUPEFILTER_ERROR_RATE" and not 0 < number < 1:
        raise InputError(f"bad -s {name}={value}: must be between 0 and 1")


def extraction_server_plan(overrides: dict[str, str]) -> tuple[bool, float | None]:
    """(EXTRACT_ENABLED, EXTRACT_TIMEOUT or None for no limit) as the crawl will read them
    from ``overrides`` (checked by check_override) and the project's settings, without
    loading Scrapy: the extraction workers' fork server starts before it does."""
    from . import settings as ours

    enabled = overrides.get("EXTRACT_ENABLED")
    timeout = float(overrides.get("EXTRACT_TIMEOUT", ours.EXTRACT_TIMEOUT))
    return (ours.EXTRACT_ENABLED if enabled is None else enabled in ("1", "True", "true"),
            timeout if timeout > 0 else None)

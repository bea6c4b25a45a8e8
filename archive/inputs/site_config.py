"""Site configs (seeds/sites/NAME.toml): data, checked against a schema on load.

    name = "vnexpress"
    start_urls = ["https://vnexpress.net/the-gioi"]
    allowed_domains = ["vnexpress.net"]        # default: the start URLs' hosts
    sitemaps = ["https://vnexpress.net/sitemap.xml"]
    feeds = ["https://vnexpress.net/rss/the-gioi.rss"]
    article_patterns = ['-\\d{7}\\.html$']       # regexes for article URLs
    follow_patterns = ['/the-gioi(-p\\d+)?$']   # regexes for listing pages worth following
    max_depth = 2
    max_trap_depth = 10                        # calendar / pagination pages in a row
    max_pages = 5000
    since = "2d"                               # or "2024-01-01"
    language = "vi"
    requisites = true                          # fetch each article's stylesheets, images, ...
    requisites_scope = "same-site"             # or "same-host", "any"

Every error names the file and the key, in one line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.errors import InputError
from .requisites import SCOPES
from .url_list import check_url

__all__ = ["SiteConfig", "load_site_config", "parse_since"]

_DURATION = re.compile(r"^(\d+)\s*([hdw])$")


@dataclass(frozen=True)
class SiteConfig:
    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    follow_patterns: tuple[str, ...] = ()
    max_depth: int = 3
    # how many calendar or pagination pages in a row a crawl follows from the first one
    # it finds (archive.inputs.discovery.series_key): a calendar's "next month" links go on for
    # ever, and follow_patterns that admit them would otherwise stop only at max_depth
    max_trap_depth: int = 10
    max_pages: int = 10_000
    since: datetime | None = None
    language: str | None = None
    requisites: bool = False  # fetch every article's page requisites (crawler/requisites.py)
    requisites_scope: str | None = None  # same-host, same-site or any; None: the crawl's choice
    source: str = ""
    _article_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _follow_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def planned_pages(self) -> int:
        """The pages a crawl of this site extracts at most: max_pages, and its start pages."""
        return self.max_pages + len(self.start_urls)

    def is_article(self, url: str) -> bool | None:
        """True/False when article_patterns decide, None when there are none."""
        if not self._article_res:
            return None
        return any(p.search(url) for p in self._article_res)

    def should_follow(self, url: str) -> bool:
        return not self._follow_res or any(p.search(url) for p in self._follow_res)

    def in_scope(self, url: str) -> bool:
        """The URL's host is an allowed domain or below one; an allowed domain written
        with a port ("127.0.0.1:8080") admits that port only."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        try:
            port = parts.port
        except ValueError:
            return False
        for domain in self.allowed_domains:
            name, _, want_port = domain.partition(":")
            if want_port and str(port) != want_port:
                continue
            if host == name or host.endswith("." + name):
                return True
        return False


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """ "2d", "12h", "1w" or an ISO date/datetime -> an aware UTC datetime."""
    now = now or datetime.now(timezone.utc)
    match = _DURATION.match(value.strip().lower())
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now - {"h": timedelta(hours=amount), "d": timedelta(days=amount),
                      "w": timedelta(weeks=amount)}[unit]
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("expected a duration (12h, 2d, 1w) or an ISO date") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


_STR_LISTS = ("start_urls", "allowed_domains", "sitemaps", "feeds", "article_patterns",
              "follow_patterns")
_KEYS = {"name", "since", "language", "max_depth", "max_trap_depth", "max_pages", "requisites",
         "requisites_scope", *_STR_LISTS}


def _host_and_port(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return f"{host}:{parts.port}" if parts.port and parts.port != default else host


def _fail(source: str, key: str, message: str) -> InputError:
    return InputError(f"{source}: key {key!r}: {message}")


def load_site_config(path: str | Path) -> SiteConfig:
    path = Path(path)
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"site config not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read site config {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: not valid TOML: {exc}") from None
    return site_config_from_dict(data, source)


def site_config_from_dict(data: dict[str, Any], source: str = "<config>") -> SiteConfig:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise _fail(source, unknown[0], f"unknown key (known: {', '.join(sorted(_KEYS))})")
    for key in ("name", "start_urls"):
        if key not in data:
            raise _fail(source, key, "required")
    name = data["name"]
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", name):
        raise _fail(source, "name", "must be 1-64 letters, digits, '.', '_' or '-'")
    values: dict[str, Any] = {"name": name, "source": source}
    for key in _STR_LISTS:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _fail(source, key, "must be a list of strings")
        values[key] = tuple(value)
    if not values["start_urls"]:
        raise _fail(source, "start_urls", "must hold at least one URL")
    for key in ("start_urls", "sitemaps", "feeds"):
        for url in values[key]:
            reason = check_url(url)
            if reason:
                raise _fail(source, key, f"{reason}: {url[:80]!r}")
    compiled = {}
    for key in ("article_patterns", "follow_patterns"):
        try:
            compiled[key] = tuple(re.compile(p) for p in values[key])
        except re.error as exc:
            raise _fail(source, key, f"bad regular expression: {exc}") from None
    if not values["allowed_domains"]:
        values["allowed_domains"] = tuple(sorted({_host_and_port(u) for u in values["start_urls"]}))
    else:
        values["allowed_domains"] = tuple(d.lower().lstrip(".") for d in values["allowed_domains"])
    for key, low, high in (("max_depth", 0, 100), ("max_trap_depth", 0, 1000),
                           ("max_pages", 1, 10_000_000)):
        value = data.get(key, SiteConfig.__dataclass_fields__[key].default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise _fail(source, key, f"must be a whole number from {low} to {high}")
        values[key] = value
    since = data.get("since")
    if since is not None:
        if isinstance(since, (date, datetime)):
            since = since.isoformat()
        if not isinstance(since, str):
            raise _fail(source, "since", "must be a string")
        try:
            values["since"] = parse_since(since)
        except ValueError as exc:
            raise _fail(source, "since", str(exc)) from None
    language = data.get("language")
    if language is not None and (not isinstance(language, str)
                                 or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", language)):
        raise _fail(source, "language", "must be a BCP 47 tag such as 'vi' or 'zh-Hans'")
    values["language"] = language
    requisites = data.get("requisites", False)
    if not isinstance(requisites, bool):
        raise _fail(source, "requisites", "must be true or false")
    values["requisites"] = requisites
    scope = data.get("requisites_scope")
    if scope is not None and scope not in SCOPES:
        raise _fail(source, "requisites_scope", f"must be one of {', '.join(SCOPES)}")
    values["requisites_scope"] = scope
    return SiteConfig(**values, _article_res=compiled["article_patterns"],
                      _follow_res=compiled["follow_patterns"])

"""Which corpus rows an export or a rebuild keeps: by language, site, dates, length,
duplicate marks, and the rights fields (archive/extract/rights.py)."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["ExportFilter", "license_matches"]


def license_matches(license_value: str | None, pattern: str) -> bool:
    """``export --license PATTERN``: a shell-style pattern, case-insensitive, matched
    against the whole licence; a pattern without ``*`` matches as a substring."""
    if not license_value:
        return False
    value, pattern = license_value.lower(), pattern.lower()
    return fnmatch.fnmatchcase(value, pattern if "*" in pattern else f"*{pattern}*")


@dataclass(frozen=True)
class ExportFilter:
    language: str | None = None
    min_length: int = 0
    site: str | None = None  # a host; its subdomains match too
    since: str | None = None  # ISO date: published (or fetched) on or after
    until: str | None = None  # ISO date: published (or fetched) on or before
    drop_duplicates: bool = False  # leave out rows marked duplicate_of
    latest: bool = False  # of each URL's versions only the newest, before the other filters
    tdm_allowed: bool = False  # leave out rows whose site reserved text and data mining
    free_only: bool = False  # leave out rows not free to read (isAccessibleForFree false, a paywall)
    license: str | None = None  # keep rows whose licence matches (license_matches)

    def keep(self, row: dict[str, Any]) -> bool:
        if self.language and (row.get("language") or "").lower() != self.language.lower():
            return False
        if self.site:
            host = (urlsplit(row["final_url"]).hostname or "").lower()
            site = self.site.lower()
            if host != site and not host.endswith("." + site):
                return False
        day = (row.get("published") or row.get("fetched_at") or "")[:10]
        if self.since and day < self.since[:10]:
            return False
        if self.until and day > self.until[:10]:
            return False
        if self.drop_duplicates and row.get("duplicate_of"):
            return False
        # a row written before rights fields existed has none: unknown, so left out
        # (``rebuild`` gives it them)
        if self.tdm_allowed and ("tdm_reservation" not in row or row["tdm_reservation"] is True):
            return False
        if self.free_only and ("paywalled" not in row or row["paywalled"]
                               or row.get("is_accessible_for_free") is False):
            return False
        if self.license is not None and not license_matches(row.get("license"), self.license):
            return False
        return len(row.get("text") or "") >= self.min_length

"""Which corpus rows an export or a rebuild keeps: by language, site, dates, length,
duplicate marks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["ExportFilter"]


@dataclass(frozen=True)
class ExportFilter:
    language: str | None = None
    min_length: int = 0
    site: str | None = None  # a host; its subdomains match too
    since: str | None = None  # ISO date: published (or fetched) on or after
    until: str | None = None  # ISO date: published (or fetched) on or before
    drop_duplicates: bool = False  # leave out rows marked duplicate_of
    latest: bool = False  # of each URL's versions only the newest, before the other filters

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
        return len(row.get("text") or "") >= self.min_length

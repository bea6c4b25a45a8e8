"""The exception tree of newsarchive.

    NewsArchiveError
    ├── InputError          bad user input: URL list, setting, config (one-line message)
    ├── ArchiveWriteError   the archive could not be written: fatal to a crawl
    └── ArchiveReadError    a WARC, index or corpus file could not be read
"""

from __future__ import annotations

__all__ = ["NewsArchiveError", "InputError", "ArchiveWriteError", "ArchiveReadError"]


class NewsArchiveError(Exception):
    """Base of every error newsarchive raises on purpose."""


class InputError(NewsArchiveError):
    """Input that newsarchive refuses; the message names the file, line or key."""


class ArchiveWriteError(NewsArchiveError):
    """Writing to the archive failed. Never swallowed: the archive must not
    claim what it does not hold."""


class ArchiveReadError(NewsArchiveError):
    """An archive file is unreadable or corrupt."""

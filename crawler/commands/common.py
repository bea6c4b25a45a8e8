"""What the commands share: exit statuses, parsing of values, the archive folder checks,
and how damaged records met on the way are reported."""

from __future__ import annotations

import sys
from pathlib import Path

from archive.errors import InputError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_FATAL, EXIT_LOCKED = 0, 1, 2, 3, 4
EXIT_NOTHING_DONE = 5  # a crawl in which every URL failed: nothing fetched or extracted
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM, after a clean stop (as shells report SIGINT)


def parse_duration(text: str, what: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = text.strip().lower()
    try:
        if text[-1:] in units:
            value = float(text[:-1]) * units[text[-1]]
        else:
            value = float(text)
    except ValueError:
        raise InputError(f"bad {what} {text!r}: expected e.g. 90s, 30m or 2h") from None
    if value <= 0:
        raise InputError(f"bad {what} {text!r}: must be positive")
    return value


def parse_setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or not name.replace("_", "").isalnum() or not name[0].isalpha():
        raise InputError(f"bad -s setting {text!r}: expected NAME=VALUE, e.g. -s DOWNLOAD_DELAY=1")
    return name, value


def parse_date(text: str | None, what: str) -> str | None:
    """An ISO date (or date and time) as given, or InputError: a filter on a date that is
    no date compared as text and quietly kept nothing, or everything."""
    if text is None:
        return None
    from datetime import date, datetime

    try:
        (date.fromisoformat if len(text) == 10 else datetime.fromisoformat)(text)
    except ValueError:
        raise InputError(f"bad {what} {text!r}: expected a date, e.g. 2024-01-31") from None
    return text


# The folders an archive writes its files in, and what their names hold (warc/ also
# the WARC, WACZ and ARC files a user brings for rebuild): a folder of that name holding
# anything else (a Python package's warc/ and corpus/ modules, when
# --archive names a source tree's "archive" package) is not an archive's.
_ARCHIVE_SUBFOLDERS = {"warc": (".warc", ".wacz", ".arc"), "corpus": (".jsonl",), "reports": (".json", ".html")}


def _not_an_archive(archive: Path) -> str | None:
    """Why ``archive`` (an existing folder) cannot be an archive, or None: one of the
    folders an archive writes in is a file, or holds only what no archive writes there,
    or is a Python package. (A stray file beside an archive's own is left alone.)"""
    for sub, marks in _ARCHIVE_SUBFOLDERS.items():
        folder = archive / sub
        if not folder.exists():
            continue
        if not folder.is_dir():
            return f"{folder} is a file"
        try:
            entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
        except OSError as exc:
            return f"{folder} cannot be read ({exc.strerror})"
        foreign = sorted(p.name for p in entries
                         if p.is_dir() or not any(m in p.name for m in marks))
        if foreign and (len(foreign) == len(entries) or "__init__.py" in foreign):
            more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
            return f"{folder} holds {foreign[0]}{more}, which no archive writes there"
    return None


def archive_folder(path: str) -> Path:
    """The folder an archive is (to be) written in: refused when it, or the nearest of its
    parents that exists, is not a folder, or when it holds a warc/, corpus/ or reports/
    folder of other files (_not_an_archive): the crawl would write among them."""
    archive = Path(path)
    if archive.exists() and not archive.is_dir():
        raise InputError(f"--archive is not a folder: {archive}")
    parent = archive.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise InputError(f"--archive {archive} is under {parent}, which is a file, not a folder")
    why = _not_an_archive(archive) if archive.is_dir() else None
    if why:
        raise InputError(f"--archive {archive} is not an archive: {why}; give a new or empty "
                         "folder, or an archive")
    return archive


def existing_archive(path: str) -> Path:
    archive = Path(path)
    if not (archive / "warc").is_dir():
        raise InputError(f"not a newsarchive archive (no warc/ folder): {archive}")
    why = _not_an_archive(archive)
    if why:
        raise InputError(f"not a newsarchive archive: {why}")
    return archive


def report_problems(problems: list[str]) -> int:
    """Damaged records met on the way (and, for a CDXJ export, what it cannot index): one
    line each on stderr, exit status 1."""
    for problem in problems:
        print(f"newsarchive: skipped: {problem}", file=sys.stderr)
    if problems:
        print(f"newsarchive: {len(problems)} item{'s' if len(problems) != 1 else ''} skipped, "
              "each named above; the rest was processed (`newsarchive verify` lists what is "
              "wrong in an archive)", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK

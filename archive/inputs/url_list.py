"""URL lists: one URL per line, blank lines and ``#`` comments skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from archive.errors import InputError

__all__ = ["UrlListEntry", "read_url_list", "parse_url_lines", "check_url", "canonical_url",
           "count_url_lines"]

# Longer URLs are almost always traps or junk; browsers and servers cap around 8 KB.
MAX_URL_LENGTH = 8192


@dataclass(frozen=True)
class UrlListEntry:
    url: str
    line: int


# Query parameters that name no page: a session's id, and WordPress's "reply to this
# comment" link (the same post again for every comment, a known crawler trap).
_NO_PAGE_PARAMS = frozenset(("phpsessid", "jsessionid", "sessionid", "session_id", "cfid",
                             "cftoken", "replytocom"))


def canonical_url(url: str) -> str:
    """The crawl's canonical form of a URL: courlan's normalisation (scheme and host
    lowercased, parameters sorted, tracking parameters removed), without its fragment and
    the parameters that name no page (_NO_PAGE_PARAMS). Site crawls schedule URLs in this
    form; history and version grouping compare URLs in it.

    Every other parameter stays: courlan's strict mode, which keeps only a dozen it
    knows ("id", "p", "page", ...), made one URL of a TYPO3 site's news items
    ("detail?tx_news_pi1[news]=42&cHash=..." -> "detail"), of Joomla's articles, of a
    WordPress blog's pages of posts ("/?paged=2" -> "/") and categories, and of
    "news.php?newsid=44": a site crawl fetched the first of them and none of the rest."""
    import courlan  # here: it loads its tables, and most commands never need it

    try:
        normal = str(courlan.normalize_url(url, strict=False))
    except (ValueError, TypeError):
        return url
    parts = urlsplit(normal)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if k.lower() not in _NO_PAGE_PARAMS]
        if len(kept) < len(pairs):
            query = urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def check_url(url: str) -> str | None:
    """The reason ``url`` cannot be crawled, or None when it can."""
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    if "\x00" in url or any(c.isspace() for c in url):
        return "URL contains whitespace or NUL"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"malformed URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) URL (scheme {parts.scheme!r})" if parts.scheme else "not an http(s) URL"
    if not parts.hostname:
        return "URL has no host"
    return None


_TRAILING_COMMENT = re.compile(r"\s#.*$")


def parse_url_lines(lines: Iterator[str], source: str, *, skip_invalid: bool = False,
                    rejected: list[tuple[int, str, str]] | None = None) -> list[UrlListEntry]:
    """Parse URL-list lines; exact duplicates are kept once (first line wins).

    A bad line raises InputError naming ``source`` and the line number, unless
    ``skip_invalid``: then it is appended to ``rejected`` as (line, text, reason).
    """
    seen: set[str] = set()
    entries: list[UrlListEntry] = []
    first_bad: str | None = None  # the error, where a bad line stops the command
    bad_lines: list[int] = []
    for number, raw in enumerate(lines, start=1):
        # a comment after the URL, past whitespace (which no URL holds): "URL  # note"
        text = _TRAILING_COMMENT.sub("", raw).strip()
        if not text or text.startswith("#"):
            continue
        reason = check_url(text)
        if reason:
            if not skip_invalid:
                # the whole list is read first: every bad line is named at once, not one
                # a run
                if first_bad is None:
                    shown = text if len(text) <= 80 else text[:77] + "..."
                    first_bad = f"{source}:{number}: {reason}: {shown!r}"
                bad_lines.append(number)
                continue
            if rejected is not None:
                rejected.append((number, text[:200], reason))
            continue
        if text in seen:
            continue
        seen.add(text)
        entries.append(UrlListEntry(text, number))
    if first_bad is not None:
        if len(bad_lines) > 1:
            others = ", ".join(map(str, bad_lines[1:11])) + (", ..." if len(bad_lines) > 11 else "")
            first_bad += (f" (and {len(bad_lines) - 1} more bad line"
                          f"{'s' if len(bad_lines) > 2 else ''}: {others}; --skip-invalid skips them)")
        raise InputError(first_bad)
    return entries


def read_url_list(path: str | Path, *, skip_invalid: bool = False,
                  rejected: list[tuple[int, str, str]] | None = None) -> list[UrlListEntry]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"URL list not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"URL list is a directory: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read URL list {path}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 text") from None
    return parse_url_lines(iter(text.splitlines()), str(path), skip_invalid=skip_invalid,
                           rejected=rejected)


def count_url_lines(path: str | Path) -> int | None:
    """The list's lines that are neither blank nor comments, split as read_url_list
    splits them: the pages a crawl of it extracts at most (None when it cannot be read;
    read_url_list reports that)."""
    try:
        text = Path(path).read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))

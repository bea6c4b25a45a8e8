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


# Query parameters kept in a URL's canonical form: those courlan's strict mode keeps
# ("id", "p", "page", "page_id", "postid", "lang", ...), and those with which the
# commonest CMSs name a page. Strict mode alone made one URL of every TYPO3 news item
# ("detail?tx_news_pi1[news]=42&cHash=..." -> "detail"), every Joomla article, every
# page of a WordPress blog's posts ("/?paged=2" -> "/") and category ("?cat=5"), and
# "news.php?newsid=44": a site crawl fetched the first of them and none of the rest.
# Every other parameter still goes: a tracker courlan does not know ("?mod=hp_lead",
# "?CMP=share_btn"), a share or print variant, a sort order, a filter: the same page,
# or pages without end.
_CONTENT_PARAMS = frozenset((
    # WordPress: a page of posts, a category, a tag, a month's archive
    "paged", "cat", "tag", "m",
    # Joomla: the component, its view and layout, the category, and TYPO3's cache hash
    "option", "view", "layout", "catid", "chash",
    # dates and offsets of archives ("?year=2024&month=5", "?start=20")
    "year", "month", "day", "start", "offset",
    # a story by name
    "story", "article", "news", "entry"))
# A parameter whose name ends so names a thing by its number ("newsid", "articleId",
# "storyid", "nid", "cid") unless it is a tracker's or a session's id
_ID_PARAM = re.compile(r"^[a-z][a-z_]*id$")
# a session's token as a value ("sid" of phpBB, "s" of vBulletin: a new one in every
# link of every page served to a crawler without cookies)
_SESSION_VALUE = re.compile(r"^[0-9a-f]{16,}$", re.IGNORECASE)
_SESSION_PARAMS = frozenset(("sid", "s", "oscsid", "zenid", "phpsessid", "jsessionid",
                             "sessionid", "session_id", "cfid", "cftoken"))


def _names_page(key: str, value: str) -> bool:
    """Whether query parameter ``key=value`` stays in a URL's canonical form."""
    from courlan.clean import TRACKERS_RE
    from courlan.settings import ALLOWED_PARAMS, LANG_PARAMS

    name = key.lower()
    if name in _SESSION_PARAMS and (name not in ("sid", "s") or _SESSION_VALUE.match(value)):
        return False  # ("sid" also names a story: Slashdot's "article.pl?sid=24/01/12/169219")
    if name in ALLOWED_PARAMS or name in LANG_PARAMS or name in _CONTENT_PARAMS:
        return True
    if name.startswith("tx_"):  # a TYPO3 extension's ("tx_news_pi1[news]")
        return True
    return bool(_ID_PARAM.match(name)) and not TRACKERS_RE.search(name)


def canonical_url(url: str) -> str:
    """The crawl's canonical form of a URL: courlan's normalisation (scheme and host
    lowercased, parameters sorted), without its fragment, and of its query parameters
    only those that name a page (_names_page). Site crawls schedule URLs in this form;
    history and version grouping compare URLs in it."""
    import courlan  # here: it loads its tables, and most commands never need it

    try:
        normal = str(courlan.normalize_url(url, strict=False))
    except (ValueError, TypeError):
        return url
    parts = urlsplit(normal)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if _names_page(k, v)]
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

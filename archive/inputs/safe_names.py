"""File names made from values read from input: a WARC's ``isPartOf``, a file name,
a worker's report. Such a value may be an absolute path, hold ``/``, ``..``, NUL
or control characters, or be too long for a file system; the archive writes
``corpus/STEM.jsonl`` and ``reports/STEM.json`` only with a stem from here, so a
file never lands outside its folder whatever the input says.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

__all__ = ["file_stem", "is_plain_name", "corpus_file_name", "report_file_name",
           "url_file_name"]

# What every crawl id newsarchive makes looks like (20240101T000000Z-a1b2c3): kept as is.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def is_plain_name(value: str) -> bool:
    """ASCII letters, digits, ``.``, ``_`` and ``-``, starting with a letter or digit
    (so never ``.``, ``..`` or a hidden file), at most 100 characters."""
    return _PLAIN.fullmatch(value) is not None


def file_stem(value: str) -> str:
    """``value`` itself when it is a plain name, else a slug of it, ``+`` and a short
    hash of the whole value. ``+`` never occurs in a plain name, so a mapped stem cannot
    collide with a plain one; the hash keeps two values with the same slug apart."""
    if is_plain_name(value):
        return value
    slug = _UNSAFE.sub("-", value).strip("-.")[:60].strip("-.") or "unnamed"
    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}+{digest}"


def corpus_file_name(crawl_id: str) -> str:
    """``CRAWLID.jsonl`` under ``corpus/``; a crawl id read from a WARC (warcinfo
    ``isPartOf``) or made from a file name is mapped by ``file_stem``."""
    return f"{file_stem(crawl_id)}.jsonl"


def report_file_name(crawl_id: str) -> str:
    """``CRAWLID.json`` under ``reports/``."""
    return f"{file_stem(crawl_id)}.json"


def html_report_file_name(crawl_id: str) -> str:
    """``CRAWLID.html`` under ``reports/``, beside the JSON report."""
    return f"{file_stem(crawl_id)}.html"


def url_file_name(url: str, number: int) -> str:
    """The file of a text export's document ``number``, made from its URL: ASCII
    letters, digits, dot, dash and underscore only, never leading dots, bounded."""
    parts = urlsplit(url)
    slug = _UNSAFE.sub("-", f"{parts.hostname or 'x'}-{parts.path}").strip("-.")[:80] or "doc"
    digest = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{number:06d}-{slug}-{digest}.txt"

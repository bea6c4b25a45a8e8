"""The keys made from extracted text: a document's text digest and a paragraph's key.
Light on purpose (hashlib only): ``verify``, the corpus pipeline and the site-template
pass need them without loading trafilatura."""

from __future__ import annotations

import hashlib

__all__ = ["line_key", "text_sha1"]


def text_sha1(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def line_key(line: str) -> str:
    """The line lower-cased, its runs of whitespace made one space, hashed. (split() and
    the regex \\s+ both go by Py_UNICODE_ISSPACE: the same keys as the regex the first
    archives were written with, at 0.4 of its cost.)"""
    return hashlib.sha1(" ".join(line.lower().split()).encode("utf-8")).hexdigest()[:16]

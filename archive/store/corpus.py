"""Corpus rows: one JSON object per line in ``DIR/corpus/CRAWLID.jsonl``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archive.errors import ArchiveReadError, ArchiveWriteError

__all__ = ["CorpusWriter", "iter_corpus", "corpus_counts", "make_row", "is_extraction_candidate",
           "ROW_FIELDS"]

# The external contract (docs/design.md); extra fields are welcome, these never go away.
ROW_FIELDS = ("url", "final_url", "status", "fetched_at", "title", "author", "published",
              "sitename", "language", "text", "text_sha1", "warc", "payload_digest",
              "crawl_id", "extractor")


def is_extraction_candidate(status: int, content_type: str | None) -> bool:
    """A response worth extracting: a 2xx whose type is HTML (or not stated)."""
    return 200 <= status < 300 and (not content_type or "html" in content_type.lower())


def make_row(*, url: str, final_url: str, status: int, fetched_at: str, doc: Any,
             warc: dict[str, Any], payload_digest: str | None, crawl_id: str) -> dict[str, Any]:
    """One corpus row; ``doc`` is an archive.extract.ExtractedDocument. The crawl and
    rebuild both build rows here, so the same capture gives the same bytes."""
    row = {
        "url": url,
        "final_url": final_url,
        "status": status,
        "fetched_at": fetched_at,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "sitename": doc.sitename,
        "language": doc.language,
        "text": doc.text,
        "text_sha1": doc.text_sha1,
        "warc": {"file": warc["file"], "offset": warc["offset"], "length": warc["length"],
                 "record_id": warc["record_id"]},
        "payload_digest": payload_digest,
        "crawl_id": crawl_id,
        "extractor": doc.extractor,
        "description": doc.description,
        "encoding": doc.encoding,
        "encoding_source": doc.encoding_source,
        "encoding_declared": doc.encoding_declared,
        "original_url": doc.original_url,
        "page_type": doc.page_type,
        "authors": list(doc.authors),
        "modified": doc.modified,
    }
    # what the page says of its rights (archive.extract.rights.PAGE_FIELDS); the final
    # pass adds the host's
    row.update(getattr(doc, "rights", None) or {})
    return row


def dumps_row(row: dict[str, Any]) -> str:
    # sort_keys keeps rows byte-identical between a crawl and a rebuild
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class CorpusWriter:
    """Appends rows to one JSONL file; each row is flushed whole or not at all."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.rows = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "ab")
        except OSError as exc:
            raise ArchiveWriteError(f"cannot open corpus file {self.path}: {exc}") from exc

    def write(self, row: dict[str, Any]) -> int:
        """Append ``row``; return its line number (1-based)."""
        missing = [f for f in ROW_FIELDS if f not in row]
        if missing:
            raise ValueError(f"corpus row lacks {missing}")
        data = (dumps_row(row) + "\n").encode("utf-8")
        start = self._fh.tell()
        try:
            self._fh.write(data)
            self._fh.flush()
        except OSError as exc:
            try:
                self._fh.truncate(start)
            except OSError:
                pass
            raise ArchiveWriteError(f"corpus write to {self.path} failed: {exc}") from exc
        self.rows += 1
        return self.rows

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()


def corpus_counts(path: str | Path) -> tuple[dict[str, int], int]:
    """A corpus file's (or folder's) rows by page type, and how many of them are the
    description their page declares (extractor "description"): a report's counts of
    rows written by more than one run. Raises what iter_corpus raises."""
    types: dict[str, int] = {}
    described = 0
    for row in iter_corpus(path):
        kind = row.get("page_type") or "unknown"
        types[kind] = types.get(kind, 0) + 1
        described += (row.get("extractor") or {}).get("name") == "description"
    return dict(sorted(types.items())), described


def iter_corpus(path: str | Path) -> Iterator[dict[str, Any]]:
    """Rows of one corpus file or of every ``*.jsonl`` in a corpus folder, in order."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    for file in files:
        with open(file, encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ArchiveReadError(f"{file}:{number}: bad corpus row: {exc.msg}") from None


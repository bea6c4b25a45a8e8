"""``newsarchive export``: the corpus in forms other tools load as they are."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .corpus import dumps_row, iter_corpus
from .errors import ArchiveWriteError, InputError

__all__ = ["ExportFilter", "export_corpus", "iter_documents", "safe_name"]


@dataclass(frozen=True)
class ExportFilter:
    language: str | None = None
    min_length: int = 0
    site: str | None = None  # a host; its subdomains match too
    since: str | None = None  # ISO date: published (or fetched) on or after
    until: str | None = None  # ISO date: published (or fetched) on or before
    drop_duplicates: bool = False  # leave out rows marked duplicate_of

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


def iter_documents(archive: str | Path, filt: ExportFilter = ExportFilter()) -> Iterator[dict[str, Any]]:
    """Corpus rows of an archive, filtered, in corpus order."""
    corpus = Path(archive) / "corpus"
    if not corpus.is_dir():
        return
    for row in iter_corpus(corpus):
        if filt.keep(row):
            yield row


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(url: str, number: int) -> str:
    """A file name made from a URL that stays inside its folder whatever the URL:
    ASCII letters, digits, dot, dash and underscore only, never leading dots, bounded."""
    parts = urlsplit(url)
    slug = _UNSAFE.sub("-", f"{parts.hostname or 'x'}-{parts.path}").strip("-.")[:80] or "doc"
    digest = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{number:06d}-{slug}-{digest}.txt"


def export_corpus(archive: str | Path, fmt: str, out: Path, filt: ExportFilter = ExportFilter(),
                  problems: list[str] | None = None) -> int:
    """Write the export; return how many items. cdxj and wacz read the WARC files: a
    damaged record there is skipped and described in ``problems``."""
    rows = iter_documents(archive, filt)
    try:
        if fmt == "jsonl":
            return _export_jsonl(rows, out)
        if fmt == "text":
            return _export_text(rows, out)
        if fmt == "wet":
            return _export_wet(rows, out)
        if fmt == "parquet":
            return _export_parquet(rows, out)
        if fmt == "cdxj":
            from .cdx import cdxj_lines
            out.parent.mkdir(parents=True, exist_ok=True)
            count = 0
            with open(out, "w", encoding="utf-8") as fh:
                for line in cdxj_lines(Path(archive), problems=problems):
                    fh.write(line + "\n")
                    count += 1
            return count
        if fmt == "wacz":
            from .wacz import write_wacz
            return write_wacz(Path(archive), out, problems=problems)
    except OSError as exc:
        raise ArchiveWriteError(f"export to {out} failed: {exc}") from exc
    raise InputError(f"unknown export format {fmt!r}")


def _export_jsonl(rows: Iterator[dict[str, Any]], out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".zst":
        try:
            import zstandard
        except ImportError:
            raise InputError("writing .zst needs zstandard: pip install zstandard") from None

        def opener(path: Path, mode: str):  # noqa: ANN202
            return zstandard.open(path, mode)
    else:
        opener = gzip.open if out.suffix == ".gz" else open  # type: ignore[assignment]
    count = 0
    with opener(out, "wb") as fh:  # type: ignore[operator]
        for row in rows:
            fh.write((dumps_row(row) + "\n").encode("utf-8"))
            count += 1
    return count


def _export_text(rows: Iterator[dict[str, Any]], out: Path) -> int:
    if out.exists() and not out.is_dir():
        raise InputError(f"--out must be a folder for the text format: {out}")
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(out / "manifest.tsv", "w", encoding="utf-8", newline="") as manifest:
        manifest.write("file\turl\ttitle\tlanguage\tpublished\trecord_id\n")
        for row in rows:
            count += 1
            name = safe_name(row["final_url"], count)
            (out / name).write_text((row.get("title") or "") + "\n\n" + row["text"] + "\n",
                                    encoding="utf-8")
            fields = [name, row["final_url"], row.get("title") or "", row.get("language") or "",
                      row.get("published") or "", row["warc"]["record_id"]]
            manifest.write("\t".join(json.dumps(f, ensure_ascii=False)[1:-1] for f in fields) + "\n")
    return count


def _export_wet(rows: Iterator[dict[str, Any]], out: Path) -> int:
    """WET as Common Crawl writes it: a warcinfo, then one ``conversion`` record of
    plain text per document, referring to its response record (WARC-Refers-To)."""
    import io

    from warcio.warcwriter import WARCWriter

    from .records import SOFTWARE

    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=out.suffix == ".gz", warc_version="WARC/1.1")
        info = f"software: {SOFTWARE}\r\nformat: WARC file format 1.1 (WET)\r\n".encode()
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(info), length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Filename": out.name}))
        for row in rows:
            body = row["text"].encode("utf-8")
            headers = {"WARC-Date": row["fetched_at"], "WARC-Refers-To": row["warc"]["record_id"],
                       "Content-Type": "text/plain"}
            if row.get("language"):
                headers["WARC-Identified-Content-Language"] = row["language"]
            writer.write_record(writer.create_warc_record(
                row["final_url"], "conversion", payload=io.BytesIO(body), length=len(body),
                warc_content_type="text/plain", warc_headers_dict=headers))
            count += 1
    return count


def _export_parquet(rows: Iterator[dict[str, Any]], out: Path) -> int:
    from .parquet import write_parquet

    out.parent.mkdir(parents=True, exist_ok=True)
    return write_parquet(rows, out)

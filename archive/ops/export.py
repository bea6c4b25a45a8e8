"""``newsarchive export``: the corpus in forms other tools load as they are."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archive.store.corpus import dumps_row, iter_corpus
from archive.errors import ArchiveWriteError, InputError
from archive.inputs.safe_names import url_file_name
from archive.inputs.url_list import canonical_url
from archive.store.row_filter import ExportFilter

__all__ = ["ExportFilter", "export_corpus", "iter_documents"]


def iter_documents(archive: str | Path, filt: ExportFilter = ExportFilter()) -> Iterator[dict[str, Any]]:
    """Corpus rows of an archive, filtered, in corpus order."""
    corpus = Path(archive) / "corpus"
    if not corpus.is_dir():
        return
    newest = _newest_versions(corpus) if filt.latest else None
    for row in iter_corpus(corpus):
        if newest is not None and (newest[canonical_url(row["final_url"])][1]
                                   != row["warc"]["record_id"]):
            continue
        if filt.keep(row):
            yield row


def _newest_versions(corpus: Path) -> dict[str, tuple[str, str]]:
    """canonical URL -> (fetched_at, record id) of its newest corpus row: a first pass,
    holding one entry per URL, never the rows."""
    newest: dict[str, tuple[str, str]] = {}
    for row in iter_corpus(corpus):
        key = canonical_url(row["final_url"])
        version = (row["fetched_at"], row["warc"]["record_id"])
        if key not in newest or version[0] >= newest[key][0]:
            newest[key] = version
    return newest


def export_corpus(archive: str | Path, fmt: str, out: Path, filt: ExportFilter = ExportFilter(),
                  problems: list[str] | None = None, *, force: bool = False) -> int:
    """Write the export; return how many items. cdxj and wacz read the WARC files: a
    damaged record there is skipped and described in ``problems``.

    The export is written under a temporary name beside ``out`` and renamed to it at
    the end, so a failed export leaves nothing that looks finished. An ``out`` inside
    the archive (or holding it) is refused; so is an existing file, or for the text
    format a non-empty folder, unless ``force``."""
    if fmt not in _FORMATS:
        raise InputError(f"unknown export format {fmt!r}")
    archive, out = Path(archive), Path(out)
    _check_out(archive, out, fmt, force)
    rows = iter_documents(archive, filt)
    tmp = out.with_name(f".{out.stem}.partial-{os.getpid()}{out.suffix}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        count = _FORMATS[fmt](archive, rows, tmp, out.name, problems)
        _move_into_place(tmp, out)
    except OSError as exc:
        _remove(tmp)
        raise ArchiveWriteError(f"export to {out} failed: {exc}") from exc
    except BaseException:
        _remove(tmp)
        raise
    return count


def _check_out(archive: Path, out: Path, fmt: str, force: bool) -> None:
    where, home = out.resolve(), archive.resolve()
    if where == home or home in where.parents:
        raise InputError(f"--out {out} is inside the archive {archive}: export elsewhere")
    if where in home.parents:
        raise InputError(f"--out {out} holds the archive {archive}: export elsewhere")
    if fmt == "text":
        if out.exists() and not out.is_dir():
            raise InputError(f"--out must be a folder for the text format: {out}")
        if out.is_dir() and any(out.iterdir()) and not force:
            raise InputError(f"--out folder {out} is not empty (an earlier export?): "
                             "pass --force to replace it")
    elif out.is_dir():
        raise InputError(f"--out {out} is a folder; the {fmt} format writes a file")
    elif out.exists() and not force:
        raise InputError(f"--out {out} exists: pass --force to overwrite it")


def _move_into_place(tmp: Path, out: Path) -> None:
    if tmp.is_dir() and out.is_dir():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
        try:
            tmp.rename(out)
        except OSError:
            old.rename(out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


def _remove(path: Path) -> None:
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _export_cdxj(archive: Path, rows: Iterator[dict[str, Any]], out: Path, name: str,
                 problems: list[str] | None) -> int:
    from archive.warc.cdx import cdxj_lines

    count = 0
    with open(out, "w", encoding="utf-8") as fh:
        for line in cdxj_lines(archive, problems=problems):
            fh.write(line + "\n")
            count += 1
    return count


def _export_wacz(archive: Path, rows: Iterator[dict[str, Any]], out: Path, name: str,
                 problems: list[str] | None) -> int:
    from .wacz import write_wacz

    return write_wacz(archive, out, problems=problems)


def _export_jsonl(archive: Path, rows: Iterator[dict[str, Any]], out: Path, name: str,
                  problems: list[str] | None) -> int:
    if out.suffix == ".zst":
        try:
            import zstandard
        except ImportError:
            raise InputError("writing .zst needs zstandard: pip install zstandard") from None

        def opener(path: Path, mode: str) -> Any:
            return zstandard.open(path, mode)
    else:
        opener = gzip.open if out.suffix == ".gz" else open  # type: ignore[assignment]
    count = 0
    with opener(out, "wb") as fh:
        for row in rows:
            fh.write((dumps_row(row) + "\n").encode("utf-8"))
            count += 1
    return count


def _flag(value: Any) -> str:
    """A yes/no/unknown field of the text export's manifest."""
    return "" if value is None else ("true" if value else "false")


def _export_text(archive: Path, rows: Iterator[dict[str, Any]], out: Path, name: str,
                 problems: list[str] | None) -> int:
    out.mkdir()
    count = 0
    with open(out / "manifest.tsv", "w", encoding="utf-8", newline="") as manifest:
        manifest.write("file\turl\ttitle\tlanguage\tpublished\trecord_id\tlicense\t"
                       "tdm_reservation\tis_accessible_for_free\n")
        for row in rows:
            count += 1
            name = url_file_name(row["final_url"], count)
            (out / name).write_text((row.get("title") or "") + "\n\n" + row["text"] + "\n",
                                    encoding="utf-8")
            fields = [name, row["final_url"], row.get("title") or "", row.get("language") or "",
                      row.get("published") or "", row["warc"]["record_id"],
                      row.get("license") or "", _flag(row.get("tdm_reservation")),
                      _flag(row.get("is_accessible_for_free"))]
            manifest.write("\t".join(json.dumps(f, ensure_ascii=False)[1:-1] for f in fields) + "\n")
    return count


def _export_wet(archive: Path, rows: Iterator[dict[str, Any]], out: Path, name: str,
                problems: list[str] | None) -> int:
    """WET as Common Crawl writes it: a warcinfo, then one ``conversion`` record of
    plain text per document, referring to its response record (WARC-Refers-To), with a
    block digest and no payload digest (a conversion record's block is its text, with
    no protocol headers to tell a payload from), and the language in ISO 639-3."""
    import io

    from warcio.warcwriter import WARCWriter

    from .languages import iso639_3
    from archive.warc.records import SOFTWARE

    class WetWriter(WARCWriter):  # type: ignore[misc]  # warcio is untyped (no stubs)
        NO_PAYLOAD_DIGEST_TYPES = (*WARCWriter.NO_PAYLOAD_DIGEST_TYPES, "conversion")

    count = 0
    with open(out, "wb") as fh:
        writer = WetWriter(fh, gzip=out.suffix == ".gz", warc_version="WARC/1.1")
        info = f"software: {SOFTWARE}\r\nformat: WARC file format 1.1 (WET)\r\n".encode()
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(info), length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Filename": name}))
        for row in rows:
            body = row["text"].encode("utf-8")
            # in the order Common Crawl's WET records give them
            headers = {"WARC-Type": "conversion", "WARC-Target-URI": row["final_url"],
                       "WARC-Date": row["fetched_at"], "WARC-Record-ID": writer._make_warc_id(),
                       "WARC-Refers-To": row["warc"]["record_id"]}
            language = iso639_3(row.get("language"))
            if language:
                headers["WARC-Identified-Content-Language"] = language
            headers["Content-Type"] = "text/plain"
            writer.write_record(writer.create_warc_record(
                row["final_url"], "conversion", payload=io.BytesIO(body), length=len(body),
                warc_content_type="text/plain", warc_headers_dict=headers))
            count += 1
    return count


def _export_parquet(archive: Path, rows: Iterator[dict[str, Any]], out: Path, name: str,
                    problems: list[str] | None) -> int:
    from .parquet import write_parquet

    return write_parquet(rows, out)


_FORMATS = {"jsonl": _export_jsonl, "wet": _export_wet, "parquet": _export_parquet,
            "cdxj": _export_cdxj, "wacz": _export_wacz, "text": _export_text}

"""WACZ 1.1.1 packages: the WARCs, a CDXJ index, pages.jsonl from the corpus, and a
datapackage.json with a SHA-256 per file (https://specs.webrecorder.net/wacz/1.1.1/).

The index is the compressed ZipNum form py-wacz and Browsertrix write, which
ReplayWeb.page reads a block at a time instead of loading the whole index:
``indexes/index.cdx.gz``, the sorted CDXJ lines in gzip members of ``INDEX_BLOCK_LINES``
lines each (stored in the ZIP, uncompressed, so a reader can seek into it), and
``indexes/index.idx``, a ``!meta`` line, then one line per block: the block's first
key (SURT and timestamp) and its ``offset``, ``length`` and ``digest`` in the .cdx.gz.

A WACZ in the archive's ``warc/`` folder is not nested: its WARCs are packed, each under
its own name (archive/ops/export_names.py).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from archive import __version__
from archive.warc.cdx import cdxj_lines
from archive.store.corpus import iter_corpus
from archive.warc.files import warc_files
from archive.warc.reader import WACZ_SEP, wacz_warc_members
from archive.warc.writer import OPEN_SUFFIX

from .export_names import export_names

__all__ = ["write_wacz", "compressed_index", "INDEX_BLOCK_LINES"]

INDEX_BLOCK_LINES = 1024  # lines per gzip block of index.cdx.gz, as py-wacz writes them


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def compressed_index(lines: Iterable[str], data_name: str = "index.cdx.gz",
                     block_lines: int = INDEX_BLOCK_LINES) -> tuple[bytes, bytes]:
    """(index.cdx.gz, index.idx) for sorted CDXJ ``lines`` (without newlines)."""
    data = bytearray()
    idx = ["!meta 0 " + json.dumps({"format": "cdxj-gzip-1.0", "filename": data_name})]
    block: list[str] = []

    def flush() -> None:
        comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        member = comp.compress("".join(line + "\n" for line in block).encode("utf-8")) + comp.flush()
        key = block[0].split(" {", 1)[0].strip()
        idx.append(f"{key} " + json.dumps({"offset": len(data), "length": len(member),
                                           "digest": "sha256:" + hashlib.sha256(member).hexdigest()}))
        data.extend(member)
        block.clear()

    for line in lines:
        block.append(line)
        if len(block) == block_lines:
            flush()
    if block:
        flush()
    return bytes(data), ("\n".join(idx) + "\n").encode("utf-8")


def _repack_wacz(path: Path, zf: zipfile.ZipFile, names: dict[str, str]) -> list[dict[str, Any]]:
    """Copy the WARCs of the WACZ ``path`` into ``zf``'s ``archive/``, byte for byte (the
    offsets of the index hold), under the names ``export_names`` gave them."""
    resources = []
    with zipfile.ZipFile(path) as source:
        for member in wacz_warc_members(source):
            name = names[f"{path.name}{WACZ_SEP}{member}"]
            size = source.getinfo(member).file_size
            info = zipfile.ZipInfo(f"archive/{name}", date_time=source.getinfo(member).date_time)
            info.compress_type = zipfile.ZIP_STORED
            digest = hashlib.sha256()
            with source.open(member) as fh, zf.open(info, "w", force_zip64=size >= 1 << 31) as dest:
                for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):  # type: ignore[misc]
                    digest.update(chunk)
                    dest.write(chunk)
            resources.append({"name": name, "path": f"archive/{name}",
                              "hash": "sha256:" + digest.hexdigest(), "bytes": size})
    return resources


def write_wacz(archive: Path, out: Path, title: str | None = None,
               problems: list[str] | None = None) -> int:
    """Write ``out``; return the number of pages listed. Damaged records are left out
    of the index and described in ``problems``; their files are packed as they are.
    ``export_corpus`` gives a temporary name and renames it once written."""
    resources = []
    pages = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})]
    corpus = archive / "corpus"
    if corpus.is_dir():
        for row in iter_corpus(corpus):
            pages.append(json.dumps({"id": row["warc"]["record_id"].strip("<>").split(":")[-1],
                                     "url": row["final_url"], "ts": row["fetched_at"],
                                     "title": row.get("title") or row["final_url"],
                                     "text": row["text"]}, ensure_ascii=False))
    files = [p for p in warc_files(archive / "warc") if not p.name.endswith(OPEN_SUFFIX)]
    names = export_names(files)
    cdx_gz, idx = compressed_index(cdxj_lines(archive, problems=problems, names=names))
    pages_text = "\n".join(pages) + "\n"
    with zipfile.ZipFile(out, "w") as zf:
        for path in files:
            # WARCs are gzip already: stored, so readers can seek into them by offset
            if path.suffix == ".wacz":  # its WARCs, each under its own name, not the WACZ
                resources.extend(_repack_wacz(path, zf, names))
                continue
            zf.write(path, f"archive/{path.name}", compress_type=zipfile.ZIP_STORED)
            resources.append({"name": path.name, "path": f"archive/{path.name}",
                              "hash": _sha256_file(path), "bytes": path.stat().st_size})
        # index.cdx.gz stored too: readers fetch its blocks by the offsets in index.idx
        for arc_path, data, method in (("indexes/index.cdx.gz", cdx_gz, zipfile.ZIP_STORED),
                                       ("indexes/index.idx", idx, zipfile.ZIP_DEFLATED),
                                       ("pages/pages.jsonl", pages_text.encode("utf-8"),
                                        zipfile.ZIP_DEFLATED)):
            zf.writestr(arc_path, data, compress_type=method)
            resources.append({"name": Path(arc_path).name, "path": arc_path,
                              "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                              "bytes": len(data)})
        package = {
            "profile": "data-package",
            "wacz_version": "1.1.1",
            "title": title or archive.name,
            "software": f"newsarchive {__version__}",
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "resources": resources,
        }
        package_bytes = json.dumps(package, indent=2).encode("utf-8")
        zf.writestr("datapackage.json", package_bytes, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("datapackage-digest.json", json.dumps({
            "path": "datapackage.json",
            "hash": "sha256:" + hashlib.sha256(package_bytes).hexdigest()}),
            compress_type=zipfile.ZIP_DEFLATED)
    return len(pages) - 1

"""Corpus rows as Parquet, with one fixed schema: that of docs/corpus-row.schema.json.

The schema is declared here, not inferred from the rows: inferred from a first batch, a
column that is null in every row of it (``original_url``, ``duplicate_of``) got Arrow's
null type, and a later batch that set it could not be written. Dates and times are
typed (``published`` a date, ``fetched_at`` a UTC timestamp); ``warc``, ``extractor``
and ``duplicate_of`` are structs as in the JSONL, except ``extractor.options``, JSON
text, since its keys differ between extractor versions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from archive.errors import ArchiveReadError, InputError
from archive.extract.rights import AI_AGENTS

__all__ = ["corpus_schema", "write_parquet", "ROW_GROUP_SIZE"]

ROW_GROUP_SIZE = 10_000


def corpus_schema() -> Any:
    """The Arrow schema of a corpus row; fields in the order of the JSON Schema."""
    import pyarrow as pa

    string, integer = pa.string(), pa.int64()
    return pa.schema([
        pa.field("url", string, nullable=False),
        pa.field("final_url", string, nullable=False),
        pa.field("status", integer, nullable=False),
        pa.field("fetched_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("title", string),
        pa.field("author", string),
        pa.field("published", pa.date32()),
        pa.field("sitename", string),
        pa.field("language", string),
        pa.field("text", string, nullable=False),
        pa.field("text_sha1", string, nullable=False),
        pa.field("warc", pa.struct([pa.field("file", string, nullable=False),
                                    pa.field("offset", integer, nullable=False),
                                    pa.field("length", integer, nullable=False),
                                    pa.field("record_id", string, nullable=False)]),
                 nullable=False),
        pa.field("payload_digest", string),
        pa.field("crawl_id", string, nullable=False),
        pa.field("extractor", pa.struct([pa.field("name", string, nullable=False),
                                         pa.field("version", string, nullable=False),
                                         pa.field("options", string, nullable=False)]),
                 nullable=False),
        pa.field("description", string),
        pa.field("encoding", string),
        pa.field("encoding_source", string),
        pa.field("encoding_declared", string),
        pa.field("original_url", string),
        pa.field("page_type", string),
        pa.field("authors", pa.list_(string)),
        pa.field("modified", pa.date32()),
        pa.field("template_lines_removed", integer),
        pa.field("duplicate_of", pa.struct([pa.field("url", string, nullable=False),
                                            pa.field("record_id", string, nullable=False),
                                            pa.field("similarity", pa.float64(), nullable=False)])),
        # rights and access (archive/extract/rights.py): null where the site said nothing
        pa.field("robots_ai", pa.struct([pa.field(agent, pa.bool_()) for agent in AI_AGENTS])),
        pa.field("tdm_reservation", pa.bool_()),
        pa.field("tdm_policy", string),
        pa.field("tdm_source", string),
        pa.field("is_accessible_for_free", pa.bool_()),
        pa.field("paywalled", pa.bool_()),
        pa.field("license", string),
        pa.field("canonical_url", string),
    ])


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its dates parsed and extractor options as JSON text."""
    try:
        fetched = datetime.fromisoformat(row["fetched_at"]).astimezone(timezone.utc)
        published = date.fromisoformat(row["published"]) if row.get("published") else None
        modified = date.fromisoformat(row["modified"]) if row.get("modified") else None
    except (KeyError, TypeError, ValueError) as exc:
        raise ArchiveReadError(f"corpus row of {row.get('url')}: bad date: {exc}") from None
    extractor = dict(row.get("extractor") or {})
    extractor["options"] = json.dumps(extractor.get("options") or {}, sort_keys=True)
    return {**row, "fetched_at": fetched, "published": published, "modified": modified,
            "authors": row.get("authors") or [], "extractor": extractor}


def write_parquet(rows: Iterable[dict[str, Any]], out: Path) -> int:
    """Write ``rows`` to ``out`` in row groups of ROW_GROUP_SIZE; return how many."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("the parquet format needs pyarrow: "
                         "pip install 'newsarchive[parquet]'") from None
    schema = corpus_schema()
    count, batch = 0, []
    with pq.ParquetWriter(out, schema) as writer:
        for row in rows:
            batch.append(_typed(row))
            if len(batch) == ROW_GROUP_SIZE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count

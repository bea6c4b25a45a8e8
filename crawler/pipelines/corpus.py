"""Write each extracted article as one corpus row (docs/design.md; the row: docs/corpus-row.schema.json)."""

from __future__ import annotations

import sqlite3
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archive.store.corpus import CorpusWriter, make_row
from archive.errors import ArchiveWriteError
from archive.extract.keys import text_sha1
from archive.corpus.site_template import SiteTemplates, site_of

from ..session import archive_session


class CorpusPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.session = archive_session(crawler)
        self.corpus: CorpusWriter = self.session.corpus
        self.stats = crawler.stats
        self.templates = SiteTemplates(self.session.index.connection)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CorpusPipeline:
        if not crawler.settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured  # ARCHIVE_ENABLED is off (a message would be logged as a warning)
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        doc = item.get("document")
        if doc is None:
            raise DropItem(f"not extracted: {item.get('url')}")
        if self.session.fatal:
            raise DropItem(f"not stored, the archive cannot be written: {item.get('url')}")
        loc = item["warc"]
        site = site_of(item["final_url"])
        paragraphs = doc.text.split("\n\n")
        keys = doc.line_keys or None  # worked out by the extraction worker
        try:
            with self.session.index.lock:  # the writer thread inserts captures meanwhile
                self.templates.observe(site, item["final_url"], paragraphs, keys, doc.title)
                template = self.templates.cached_template(site)
        except sqlite3.Error as exc:
            self.session.fail_crawl(f"index write failed (site_lines): {exc}")
            raise DropItem(str(exc)) from exc
        kept, removed = SiteTemplates.clean(paragraphs, template, keys)
        row = make_row(url=item["url"], final_url=item["final_url"], status=item["status"],
                       fetched_at=item["fetched_at"], doc=doc,
                       warc={"file": loc.file, "offset": loc.offset, "length": loc.length,
                             "record_id": loc.record_id},
                       payload_digest=loc.payload_digest, crawl_id=self.session.crawl_id)
        row["text"] = "\n\n".join(kept)
        row["text_sha1"] = text_sha1(row["text"])
        row["template_lines_removed"] = removed
        try:
            self.corpus.write(row)
        except ArchiveWriteError as exc:
            self.session.fail_crawl(str(exc))
            raise DropItem(str(exc)) from exc
        self.stats.inc_value("newsarchive/articles")
        return item

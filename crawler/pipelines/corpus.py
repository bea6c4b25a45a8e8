"""Write each extracted article as one corpus row (DESIGN.md, corpus row)."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archive.corpus import CorpusWriter
from archive.errors import ArchiveWriteError
from archive.extract import ExtractedDocument

from ..session import archive_session


def corpus_row(item: dict[str, Any], doc: ExtractedDocument, crawl_id: str) -> dict[str, Any]:
    loc = item["warc"]
    return {
        "url": item["url"],
        "final_url": item["final_url"],
        "status": item["status"],
        "fetched_at": item["fetched_at"],
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "sitename": doc.sitename,
        "language": doc.language,
        "text": doc.text,
        "text_sha1": doc.text_sha1,
        "warc": {"file": loc.file, "offset": loc.offset, "length": loc.length,
                 "record_id": loc.record_id},
        "payload_digest": loc.payload_digest,
        "crawl_id": crawl_id,
        "extractor": doc.extractor,
        "description": doc.description,
        "encoding": doc.encoding,
    }


class CorpusPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.session = archive_session(crawler)
        self.corpus: CorpusWriter = self.session.corpus
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CorpusPipeline:
        if not crawler.settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        doc = item.get("document")
        if doc is None:
            raise DropItem(f"not extracted: {item.get('url')}")
        row = corpus_row(item, doc, self.session.crawl_id)
        try:
            self.corpus.write(row)
        except ArchiveWriteError as exc:
            self.session.fail_crawl(str(exc))
            raise DropItem(str(exc)) from exc
        self.stats.inc_value("newsarchive/articles")
        return item

"""Record each corpus row in the index's documents table."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from archive.errors import ArchiveWriteError

from ..session import archive_session


class IndexPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.session = archive_session(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IndexPipeline:
        if not crawler.settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured  # ARCHIVE_ENABLED is off (a message would be logged as a warning)
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        doc = item["document"]
        session = self.session
        if session.fatal:
            raise DropItem(f"not indexed, the archive cannot be written: {item.get('url')}")
        try:
            known = session.index.query("SELECT 1 FROM documents WHERE final_url=? LIMIT 1",
                                        (item["final_url"],))
            self.stats.inc_value("newsarchive/documents/changed" if known else "newsarchive/documents/new")
            session.index.add_document(
                crawl_id=session.crawl_id, url=item["url"], final_url=item["final_url"],
                record_id=item["warc"].record_id, title=doc.title, published=doc.published,
                language=doc.language, text_sha1=doc.text_sha1, text_length=len(doc.text),
                corpus_file=session.corpus.path.name)
        except ArchiveWriteError as exc:
            session.fail_crawl(str(exc))
            raise DropItem(str(exc)) from exc
        # What leaves the pipeline stays small: no body, no text.
        return {"url": item["url"], "title": doc.title, "record_id": item["warc"].record_id}

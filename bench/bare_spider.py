"""The baseline: Scrapy fetching a URL list and doing nothing else.

    scrapy runspider bench/bare_spider.py -a urls=FILE   (run outside the project folder)
"""

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        # Inside the project folder Scrapy loads newsarchive's settings (scrapy.cfg), and
        # its add-on archives every page into ./archive-data: no longer a bare fetch.
        if crawler.settings.get("BOT_NAME") != "scrapybot":
            raise RuntimeError("bench/bare_spider.py: run it outside the project folder (it "
                               f"loaded the settings of {crawler.settings.get('BOT_NAME')!r})")
        return super().from_crawler(crawler, *args, **kwargs)

    def __init__(self, urls: str = "", **kwargs):
        super().__init__(**kwargs)
        self.urls_file = urls

    async def start(self):
        with open(self.urls_file, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield scrapy.Request(line.strip(), callback=self.parse)

    def parse(self, response):
        return None

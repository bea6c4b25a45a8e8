"""The baseline: Scrapy fetching a URL list and doing nothing else.

    scrapy runspider bench/bare_spider.py -a urls=FILE   (run outside the project folder)
"""

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

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

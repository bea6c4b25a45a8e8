"""A site crawl requests nothing outside its scope, redirects included.

The site spider schedules only URLs on its allowed hosts (and the sitemaps and
feeds its config names, wherever they are); but a page in scope can redirect
to another host, and Scrapy follows redirects without asking the spider. This
downloader middleware, before the robots.txt one (which would otherwise ask the
other host for its robots.txt, resolving its name first), drops every request
whose host the spider's ``in_scope`` refuses: counted as
``newsarchive/discovery/out_of_scope`` and listed as ``redirect_out_of_scope``.
Crawls without a scope (a URL list) are left alone.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from .meta import META_CONFIGURED, META_REQUISITE



class OutOfScope(IgnoreRequest):
    def __init__(self, message: str, reason: str = "redirect_out_of_scope") -> None:
        super().__init__(message)
        self.reason = reason  # crawler.failures.failure_reason reports it


class ScopeMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        in_scope = getattr(getattr(self.crawler, "spider", None), "in_scope", None)
        if in_scope is None or request.meta.get(META_CONFIGURED) or in_scope(request.url):
            return
        if request.meta.get(META_REQUISITE):
            return  # a page's stylesheet or image: --requisites-scope decides (crawler/requisites.py)
        if request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"):
            return  # asked by the robots.txt middleware for a host already let through
        self.crawler.stats.inc_value("newsarchive/discovery/out_of_scope")
        reason = "redirect_out_of_scope" if request.meta.get("redirect_urls") else "out_of_scope"
        raise OutOfScope(f"outside the site's allowed_domains: {request.url[:200]}", reason)

"""Discover and crawl one news site from its config: ``scrapy crawl site -a config=FILE``.

Sources, in the order a news site offers them: sitemaps named in robots.txt or in
the config (sitemap indexes followed, Google News dates read), RSS and Atom feeds
(given, or announced by <link rel="alternate">), then links within scope up to
``max_depth``, and calendar or pagination chains for at most ``max_trap_depth``
pages in a row. Dated entries are requested newest first, and ``since`` drops the
ones a listing dates before the window (the page's own date decides only for URLs
no listing dates). Nothing outside ``allowed_domains`` is requested but the
sitemaps and feeds the config names (crawler/scope.py holds redirects to it too).
Every URL is canonicalised (tracking parameters and session ids removed) before it
is scheduled, so variants are fetched once.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import scrapy
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from twisted.python.failure import Failure

from archive.extract.addresses import split_url
from archive.extract.page_type import ARTICLE_TYPES
from archive.inputs.discovery import (Entry, feed_links, parse_feed, parse_sitemap, robots_sitemaps,
                                      series_key)
from archive.inputs.markup import page_tree
from archive.inputs.site_config import SiteConfig, load_site_config
from archive.inputs.url_list import canonical_url, check_url
from crawler.cluster.membership_of import cluster_of
from crawler.crawl_signals import shared_crawl_idle
from crawler.failures import failed_url, failure_reason
from crawler.robots import robots_fetched
from crawler.session import archive_session
from crawler.meta import (META_CONDITIONAL, META_CONFIGURED, META_DEPTH, META_MAX_PAGES,
                          META_PUBLISHED, META_SITEMAP_NESTING, META_TRAP)
from crawler.requisites import RequisitesMixin
from spiders.urls import article_item, unchanged

MAX_SITEMAP_NESTING = 3  # sitemap index -> index -> index -> urlset at most


def date_priority(published: datetime | None) -> int:
    """Scrapy priority (higher first): newer entries first, undated after dated ones."""
    if published is None:
        return 0
    return 1 + int(published.timestamp() // 60) - 20_000_000  # minutes, kept small


def _netloc(url: str) -> str:
    """The URL's host and port; empty where urllib cannot read it (the request for it is
    then rejected and counted)."""
    parts = split_url(url)
    return parts.netloc if parts else ""


class SiteSpider(RequisitesMixin, scrapy.Spider):
    name = "site"
    # what a site crawl gives a corpus row by default (EXTRACT_PAGE_TYPES overrides)
    page_types = ARTICLE_TYPES

    def __init__(self, config: str | None = None, site_config: SiteConfig | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if site_config is None:
            if not config:
                raise ValueError("the site spider needs -a config=seeds/sites/NAME.toml")
            site_config = load_site_config(config)
        self.cfg = site_config
        self.scheduled = 0
        # hashes of the page URLs scheduled, at most max_pages of them: max_pages counts
        # distinct pages, not every link, sitemap and feed entry naming one (which would
        # stop a crawl at a fraction of its pages)
        self.pages: set[int] = set()
        self.old_urls: set[str] = set()  # dated before `since` in a sitemap or feed
        self.listed: dict[str, datetime] = {}  # dated in the `since` window by a listing
        # pages no listing dated (yet) whose own date is before `since`: their item
        # without its body, in case a listing read later dates them in the window
        self.page_dated_out: dict[str, dict[str, Any]] = {}
        self.done: set[str] = set()  # captured by killed crawls of the same config
        self.trap_skipped: set[str] = set()  # calendar/pagination pages past max_trap_depth

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.robots_fetched, signal=robots_fetched)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.shared_crawl_idle, signal=shared_crawl_idle)
        return spider

    # -- scheduling -----------------------------------------------------------
    def in_scope(self, url: str) -> bool:
        """On an allowed host: what crawler/scope.py lets through (redirects included)."""
        return self.cfg.in_scope(url)

    def _request(self, url: str, callback: Any, *, depth: int = 0, priority: int = 0,
                 published: datetime | None = None, kind: str = "page",
                 configured: bool = False) -> scrapy.Request | None:
        """A request for ``url``, or None. Every kind must be in scope (a feed or sitemap
        found on a page, in robots.txt or in a sitemap index too: a page announcing
        another host's feed must not make the crawl ask that host anything), except the
        sitemaps and feeds the config names (``configured``)."""
        url = canonical_url(url)
        stats = self.crawler.stats
        if check_url(url):
            stats.inc_value("newsarchive/discovery/rejected_url")
            return None
        if not configured and not self.cfg.in_scope(url):
            stats.inc_value("newsarchive/discovery/out_of_scope")
            return None
        if url in self.done:  # captured by the killed crawl this one resumes
            self.crawler.stats.inc_value("newsarchive/resume/skipped")
            return None
        if kind == "page":
            if url in self.old_urls:
                return None
            key = hash(url)
            if key in self.pages:  # scheduled already: a link in a menu, a sitemap and a feed
                return None
            if self.scheduled >= self.cfg.max_pages:
                stats.inc_value("newsarchive/discovery/over_max_pages")
                return None
            self.scheduled += 1  # given back if the scheduler drops it (request_dropped)
            self.pages.add(key)
        meta = {META_DEPTH: depth, META_PUBLISHED: published, META_CONDITIONAL: kind == "page"}
        if configured:
            meta[META_CONFIGURED] = True
        if kind == "page":
            meta[META_MAX_PAGES] = self.cfg.max_pages  # a shared crawl's cap (crawler/cluster/)
        return scrapy.Request(url, callback=callback, errback=self.failed, priority=priority, meta=meta)

    def request_dropped(self, request: scrapy.Request) -> None:
        """A page the scheduler refused (another worker of a shared crawl scheduled it,
        or the shared crawl's max_pages is reached) is not one of this worker's."""
        # a redirect's copy was counted as the request it came from
        if META_MAX_PAGES in request.meta and "redirect_urls" not in request.meta:
            self.scheduled -= 1

    def _dated(self, entries: list[Entry], depth: int, source: str) -> Iterator[Any]:
        """Requests for a sitemap's or feed's entries, newest first. With ``since``, the
        date a listing gives a URL decides whether it is in the window (published or
        modified after its start), whatever date the page itself shows; the page's date
        decides only for URLs no listing dates (crawler/pipelines/extract.py)."""
        since = self.cfg.since
        stats = self.crawler.stats
        in_window: dict[str, datetime] = {}
        for entry in sorted(entries, key=lambda e: e.published or datetime.min.replace(
                tzinfo=timezone.utc), reverse=True):
            canonical = canonical_url(entry.url)
            if since and entry.published and entry.published < since:
                if canonical not in self.listed and canonical not in self.old_urls:
                    self.old_urls.add(canonical)
                    stats.inc_value("newsarchive/discovery/before_since")
                continue
            if since and entry.published:
                if canonical in self.old_urls:  # another listing dates it in the window
                    self.old_urls.discard(canonical)
                    stats.inc_value("newsarchive/discovery/before_since", -1)
                self.listed[canonical] = in_window[canonical] = entry.published
                again = self.page_dated_out.pop(canonical, None)
                if again is not None:
                    # fetched by a link before this listing was read, and dropped for
                    # its page's date: extracted again from its WARC record
                    item = self._listed_after_page(again)
                    if item is not None:
                        yield item
            stats.inc_value(f"newsarchive/discovery/from_{source}")
            req = self._request(entry.url, self.parse_page, depth=depth,
                                priority=date_priority(entry.published), published=entry.published)
            if req is not None:
                yield req
        cluster = cluster_of(self.crawler)
        if cluster is not None:  # for the pages the other workers fetch
            cluster.add_listed(in_window)

    def _listed_after_page(self, item: dict[str, Any]) -> dict[str, Any] | None:
        """A page dropped for its own date, which a listing read later dates in the window:
        its item, read back from its WARC record to be extracted again."""
        again = archive_session(self.crawler).item_from_capture(item)
        if again is None:
            return None
        stats = self.crawler.stats
        stats.inc_value("newsarchive/since/listed_after_page")
        stats.inc_value("newsarchive/since/before_since_by_page", -1)
        stats.inc_value("newsarchive/skipped/before_since", -1)
        return again

    def listing_date(self, url: str) -> datetime | None:
        """The date a sitemap or feed gives ``url`` within the `since` window, if any (in
        a shared crawl, a listing any worker read)."""
        canonical = canonical_url(url)
        found = self.listed.get(canonical)
        cluster = cluster_of(self.crawler) if found is None else None
        if cluster is not None:
            found = cluster.listed_dates([canonical]).get(canonical)
            if found is not None:
                self.listed[canonical] = found
        return found

    def shared_crawl_idle(self) -> bool:
        """Every worker of a shared crawl is idle, so every listing is read: the pages this
        worker dropped for their own date that another worker's listing dates in the
        window are extracted again. True if there were any (the worker stays for them)."""
        cluster = cluster_of(self.crawler)
        if cluster is None or not self.page_dated_out:
            return False
        listed = cluster.listed_dates(self.page_dated_out)
        scraper = self.crawler.engine.scraper
        for url, published in listed.items():
            self.listed[url] = published
            item = self._listed_after_page(self.page_dated_out.pop(url))
            if item is not None:
                item["listed"] = published.isoformat()
                deferred_from_coro(scraper.start_itemproc_async(item, response=None))
        return bool(listed)

    def dated_out_by_page(self, item: dict[str, Any]) -> None:
        """The extraction pipeline dropped ``item``: no listing dates it, its page's date
        is before `since`. Kept (without its body) for a listing that may date it later."""
        self.page_dated_out[canonical_url(item["url"])] = {
            k: v for k, v in item.items() if k not in ("body", "document")}

    def _resume(self) -> Iterator[Any]:
        """After a killed crawl of the same config: parse what it captured from the
        WARC (links, sitemaps, feeds) instead of fetching it again, and extract the
        pages it fetched but never extracted."""
        session = archive_session(self.crawler)
        key = "site:" + hashlib.sha1(self.cfg.source.encode() + repr(self.cfg).encode()).hexdigest()
        self.done = session.resume(key)
        if not self.done:
            return
        yield from session.unfinished_items()
        for url, status, body, content_type in session.replay_captures():
            self.crawler.stats.inc_value("newsarchive/resume/replayed")
            headers = {"Content-Type": content_type} if content_type else {}
            request = scrapy.Request(url)
            cls = HtmlResponse if "html" in (content_type or "") else XmlResponse if "xml" in (
                content_type or "") else TextResponse
            response = cls(url, status=status, body=body, headers=headers, request=request,
                           encoding=None if cls is not TextResponse else "utf-8")
            if not 200 <= status < 300:
                continue
            if url.endswith("/robots.txt"):
                yield from self.parse_robots(response)
            elif "xml" in (content_type or ""):
                parsed = parse_sitemap(body, url)
                yield from (self.parse_sitemap(response) if parsed.kind != "invalid"
                            else self.parse_feed(response))
            elif isinstance(response, HtmlResponse):
                # links only: its item, if any, came from unfinished_items or was stored
                # its depth was not recorded: a start URL's is 0; any other page may lead one
                # step further at most, so resuming never deepens a trap (a calendar)
                depth = 0 if url in self.cfg.start_urls else max(0, self.cfg.max_depth - 1)
                # likewise a calendar or pagination page: one step from its limit
                trap = (series_key(url), max(0, self.cfg.max_trap_depth - 1))
                yield from self._links(response, depth=depth, trap=trap)

    def planned_pages(self) -> int:
        """The pages this crawl extracts at most: max_pages, and its start pages."""
        return self.cfg.planned_pages()

    async def start(self) -> AsyncIterator[scrapy.Request | dict[str, Any]]:
        for out in self._resume():
            yield out
        if not self.settings.getbool("ROBOTSTXT_OBEY"):
            # else the robots.txt middleware's own fetch is read (robots_fetched below)
            for origin in sorted(self._origins()):
                req = self._request(origin + "/robots.txt", self.parse_robots, kind="robots",
                                    configured=True)
                if req is not None:
                    yield req.replace(priority=100)
        for url in self.cfg.sitemaps:
            req = self._request(url, self.parse_sitemap, kind="sitemap", configured=True)
            if req is not None:
                yield req.replace(priority=90)
        for url in self.cfg.feeds:
            req = self._request(url, self.parse_feed, kind="feed", configured=True)
            if req is not None:
                yield req.replace(priority=90)
        for url in self.cfg.start_urls:
            req = self._request(url, self.parse_page, depth=0)
            if req is not None:
                yield req.replace(priority=80)

    # -- sources --------------------------------------------------------------
    def _origins(self) -> set[str]:
        return {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in self.cfg.start_urls}

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        return self._robots_sitemaps(response.body, response.url)

    def _robots_sitemaps(self, body: bytes, url: str) -> Iterator[scrapy.Request]:
        for sitemap in robots_sitemaps(body, url):
            req = self._request(sitemap, self.parse_sitemap, kind="sitemap")
            if req is not None:
                yield req.replace(priority=90)

    def robots_fetched(self, url: str, body: bytes) -> None:
        """The Sitemap lines of a start host's robots.txt, as fetched by the robots.txt
        middleware (crawler/robots.py): one fetch, one WARC record, not two."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" not in self._origins():
            return
        for req in self._robots_sitemaps(body, url):
            self.crawler.engine.crawl(req)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        nesting = response.meta.get(META_SITEMAP_NESTING, 0)
        result = parse_sitemap(response.body, response.url)
        if result.kind == "invalid":
            archive_session(self.crawler).record_failure(response.url, "bad_sitemap", result.error or "")
            return
        if result.kind == "index":
            if nesting >= MAX_SITEMAP_NESTING:
                self.crawler.stats.inc_value("newsarchive/discovery/sitemap_too_deep")
                return
            # a sitemap the config names may list its parts on its own host, out of scope
            parent = urlsplit(response.url).netloc if response.meta.get(META_CONFIGURED) else None
            for entry in result.entries:
                req = self._request(entry.url, self.parse_sitemap, kind="sitemap",
                                    configured=parent is not None
                                    and _netloc(entry.url) == parent)
                if req is not None:
                    req.meta[META_SITEMAP_NESTING] = nesting + 1
                    yield req.replace(priority=90)
            return
        yield from self._dated(result.entries, depth=1, source="sitemap")

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        entries, error = parse_feed(response.body, response.url)
        if error:
            archive_session(self.crawler).record_failure(response.url, "bad_feed", error)
            return
        yield from self._dated(entries, depth=1, source="feed")

    def parse_page(self, response: Response) -> Iterator[Any]:
        if unchanged(response) or not isinstance(response, TextResponse):
            return  # (a 304 has no links to follow: its section is crawled again next time)
        url = response.url
        if self.cfg.is_article(url) is not False:
            item = article_item(response)
            if item is not None:
                item["since"] = self.cfg.since.isoformat() if self.cfg.since else None
                # the date the sitemap or feed that scheduled it gave (in the window): in a
                # shared crawl another worker may have read that listing
                listed = response.meta.get(META_PUBLISHED)
                item["listed"] = listed.isoformat() if listed and self.cfg.since else None
                yield item
        yield from self._links(response, response.meta.get(META_DEPTH, 0),
                               response.meta.get(META_TRAP))

    def _links(self, response: TextResponse, depth: int,
               trap: tuple[str | None, int] | None = None) -> Iterator[scrapy.Request]:
        url = response.url
        here = trap[0] if trap else series_key(url)
        in_a_row = trap[1] if trap else 0
        try:
            tree = page_tree(response.text)
        except (lxml.etree.ParserError, ValueError):
            return
        for feed in feed_links(tree, url):
            req = self._request(feed, self.parse_feed, kind="feed")
            if req is not None:
                yield req
        if depth >= self.cfg.max_depth:
            self.crawler.stats.inc_value("newsarchive/discovery/max_depth")
            return
        for anchor in tree.iter("a"):
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            try:
                link = urljoin(url, href)
            except ValueError:  # "http://[broken/x": this link, not the page's others
                self.crawler.stats.inc_value("newsarchive/discovery/rejected_url")
                continue
            if (anchor.get("rel") or "").lower() == "nofollow" and not self.cfg.is_article(link):
                continue
            is_article = self.cfg.is_article(link)
            if is_article is False and not self.cfg.should_follow(link):
                continue
            # a calendar's next month, a listing's next page: one more of them in a row
            key = series_key(link) if is_article is not True else None
            row = in_a_row + 1 if key is not None and key == here else 0
            if row > self.cfg.max_trap_depth:
                canonical = canonical_url(link)
                # counted once, and not when it was reached another way (the month before)
                if hash(canonical) not in self.pages and canonical not in self.trap_skipped:
                    self.trap_skipped.add(canonical)
                    self.crawler.stats.inc_value("newsarchive/discovery/trap_skipped")
                continue
            req = self._request(link, self.parse_page, depth=depth + 1)
            if req is not None:
                req.meta[META_TRAP] = (key, row)
                yield req

    def failed(self, failure: Failure) -> None:
        reason, detail = failure_reason(failure)
        archive_session(self.crawler).record_failure(failed_url(failure), reason, detail)

"""robots.txt as RFC 9309 reads it, on top of Scrapy's RobotsTxtMiddleware.

Two changes to Scrapy 2.19's middleware:

* A race fixed. Every request that arrives while robots.txt is being fetched
  awaits one shared Deferred. A Deferred hands its result down its callback
  chain, and the first waiter's callback returns None: every later waiter got
  None, which the middleware reads as "no robots.txt, allow all". A disallowed
  page that happened to be the second request to its host was fetched (seen
  once in six fixture crawls). Here every waiter reads the parser stored for
  the host once it is ready.

* An unreachable robots.txt. Scrapy parses whatever body comes back, so a 500
  (empty body) or a timeout means "allow all". RFC 9309 (2.3.1.3, 2.3.1.4)
  says: 4xx means no rules (allow all), but a server error (5xx) or a network
  error means the rules are unknown and the crawler MUST assume complete
  disallow. That is the default here (``ROBOTSTXT_UNREACHABLE = "disallow"``);
  the host's pages fail as ``robots_unreachable``, robots.txt having been
  retried like any request (``RETRY_TIMES``); when robots.txt could not be
  fetched at all (refused, timed out, DNS), they fail under that reason, since
  the host is down. 429 counts as unreachable too,
  as Google reads it. ``ROBOTSTXT_UNREACHABLE = "allow"`` restores Scrapy's
  behaviour. The decision holds for the rest of the crawl for that host.

In a shared crawl (crawler/cluster/) one worker fetches (and archives) a
host's robots.txt and the others read its outcome from Redis.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from scrapy import Request, signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from .cluster.membership_of import cluster_of
from .failures import failure_reason

logger = logging.getLogger(__name__)

# ("response", status, body bytes) or ("error", reason, why)
RobotsOutcome = tuple[str, str, Any]

# Sent once per host with the robots.txt this middleware fetched (a 2xx answer), as
# ``url`` and ``body``: the site spider reads its Sitemap lines from this fetch rather
# than fetching (and archiving) robots.txt a second time.
robots_fetched = object()


class RobotsUnreachable(IgnoreRequest):
    """A page not fetched because its host's robots.txt could not be read. ``reason``
    is the network failure that stopped robots.txt (``connection_refused``,
    ``timeout``, ``dns``...: the host is down, and the report says so) or
    ``robots_unreachable`` when robots.txt itself answered 5xx or 429."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Unreachable(RobotParser):
    """The rules of a host whose robots.txt could not be read: nothing is allowed."""

    def __init__(self, why: str, reason: str = "robots_unreachable") -> None:
        self.why = why
        self.reason = reason

    @classmethod
    def from_crawler(cls, crawler: Any, robotstxt_body: bytes) -> Unreachable:  # pragma: no cover
        raise NotImplementedError  # never built by Scrapy

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class SafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        policy = crawler.settings.get("ROBOTSTXT_UNREACHABLE", "disallow")
        if policy not in ("disallow", "allow"):
            raise NotConfigured(f"ROBOTSTXT_UNREACHABLE must be 'disallow' or 'allow', not {policy!r}")
        self.unreachable_disallows = policy == "disallow"

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        if isinstance(rp, Unreachable):
            self._stats.inc_value("robotstxt/unreachable_forbidden")
            raise RobotsUnreachable(f"robots.txt unreachable ({rp.why}): RFC 9309 says assume disallow",
                                    rp.reason)
        super().process_request_2(rp, request)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            waiting: Deferred[RobotParser | None] = Deferred()
            self._parsers[netloc] = waiting
            robots_request = Request(f"{url.scheme}://{netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                                     meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK)
            parser: RobotParser | None = None
            try:
                cluster = cluster_of(self.crawler)
                if cluster is not None:  # one fetch for all the workers of a shared crawl
                    outcome = await cluster.shared_robots(netloc, lambda: self._fetch(robots_request))
                else:
                    outcome = await self._fetch(robots_request)
                if outcome[0] == "error":
                    parser = self._unreachable(outcome[2], robots_request.url, reason=outcome[1])
                else:
                    parser = await self._parser_from(int(outcome[1]), outcome[2], robots_request.url, request)
                    if 200 <= int(outcome[1]) < 300:
                        self.crawler.signals.send_catch_log(signal=robots_fetched, url=robots_request.url,
                                                            body=outcome[2])
            except Exception as exc:  # noqa: BLE001 - never leave the host's requests waiting
                parser = self._unreachable(f"{type(exc).__name__}: {exc}"[:200], robots_request.url)
            finally:
                self._stats.inc_value("robotstxt/request_count")
                self._parsers[netloc] = parser
                waiting.callback(None)
            return parser
        stored = self._parsers[netloc]
        if isinstance(stored, Deferred):
            await maybe_deferred_to_future(stored)
            stored = self._parsers[netloc]  # never the Deferred's own result: see the docstring
        return cast("RobotParser | None", stored)  # set to the parser before the Deferred fired

    async def _fetch(self, robots_request: Request) -> RobotsOutcome:
        """("response", status, body) or ("error", reason, why)."""
        try:
            response: Response = await self.crawler.engine.download_async(robots_request)
        except Exception as exc:  # noqa: BLE001 - any failure to fetch is "unreachable"
            reason, _ = failure_reason(Failure(exc))
            if reason in ("ignored", "robots_unreachable", "robots_disallowed"):
                reason = "robots_unreachable"
            return ("error", reason, f"{type(exc).__name__}: {exc}"[:200])
        return ("response", str(response.status), response.body)

    async def _parser_from(self, status: int, body: bytes, url: str, request: Request) -> RobotParser | None:
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{status}")
        if status >= 500 or status == 429:
            return self._unreachable(f"HTTP {status}", url)
        if 400 <= status < 500:
            return None  # RFC 9309 2.3.1.3: no robots.txt, no rules
        parser = build_from_crawler(self._parserimpl, self.crawler, body)
        await self.crawler.signals.send_catch_log_async(signal=signals.robots_parsed, robotparser=parser,
                                                        request=request)
        return parser

    def _unreachable(self, why: str, robots_url: str, reason: str = "robots_unreachable") -> RobotParser | None:
        if not self.unreachable_disallows:
            logger.warning("%s (%s): its host's pages are fetched anyway (ROBOTSTXT_UNREACHABLE=allow)",
                           robots_url, why)
            return None
        logger.warning("%s unreachable (%s): its host's pages are not fetched (RFC 9309; "
                       "ROBOTSTXT_UNREACHABLE=allow to fetch them)", robots_url, why)
        self._stats.inc_value("newsarchive/robots/unreachable_hosts")
        return Unreachable(why, reason)

"""RobotsTxtMiddleware with a race fixed: every request waiting for robots.txt obeys it.

Scrapy 2.19's middleware lets every request that arrives while robots.txt is being
fetched await one shared Deferred. A Deferred hands its result down its callback
chain, and the first waiter's callback returns None: every later waiter gets None,
which the middleware reads as "no robots.txt, allow all". A disallowed page that
happened to be the second request to its host was fetched (seen once in six fixture
crawls). Here a waiter reads the parser the middleware stored once it is ready.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class SafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        stored = self._parsers.get(urlparse_cached(request).netloc)
        return parser if isinstance(stored, Deferred) else stored

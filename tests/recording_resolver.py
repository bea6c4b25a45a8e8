"""A DNS resolver for test crawls (``-s TWISTED_DNS_RESOLVER=tests.recording_resolver.
RecordingResolver``): it writes every host name the crawl asks it for to the file named
by NEWSARCHIVE_TEST_RESOLVED (IP addresses pass through it too), resolves ``localhost``
and IP addresses, and refuses every other name without a lookup, so a test crawl never
sends a DNS query off the machine."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError


class RecordingResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred:  # noqa: N802
        path = os.environ.get("NEWSARCHIVE_TEST_RESOLVED")
        if path:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(name + "\n")
        if name == "localhost":
            return defer.succeed("127.0.0.1")
        try:
            return defer.succeed(str(ipaddress.ip_address(name)))
        except ValueError:
            pass
        return defer.fail(DNSLookupError(f"{name}: not resolved in tests"))

"""The one add-on that wires every newsarchive component at its priority."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from .cluster.keys import Keys

# Above HttpCompressionMiddleware (590) and RedirectMiddleware (600), below the
# download handler: every hop, retry and error page passes here with its body
# still content-encoded, exactly as received.
CAPTURE_PRIORITY = 950

POLITENESS_PRIORITY = 960
# its request headers are set before capture (950) records what is sent
CONDITIONAL_PRIORITY = 940
# last before the download handler: requests held back earlier (robots.txt) pass it too
STOP_PRIORITY = 990
# before the robots.txt middleware (100): nothing out of scope gets its robots.txt asked for
SCOPE_PRIORITY = 90
# after the scope, before robots.txt: a host's first in-scope request asks for its tdmrep.json
TDMREP_PRIORITY = 95

PIPELINES = {
    # a page's requisites are read before extraction lets go of its body, and
    # scheduled once its corpus row is written and its type known (crawler/requisites.py)
    "crawler.requisites.RequisiteLinksPipeline": 250,
    "crawler.pipelines.extract.ExtractPipeline": 300,
    "crawler.pipelines.corpus.CorpusPipeline": 500,
    "crawler.requisites.RequisitesPipeline": 600,
    "crawler.pipelines.index.IndexPipeline": 700,
}


RAW_HANDLER = "crawler.raw_capture.RawCaptureDownloadHandler"
SESSION = "crawler.session.ArchiveSession"
# Scrapy's extensions a crawl never runs (REMOTE_CONTROL_ENABLED and
# TELNETCONSOLE_ENABLED are False in crawler/settings.py): left out of the list, so
# that they are not even imported
OFF_EXTENSIONS = ("scrapy.extensions.remote_control.RemoteControl", "scrapy.extensions.telnet.TelnetConsole")


class NewsArchiveAddon:
    def update_settings(self, settings: BaseSettings) -> None:
        # Only http(s): a hostile redirect to file:///etc/passwd, ftp: or data: must never
        # be followed (Scrapy enables those handlers by default).
        for scheme in ("file", "ftp", "s3", "data"):
            settings["DOWNLOAD_HANDLERS"][scheme] = None
        if settings.getbool("ARCHIVE_RAW_CAPTURE"):
            for scheme in ("http", "https"):
                settings["DOWNLOAD_HANDLERS"][scheme] = RAW_HANDLER
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.capture.WarcCaptureMiddleware"] = CAPTURE_PRIORITY
        # Scrapy's own robots.txt middleware, with its waiting race fixed (crawler/robots.py)
        settings["DOWNLOADER_MIDDLEWARES"]["scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"] = None
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.robots.SafeRobotsTxtMiddleware"] = 100
        # a site crawl's scope, redirects included, before robots.txt is asked (crawler/scope.py)
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.scope.ScopeMiddleware"] = SCOPE_PRIORITY
        # then a host's first request asks for its tdmrep.json (crawler/tdmrep.py): in scope only
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.tdmrep.TdmRepMiddleware"] = TDMREP_PRIORITY
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.conditional.ConditionalRequestMiddleware"] = CONDITIONAL_PRIORITY
        # the same redirects, without decoding every page to look for the tag (crawler/metarefresh.py)
        settings["DOWNLOADER_MIDDLEWARES"]["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] = None
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.metarefresh.PrecheckedMetaRefreshMiddleware"] = 580
        # after AutoThrottle (a response_downloaded handler), before retry and redirect
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.politeness.PolitenessMiddleware"] = POLITENESS_PRIORITY
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.stop.StopMiddleware"] = STOP_PRIORITY
        if settings.get("REDIS_URL"):
            # one worker of a shared crawl: scrapy-redis's queue, our dupefilter and
            # bookkeeping (crawler/cluster/); the queue is never flushed by a worker
            settings.set("SCHEDULER", "crawler.cluster.scheduler.ClusterScheduler", priority="addon")
            settings.set("DUPEFILTER_CLASS", "crawler.cluster.dupefilter.BloomDupeFilter", priority="addon")
            settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", priority="addon")
            settings.set("SCHEDULER_PERSIST", True, priority="addon")
            name = settings.get("CLUSTER_NAME") or "default"
            settings.set("CLUSTER_NAME", name, priority="addon")
            settings.set("SCHEDULER_QUEUE_KEY", Keys(name).requests, priority="addon")
            settings["EXTENSIONS"]["crawler.cluster.coordinator.ClusterCoordinator"] = 400
            settings["SPIDER_MIDDLEWARES"]["crawler.cluster.scheduler.ClusterStartMiddleware"] = 10
        for path, priority in PIPELINES.items():
            settings["ITEM_PIPELINES"][path] = priority
        settings["EXTENSIONS"]["crawler.progress.CrawlProgress"] = 500
        # both are off (crawler/settings.py), but Scrapy imports every extension its
        # settings name, even one set to None, before it asks whether it is on: the
        # remote control's aiohttp server cost every crawl a quarter of a second to start
        base = settings.getdict("EXTENSIONS_BASE")
        for path in OFF_EXTENSIONS:
            base.pop(path, None)
        settings.set("EXTENSIONS_BASE", base, priority="addon")
        # the archive the crawl writes to, found by the others with crawler.get_extension;
        # after the coordinator and the progress lines, whose spider_closed come first
        settings["EXTENSIONS"][SESSION] = 600

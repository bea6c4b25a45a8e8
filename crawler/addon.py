"""The one add-on that wires every newsarchive component at its priority."""

from __future__ import annotations

from scrapy.settings import BaseSettings

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

PIPELINES = {
    "crawler.pipelines.extract.ExtractPipeline": 300,
    "crawler.pipelines.corpus.CorpusPipeline": 500,
    "crawler.pipelines.index.IndexPipeline": 700,
}


RAW_HANDLER = "crawler.raw_capture.RawCaptureDownloadHandler"


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
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.conditional.ConditionalRequestMiddleware"] = CONDITIONAL_PRIORITY
        # the same redirects, without decoding every page to look for the tag (crawler/metarefresh.py)
        settings["DOWNLOADER_MIDDLEWARES"]["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] = None
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.metarefresh.PrecheckedMetaRefreshMiddleware"] = 580
        # after AutoThrottle (a response_downloaded handler), before retry and redirect
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.politeness.PolitenessMiddleware"] = POLITENESS_PRIORITY
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.stop.StopMiddleware"] = STOP_PRIORITY
        if settings.get("REDIS_URL"):
            # one worker of a shared crawl: scrapy-redis's queue, our dupefilter and
            # bookkeeping (crawler/cluster.py); the queue is never flushed by a worker
            settings.set("SCHEDULER", "crawler.cluster.ClusterScheduler", priority="addon")
            settings.set("DUPEFILTER_CLASS", "crawler.cluster.BloomDupeFilter", priority="addon")
            settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", priority="addon")
            settings.set("SCHEDULER_PERSIST", True, priority="addon")
            from .cluster import Keys

            name = settings.get("CLUSTER_NAME") or "default"
            settings.set("CLUSTER_NAME", name, priority="addon")
            settings.set("SCHEDULER_QUEUE_KEY", Keys(name).requests, priority="addon")
            settings["EXTENSIONS"]["crawler.cluster.ClusterCoordinator"] = 400
            settings["SPIDER_MIDDLEWARES"]["crawler.cluster.ClusterStartMiddleware"] = 10
        for path, priority in PIPELINES.items():
            settings["ITEM_PIPELINES"][path] = priority
        settings["EXTENSIONS"]["crawler.progress.CrawlProgress"] = 500

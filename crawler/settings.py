"""newsarchive's Scrapy settings, in prefixed families; each default is documented.

Any of them can be set with ``-s NAME=VALUE`` on ``newsarchive crawl`` or
``scrapy crawl``.
"""

from archive import __version__

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# One add-on wires every newsarchive component at its priority (crawler/addon.py).
ADDONS = {"crawler.addon.NewsArchiveAddon": 0}

# --- ARCHIVE_*: where and how captures are written ---------------------------
ARCHIVE_DIR = "archive-data"  # the collection folder: warc/, corpus/, index.sqlite3, reports/
ARCHIVE_ENABLED = True  # False: fetch and extract only, write nothing (benchmarks)
ARCHIVE_CRAWL_ID = ""  # empty: a UTC timestamp plus a random suffix, made at start
ARCHIVE_WARC_PREFIX = "newsarchive"  # PREFIX-TIMESTAMP-SERIAL-HOST.warc.gz
ARCHIVE_WARC_MAX_SIZE = 1_000_000_000  # bytes; a file is closed and a new one begun past this
# Each record one gzip member. "isal" (ISA-L, levels 0-3, default 2) compresses 14x faster
# than "zlib" (levels 1-9, default 6) for files 5% larger (archive/warc/writer.py).
ARCHIVE_WARC_GZIP = "isal"
ARCHIVE_WARC_GZIP_LEVEL = None  # None: the library's default above
ARCHIVE_OPERATOR = ""  # who runs the crawl (name and email), written in every warcinfo
ARCHIVE_CONTACT = "https://github.com/newsarchive/newsarchive"  # shown in the User-Agent
ARCHIVE_CONDITIONAL_REQUESTS = True  # re-crawls send If-None-Match/If-Modified-Since; revisits
ARCHIVE_LOCK_WAIT = 0  # seconds to wait for another crawl on the same archive to end
ARCHIVE_RAW_CAPTURE = True  # keep the exact bytes of each exchange (crawler/raw_capture.py)
ARCHIVE_SHARED_DIR = ""  # a shared-crawl worker: the merged archive it also reads (set by --redis)
ARCHIVE_PROGRESS_INTERVAL = 10.0  # seconds between progress lines; 0 turns them off
# Page requisites (crawler/requisites.py, newsarchive crawl --requisites): the stylesheets,
# images, fonts, scripts and frames of every article page, archived for replay, no corpus row
ARCHIVE_REQUISITES = False  # True: fetch them (a site config's `requisites = true` too)
ARCHIVE_REQUISITES_SCOPE = ""  # same-host, same-site or any; "": the site config's, else same-site
ARCHIVE_REQUISITES_LIMIT = 200  # requisites taken from one page, stylesheet or frame at most

# --- EXTRACT_*: clean text ---------------------------------------------------
EXTRACT_ENABLED = True
EXTRACT_WORKERS = 0  # worker processes; 0 means one per core
# pages each extraction worker process parses before a fresh one replaces it (its memory
# grows with the pages it has parsed); 0: never
EXTRACT_RECYCLE_AFTER = 200
EXTRACT_INCLUDE_COMMENTS = False  # reader comments are not article text
EXTRACT_POLICY = "news"  # "news": trafilatura, readability-lxml where it cut the article short; "combined": readability-lxml first; "fast": trafilatura alone (archive/extract/extract_policy.py)
# Page types given a corpus row (archive/extract/page_type.py): "" is the spider's choice (a URL
# list: every page with main text, the user chose them; a site crawl: article,liveblog);
# "all", or a comma-separated list. Pages of other types are counted in the report.
EXTRACT_PAGE_TYPES = ""
EXTRACT_FALLBACK = True  # with policy "fast": readability-lxml when trafilatura finds too little
EXTRACT_CLEAN_LINES = True  # drop the text's lines that sit in boxes (newsletter, related, share, consent, caption) or are boilerplate phrases (archive/extract/line_clean.py); False keeps every line
EXTRACT_DATE_FROM_TEXT = True  # published date read from the text: the first day written under the headline, and htmldate's extensive search when markup, URL and metadata have none: 0.81 -> 0.89 of WCXB dev articles dated on the right day; False: no date rather than a guess
EXTRACT_TIMEOUT = 120.0  # CPU seconds one page's extraction may use in its worker before it is counted as failed (waiting for a worker is not counted); 0: no limit

# --- CLUSTER_*: one crawl shared by many workers through Redis (crawler/cluster/) ---
# Off unless REDIS_URL is set (newsarchive crawl --redis URL sets it and the rest).
REDIS_URL = ""
CLUSTER_NAME = ""  # the shared crawl's name (default: the URL list's or site config's name)
CLUSTER_WORKER_ID = ""  # default: HOSTNAME-PID; names the worker's folder and WARC files
CLUSTER_HEARTBEAT_TTL = 30  # seconds without a heartbeat before a worker counts as dead
CLUSTER_FINISHED_TTL = 300  # seconds a finished crawl's marker keeps late workers from restarting it
CLUSTER_CLOSE_WAIT = 60.0  # seconds a finished worker waits for the others, for the combined report
CLUSTER_DUPEFILTER_CAPACITY = 10_000_000  # URLs the shared Bloom filter is sized for (36 MB at 1e-6)
CLUSTER_DUPEFILTER_ERROR_RATE = 1e-6  # chance a new URL is taken for a seen one, up to the capacity

# --- Scrapy: identity, politeness and limits ---------------------------------
USER_AGENT = f"newsarchive/{__version__} (+{ARCHIVE_CONTACT})"
ROBOTSTXT_OBEY = True
ROBOTSTXT_UNREACHABLE = "disallow"  # robots.txt 5xx/429/timeout: RFC 9309 says disallow all (crawler/robots.py)
ARCHIVE_TDMREP = True  # ask each host once for /.well-known/tdmrep.json (W3C TDMRep; crawler/tdmrep.py)
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25  # seconds between requests to one host: a floor, never jittered below
DOWNLOAD_DELAY_JITTER = 0  # Scrapy jitters the delay by ±50% by default, down to half of it
AUTOTHROTTLE_ENABLED = True  # slows down for slow hosts; never below DOWNLOAD_DELAY
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
# --- POLITENESS_*: what site owners ask for (crawler/politeness.py) -----------
POLITENESS_MAX_CRAWL_DELAY = 30.0  # seconds; a robots.txt Crawl-delay above this is capped
POLITENESS_MAX_RETRY_AFTER = 600.0  # seconds; a longer Retry-After is capped
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024  # news pages are far smaller; bigger is a trap
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = False  # archive what an anonymous reader gets
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19 starts an HTTP server by default that runs Python code sent to it (token
# in a job file under the user's home): not on a crawler that runs unattended.
REMOTE_CONTROL_ENABLED = False
LOGSTATS_INTERVAL = 0  # our own progress line replaces Scrapy's
LOG_LEVEL = "INFO"
STATS_DUMP = False  # the full stats go to reports/CRAWLID.json; the summary is printed
LOG_FORMATTER = "crawler.logformatter.NewsArchiveLogFormatter"  # no item dumps in logs
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
# Scrapy starts CONCURRENT_ITEMS (default 100) asyncio tasks for the output of every
# response, however little it yields (scrapy/scrapy#5182): 11% of the reactor thread
# in an archive-only crawl of bench/throughput.py. Our callbacks yield one item and a
# few requests; 4 keep them flowing at a twenty-fifth of the cost.
CONCURRENT_ITEMS = 4
# Scrapy checks each callback for "return value in a generator" by reading its source
# with inspect on every response (its cache is keyed by the bound method, made anew
# each time): 3% of the reactor thread. Our spiders' callbacks are tested instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
FEED_EXPORT_ENCODING = "utf-8"

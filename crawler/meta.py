"""Every ``Request.meta`` key newsarchive sets or reads, in one place: the spiders,
the middlewares and the shared-crawl scheduler agree on them here."""

from __future__ import annotations

# raw capture (crawler/raw_capture.py): the bytes that crossed the wire, and when
# the request left its download slot (the WARC-Date)
META_RAW = "newsarchive_raw"
META_FETCHED_AT = "newsarchive_fetched_at"

# capture (crawler/capture.py)
META_CAPTURE = "newsarchive_capture"  # RecordLocation of the response record
META_REVISIT = "newsarchive_revisit"  # set to the revisit profile when nothing changed

# conditional requests (crawler/conditional.py): the spider asks for one; the prior capture
META_CONDITIONAL = "newsarchive_conditional"
META_PRIOR = "newsarchive_prior"

# set on a dropped request: a shared crawl's worker leaves it to the others (crawler/stop.py)
META_NOT_SENT = "newsarchive_not_sent"

# a shared crawl (crawler/cluster/): the in-flight token of a request popped from Redis
META_TOKEN = "newsarchive_cluster_token"

# site discovery (spiders/site.py); META_MAX_PAGES is also read by the shared scheduler
META_DEPTH = "newsarchive_depth"
META_PUBLISHED = "newsarchive_published"
META_MAX_PAGES = "newsarchive_max_pages"
META_SITEMAP_NESTING = "newsarchive_sitemap_nesting"

# the URL list (spiders/urls.py): the line of the list a request came from
META_LINE = "newsarchive_line"

# a request for a host's own file, not a page of the crawl (crawler/tdmrep.py: tdmrep.json)
META_HOST_FILE = "newsarchive_host_file"

# a page requisite (crawler/requisites.py): {"page": the article it belongs to, "nesting": n};
# archived like any response, never given a corpus row
META_REQUISITE = "newsarchive_requisite"

# set on requests the user named in the site config (sitemaps, feeds on other hosts)
META_CONFIGURED = "newsarchive_configured"

# a site crawl's calendar or pagination series (spiders/site.py): (series key, pages of
# the series in a row before this one), capped by max_trap_depth
META_TRAP = "newsarchive_trap"

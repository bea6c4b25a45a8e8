"""Many workers, one frontier: a crawl shared through Redis (scrapy-redis).

``newsarchive crawl ... --redis redis://HOST:PORT/DB`` makes the process one
worker of a shared crawl named after its input (``--cluster-name`` to choose).
What the workers share, all in Redis under ``newsarchive:NAME:``:

``requests``
    scrapy-redis's priority queue (a sorted set of serialised requests). Every
    worker pushes what it finds and pops what it fetches.
``seen``
    the dupefilter: a Bloom filter over Scrapy's own request fingerprints, in a
    Redis bitmap of fixed size (``CLUSTER_DUPEFILTER_CAPACITY`` and
    ``CLUSTER_DUPEFILTER_ERROR_RATE``: 10 million URLs at 1e-6 take 36 MB,
    whatever the crawl's size). A false positive is a new URL taken for one
    already seen: it is not fetched. Up to the capacity that happens to about
    one new URL in a million; past it the rate climbs (2e-4 at 1.5 times the
    capacity, 3e-3 at twice, 7% at three times), and the crawl logs a warning
    once when it gets there.
``inflight:WORKER``
    what each worker has popped and not finished. Popping moves a request there
    in one atomic step (a Lua script); it leaves when Scrapy's engine is done
    with it (fetched, archived, its callback's requests queued, its items
    through the pipelines; or retried or redirected, the new request queued).
``hb:WORKER``
    a heartbeat that expires ``CLUSTER_HEARTBEAT_TTL`` seconds after a worker
    stops beating. A worker without one is dead: the first idle worker to see it
    puts its in-flight requests back in the queue, so nothing it held is lost
    (what it fetched but had not finished may be fetched again).
``pace:SLOT``, ``hold:SLOT``
    when (Redis's clock) any worker last sent to that host, and until when a
    Retry-After holds it: a request claims its turn in the same atomic step that
    checks the delay has passed, just before it is sent, so ``DOWNLOAD_DELAY``,
    a robots.txt Crawl-delay and Retry-After hold for the whole cluster.
``robots``, ``floors``
    each host's robots.txt outcome, fetched (and archived) by one worker for
    all, and its Crawl-delay.
``listed``
    the URLs a sitemap or feed dates in a site crawl's ``since`` window: a page
    fetched by one worker is kept for a listing another worker read, before or
    after (a page dropped for its own date is checked again once the crawl is
    over, by the worker that holds it).
``workers``, ``seeding``, ``run``, ``reports``, ``finished``
    who takes part, who is still reading its seeds, the shared crawl id, each
    worker's counts at the end, and a marker that the crawl is over.

Every worker reads the seeds (URL list or site config) itself and pushes them
through the shared dupefilter, so each seed enters the queue once whoever
pushes it, and a worker that dies while seeding loses nothing. The crawl is
over when the queue is empty, no worker holds a request and none is still
seeding; each worker finds that out on its own when it falls idle, and exits.
Every worker writes its own archive (``ARCHIVE/workers/WORKER``: its own lock,
WARC files named after it, index, corpus part and report);
``newsarchive merge`` combines them. scrapy-redis never flushes the queue
(``SCHEDULER_PERSIST``); the last worker out clears the crawl's keys.

One job a module: ``lua`` (the atomic scripts), ``keys`` (the Redis key names),
``connect`` (reaching Redis, joining a run), ``membership``, ``queue``, ``pacing``,
``robots``, ``listings``, ``bloom`` and ``finish`` (this worker's side of each, mixed into
``handle.Cluster``), ``dupefilter``, ``scheduler`` and ``coordinator`` (the Scrapy
components; the coordinator is the extension that owns the worker's ``Cluster``,
found with ``cluster_of(crawler)``).
"""

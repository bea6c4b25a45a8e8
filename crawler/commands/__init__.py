"""The verbs of ``newsarchive`` (crawler/cli.py parses, these do): ``crawl`` in crawl.py,
the commands on an archive in archive_ops.py, what they share in common.py."""

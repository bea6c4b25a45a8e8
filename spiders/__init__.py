"""newsarchive's spiders: ``urls`` (a list) and, later, ``site`` (discovery)."""

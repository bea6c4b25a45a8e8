"""The crawl's exit status from its report: 5 when every URL failed (nothing fetched,
or every page's extraction failed), 0 otherwise; a worker of a shared crawl says how the
shared crawl went, once every worker's counts are in."""

from __future__ import annotations

from typing import Any

from crawler.commands.common import EXIT_NOTHING_DONE, EXIT_OK
from crawler.commands.crawl import crawl_status

ROBOTS_FAILURE = {"url": "http://news.test/private/memo.html", "reason": "robots_disallowed"}


def _report(counts: dict[str, int], cluster: dict[str, Any] | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {"fatal_error": None, "finish_reason": "finished",
                              "counts": {"responses": 0, "articles": 0, "unchanged": 0,
                                         "failed": 0, **counts},
                              "failures": [ROBOTS_FAILURE] * counts.get("failed", 0)}
    if cluster is not None:
        report["cluster"] = cluster
    return report


def test_a_crawl_whose_every_url_failed_is_nothing_done() -> None:
    assert crawl_status(_report({"failed": 1})) == EXIT_NOTHING_DONE
    assert crawl_status(_report({"failed": 1, "responses": 3, "articles": 2})) == EXIT_OK


def test_a_shared_crawl_worker_says_how_the_shared_crawl_went() -> None:
    # this worker's one URL was forbidden by robots.txt; the other worker fetched the rest
    whole = {"complete": True, "counts": {"responses": 9, "articles": 6, "failed": 1,
                                          "unchanged": 0}}
    assert crawl_status(_report({"failed": 1}, whole)) == EXIT_OK
    # every URL of the shared crawl failed
    failed = {"complete": True, "counts": {"responses": 0, "articles": 0, "failed": 7,
                                           "unchanged": 0}}
    assert crawl_status(_report({"failed": 1}, failed)) == EXIT_NOTHING_DONE
    # the others' counts are not all in (a worker still running): this worker's own
    partial = {"complete": False, "counts": whole["counts"]}
    assert crawl_status(_report({"failed": 1}, partial)) == EXIT_NOTHING_DONE

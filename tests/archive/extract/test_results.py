"""The task the crawl hands its extraction pool (archive/extract/results.py, a module
the crawl process imports without the extractors) gives what extract_document gives."""

from __future__ import annotations


def test_the_task_a_worker_runs_is_extract_document() -> None:
    from archive.extract.document import ExtractOptions, extract_document
    from archive.extract.results import extract_task
    page = (b"<html><head><title>River survey</title></head><body><article><h1>River survey</h1>"
            + b"<p>" + b"The survey counted fish along the river banks this spring. " * 12 + b"</p>"
            + b"</article></body></html>")
    url = "https://news.example/2024/05/river-survey"
    options = ExtractOptions(policy="combined")
    assert extract_task(page, url, "text/html") == extract_document(page, url, "text/html")
    assert (extract_task(page, url, "text/html", options, (("X-Robots-Tag", "noai"),))
            == extract_document(page, url, "text/html", options, (("X-Robots-Tag", "noai"),)))

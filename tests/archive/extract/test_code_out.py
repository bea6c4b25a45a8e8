"""The extractors get the page without its script and style code (extract_policy.main_text):
no row holds code, and the JSON-LD that trafilatura's fallback reads stays."""

from __future__ import annotations

import json

import lxml.html

from archive.extract.document import extract_document
from archive.extract.extract_policy import main_text

REPORT = " ".join(
    f"Paragraph {i} of the council's report on the harbour wall says the repairs will take "
    "until spring and cost more than the town planned." for i in range(12))
APP_CODE = "window.__APP__ = {" + ",".join(
    f'"k{i}": "render the harbour story on the client {i}"' for i in range(200)) + "};"
LD = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                 "headline": "Harbour wall repairs run late", "datePublished": "2026-03-02",
                 "author": {"@type": "Person", "name": "Mai Tran"}, "articleBody": REPORT})
URL = "https://news.example/2026/03/02/harbour-wall"


def test_a_page_built_by_scripts_gets_the_article_body_its_json_ld_holds() -> None:
    page = ("<html><head><title>Harbour wall repairs run late</title>"
            f"<script type='application/ld+json'>{LD}</script><script>{APP_CODE}</script>"
            "<style>#app { min-height: 100vh }</style></head>"
            f"<body><div id='app'></div><script>{APP_CODE}</script></body></html>")
    document = extract_document(page.encode(), URL, "text/html; charset=utf-8").document
    assert document is not None
    assert document.text == REPORT
    assert document.published == "2026-03-02"
    assert document.authors == ("Mai Tran",)


def test_the_extractors_tree_keeps_the_scripts_and_json_ld_but_no_code() -> None:
    page = ("<html><head><title>Harbour wall repairs run late</title>"
            f"<script type='Application/LD+JSON'>{LD}</script><style>p {{ margin: 0 }}</style>"
            f"</head><body><article><h1>Harbour wall repairs run late</h1><p>{REPORT}</p>"
            f"<script>{APP_CODE}</script>Tail text after the script stays.</article>"
            "</body></html>")
    tree = lxml.html.fromstring(page)
    text, _, _ = main_text("", URL, tree=tree)
    scripts = list(tree.iter("script"))
    assert [s.get("type") for s in scripts] == ["Application/LD+JSON", None]
    assert json.loads(scripts[0].text)["articleBody"] == REPORT
    assert scripts[1].text is None and scripts[1].tail == "Tail text after the script stays."
    assert next(tree.iter("style")).text is None
    assert "window.__APP__" not in text and REPORT in text

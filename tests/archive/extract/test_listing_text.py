"""A listing's text is its headlines and teasers, not the one teaser an article
extractor keeps; the page's frame (menus, header, footer, sidebar) stays out
(archive/extract/listing_text.py)."""

from __future__ import annotations

from archive.extract.document import extract_document
from archive.extract.listing_text import FRAME_PAGE_TYPES

MENU = "".join(f'<li><a href="/section-{i}/">Section {i}</a></li>' for i in range(10))
FOOTER = "Contact the newsroom · Advertise with us · Privacy · Terms of use"
SIDEBAR = "Most read this week in the valley"
STORIES = [
    (f"Valley story number {n}: the {w} council weighs its budget",
     f"Councillors in the {w} district met on Monday to discuss {n + 2} proposals for the "
     f"coming year.")
    for n, w in enumerate(["northern", "eastern", "southern", "western", "central", "upper",
                           "lower", "river"])]
LEAD = ("The valley's councils set their budgets this month: our reporters followed each "
        "meeting, spoke with the councillors and residents, and read the proposals, which "
        "range from new bus routes to the repair of the old bridges over the river, and "
        "from school buildings to the libraries that several districts want to keep open.")

LEAD2 = ("Over the coming weeks we will publish a story on each district's choices, with the "
         "figures the councils gave, what the residents at the meetings asked for, and what "
         "the opposition said it would do differently if it had the votes to change them.")


def listing_page() -> bytes:
    """A section page: a featured story's lead in an <article>, the other stories as
    cards that are links as a whole (their text is all link text)."""
    cards = "".join(
        f'<li class="card"><a href="/2024/05/1{n}/valley-story-{n}"><h3>{h}</h3>'
        f"<p>{t}</p></a></li>" for n, (h, t) in enumerate(STORIES))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Valley | Valley Herald</title></head><body>
<header><nav><ul>{MENU}</ul></nav></header>
<main><h1>Valley</h1><article class="featured"><p>{LEAD}</p><p>{LEAD2}</p></article>
<ul class="cards">{cards}</ul></main>
<aside><h3>{SIDEBAR}</h3></aside><footer><p>{FOOTER}</p></footer>
</body></html>""".encode()


def test_a_listing_keeps_its_headlines_and_teasers() -> None:
    result = extract_document(listing_page(), "https://herald.example/valley/",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None
    assert doc.page_type in FRAME_PAGE_TYPES
    for headline, teaser in STORIES:
        assert headline in doc.text
        assert teaser in doc.text
    assert LEAD in doc.text
    assert LEAD2 in doc.text
    for frame in ("Section 3", FOOTER, SIDEBAR):
        assert frame not in doc.text
    assert doc.extractor["name"] == "page_text"


def test_an_article_keeps_the_article_extractors_text() -> None:
    body = "".join(f"<p>{LEAD} Part {n} of the report.</p>" for n in range(6))
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Budgets | Valley Herald</title></head><body>
<header><nav><ul>{MENU}</ul></nav></header>
<main><article><h1>Budgets</h1>{body}</article></main><footer><p>{FOOTER}</p></footer>
</body></html>""".encode()
    result = extract_document(html, "https://herald.example/2024/05/12/budgets",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None
    assert doc.page_type == "article"
    assert doc.extractor["name"] == "trafilatura"


def test_a_page_text_row_is_a_valid_corpus_row_extractor() -> None:
    """docs/corpus-row.schema.json names every extractor a row can carry (its enum once
    left `page_text` out, and every listing row failed validation)."""
    import json
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[3] / "docs" / "corpus-row.schema.json")
                        .read_text())
    doc = extract_document(listing_page(), "https://herald.example/valley/",
                           "text/html; charset=utf-8").document
    assert doc is not None and doc.extractor["name"] == "page_text"
    jsonschema.validate(doc.extractor, schema["properties"]["extractor"])

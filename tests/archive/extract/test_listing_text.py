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


FACETS = ["Down (132)", "Synthetic (117)", "Wool (2)", "Mummy (180)", "Rectangular (42)"]


def test_filter_options_with_their_counts_stay_out() -> None:
    """A listing's filters ("Down (132)": an option and its count of results) are not its
    text; its headlines and teasers are."""
    filters = "".join(f"<li>{f}</li>" for f in FACETS)
    page = listing_page().replace(
        b"<h1>Valley</h1>", f'<h1>Valley</h1><ul class="refine">{filters}</ul>'.encode())
    result = extract_document(page, "https://herald.example/valley/",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None and doc.extractor["name"] == "page_text"
    for headline, _teaser in STORIES:
        assert headline in doc.text
    for facet in FACETS:
        assert facet not in doc.text


LANGUAGES = ["Abenaki", "Basque", "Catalan", "Danish", "Estonian", "Faroese", "Galician"]


def test_a_closed_menu_and_a_drop_downs_options_stay_out() -> None:
    """A closed <details> menu shows only its summary, a <select> only its chosen
    option: the hundreds of names in them are not the page's text."""
    menu = "".join(f'<a href="?lang={n}">{n}</a>' for n in LANGUAGES)
    options = "".join(f"<option>{n} edition</option>" for n in LANGUAGES)
    page = listing_page().replace(
        b"<h1>Valley</h1>",
        f'<h1>Valley</h1><details class="menu"><summary>Language</summary>'
        f'<div class="menu-list">{menu}</div></details><select>{options}</select>'.encode())
    result = extract_document(page, "https://herald.example/valley/",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None and doc.extractor["name"] == "page_text"
    for headline, _teaser in STORIES:
        assert headline in doc.text
    for name in LANGUAGES:
        assert name not in doc.text


def test_a_block_shown_twice_is_kept_once() -> None:
    """A landing page that writes its pitch twice (one layout for small screens, one for
    large ones) has it once in its text."""
    pitch = ("Plan the whole harbour festival with your team on one shared board, from the "
             "first idea to the last volunteer shift.")
    page = listing_page().replace(
        b"<h1>Valley</h1>",
        f'<h1>Valley</h1><div class="mobile"><p>{pitch}</p></div>'
        f'<div class="desktop"><p>{pitch}</p></div>'.encode())
    result = extract_document(page, "https://herald.example/valley/",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None and doc.extractor["name"] == "page_text"
    assert doc.text.count(pitch) == 1
    for headline, _teaser in STORIES:
        assert headline in doc.text


def test_repeated_lines_of_few_words_stay_but_on_a_product_page() -> None:
    """"Add to cart" under each product of a listing is no copy; a product's
    specification shown in two tabs is."""
    from archive.extract.listing_text import (PRODUCT_REPEAT_WORDS, REPEAT_WORDS,
                                              drop_repeated_lines)
    lines = ["Harbour kettle", "Add to cart", "Harbour teapot", "Add to cart",
             "Weight: 820 g", "Weight: 820 g"]
    assert drop_repeated_lines(lines, REPEAT_WORDS) == lines
    assert drop_repeated_lines(lines, PRODUCT_REPEAT_WORDS) == lines[:3] + lines[4:5]


def test_a_long_paragraph_written_twice_on_a_listing_stays_twice() -> None:
    """A listing's paragraph of more than LISTING_REPEAT_MAX words written twice is what
    the page says, not a second layout."""
    from archive.extract.listing_text import (LISTING_REPEAT_MAX, REPEAT_WORDS,
                                              drop_repeated_lines)
    long = f"{LEAD} {LEAD2}"
    assert len(long.split()) > LISTING_REPEAT_MAX
    lines = [long, STORIES[0][0], long, STORIES[1][1], STORIES[1][1]]
    assert drop_repeated_lines(lines, REPEAT_WORDS, LISTING_REPEAT_MAX) == lines[:4]


def cards_html() -> str:
    return "".join(
        f'<li class="card"><a href="/2024/05/1{n}/valley-story-{n}"><h3>{h}</h3>'
        f"<p>{t}</p></a></li>" for n, (h, t) in enumerate(STORIES))


def content() -> str:
    """The section's content: a featured story's lead in an <article> (the one block an
    article extractor keeps), the other stories as cards."""
    return (f'<h1>Valley</h1><article class="featured"><p>{LEAD}</p><p>{LEAD2}</p>'
            f'</article><ul class="cards">{cards_html()}</ul>')


def assert_listing_text(html: str) -> None:
    result = extract_document(html.encode(), "https://herald.example/valley/",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None
    assert doc.page_type in FRAME_PAGE_TYPES
    assert doc.extractor["name"] == "page_text"
    for headline, teaser in STORIES:
        assert headline in doc.text
        assert teaser in doc.text
    for frame in ("Section 3", FOOTER):
        assert frame not in doc.text


def test_a_main_the_parser_nested_in_an_open_header_is_the_page() -> None:
    """A header whose end tag a template forgot: the parser nests the rest of the page,
    ``<main>`` with it, in the header. The header then holds the page, not its frame."""
    import lxml.html
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Valley | Valley Herald</title></head><body>
<header><div class="masthead"><nav><ul>{MENU}</ul></nav></div>
<main>{content()}</main>
<footer><p>{FOOTER}</p></footer>
</body></html>"""
    main = lxml.html.fromstring(html).find(".//main")
    assert main is not None and any(a.tag == "header" for a in main.iterancestors())
    assert_listing_text(html)


def test_a_form_around_the_whole_body_is_the_page() -> None:
    """An ASP.NET WebForms page: one <form> holds the whole body, frame and content.
    The content stays; the header, menu and footer inside the form still go."""
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Valley | Valley Herald</title></head><body>
<form method="post" action="/valley/" id="MainForm">
<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4">
<header><nav><ul>{MENU}</ul></nav></header>
<div id="content">{content()}</div>
<footer><p>{FOOTER}</p></footer>
</form></body></html>"""
    assert_listing_text(html)

"""markup_date is htmldate's find_date without its scan of the whole serialised page:
the same day wherever one of the earlier steps finds one, and no day where only that
scan would (a year padded to January 1, a day in a script's string). Pages written for
the project."""

from __future__ import annotations

import datetime

import lxml.html
import pytest
from htmldate import find_date

from archive.extract.markup_date import markup_date

BODY = ("<p>The harbour authority opened the new ferry terminal on Monday, two years later "
        "than planned, after a long dispute over the quay and the fishermen's market.</p>")


def page(head: str = "", before: str = "", after: str = "") -> str:
    return (f"<html><head><title>Ferry terminal opens</title>{head}</head><body>"
            f"<h1>Ferry terminal opens</h1>{before}<article>{BODY}</article>{after}"
            "<footer>Harbour Daily</footer></body></html>")


PAGES = {
    "meta": page(head='<meta property="article:published_time" content="2024-03-18T09:00:00Z">'),
    "json-ld": page(head='<script type="application/ld+json">{"@type": "NewsArticle", '
                         '"datePublished": "2023-11-02T08:00:00+01:00"}</script>'),
    "class": page(before='<div class="post-date">18 March 2024</div>'),
    "time": page(before='<time datetime="2022-06-01">June 1, 2022</time>'),
    "free text": page(before="<p>Filed on 7 February 2021 by the harbour desk</p>"),
    "iso in text": page(after="<p>Revision 2020-05-04 of the harbour's timetable</p>"),
    "nothing": page(),
    "bare year": page(after="<p>© 2019 Harbour Daily. All rights reserved.</p>"),
}


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("text", [False, True])
def test_same_day_as_htmldate_where_the_markup_names_one(name: str, text: bool) -> None:
    tree = lxml.html.fromstring(PAGES[name])
    url = "https://harbour.example/news/ferry-terminal-opens"
    theirs = find_date(lxml.html.fromstring(PAGES[name]), extensive_search=text,
                       original_date=True, url=url,
                       max_date=datetime.datetime.now().astimezone().strftime("%Y-%m-%d"))
    ours = markup_date(tree, url, text)
    if name == "bare year" and text:
        # only htmldate's whole-page scan reads the year, as January 1
        assert theirs == "2019-01-01"
        assert ours is None
    else:
        assert ours == theirs
    if name not in ("nothing", "bare year") and (text or name != "free text"):
        assert ours is not None


def test_the_tree_is_left_as_it_was() -> None:
    tree = lxml.html.fromstring(PAGES["class"])
    before = lxml.html.tostring(tree)
    assert markup_date(tree, None, True) == "2024-03-18"
    assert lxml.html.tostring(tree) == before


# the same story in Russian, for pages that declare no language
BODY_RU = ("<p>Портовое управление открыло новый паромный терминал в понедельник, на два "
           "года позже намеченного срока, после долгого спора о причале и рыбном рынке.</p>")


def declared(lang: str, segment: str, body: str = BODY) -> str | None:
    html = (f'<html lang="{lang}"><head><title>Ferry terminal opens</title></head><body>'
            f"<h1>Ferry terminal opens</h1><article>{body}</article><span>{segment}</span>"
            "</body></html>")
    return markup_date(lxml.html.fromstring(html), None, text=True)


@pytest.mark.parametrize("lang, segment, day", [
    # dateparser reads these strings: in the page's declared language, and in English
    ("de-DE", "3. März 2024", "2024-03-03"),
    ("ru", "3 марта 2024", "2024-03-03"),
    ("vi", "24-Nov-2021", "2021-11-24"),
    ("en-US", "24-Nov-2021", "2021-11-24"),
    # a language dateparser does not know: every locale, as htmldate's own
    ("tlh", "3 марта 2024", "2024-03-03"),
    # the cost of the speed: a page declared English does not take a Russian day
    ("en", "3 марта 2024", None),
])
def test_the_free_text_search_reads_days_in_the_declared_language_and_english(
        lang: str, segment: str, day: str | None) -> None:
    assert declared(lang, segment) == day
    if "марта" in segment:
        # htmldate's cache of what each string gave does not carry one page's answer
        # to the next page, of other languages
        assert declared("", segment, BODY_RU) == "2024-03-03"


@pytest.mark.parametrize("body, segment, day", [
    # no language declared: the language of the page's paragraphs, and English
    (BODY_RU, "3 марта 2024", "2024-03-03"),
    (BODY_RU, "24-Nov-2021", "2021-11-24"),
    (BODY, "24-Nov-2021", "2021-11-24"),
    # the cost of the speed, as for a page declared English
    (BODY, "3 марта 2024", None),
])
def test_a_page_that_declares_no_language_is_read_in_the_language_of_its_text(
        body: str, segment: str, day: str | None) -> None:
    assert declared("", segment, body) == day
    # the answer of one page's language is not carried to the next page's
    assert declared("ru", "3 марта 2024") == "2024-03-03"
    assert declared("", segment, body) == day

"""Beside or under a story, news sites stream their other stories as cards: a thumbnail,
a headline that links to the story, and a summary of two or three sentences cut off
mid-phrase, in a list of like cards whatever their classes. The extractors drop the
headlines (links) and keep the summaries (paragraphs of 30-50 words), so a story's text
ran on into twenty others. On a page typed article, a line found in the page only as
the summary of such a card, whose headline the text left out, goes
(archive/extract/line_clean.py drop_teaser_cards). A listicle's items are cards too:
their names are in the text, or link to the story's own gallery, and they stay. A page
written for the project. The rule is tested on the lines an extractor gives for such a
page when it falls back to the page's paragraphs, as trafilatura did on the real one
(Readability's yahoo-3 test page): on this small page it gives each card as one list
line with its headline (or leaves the stream out, in a column of its own)."""

from __future__ import annotations

from archive.extract.document import extract_document
from archive.extract.html_text import parse_html
from archive.extract.line_clean import drop_teaser_cards

URL = "https://news.example/us/harbour-bridge-reopens-after-repairs-204100463.html"
BODY = [
    "The Harbour Bridge reopened to traffic on Monday morning after eleven months of "
    "repairs, two weeks ahead of the schedule the city set when the work began last year.",
    "Engineers replaced forty of the bridge's steel cables and resurfaced both decks, "
    "work that the transport department said would add at least thirty years to its life.",
    "Commuters who had faced detours of up to forty minutes each way welcomed the news, "
    "and the first buses crossed the bridge shortly after six o'clock on Monday.",
    "The repairs cost 84 million dollars, slightly less than budgeted, the mayor said at "
    "a ceremony on the bridge, thanking the crews who worked through the winter.",
    "A second phase of work, on the approach roads, will start in the spring and is "
    "expected to close one lane at a time rather than the whole bridge.",
]
STREAM = [
    ("Ferry service to the islands cut to three sailings a day",
     "The island ferry will run three sailings a day from next month, down from five, "
     "the operator said on Tuesday, citing a shortage of crew and the rising cost of "
     "fuel. Residents said the cut would leave them with no way to reach"),
    ("City council votes to extend the night bus network",
     "Night buses will run on six more routes from January after the city council voted "
     "to extend the network on Wednesday. The new routes will serve the eastern suburbs, "
     "where shift workers have long asked for a service that runs after"),
    ("Storm warning issued for the coast as winds strengthen",
     "Forecasters issued a storm warning for the whole coast on Thursday as winds "
     "strengthened ahead of the weekend. Gusts of up to 110 kilometres an hour are "
     "expected on Saturday, and the harbour authority has told small boats"),
    ("New library opens its doors in the old station building",
     "The city's new central library opened on Friday in the restored station building, "
     "with room for 200,000 books and a floor for children. Thousands of people queued "
     "for the opening, some of them since early morning, to see the"),
]


def page() -> bytes:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    cards = "".join(
        f"<li class='js-stream-content Cf Pos-r' data-uuid='{i}'>"
        f"<a href='https://news.example/us/story-{305000100 + i}.html' aria-hidden='true'>"
        "<img src='/t.gif' alt=''></a><div class='Bfc'>"
        f"<h3 class='Fw-b Fz-m'><a href='https://news.example/us/story-{305000100 + i}.html'>"
        f"{title}</a></h3><p class='Mb-2'>{summary}</p>"
        "<div class='C-gray'>Example News</div></div></li>"
        for i, (title, summary) in enumerate(STREAM))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Harbour Bridge reopens after repairs - Example News</title>"
            "<meta property='og:type' content='article'>"
            "<meta property='article:published_time' content='2025-03-03T07:00:00Z'>"
            "</head><body><div class='content'><div class='story'>"
            "<h1>Harbour Bridge reopens after repairs</h1>"
            f"<p class='byline'>By Dana Reyes</p>{body}"
            # the stream in the story's own column, where trafilatura keeps its summaries
            f"<div class='stream'><ul class='Bleed Mb-0'>{cards}</ul></div></div></div>"
            "</body></html>").encode("utf-8")


def test_a_stream_of_other_stories_leaves_the_article() -> None:
    # the lines as trafilatura gives them where it falls back to the page's paragraphs
    # (Readability's yahoo-3 test page): the story's, then each card's summary alone
    tree = parse_html(page().decode("utf-8"))
    summaries = [summary for _, summary in STREAM]
    assert drop_teaser_cards([*BODY, *summaries], tree, URL) == BODY
    # through the crawl's code path: the story whole (trafilatura gives each card as one
    # list line with its headline, a shape this rule does not judge)
    result = extract_document(page(), URL, "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    assert result.document.page_type == "article"
    lines = result.document.text.split("\n\n")
    for paragraph in BODY:
        assert paragraph in lines, paragraph


def test_cards_whose_headlines_are_in_the_text_stay() -> None:
    # a listicle: each item's name is a heading of the article's own (in the text)
    tree = parse_html(page().decode("utf-8"))
    lines = [line for title, summary in STREAM for line in (title, summary)]
    assert drop_teaser_cards([*BODY, *lines], tree, URL) == [*BODY, *lines]


def test_cards_that_link_to_the_storys_own_gallery_stay() -> None:
    # a gallery's slides: each headline links to the slide's page of this very story
    html = page().decode("utf-8").replace("https://news.example/us/story-30500010",
                                          "https://news.example/gallery/204100463/slide-")
    summaries = [summary for _, summary in STREAM]
    assert drop_teaser_cards([*BODY, *summaries], parse_html(html), URL) == [*BODY, *summaries]


def test_summaries_that_are_most_of_the_text_stay() -> None:
    # a page of teasers taken for an article: its summaries are what it holds
    tree = parse_html(page().decode("utf-8"))
    summaries = [summary for _, summary in STREAM]
    assert drop_teaser_cards([BODY[0], *summaries], tree, URL) == [BODY[0], *summaries]

"""A news site on 127.0.0.1 that serves one story at three URLs (the story, its AMP
version and its print version, as many CMSs do) beside three other stories. Every
page carries the site's template: a series note and a tip line inside the story,
which the extractors keep."""

from __future__ import annotations

from http.server import ThreadingHTTPServer

from tests.sites.small_site import start_small_site

# lines the extractors keep: only the site-template pass tells them from the story
TEMPLATE_LINE = ("This story is part of Harbour Futures, a series on the town's waterfront "
                 "supported by the Coast Foundation.")
FOOTER_LINE = "Readers can reach the newsroom with tips on 555 0100 or at the harbour office."
STORIES = {
    "ferry": "The ferry to the island runs again",
    "market": "The fish market opens on Sundays",
    "library": "The library gets a reading garden",
    "school": "The harbour school adds a sailing class",
}
# the story at three URLs, and the other stories at one each
COPIES = ["/news/ferry-runs-again", "/amp/news/ferry-runs-again", "/news/ferry-runs-again/print"]
PATHS = {**{path: "ferry" for path in COPIES}, "/news/market-sundays": "market",
         "/news/library-garden": "library", "/news/school-sailing": "school"}


def story_lines(topic: str) -> list[str]:
    return [f"Part {i} of the {topic} story: the council said on Monday that the {topic} "
            f"plan would go ahead this spring, after residents spoke for it at a long "
            f"meeting in the town hall on the {i}th." for i in range(1, 6)]


def page(topic: str) -> str:
    body = "".join(f"<p>{line}</p>" for line in story_lines(topic))
    return (f"<html><head><title>{STORIES[topic]} - Bay Herald</title>"
            "<meta property='og:type' content='article'>"
            "<meta property='article:published_time' content='2024-05-12T08:00:00Z'></head>"
            "<body><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav><article>"
            f"<h1>{STORIES[topic]}</h1><p class='byline'>By Jane Roe</p><p>{TEMPLATE_LINE}</p>"
            f"{body}<p>{FOOTER_LINE}</p></article></body></html>")


def start_copies_site() -> tuple[ThreadingHTTPServer, str]:
    return start_small_site(lambda path: page(PATHS[path]) if path in PATHS else None)

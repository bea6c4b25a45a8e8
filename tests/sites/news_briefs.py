"""A news site on 127.0.0.1 with news briefs (a story of a sentence or two) beside a
longer story, each page in the site's frame: a menu, a "Most read" list, a footer.
``page`` builds such a page; tests/archive/extract/test_news_briefs.py reads them one
by one, tests/e2e/test_site_crawl.py crawls the site."""

from __future__ import annotations

import json
from http.server import ThreadingHTTPServer

from tests.sites.small_site import start_small_site

MENU = "".join(f"<li><a href='/section/{w.lower()}'>{w}</a></li>" for w in (
    "World", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture",
    "Opinion", "Video", "Podcasts", "Weather"))
MOST_READ = "".join(
    f"<li><a href='/news/council-budget-{i}'>Council approves a new budget for the schools "
    f"and roads of district {i}</a></li>" for i in range(1, 7))
FOOTER = ("<footer><p>© 2024 Daily Courier. All rights reserved.</p>"
          "<a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a></footer>")
BRIEF = "The Main Street bridge is closed after a truck hit its railing early on Sunday."
TITLE = "Bridge closed after truck crash"


def news_article(headline: str, day: str = "2024-05-12T08:00:00Z",
                 author: str = "Jane Smith", body: str | None = None) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
            "datePublished": day, "author": {"@type": "Person", "name": author}}
    if body is not None:
        data["articleBody"] = body
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def page(story: str, *, element: str = "div", lang: str = "en", title: str = TITLE,
         head: str | None = None, byline: str = "By <a href='/author/jane'>Jane Smith</a>",
         shown_day: str = "May 12, 2024", menu: str = MENU, most_read: str = MOST_READ,
         footer: str = FOOTER) -> bytes:
    head = news_article(title) if head is None else head
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{title} | Daily Courier</title>"
            f"<meta property='og:type' content='article'>{head}</head><body>"
            f"<div class='top'><a href='/'>Daily Courier</a><ul class='menu'>{menu}</ul></div>"
            f"<div class='wrap'><{element} class='story'><h1>{title}</h1>"
            f"<div class='meta'>{byline} | {shown_day}</div>"
            f"<div class='story-body'><p>{story}</p></div></{element}>"
            f"<aside class='side'><h2>Most read</h2><ul>{most_read}</ul></aside></div>"
            f"{footer}</body></html>").encode("utf-8")



LONG_STORY = " ".join(
    f"Part {i} of the story: the council said on Monday that the harbour would stay open "
    f"through the winter, after residents asked for it at the meeting in the town hall."
    for i in range(1, 7))
FIRE = ("A fire broke out at the old market hall on Saturday night; firefighters had it "
        "under control within the hour.")
# path -> (headline, story)
STORIES = {
    "/news/bridge-closed/": (TITLE, BRIEF),
    "/news/market-fire/": ("Fire at the old market hall", FIRE),
    "/news/harbour-stays-open/": ("The harbour stays open", LONG_STORY),
}
HOME = ("<html><head><title>Daily Courier</title></head><body><h1>Daily Courier</h1><ul>"
        + "".join(f"<li><a href='{path}'>{title}</a></li>"
                  for path, (title, _) in STORIES.items()) + "</ul></body></html>")


def _page(target: str) -> str | None:
    if target == "/":
        return HOME
    if target in STORIES:
        title, story = STORIES[target]
        return page(story, title=title).decode("utf-8")
    return None


def start_briefs_site() -> tuple[ThreadingHTTPServer, str]:
    """The running server and its base URL."""
    return start_small_site(_page)

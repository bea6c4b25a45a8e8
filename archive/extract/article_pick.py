"""The article a URL names, on a page that holds several.

News sites append the next stories under the one asked for (infinite scroll),
or show a few full stories on one page; extractors then take the longest, or
all of them. The page's own article is the ``<article>`` element that links to
the page's URL (its headline, its share links, ``itemid``, ``data-url``); the
others are taken out before extraction. ``title`` is not used to choose: pages
built of several ``<article>`` parts (a recipe's card and its steps) have one
headed by the title.
"""

from __future__ import annotations

import copy
import re

import lxml.html

from .addresses import split_url

__all__ = ["named_article_tree"]

_WORDS = re.compile(r"\w+")
_URL_ATTRS = ("href", "itemid", "data-url", "data-href", "data-permalink", "data-share-url",
              "data-canonical", "about", "data-link")


def _path(url: str) -> str | None:
    """The URL's path and query; None for one urllib cannot read."""
    parts = split_url(url.strip())
    if parts is None:
        return None
    return parts.path.rstrip("/") + ("?" + parts.query if parts.query else "")


def _top_articles(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """<article> elements not inside another, each holding a paragraph of prose."""
    found = []
    for el in tree.iter("article"):
        if any(anc.tag == "article" for anc in el.iterancestors()):
            continue
        if any(len(_WORDS.findall(p.text_content())) >= 20 for p in el.iter("p")):
            found.append(el)
    return found


def _links_to(article: lxml.html.HtmlElement, path: str) -> tuple[bool, bool]:
    """(whether ``article`` links to the page at ``path``, whether it links to a place in
    that page: the same address with a fragment, "...#comment-399009")."""
    page = place = False
    for el in article.iter():
        if isinstance(el.tag, str):
            for attr in _URL_ATTRS:
                value = el.get(attr)
                if value and _path(value) == path:
                    if "#" in value:
                        place = True
                    else:
                        page = True
    return page, place


def named_article_tree(tree: lxml.html.HtmlElement, url: str | None,
                       title: str | None) -> lxml.html.HtmlElement | None:
    """A copy of ``tree`` without the other full articles, when the page holds several
    and exactly one of them is the URL's; None otherwise (the page as it is)."""
    if tree.xpath("count(//article)") < 2:  # cheap test first
        return None
    articles = _top_articles(tree)
    if len(articles) < 2:
        return None
    # by a link to the URL only: a headline equal to the title also picks one part of a
    # page built of several <article>s (a recipe's card and its instructions)
    path = _path(url) if url else ""
    if not path:
        return None
    links = [_links_to(art, path) for art in articles]
    named = [i for i, (page, _) in enumerate(links) if page]
    # An <article> that links to a place in this page is a part of it, not another
    # story: a comment's permalink ("#comment-399009"), a forum's post ("#findComment-
    # 5853831"). Such a page is one post and its replies, left whole: taken for the
    # named one, a comment beside the post (which links to nothing) lost the post; a
    # thread whose first post also links to the page kept the first post alone.
    if len(named) != 1 or any(place for i, (_, place) in enumerate(links) if i != named[0]):
        return None
    pruned = copy.deepcopy(tree)
    others = [i for i in range(len(articles)) if i != named[0]]
    pruned_articles = _top_articles(pruned)
    for i in others:
        pruned_articles[i].drop_tree()
    return pruned

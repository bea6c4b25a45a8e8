"""Listings that read like articles: pages with prose of their own that are lists of
other pages. One page per kind, written for the project."""

from __future__ import annotations

import json

from tests.archive.extract.test_page_kinds import kind

PROSE = ("The harbour board has published its plans for the coming year, with new berths "
         "for the ferries, a longer quay for the fishing fleet and a walk along the water.")
SUMMARY = ("Our guide walks you through the steps, from the first sketch to the finished "
           "piece, with the tools you need and the mistakes that beginners often make.")


def shell(body: str, head: str = "", og: str = "website") -> str:
    return (f'<html><head><title>Harbour Daily</title><meta property="og:type" content="{og}">'
            f"{head}</head><body><main>{body}</main></body></html>")


def prose_and_links(headline: str) -> str:
    """Six paragraphs of prose and a paragraph of 34 links: near half the text links."""
    links = " · ".join(f'<a href="/programme/{i}">Certificate in harbour management {i}</a>'
                       for i in range(34))
    return (f"<h1>{headline}</h1>" + "".join(f"<p>{PROSE}</p>" for _ in range(6))
            + f"<p>{links}</p>")


def test_list_of_page_declaring_article_is_a_listing() -> None:
    # an encyclopedia's list: Article markup, an underscored title that reads as a slug
    head = '<script type="application/ld+json">{"@type": "Article", "name": "List"}</script>'
    rows = "".join(f'<li><a href="/wiki/Harbour_{i}">Harbour number {i}</a>, {PROSE}</li>'
                   for i in range(20))
    body = f"<h1>List of harbours</h1><p>{PROSE}</p><ul>{rows}</ul>"
    assert kind(shell(body, head), "https://wiki.example/wiki/List_of_harbours_by_size") == "listing"


def test_item_list_without_a_date_is_a_listing() -> None:
    items = [{"@type": "ListItem", "position": i, "url": f"https://courses.example/c/{i}"}
             for i in range(1, 9)]
    head = ('<script type="application/ld+json">'
            + json.dumps({"@type": "ItemList", "itemListElement": items}) + "</script>")
    body = "<h1>Learn woodworking</h1>" + "".join(
        f"<h2>Course {i}</h2><p>{SUMMARY}</p>" for i in range(8))
    assert kind(shell(body, head), "https://courses.example/learn/woodworking") == "listing"


def test_undated_page_of_teasers_is_a_listing() -> None:
    cards = "".join(
        f'<div class="card"><h3><a href="/guide-{i}/">How to build a shelf number {i}</a></h3>'
        f"<p>{SUMMARY}</p></div>" for i in range(10))
    body = f"<h1>Woodworking for beginners</h1><div class=\"grid\">{cards}</div>"
    assert kind(shell(body), "https://workshop.example/beginners/") == "listing"


def test_undated_page_of_reviews_with_linked_headlines_is_a_listing() -> None:
    # each teaser a long excerpt under its linked headline
    excerpt = f"{SUMMARY} {SUMMARY} {SUMMARY} {PROSE}"
    cards = "".join(
        f'<div class="review"><h2><a href="/reviews/app-{i}">App {i}</a></h2>'
        f"<p>{excerpt}</p></div>" for i in range(8))
    body = f"<h1>App reviews</h1><p>{PROSE}</p><div class=\"reviews\">{cards}</div>"
    assert kind(shell(body), "https://apps.example/app-reviews") == "listing"


def test_undated_guide_in_accordion_panels_is_an_article() -> None:
    # headings that open a panel ("#") link to no other page: not teasers
    panels = "".join(
        f'<div class="panel"><a href="#" class="toggle"><h3>Step number {i} of the guide'
        f"</h3></a><p>{SUMMARY}</p></div>" for i in range(8))
    body = f"<h1>How to build a shelf</h1><p>{PROSE}</p>{panels}"
    assert kind(shell(body), "https://workshop.example/guides/build-a-shelf") == "article"


def test_undated_page_of_mostly_links_is_a_listing() -> None:
    # a directory: no date, no author, nothing saying article, and near half its text links
    body = prose_and_links("Professional programmes")
    assert kind(shell(body), "https://school.example/programmes/professional/") == "listing"


def test_short_page_with_a_date_and_an_author_is_not_an_article() -> None:
    head = ('<meta name="author" content="Jane Roe">'
            '<meta property="article:published_time" content="2024-05-12">')
    lines = ["Six courses, about forty hours of video and labs in all.",
             "Build, train and deploy models on a managed platform.",
             "Each course ends with a quiz and a hands-on project.",
             "Earn a badge for each course you finish on the path.",
             "Start with the basics of data preparation and features.",
             "Then move on to tuning, serving and monitoring models."]
    body = "<h1>Machine learning path</h1>" + "".join(f"<p>{line}</p>" for line in lines)
    assert kind(shell(body, head), "https://learn.example/paths/17") != "article"


def test_short_page_declaring_only_og_article_is_not_an_article() -> None:
    lines = ["Twelve marked trails, from an easy loop to a full day on the ridge.",
             "Trails open from dawn to dusk, all year round, weather allowing.",
             "Dogs on a leash are welcome on every trail but the ridge loop.",
             "Parking at the north gate and at the old mill; both are free.",
             "Report a fallen tree or a washed-out bridge to the volunteers.",
             "Maps at the trailheads and in the visitor centre by the lake."]
    body = "<h1>Trails</h1>" + "".join(f"<p>{line}</p>" for line in lines)
    head = '<meta property="article:modified_time" content="2024-05-12">'
    assert kind(shell(body, head, og="article"), "https://hikers.example/trails/") != "article"


def test_short_story_declaring_og_article_in_its_own_article_element_is_an_article() -> None:
    # a brief: og:type article, the story in one <article>, no author, no story's URL
    paras = "".join(f"<p>Paragraph {i}: the harbour board opened the new berth this morning, "
                    "two weeks before the date it had announced.</p>" for i in range(5))
    body = f"<article><h1>New berth opens early</h1>{paras}</article>"
    assert kind(shell(body, og="article"), "https://harbour.example/brief") == "article"


def test_undated_table_of_data_is_not_an_article() -> None:
    # standings: the main text is one table, each row a team's record
    teams = ["Harbour Rovers", "Quay United", "Lighthouse Athletic", "Ferry Town",
             "North Pier", "Old Mill Rangers", "Dockside Wanderers", "Bay City"]
    rows = "".join(
        f'<tr><td><a href="/team/{i}">{team}</a></td><td>{30 - i}</td><td>{10 + i}</td>'
        f"<td>{(30 - i) / 40:.3f}</td><td>{i * 1.5}</td><td>{15 - i}-{5 + i}</td>"
        f"<td>{15 - i}-{5 + i}</td><td>W{i + 1}</td><td>{8 - i}-{2 + i}</td>"
        f"<td>{110 + i} {105 - i} {i + 5}</td><td>next at {teams[i - 1]} on Sunday</td></tr>"
        for i, team in enumerate(teams))
    table = ("<table><thead><tr><th>Team</th><th>Won</th><th>Lost</th><th>Share</th>"
             "<th>Games behind</th><th>Home</th><th>Away</th><th>Streak</th>"
             "<th>Last ten</th><th>Points</th><th>Next game</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>")
    body = f"<h1>League standings</h1>{table}"
    assert kind(shell(body), "https://league.example/standings") != "article"


def test_undated_story_laid_out_in_a_table_is_an_article() -> None:
    # an old site's layout table: each row a cell of prose beside the menu and a note
    rows = "".join(f'<tr><td><a href="/s/{i}">Section {i}</a></td><td>{PROSE} {SUMMARY}</td>'
                   f"<td>Note {i}</td></tr>" for i in range(6))
    body = f"<h1>Harbour plans</h1><table>{rows}</table>"
    assert kind(shell(body), "https://harbour.example/news/harbour-plans-for-the-year") == "article"


def test_undated_story_in_a_frame_of_links_is_an_article() -> None:
    # an old site's story page: no date, no byline, a long menu of links, a story's URL
    body = prose_and_links("Fertilizing young trees")
    assert kind(shell(body), "https://extension.example/trees/growing/fertilizing.htm") == "article"

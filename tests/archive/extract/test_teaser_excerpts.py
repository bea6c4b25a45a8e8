"""Under or beside an article, many sites show a grid of their other posts: a title, an
excerpt of each ("elementor-post__excerpt", "tile-excerpt"), a "Read more". The
excerpts are paragraphs of 40-80 words: too long for the box rules, which judge short
lines only, and the extractors keep them with the article. On a page typed article, a
line that is the excerpt of an element the page repeats under the same class goes
(archive/extract/line_clean.py drop_teaser_excerpts); the article's own excerpt, its
standfirst, appears once and stays. A page written for the project, through
``extract_document`` as the crawl runs it."""

from __future__ import annotations

from archive.extract.document import extract_document
from archive.extract.html_text import parse_html
from archive.extract.line_clean import drop_teaser_excerpts

URL = "https://law.example/blog/injured-at-a-gym-who-is-liable/"
STANDFIRST = ("A gym's waiver does not cover everything: when faulty equipment causes an "
              "injury, the owner may still be liable to the member who was hurt.")
BODY = [
    "If someone is not careful at the gym, they may get hurt. Dropping a weight or "
    "straining too hard are common causes of injury, but members are also hurt by "
    "equipment that was faulty or that the gym did not maintain.",
    "Several things decide whether an injured member can sue. The first is the waiver "
    "signed on joining: most protect the gym against claims of ordinary negligence, and "
    "courts read them narrowly when they are vague.",
    "A waiver does not protect a gym that was grossly negligent, for instance one that "
    "left a broken machine in use for weeks after members reported it to the staff.",
    "Businesses must keep their premises safe, so that nobody slips on a wet floor or "
    "trips over equipment left in a walkway, and this duty holds whatever a waiver says.",
    "Anyone hurt at a gym should write down what happened, photograph the equipment and "
    "keep the medical records, before speaking to a lawyer about the case.",
]
TEASERS = [
    ("Can you sue the benefits office after a denied claim?",
     "When the benefits office denies a disability claim, it can feel like a dead end. "
     "Many applicants wonder whether they can sue to receive the benefits they believe "
     "they deserve, and the path is not straightforward, but there are remedies."),
    ("What to expect at a disability hearing",
     "Navigating the disability process can be overwhelming while dealing with an "
     "illness. A hearing before a judge is often the best chance of approval, and "
     "preparing for it well makes a real difference to the outcome of a claim."),
    ("How long does a disability appeal take?",
     "Navigating the complex rules of disability appeals can be overwhelming, especially "
     "when bills are piling up. The time an appeal takes depends on the stage, the "
     "office that handles it and how complete the medical evidence is from the start."),
    ("Working while you wait for benefits",
     "Many people ask whether they may work while their application is pending. Some "
     "work is allowed, but earnings above a monthly limit can end a claim, so it is "
     "worth checking the current figure before accepting any job offer at all."),
]


def page(own_in_grid: bool = False) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    teasers = TEASERS
    if own_in_grid:
        # the post itself in its site's "recent posts" grid: its excerpt is its
        # standfirst, and its first paragraph the start of a WordPress excerpt
        teasers = [*TEASERS[:3], ("Injured at a gym: who is liable?", STANDFIRST),
                   ("Injured at a gym: who is liable?", BODY[0] + " [...]")]
    grid = "".join(
        "<article class='elementor-post elementor-grid-item'>"
        "<div class='elementor-post__text'>"
        f"<h3 class='elementor-post__title'><a href='/blog/{i}/'>{title}</a></h3>"
        f"<div class='elementor-post__excerpt'><p>{excerpt}</p></div>"
        f"<a class='elementor-post__read-more' href='/blog/{i}/'>Read more</a>"
        "</div></article>" for i, (title, excerpt) in enumerate(teasers))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Injured at a gym: who is liable? | Law Example</title>"
            "<meta property='og:type' content='article'>"
            "<meta property='article:published_time' content='2025-04-21T09:00:00Z'>"
            "</head><body><div class='elementor elementor-location-single'>"
            "<div class='elementor-widget-container'><h1>Injured at a gym: who is liable?"
            "</h1><p class='byline'>By Susan Keane | Apr 21, 2025</p>"
            f"<div class='entry-excerpt'><p>{STANDFIRST}</p></div>{body}</div>"
            "<div class='elementor-widget-container'><div class='elementor-posts-container "
            f"elementor-posts elementor-grid'>{grid}</div></div></div>"
            "<div class='site-footer'><p>Law Example, 4 Court Street</p></div>"
            "</body></html>").encode("utf-8")


def test_the_excerpts_of_a_grid_of_other_posts_leave_the_article() -> None:
    result = extract_document(page(), URL, "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    assert result.document.page_type == "article"
    lines = result.document.text.split("\n\n")
    for paragraph in [STANDFIRST, *BODY]:
        assert paragraph in lines, paragraph
    for _, excerpt in TEASERS:
        assert excerpt not in result.document.text, excerpt


def test_the_articles_own_excerpt_in_the_grid_leaves_its_text_alone() -> None:
    result = extract_document(page(own_in_grid=True), URL, "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    lines = result.document.text.split("\n\n")
    for paragraph in [STANDFIRST, *BODY]:
        assert paragraph in lines, paragraph
    for _, excerpt in TEASERS[:3]:
        assert excerpt not in result.document.text, excerpt


def test_excerpts_that_are_most_of_the_text_stay() -> None:
    # a page of teasers taken for an article: its excerpts are what it holds
    tree = parse_html(page().decode("utf-8"))
    teasers = [excerpt for _, excerpt in TEASERS]
    assert drop_teaser_excerpts([BODY[0], *teasers], tree) == [BODY[0], *teasers]
    assert drop_teaser_excerpts([*BODY, *teasers[:2]], tree) == BODY

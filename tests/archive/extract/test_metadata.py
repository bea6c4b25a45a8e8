"""Title, authors and dates as a corpus row carries them: the page's own headline (not
the blog's name in its <h1>, not the site suffix of <title>), people named in bylines
without their roles, employers, credentials or the byline's labels and dates. Pages
written for the project."""

from __future__ import annotations

import lxml.html
import pytest

from archive.extract.metadata import page_metadata
from archive.extract.structured import read_structured

TEXT = "".join(
    f"<p>{s}</p>" for s in (
        "The harbour authority opened the new ferry terminal on Monday, two years later than "
        "planned and at nearly twice the first estimate, after a long dispute over the quay.",
        "Passengers will board from a covered hall with room for four hundred people, and the "
        "old waiting room on the pier will become a market for local fishermen in the summer.",
    ))


def meta(html: str, url: str = "https://harbour.example/news/new-ferry-terminal-opens"):  # noqa: ANN201
    tree = lxml.html.fromstring(html)
    return page_metadata(tree, url, read_structured(tree), date_from_text=True)


def doc(*, title: str, h1: str = "", head: str = "", byline: str = "") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><header>{h1}</header>"
            f"<article>{byline}{TEXT}</article></body></html>")


def declared_authors(names: list[str]) -> list[str]:
    """The authors of a story whose JSON-LD declares these Person names (one: as the
    author itself, several: as a list)."""
    people = [f'{{"@type": "Person", "name": "{n}"}}' for n in names]
    author = people[0] if len(people) == 1 else "[" + ", ".join(people) + "]"
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", '
          f'"headline": "New ferry terminal opens", "author": {author}}}')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<meta charset="utf-8"><script type="application/ld+json">{ld}</script>')
    return meta(html)["authors"]


def test_blog_name_in_h1_is_not_the_title() -> None:
    html = doc(title="Ferry terminal opens at last | Harbour Notes",
               h1="<h1>Harbour Notes</h1>")
    assert meta(html)["title"] == "Ferry terminal opens at last"


def test_h1_worded_unlike_the_title_is_the_headline() -> None:
    html = doc(title="New ferry terminal opens two years late - Harbour Daily",
               h1="<h1>Two years late, the harbour's ferry terminal opens</h1>")
    assert meta(html)["title"] == "Two years late, the harbour's ferry terminal opens"


def test_section_label_in_h1_is_not_the_headline() -> None:
    html = doc(title="New ferry terminal opens two years late - Harbour Daily",
               h1="<h1>Our latest stories</h1>")
    assert meta(html)["title"] == "New ferry terminal opens two years late"


def test_date_in_h1_before_the_headline_is_left_out() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1><time>Dec 18 2024</time> New ferry terminal opens</h1>")
    assert meta(html)["title"] == "New ferry terminal opens"


@pytest.mark.parametrize(("author", "expected"), [
    ("Jane Doe, Senior Director of Operations, Acme Movers", ["Jane Doe"]),
    ("Ann Lee, MD, RD", ["Ann Lee"]),
    ("Keith Barry Senior Transport Reporter", ["Keith Barry"]),
    ("Written by Ray Ansari", ["Ray Ansari"]),
    ("Cara Moss Last updated August 1", ["Cara Moss"]),
    ("Tom Field and Ada Park", ["Tom Field", "Ada Park"]),
    ("Maria &amp; Katerina", ["Maria", "Katerina"]),
    ("harbourwatcher", ["harbourwatcher"]),  # an account's name is its author's
    # a German byline's place after the names, its label
    ("Von Ines Brandt, Lübeck", ["Ines Brandt"]),
    ("Anna Martel, Lea Wagner, Nairobi", ["Anna Martel", "Lea Wagner"]),
    ("Autor Monika Holm", ["Monika Holm"]),
    # the site's name with its town and country: an address, no person
    ("harbourdaily.example, Lübeck, Germany", []),
    # a reporter's one name after an agency's (Indonesian, Malay names)
    ("Antara, Heryadi", ["Heryadi"]),
    # the newsroom and the agencies, by name
    ("red, Agenturen", []),
    ("Red Morgan", ["Red Morgan"]),
])
def test_byline_names_only_people(author: str, expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<meta name="author" content="{author}">'
                    '<meta property="og:site_name" content="Harbour Daily">')
    got = meta(html, url="https://harbourdaily.example/news/new-ferry-terminal-opens")
    assert [a.casefold() for a in got["authors"]] == [a.casefold() for a in expected]


@pytest.mark.parametrize(("byline", "expected"), [
    # the names end at the byline's line break; the programme's line after it is none
    ('<p class="text__byline">Redaktion: Ines Brandt und <a href="/redaktion/tom-field">'
     "Tom Field</a><br/><br/>Sendung: Radio Harbour, 25.04.2024, 10.45 Uhr</p>",
     ["Ines Brandt", "Tom Field"]),
    ('<p class="byline">Von Ines Brandt<br>Sendung: Radio Harbour</p>', ["Ines Brandt"]),
    # a writer's label on a later line goes on
    ('<p class="byline">By: Ada Park<br>By: Tom Field</p>', ["Ada Park", "Tom Field"]),
    ('<p class="byline">By Ada Park<br>By Tom Field</p>', ["Ada Park", "Tom Field"]),
    ('<p class="byline">Reported by<br>Ada Park</p>', ["Ada Park"]),
    ('<p class="byline">Ada Park<br>Staff Writer</p>', ["Ada Park"]),
    ('<p class="byline">Ada Park<br>March 18, 2024</p>', ["Ada Park"]),
    ('<p class="byline">Text: Ada Park<br>Fotos: Tom Field</p>', ["Ada Park"]),
    ('<p class="byline">Tekst og foto: Jens Hansen</p>', ["Jens Hansen"]),
    ('<p class="byline author">Written by Ada Park<br />Edited by Tom Field</p>', ["Ada Park"]),
    # another hand's line first, the writer's after it
    ('<p class="byline">Fotos: Tom Field<br>Text: Ada Park</p>', ["Ada Park"]),
    ('<p class="byline">来源: 新华网<br>作者: 张明</p>', ["张明"]),
    ('<p class="byline">Grafik: Tom Field<br>Text und Fotos: Ines Brandt</p>', ["Ines Brandt"]),
    # the piece's label over its writer's, a dateline's place on its own line
    ('<p class="byline">Ein Kommentar<br>von Ines Brandt</p>', ["Ines Brandt"]),
    ('<p class="byline">WASHINGTON:<br>Ada Park</p>', ["Ada Park"]),
    # a name's particle after a first name on its own line
    ('<span class="author">Ludwig<br>von Mises</span>', ["Ludwig von Mises"]),
    # a label alone on the first line goes with the name on the next
    ('<p class="byline">By<br>Ada Park</p>', ["Ada Park"]),
])
def test_the_lines_of_the_author_markup(byline: str,
                                                          expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta property="og:site_name" content="Harbour Daily">', byline=byline)
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize("quote", [
    '<div class="CustomerQuotes_card"><p>"It changed how we plan our work."</p>'
    '<div class="CustomerQuotes_authorInfo"><span>Ada Park</span><span>Acme</span></div></div>',
    '<div class="Testimonial"><p>"Five stars."</p><p class="Testimonial__author">Tom Field</p></div>',
])
def test_a_quoted_persons_name_is_not_the_pages_author(quote: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=quote)
    assert meta(html)["authors"] == []


def test_the_cms_administrators_account_is_no_writer() -> None:
    """A WordPress site posting as its administrator, named after the site: the byline
    signed in the text is the writer's."""
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "New ferry '
          'terminal opens", "author": {"@type": "Person", "name": "Harbour D", '
          '"@id": "https://harbourdaily.example/author/admin/"}}')
    byline = ('<p class="meta">by <span class="author vcard"><a href="https://harbourdaily.'
              'example/author/admin/" rel="author">Harbour D</a></span></p><p><strong>ADA PARK</strong></p>')
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=byline,
               head=f'<script type="application/ld+json">{ld}</script>')
    assert meta(html)["authors"] == ["ADA PARK"]


def test_a_writers_own_name_on_the_administrators_account_stays_hers() -> None:
    """Small sites post as the administrator under the writer's name: a sidebar's "By
    ..." is no reason to pass it over."""
    byline = ('<p class="meta"><span class="author vcard"><a href="https://harbourdaily.example'
              '/author/admin/" class="url fn n">Ines Brandt</a></span></p>')
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=byline,
               head='<meta name="author" content="Ines Brandt">')
    html = html.replace("</article>", "</article><aside><h2>Popular posts</h2><div>By Mark "
                        "Smith</div></aside>")
    assert meta(html)["authors"] == ["Ines Brandt"]


def test_a_blogs_owner_named_in_its_copyright_is_its_author() -> None:
    """A personal site's copyright holder is its writer: a sidebar's "By ..." is no
    reason to pass her over (a publisher named like a person, "Condé Nast", cannot be
    told from her by the copyright tag alone)."""
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta name="author" content="Ada Park">'
                    '<meta name="copyright" content="© 2025 Ada Park">')
    html = html.replace("</article>", '</article><aside><ul><li><a href="/p/2">Older post'
                        '</a> <span class="post-author">By Tom Field</span></li></ul></aside>')
    assert meta(html)["authors"] == ["Ada Park"]


@pytest.mark.parametrize("placeholder", ["xxx", "undefined", "null"])
def test_a_templates_placeholder_is_no_author(placeholder: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<meta name="author" content="{placeholder}">')
    assert meta(html)["authors"] == []


def test_the_administrators_account_alone_is_the_byline_shown() -> None:
    """No writer's name elsewhere: the account's name stands ("Staff Clinician")."""
    byline = ('<p class="meta">by <a href="https://harbourdaily.example/author/administrator/" '
              'class="author url fn" rel="author">Staff Clinician</a></p>')
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=byline)
    assert meta(html)["authors"] == ["Staff Clinician"]


@pytest.mark.parametrize("markup", [
    '<div class="authorItem">Ada Park</div>',
    '<div class="hidden-byline">Ada Park</div>',
    '<span class="byline no-author-avatar">Ada Park</span>',
])
def test_author_markup_named_with_more_words_is_author_markup(markup: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=markup)
    assert meta(html)["authors"] == ["Ada Park"]


def test_a_byline_over_the_lead_picture_with_the_headline_is_the_byline() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               byline='<div class="carousel-item"><img src="quay.jpg"><div class="carousel-'
                      'caption"><h1>New ferry terminal opens</h1><h5>By Ada Park</h5></div></div>')
    assert meta(html)["authors"] == ["Ada Park"]


@pytest.mark.parametrize("caption", [
    '<div class="thumbinner"><a href="/wiki/File:Keeper.jpg"><img src="keeper.jpg"></a>'
    '<div class="thumbcaption">Portrait of the keeper of <a href="/wiki/Lighthouse">the '
    'lighthouse</a> by <a href="/wiki/Ada_Park">Ada Park</a>, 1890</div></div>',
    '<div class="wp-caption"><img src="quay.jpg"><p class="wp-caption-text">The old <a href='
    '"/quay">quay</a> by <a href="/p/tom-field">Tom Field</a></p></div>',
])
def test_a_pictures_maker_is_not_the_pages_author(caption: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=caption)
    assert meta(html)["authors"] == []


@pytest.mark.parametrize("byline", [
    '<span class="articlecaption">By Ada Park<br></span>',
    # a box that says it has no caption, beside its picture
    '<div class="lead"><img src="quay.jpg"><div class="image--no-caption"><p>By Ada Park</p>'
    "</div></div>",
])
def test_a_byline_named_a_caption_but_no_pictures_caption_is_the_byline(byline: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=byline)
    assert meta(html)["authors"] == ["Ada Park"]


@pytest.mark.parametrize("byline", ["Dec", "On December 9", "About the Author", "NOC Admin"])
def test_byline_dates_and_labels_are_not_authors(byline: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               byline=f'<p class="byline"><span class="author">{byline}</span></p>')
    assert meta(html)["authors"] == []


def test_date_only_in_the_url() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily")
    got = meta(html, url="https://harbour.example/2024/03/18/new-ferry-terminal-opens")
    assert got["date"] == "2024-03-18"


def test_bare_year_of_the_text_is_not_a_date() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily").replace(
        "</body>", "<footer><p>Copyright 2023 Harbour Daily</p></footer></body>")
    assert meta(html)["date"] is None


def test_section_and_site_after_a_pipe_are_left_out() -> None:
    html = doc(title="Ferry terminal opens two years late | Opinion | Harbour Daily")
    assert meta(html)["title"] == "Ferry terminal opens two years late"


@pytest.mark.parametrize(("byline", "expected"), [
    # a byline in plain text, the name in a link, a date after it
    ('<p>By <a href="/people/cara-moss">Cara Moss</a> · March 18, 2024</p>', ["Cara Moss"]),
    # "Written by" on a line of its own, the name on the next
    ("<div><p>Written by</p><p>Ray Ansari</p></div>", ["Ray Ansari"]),
    ("<p>Published March 18, 2024 <span>by Tom Field and Ada Park</span></p>",
     ["Tom Field", "Ada Park"]),
    # a link to the author's page, no label
    ('<div class="meta"><a href="/author/ada-park/">Ada Park</a></div>', ["Ada Park"]),
    ("<p>Tác giả: Nguyễn Thị Lan</p>", ["Nguyễn Thị Lan"]),
    ("<p>作者：王小明 发布时间：2024-03-18</p>", ["王小明"]),
    ("<p>记者 李华 张伟</p>", ["李华 张伟"]),
    ("<p>Von Max Mustermann, 18.03.2024</p>", ["Max Mustermann"]),
    # AP's byline as the papers that print its stories write it
    ("<p>By JANE DOE and JOHN ROE Associated Press</p>", ["JANE DOE", "JOHN ROE"]),
])
def test_byline_without_markup(byline: str, expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=byline)
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize("line", [
    "<p>DIY Modern Farmhouse Dining Table</p>",  # "di", a label in Italian, inside a word
    "<p>by the harbour, a market</p>",
    "<p>Door prizes for every visitor</p>",
    "<p>By 2030 the quay will be rebuilt</p>",
])
def test_lines_that_are_not_bylines(line: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=line)
    assert meta(html)["authors"] == []


def test_byline_after_the_headline_wins_over_one_before_it() -> None:
    html = ('<html><head><title>New ferry terminal opens</title></head><body>'
            '<div class="promo"><p>By Cara Moss</p></div><h1>New ferry terminal opens</h1>'
            f'<p>By Ray Ansari</p>{TEXT}</body></html>')
    assert meta(html)["authors"] == ["Ray Ansari"]


@pytest.mark.parametrize("chrome", [
    "<nav><ul><li>By Cara Moss</li></ul></nav>",
    "<nav><a href='/'>Home</a> By Cara Moss</nav>",  # a tail in the <nav>
    "<button>Sort by Cara Moss</button><button>By Cara Moss</button>",
    "<select><option>By Cara Moss</option></select>",
    "<footer><p>By Cara Moss</p></footer>",
    "<noscript><p>By Cara Moss</p></noscript>",
])
def test_a_byline_in_the_pages_chrome_is_passed_over(chrome: str) -> None:
    html = ('<html><head><title>New ferry terminal opens</title></head><body>'
            f'<h1>New ferry terminal opens</h1>{chrome}<p>By Ray Ansari</p>{TEXT}</body></html>')
    assert meta(html)["authors"] == ["Ray Ansari"]


def test_json_ld_author_given_by_reference() -> None:
    graph = ('{"@context": "https://schema.org", "@graph": ['
             '{"@type": "NewsArticle", "@id": "https://harbour.example/#article", '
             '"headline": "New ferry terminal opens", '
             '"author": {"@id": "https://harbour.example/#/person/1"}}, '
             '{"@type": "Person", "@id": "https://harbour.example/#/person/1", '
             '"name": "Ada Park"}]}')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<script type="application/ld+json">{graph}</script>')
    assert meta(html)["authors"] == ["Ada Park"]


@pytest.mark.parametrize("name", ["Z.B. Steele", "Justin C. Meserole", "Dr. Ada Park"])
def test_dots_of_initials_and_titles_are_kept(name: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               byline=f'<p class="byline"><span class="author">{name}</span></p>')
    assert meta(html)["authors"] == [name]


def test_site_name_at_the_end_of_the_h1_is_left_out() -> None:
    html = doc(title="Best harbour walks of 2025 – Harbour Daily - Harbour Daily",
               head='<meta property="og:site_name" content="Harbour Daily">',
               h1="<h1>Best harbour walks of 2025 – Harbour Daily</h1>")
    assert meta(html)["title"] == "Best harbour walks of 2025"


def test_h1_is_the_headline_when_the_rest_of_the_title_is_the_site() -> None:
    # the site's name from a label of its host (writing.harbour.example)
    html = doc(title="Book Reviews – The Writing Centre", h1="<h1>Book Reviews</h1>")
    got = meta(html, url="https://writingcentre.harbour.example/tips/book-reviews/")
    assert got["title"] == "Book Reviews"


@pytest.mark.parametrize(("title", "section", "expected"), [
    # a Korean paper: the section by a hyphen, the paper's name by "ㅣ"
    ("항만청, 새 여객선 터미널 2년 늦게 개장-경제ㅣ항구일보", '<meta name="content_category" '
     'content="경제"><meta property="og:site_name" content="항구일보">',
     "항만청, 새 여객선 터미널 2년 늦게 개장"),
    ("Neues Fährterminal eröffnet - Wirtschaft | Hafenblatt",
     '<meta property="article:section" content="Wirtschaft">'
     '<meta property="og:site_name" content="Hafenblatt">', "Neues Fährterminal eröffnet"),
    # a headline ending in a word that is no section of the page's
    ("Ferry terminal opens - at last | Harbour Daily",
     '<meta property="article:section" content="News">', "Ferry terminal opens - at last"),
    # a word that ends in the section's name ("T-Mobile" in the section Mobile)
    ("Apple's iPhone 16 goes on sale at T-Mobile | PhoneWire",
     '<meta property="article:section" content="Mobile">'
     '<meta property="og:site_name" content="PhoneWire">',
     "Apple's iPhone 16 goes on sale at T-Mobile"),
])
def test_the_pages_section_after_the_headline_is_left_out(title: str, section: str,
                                                        expected: str) -> None:
    html = doc(title=title, head=f'<meta charset="utf-8">{section}')
    assert meta(html)["title"] == expected


@pytest.mark.parametrize(("title", "expected"), [
    # the headline's own dash stays
    ("Election 2024 – live updates - Politics | Harbour Daily", "Election 2024 – live updates"),
    # the site's name and its tagline after the section
    ("Council approves harbour plan after debate - Politics - Harbour Daily - Local news "
     "for the coast", "Council approves harbour plan after debate"),
])
def test_the_section_before_the_sites_name_and_more(title: str, expected: str) -> None:
    html = doc(title=title, head='<meta property="article:section" content="Politics">'
                                 '<meta property="og:site_name" content="Harbour Daily">')
    assert meta(html)["title"] == expected


@pytest.mark.parametrize("h1", [
    '<h1>The Best Ferry Routes<span class="block text-sm">Our Guide for the Summer</span></h1>',
    "<h1>The Best Ferry Routes<div>Our Guide for the Summer</div></h1>",
])
def test_a_subtitle_on_its_own_line_in_the_h1_is_not_glued_to_it(h1: str) -> None:
    html = doc(title="The Best Ferry Routes: Our Guide for the Summer | Harbour Daily", h1=h1)
    assert meta(html)["title"] == "The Best Ferry Routes Our Guide for the Summer"


@pytest.mark.parametrize("h1", [
    # an animation's words and a phone layout's copy, hidden from screen readers, and
    # the headline for them, hidden from the eye
    '<h1><span aria-hidden="true"><span class="show-mobile">The new</span><span '
    'class="show-mobile">ferry</span><span class="hide-mobile">The new ferry</span><span '
    'class="hide-mobile">terminal opens</span></span><span class="visually-hidden">The new '
    'ferry terminal opens</span></h1>',
    # all of it hidden: its text still
    '<h1 class="title"><span aria-hidden="true">The new ferry terminal opens</span></h1>',
])
def test_a_headline_reads_as_screen_readers_read_it(h1: str) -> None:
    html = doc(title="New ferry terminal opens for passengers | Harbour Daily", h1=h1)
    assert meta(html)["title"] == "The new ferry terminal opens"


@pytest.mark.parametrize(("h1", "title", "expected"), [
    # a tagline in an element of its own, shown apart; the headline alone where the
    # title is it
    ('<h1>Black Edition<span class="pdp-header__tagline">Complete protein meal</span></h1>',
     "Black Edition: Complete protein meal | Harbour Foods",
     "Black Edition Complete protein meal"),
    ('<h1>Black Edition<span class="pdp-header__tagline">Complete protein meal</span></h1>',
     "Black Edition | Harbour Foods", "Black Edition"),
    # one word across elements stays one
    ("<h1>The <em>i</em>Phone at twenty: what changed</h1>",
     "The iPhone at twenty: what changed | Harbour Daily", "The iPhone at twenty: what changed"),
    ("<h1>Why <mark>Java</mark>Script frameworks keep changing so fast</h1>",
     "Why JavaScript frameworks keep changing - Dev Notes",
     "Why JavaScript frameworks keep changing so fast"),
    ("<h1>Sony cuts the price of its Play<b>Station</b> 5 console</h1>",
     "Sony cuts PlayStation 5 price | Harbour Games",
     "Sony cuts the price of its PlayStation 5 console"),
    # an element that continues the headline's sentence is no tagline
    ('<h1>Ferry fares to rise<span class="hl">, operator warns</span></h1>',
     "Ferry fares to rise | Harbour Daily", "Ferry fares to rise, operator warns"),
    ('<h1>Boat tours<span class="text-blue"> for the whole family</span></h1>',
     "Boat tours | Harbour Tours", "Boat tours for the whole family"),
    # words split to be animated, each hidden, their parent labelled: the headline's own
    ('<h1>Ferries stay in port as <span class="split" aria-label="storm hits the coast">'
     '<div aria-hidden="true">storm</div> <div aria-hidden="true">hits</div> <div '
     'aria-hidden="true">the</div> <div aria-hidden="true">coast</div></span></h1>',
     "Ferries stay in port as storm hits the coast | Harbour Daily",
     "Ferries stay in port as storm hits the coast"),
    # a separator hidden from screen readers is shown
    ('<h1>Premier League 2025<span aria-hidden="true">/</span>26 season preview</h1>',
     "Premier League 2025/26 season preview | Harbour Daily",
     "Premier League 2025/26 season preview"),
])
def test_a_headlines_elements_are_not_glued(h1: str, title: str, expected: str) -> None:
    html = doc(title=title, h1=h1, head='<meta charset="utf-8">')
    assert meta(html)["title"] == expected


def test_a_headline_whose_last_words_are_the_section_keeps_them() -> None:
    # a match in the section of one of its teams, as the <h1> shows it
    html = doc(title="Le pagelle di Juventus - Inter | Calcio Oggi",
               h1="<h1>Le pagelle di Juventus - Inter</h1>",
               head='<meta charset="utf-8"><meta property="article:section" content="Inter">'
                    '<meta property="og:site_name" content="Calcio Oggi">')
    assert meta(html)["title"] == "Le pagelle di Juventus - Inter"


def test_h1_opening_the_title_is_the_headline_whatever_follows_it() -> None:
    # a documentation page's or a shop's title: the page's name, then its manual's or
    # its range's, longer than the <h1> and named nowhere as the site
    html = doc(title="Managing tide tables - The Harbour Pilot's Handbook",
               h1="<h1>Managing tide tables</h1>")
    got = meta(html, url="https://pilot.example/doc/tide-tables")
    assert got["title"] == "Managing tide tables"
    # the blog's name at the title's end is still the blog's, not the headline
    html = doc(title="Ferry terminal opens at last | Notes from the Pier",
               h1="<h1>Notes from the Pier</h1>")
    assert meta(html)["title"] == "Ferry terminal opens at last"


def test_a_blogs_name_opening_the_title_above_the_posts_heading() -> None:
    # "Blog Name | Headline": the <h1> is the blog's name when the post's own heading is
    # the title's other piece
    html = ("<html><head><title>Pier Notes | Ferry terminal opens at last</title></head><body>"
            "<header><h1>Pier Notes</h1></header><article><h2>Ferry terminal opens at last</h2>"
            f"{TEXT}</article></body></html>")
    assert meta(html)["title"] == "Ferry terminal opens at last"


@pytest.mark.parametrize(("title", "expected"), [
    ("Ubuntu 24.04 - wifi not working - Networking - Harbour Talk",
     "Ubuntu 24.04 - wifi not working - Networking"),
    ("Ferry app 2.1 - no timetable since update - Harbour Talk",
     "Ferry app 2.1 - no timetable since update"),
])
def test_a_version_number_in_the_title_does_not_make_it_a_site_name(title: str,
                                                                     expected: str) -> None:
    # trafilatura guesses a title's dotted first pieces to be the site's name
    html = f"<html><head><title>{title}</title></head><body><article>{TEXT}</article></body></html>"
    assert meta(html, url="https://talk.harbour.example/t/ferry-app/123")["title"] == expected


def test_a_books_name_in_the_h1_is_left_out_of_the_title_too() -> None:
    # a manual's chapter: the <h1> is the book's name, which the title ends with
    html = doc(title="Reading the tide tables closely - Harbour Pilot Book",
               h1="<h1>Harbour Pilot Book</h1>")
    got = meta(html, url="https://docs.harbour.example/book/ch04-tides.html")
    assert got["title"] == "Reading the tide tables closely"


@pytest.mark.parametrize("h1", ["Tides", "Buoys", "Models¶"])
def test_a_short_h1_opening_the_title_is_the_headline(h1: str) -> None:
    html = doc(title=f"{h1.rstrip('¶')} - Learn seamanship | Harbour Docs", h1=f"<h1>{h1}</h1>")
    got = meta(html, url="https://docs.harbour.example/seamanship/tides")
    assert got["title"] == h1.rstrip("¶")


def test_a_short_h1_that_opens_no_title_is_a_label() -> None:
    html = doc(title="New ferry terminal opens two years late - Harbour Daily",
               h1="<h1>News</h1>")
    assert meta(html)["title"] == "New ferry terminal opens two years late"


def test_site_named_by_the_initials_of_its_host() -> None:
    html = doc(title="Climate Change | Harbour Research Service", h1="<h1>Climate Change</h1>")
    got = meta(html, url="https://www.hrs.harbour.example/topics/climate-change")
    assert got["title"] == "Climate Change"


@pytest.mark.parametrize(("shown", "expected"), [
    ("<p>By Cara Moss · March 18, 2024</p>", "2024-03-18"),
    ("<p>Published 18 March 2024</p>", "2024-03-18"),
    ("<p>Veröffentlicht am 18.03.2024</p>", "2024-03-18"),
    ("<p>发布时间：2024年3月18日 10:30</p>", "2024-03-18"),
    ("<p>Thứ hai, ngày 18/3/2024</p>", "2024-03-18"),
    # months written out in the languages of Western Europe, the day first
    ("<p>Samstag, 9. Oktober 2024</p>", "2024-10-09"),
    ("<p>Veröffentlicht am 18. März 2024</p>", "2024-03-18"),
    ("<p>Publié le 27 août 2024 à 9h21</p>", "2024-08-27"),
    ("<p>1er décembre 2024</p>", "2024-12-01"),
    ("<p>18 de marzo de 2024</p>", "2024-03-18"),
    ("<p>3 maggio 2024</p>", "2024-05-03"),
    ("<p>Gepubliceerd op 18 maart 2024</p>", "2024-03-18"),
])
def test_day_shown_under_the_headline(shown: str, expected: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=shown)
    assert meta(html)["date"] == expected


def test_day_before_the_headline_is_not_the_pages() -> None:
    html = ("<html><head><title>New ferry terminal opens</title></head><body>"
            "<nav><p>Today: June 2, 2025</p></nav><h1>New ferry terminal opens</h1>"
            f"<p>By Cara Moss, March 18, 2024</p>{TEXT}</body></html>")
    assert meta(html)["date"] == "2024-03-18"


def test_published_time_is_the_pages_own_day_not_utcs() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta property="article:published_time" content="2024-03-18T23:30:00-05:00">')
    assert meta(html)["date"] == "2024-03-18"


def test_meta_published_time_before_json_ld() -> None:
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "New ferry terminal opens", "datePublished": "2024-03-01"}')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta property="article:published_time" content="2024-03-18T08:00:00Z">'
                    f'<script type="application/ld+json">{ld}</script>')
    assert meta(html)["date"] == "2024-03-18"


@pytest.mark.parametrize(("line", "expected"), [
    ("<p>Cara Moss | Senior Writer | July 2, 2024</p>", ["Cara Moss"]),
    ("<div><span>Dec 17, 2024</span><span>Ray Ansari</span></div>", ["Ray Ansari"]),
    ("<p>Dec. 19, 2024 · Ada Park on behalf of the Harbour Board</p>", ["Ada Park"]),
    ("<p>Wellness &amp; Prevention · July 2, 2024</p>", []),
    ("<p>No Comments · July 2, 2024</p>", []),
    ("<p>Harbour Radio Monday, July 1, 2024</p>", []),  # a source and a weekday
])
def test_name_beside_a_date_under_the_headline(line: str, expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=line)
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize("line", ["<p>By Category</p>", "<p>By DEFAULT</p>", "<p>by Price</p>"])
def test_what_a_listing_sorts_by_is_not_an_author(line: str) -> None:
    html = doc(title="Harbour shop | Harbour Daily", h1="<h1>Harbour shop</h1>", byline=line)
    assert meta(html)["authors"] == []


def test_a_label_after_a_comment_loses_no_row() -> None:
    """A byline label in the tail of an HTML comment: lxml evaluates no XPath from a
    comment, and the search raised, so the page got no document at all."""
    from archive.extract.document import extract_document

    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>",
               byline="<div><!-- byline -->By</div>")
    assert meta(html)["authors"] == []
    result = extract_document(html.encode(), "https://harbour.example/news/ferry", "text/html")
    assert result.document is not None and "ferry terminal" in result.document.text


@pytest.mark.parametrize(("author", "expected"), [
    # who reviewed or edited the piece is not its author
    ("Lan Pham, DVM Reviewed by Minh Tran", ["Lan Pham"]),
    ("Cara Moss Medically reviewed by Ada Park", ["Cara Moss"]),
    ("Articles by Juliette Moreau", ["Juliette Moreau"]),
    # a class name, a number: not names
    ("Wp-Block-Co-Authors-Plus-Coauthors", []),
    ("1", []),
])
def test_reviewers_labels_and_junk_are_not_authors(author: str, expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<meta name="author" content="{author}">')
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize(("written", "byline", "expected"), [
    ("Harbour Daily", "<p>Bởi Nguyễn Văn An</p>", ["Nguyễn Văn An"]),
    ("HARBOURDAILY", "<p>记者 李明</p>", ["李明"]),
    # no one else named: the organisation stands
    ("Harbour Daily", "", ["Harbour Daily"]),
])
def test_the_site_as_author_gives_way_to_a_byline(written: str, byline: str,
                                                  expected: list[str]) -> None:
    ld = ('{"@type": "NewsArticle", "headline": "New ferry terminal opens", '
          f'"author": {{"@type": "Person", "name": "{written}"}}}}')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<script type="application/ld+json">{ld}</script>',
               h1="<h1>New ferry terminal opens</h1>", byline=byline)
    got = meta(html, url="https://harbourdaily.example/news/new-ferry-terminal-opens")
    assert got["authors"] == expected


def test_a_meta_tags_user_name_is_spelled_as_the_byline_spells_it() -> None:
    # sailthru.author holds the writer's user name; trafilatura made "Mikecason" of it
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta name="sailthru.author" content="mikecason">',
               byline='<div class="byline">By <a href="/staff/mikecason/">Mike Cason</a></div>')
    assert meta(html)["authors"] == ["Mike Cason"]
    # one word that no byline spells out is a name as it is
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta name="author" content="Madonna">')
    assert meta(html)["authors"] == ["Madonna"]
    # a Chinese name, which a byline pads to the width of three letters, as declared
    html = doc(title="新客运码头启用 | 港口日报",
               head='<meta charset="utf-8"><meta name="author" content="张伟">',
               byline="<p>记者 张 伟</p>")
    assert meta(html)["authors"] == ["张伟"]


@pytest.mark.parametrize(("markup", "expected"), [
    ('<span class="writer writer-name">《KT》</span>', ["KT"]),
    ('<span class="author">【王强】</span>', ["王强"]),
    # ASCII brackets hold a label as often
    ('<span class="author">[Archives]</span>', []),
    # Kyodo's credit on its member papers' stories
    ('<span class="author">（共同）</span>', []),
])
def test_a_name_in_the_brackets_of_east_asian_bylines(markup: str, expected: list[str]) -> None:
    html = doc(title="新しいフェリーターミナルが開業 | 港ニュース", byline=markup,
               head='<meta charset="utf-8">')
    assert meta(html)["authors"] == expected


def test_a_related_storys_byline_in_its_card_is_not_the_pages() -> None:
    card = ('<a href="/news/2024/10/15/carrier-group"><div><h3>Carrier group sails '
            'through the strait</h3><p>The military is keeping a close watch on the '
            'developments at sea, it said.</p><h6>By Ben Blanchard and Yimou Lee</h6>'
            '</div></a>')
    html = doc(title="New ferry terminal opens | Harbour Daily", byline="",
               h1="<h1>New ferry terminal opens</h1>").replace(
        "</article>", f"</article><aside class='more'>{card}</aside>")
    assert meta(html)["authors"] == []
    # a byline that is one link to the author's page is the page's, in a block of its
    # own too
    for byline in ('<a href="/author/jane-doe">By Jane Doe</a>',
                   '<a href="/people/jane-doe"><p>By Jane Doe</p></a>'):
        html = doc(title="New ferry terminal opens | Harbour Daily",
                   h1="<h1>New ferry terminal opens</h1>", byline=byline)
        assert meta(html)["authors"] == ["Jane Doe"]


def test_a_byline_label_of_another_language_that_is_an_english_word() -> None:
    # a product card's name that opens with Dutch "door" (by)
    card = '<p>Door Anchor for Resistance Bands</p>'
    html = doc(title="Building a home gym | Harbour Daily", byline=card).replace(
        "<html>", '<html lang="en">')
    assert meta(html)["authors"] == []
    # on a Dutch page it is the label
    html = doc(title="Nieuwe veerterminal geopend | Havenblad",
               byline="<p>Door Jan de Vries</p>").replace("<html>", '<html lang="nl">')
    assert meta(html)["authors"] == ["Jan de Vries"]


@pytest.mark.parametrize("markup", [
    # the author's credentials in their description, a role
    '<div class="dynamic-author-description">Licensed Q Arabica Grader, M.A. Journalism</div>',
    '<span class="author-title">Senior Editor</span>',
    # the post's topic, in a link its id calls the author's
    '<a id="author-modal" href="/resources/blog/?content_topic=906">HR Strategy</a>',
    '<div class="post__byline"><ul><li><a href="/blog/tag/personal-finance">Personal finance'
    '</a></li></ul></div>',
    # markup named for no author: a payment product's feature graphic, and a box that
    # says the page has no byline, holding its breadcrumb
    '<div class="AuthorizationFeatureGraphic__container"><div class="AuthorizationFeature'
    'Graphic__header">Authorization Boost</div></div>',
    '<div class="post-meta-detail no-byline"><span><a href="/">Home</a> » <a href="/services/">'
    "Technology Consulting</a></span></div>",
])
def test_author_markup_that_holds_no_name(markup: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=markup)
    assert meta(html)["authors"] == []


@pytest.mark.parametrize("markup", [
    # an author box whose classes are BEM's: the name's is "author-bio__name"
    "<div class='author-bio'><div class='author-bio__content'><h4 class='author-bio__name'>"
    "<a href='/staff/jane-doe'>Jane Doe</a></h4><p class='author-bio__description'>Jane Doe "
    "covers city hall and the port for the Harbour Daily. She joined the paper in 2015 after "
    "ten years at regional radio.</p></div></div>",
    # a site that tags its writers
    "<div class='article-author'><a href='/tag/jane-doe/'>Jane Doe</a></div>",
    # the name, then the post's category
    "<div class='author'><a href='/staff/jane-doe'>Jane Doe</a> <span>in</span> "
    "<a href='/category/local/'>Local</a></div>",
    "<div class='byline'>Jane Doe | <a href='/category/local/'>Local News</a></div>",
    # a Person item with the organisation it works for nested in it
    "<div itemprop='author' itemscope itemtype='http://schema.org/Person'><span "
    "itemprop='name'>Jane Doe</span>, <span itemprop='worksFor' itemscope itemtype='http://"
    "schema.org/Organization'><span itemprop='name'>Harbour Daily</span></span></div>",
])
def test_author_markup_that_holds_the_name(markup: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=markup)
    assert meta(html)["authors"] == ["Jane Doe"]


def test_a_related_storys_card_with_a_short_headline() -> None:
    card = ("<section class='related'><h2>More stories</h2><a href='/news/local/ferry-fares'>"
            "<h3>Ferry fares to rise</h3><span>By John Roe</span></a></section>")
    html = doc(title="New ferry terminal opens | Harbour Daily", byline="").replace(
        "</article>", f"</article>{card}")
    assert meta(html)["authors"] == []


@pytest.mark.parametrize("byline", ["Von Max Mustermann", "VON MAX MUSTERMANN"])
def test_a_german_byline_on_a_page_that_says_it_is_in_english(byline: str) -> None:
    html = doc(title="Stadtrat beschließt Hafenplan | Hafenblatt",
               byline=f"<p class='meta'>{byline}</p>").replace(
        "<html>", '<html lang="en-US">')
    assert [a.casefold() for a in meta(html)["authors"]] == ["max mustermann"]




def test_a_nickname_taken_out_of_a_name_leaves_one_space() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               byline='<span class="author">Paramita (Guha) Ghosh</span>')
    assert meta(html)["authors"] == ["Paramita Ghosh"]


def test_an_author_item_with_a_name_property_for_each_writer() -> None:
    byline = ('<div class="hidden" itemprop="author" itemscope itemtype="http://schema.org/'
              'Person"><span itemprop="name">Paul Wiseman</span><span itemprop="name">'
              'Fatima Hussein, The Associated Press</span></div>')
    html = doc(title="New ferry terminal opens | Harbour Daily", byline=byline)
    assert meta(html)["authors"] == ["Paul Wiseman", "Fatima Hussein"]


def test_a_personal_sites_name_is_its_authors() -> None:
    html = doc(title="Notes on rebuilding a quay | Owen Marsh",
               head='<meta property="og:site_name" content="Owen Marsh">',
               h1="<h1>Notes on rebuilding a quay</h1>")
    assert meta(html, url="https://owen.example.dev/notes/quay")["authors"] == ["Owen Marsh"]
    # a brand's name of two words on its own address is not a person's
    html = doc(title="Ferry timetables | Harbour Community",
               head='<meta property="og:site_name" content="Harbour Community">')
    assert meta(html, url="https://harbourcommunity.example/timetables")["authors"] == []


def test_a_news_sites_name_is_not_its_authors_where_an_agency_wrote_the_story() -> None:
    """A newspaper named like a person's site ("Lübecker Wort" on wort.example): its story
    credited to a news agency (left out as no person) has no author, not the paper."""
    ld = ('{"@type": "NewsArticle", "headline": "Ferry strike ends", '
          '"author": {"@type": "Person", "name": " SID"}}')
    html = doc(title="Ferry strike ends | Lübecker Wort",
               head=('<meta property="og:site_name" content="Lübecker Wort">'
                     f'<script type="application/ld+json">{ld}</script>'),
               h1="<h1>Ferry strike ends</h1>")
    assert meta(html, url="https://www.wort.example/sport/ferry-strike-ends/1586")[
        "authors"] == []


def test_article_by_on_a_line_of_its_own() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>",
               byline="<h2>Article by</h2><div>Matti Lehto</div>")
    assert meta(html)["authors"] == ["Matti Lehto"]


@pytest.mark.parametrize(("url", "title", "extra", "expected"), [
    # the footer's copyright on the owner's address
    ("https://owenmarsh.example/notes/quay", "Notes on rebuilding a quay",
     "<footer><p>© 2025 Owen Marsh. All rights reserved.</p></footer>", ["Owen Marsh"]),
    # the header's link home, the surname the address
    ("https://marsh.example/notes/quay", "Notes on rebuilding a quay",
     '<nav><a href="/">Owen Marsh</a></nav>', ["Owen Marsh"]),
    # "'s blog" says whose site it is, wherever it is hosted
    ("https://people.example.org/~omarsh/notes/quay", "Notes on rebuilding a quay | Owen Marsh's blog",
     "", ["Owen Marsh"]),
    # a brand's copyright is not a person's
    ("https://harbour.example/notes/quay", "Notes on rebuilding a quay",
     "<footer><p>© 2025 Harbour All rights reserved.</p></footer>", []),
])
def test_a_personal_sites_owner_from_its_footer_home_link_or_title(
        url: str, title: str, extra: str, expected: list[str]) -> None:
    html = (f"<html><head><title>{title}</title></head><body>"
            f"<h1>Notes on rebuilding a quay</h1>{TEXT}{extra}</body></html>")
    assert meta(html, url=url)["authors"] == expected


@pytest.mark.parametrize(("markup", "expected"), [
    # a day before the name: trafilatura's author search reads the month
    ('<div class="post-date-author">Dec. 19, 2024 · Ada Park on behalf of the Harbour '
     'Board</div>', ["Ada Park"]),
    ('<div class="dateAndAuthor"><span>Dec 17, 2024</span><span>Ray Ansari</span></div>',
     ["Ray Ansari"]),
    # the name, then a biography
    ('<div class="post_author-box"><div>Cara Moss</div><p>Cara Moss is a reporter who has '
     'covered the harbour and its ferries for a decade.</p></div>', ["Cara Moss"]),
    # a menu in an element whose class names an author (too long for trafilatura's
    # search): not a byline
    ('<div class="author-nav">' + "".join(f"<a>{w}</a> " for w in (
        "Shop All", "Home Page", "About Us", "Contact Us", "Harbour Timetables",
        "Ferry Routes", "Fishing Market", "Quay Dispute", "Terminal Plans", "Press Room"))
     + '</div>', []),
])
def test_author_markup_with_a_day_or_a_biography_beside_the_name(
        markup: str, expected: list[str]) -> None:
    html = ("<html><head><title>New ferry terminal opens</title></head><body>"
            "<section><h2>New ferry terminal opens</h2>" + markup + TEXT
            + "</section></body></html>")
    assert meta(html)["authors"] == expected


def _dated(top: str, rest: str = "") -> str:
    # no meta tags, no JSON-LD, no day under the headline; a later teaser's day in a
    # "date" class, which htmldate's markup search takes
    return ("<html><head><title>New ferry terminal opens</title></head><body>"
            f"<div class='post-hero'>{top}</div><h1>New ferry terminal opens</h1>{TEXT}"
            "<p>" + "More about the harbour and its ferries. " * 40 + "</p>"
            f"{rest}<div class='related'><span class='post-date'>2024/11/02</span>"
            "<p>Fish market moves</p></div></body></html>")


@pytest.mark.parametrize(("top", "expected"), [
    ("<div>March 18, 2024</div>", "2024-03-18"),
    ("<div>Last updated:</div><div>Mar 18, 2024</div>", "2024-03-18"),
    ("<h5>Published: 18 March 2024</h5>", "2024-03-18"),
    # a day inside a sentence, a day in a list of links: not the page's
    ("<p>As of March 18, 2024, the quay is closed</p>", "2024-11-02"),
    ("<ul><li><a href='/a'>Ferry times, March 18, 2024</a></li></ul>", "2024-11-02"),
])
def test_a_dateline_of_its_own_near_the_top(top: str, expected: str) -> None:
    assert meta(_dated(top))["date"] == expected


def test_published_meta_tag_with_a_day_written_out() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta name="published" content="March 18, 2024">')
    assert meta(html)["date"] == "2024-03-18"


def test_an_h1_that_is_part_of_the_sites_name_is_its_logo() -> None:
    html = ("<html><head><title>New ferry terminal opens - Harbourside Review</title>"
            '<meta property="og:site_name" content="Harbourside Review"></head><body>'
            "<header><h1>Harbourside</h1></header><article><h1>New ferry terminal opens</h1>"
            f"{TEXT}</article></body></html>")
    assert meta(html, "https://www.harbourside-review.example/ferry")["title"] == (
        "New ferry terminal opens")


@pytest.mark.parametrize("site_name", [
    "Ten ferry routes compared - Tested on board",  # the title again
    "Harbour.example: Ten ferry routes compared - Tested on board : Travel",  # as long
])
def test_a_site_name_as_long_as_the_title_names_no_site(site_name: str) -> None:
    title = "Ten ferry routes compared - Tested on board"
    html = (f"<html><head><title>{title}</title>"
            f'<meta property="og:title" content="{title}">'
            f'<meta property="og:site_name" content="{site_name}"></head><body>'
            f"<h1>{title}</h1>{TEXT}</body></html>")
    assert meta(html)["title"] == title


def test_a_line_break_in_the_headline_is_a_space() -> None:
    html = doc(title="Ten ferry routes of 2025: your guide | Harbour Daily",
               head='<meta property="og:title" content="Ten ferry routes of 2025: your guide">',
               h1="<h1>Ten ferry routes of 2025<br>Your guide to the harbour</h1>")
    assert meta(html)["title"] == "Ten ferry routes of 2025 Your guide to the harbour"


@pytest.mark.parametrize(("author", "expected"), [
    ("Cara Moss, Ray Ansari, Extension harbour educators", ["Cara Moss", "Ray Ansari"]),
    ("Www Facebook Com", []),
])
def test_a_description_or_a_web_address_is_not_a_person(author: str,
                                                          expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<meta name="author" content="{author}">',
               h1="<h1>New ferry terminal opens</h1>")
    assert meta(html)["authors"] == expected


def test_citation_authors_family_name_first() -> None:
    html = doc(title="Ferry wakes and harbour walls | Harbour Papers",
               head='<meta name="citation_author" content="Moss, Cara">'
                    '<meta name="citation_author" content="Ansari, Ray T.">',
               h1="<h1>Ferry wakes and harbour walls</h1>")
    assert meta(html)["authors"] == ["Cara Moss", "Ray T. Ansari"]


def test_headline_keeps_its_question_mark_that_the_title_leaves_out() -> None:
    html = doc(title="Will the ferry terminal open in 2025 | Harbour Daily",
               h1="<h1>Will the ferry terminal open in 2025?</h1>")
    assert meta(html)["title"] == "Will the ferry terminal open in 2025?"


@pytest.mark.parametrize(("h1", "title", "expected"), [
    # words of the headline, not a byline: the <h1> is the headline
    ("Ferry Terminal Costs: Deck-by-Deck Breakdown", "Ferry Terminal Costs | Harbour Daily",
     "Ferry Terminal Costs: Deck-by-Deck Breakdown"),
    ("Best Harbour Walks, Reviewed by a Local", "Best Harbour Walks | Harbour Daily",
     "Best Harbour Walks, Reviewed by a Local"),
    # a byline in the <h1>: the title is the headline
    ("Best Harbour Walks by Cara Moss", "Best Harbour Walks | Harbour Daily",
     "Best Harbour Walks"),
])
def test_by_in_the_h1_is_a_byline_only_before_a_name(h1: str, title: str, expected: str) -> None:
    assert meta(doc(title=title, h1=f"<h1>{h1}</h1>"))["title"] == expected


def test_json_ld_headline_cut_short_gives_way_to_the_whole_title() -> None:
    whole = ("Harbour Friday: Can't Decide Where To Moor Your Boat This Winter? We Help Four "
             "Readers Find Berths (Including One Trick That Always Works)")
    cut = whole[:105].rsplit(" ", 1)[0]
    head = ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "'
            f'{cut}"}}</script><meta property="og:title" content="{whole}">')
    html = doc(title=f"{whole} - Harbour Notes", head=head)
    assert meta(html)["title"] == whole


def test_utf8_read_as_latin1_by_the_site_is_repaired() -> None:
    garbled = "A Skipper’s Guide to Winter Moorings".encode().decode("latin-1")
    html = doc(title=f"{garbled} | Harbour Daily", h1=f"<h1>{garbled}</h1>")
    assert meta(html)["title"] == "A Skipper’s Guide to Winter Moorings"
    cafe = doc(title="Harbour Café reopens | Harbour Daily", h1="<h1>Harbour Café reopens</h1>")
    assert meta(cafe)["title"] == "Harbour Café reopens"


def test_day_of_the_webpage_entity_where_no_article_entity_dates_the_page() -> None:
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebPage", "@id": "https://harbour.example/news/x", '
            '"datePublished": "2024-03-18T06:00:00+00:00", '
            '"dateModified": "2024-05-02T10:00:00+00:00"}, {"@type": "WebSite", "name": "Harbour"}]}'
            '</script><meta property="article:modified_time" content="2024-05-02T10:00:00+00:00">')
    html = doc(title="New ferry terminal opens | Harbour Daily", head=head)
    assert meta(html)["date"] == "2024-03-18"


@pytest.mark.parametrize("where", ["before", "after"])
def test_time_element_written_month_first_is_read_by_its_datetime(where: str) -> None:
    time = '<p><time datetime="2024-03-01T12:00:00Z">03/01/2024 7:38 PM</time></p>'
    h1 = "<h1>New ferry terminal opens</h1>"
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1=(time + h1) if where == "before" else h1,
               byline=time if where == "after" else "")
    # a long story, then a list of other stories with their days
    html = html.replace("</article>", TEXT * 20 + '</article><div class="views"><div '
                        'class="field-date"><time datetime="2025-01-31T12:00:00Z">01/31/2025'
                        '</time></div></div>')
    assert meta(html)["date"] == "2024-03-01"


def test_day_inside_a_sentence_after_the_headline_is_not_the_pages() -> None:
    sentence = ("<p>The ferry company says the first crossing from the new terminal will be on "
                "April 15, 2025, if the last safety checks of the quay go well.</p>")
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=sentence + "<p>March 18, 2024</p>")
    assert meta(html)["date"] == "2024-03-18"


def test_dotted_day_read_the_other_way_round_by_the_json_ld() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2024-09-10T16:07:00"}</script>')
    html = doc(title="New ferry terminal opens | Harbour Daily", head=head,
               h1="<h1>New ferry terminal opens</h1>", byline="<p>09.10.2024</p>")
    assert meta(html)["date"] == "2024-09-10"


def test_site_name_with_marks_its_address_cannot_have() -> None:
    html = doc(title="Harbour! Notes | HarbourNotes.example - Ten walks along the old quay",
               h1="<h1>Harbour Notes</h1>")
    got = meta(html, url="https://www.harbournotes.example/walks/ten-walks")
    assert got["title"] == "Ten walks along the old quay"


def test_site_address_before_the_headline_without_a_separator() -> None:
    html = doc(title="harbournotes.example Ten walks along the old quay")
    got = meta(html, url="https://harbournotes.example/2025/12/16/ten_walks.html")
    assert got["title"] == "Ten walks along the old quay"


def test_headline_in_capitals_takes_the_titles_case() -> None:
    html = doc(title="Best Ferry Routes 2026: Tips From Skippers | Harbour Daily",
               h1="<h1>BEST FERRY ROUTES IN 2026: TIPS FROM SKIPPERS</h1>")
    assert meta(html)["title"] == "Best Ferry Routes 2026: Tips From Skippers"


def test_h1_with_question_marks_for_what_the_site_could_not_encode() -> None:
    html = doc(title="Ferry Terminals: A Skipper's Guide | Harbour Daily",
               h1="<h1>Ferry Terminals? A Skipper? Guide</h1>")
    assert meta(html)["title"] == "Ferry Terminals: A Skipper's Guide"


@pytest.mark.parametrize(("h1", "title"), [
    ("Harbour Walks to Try", "8 Harbour Walks to Try | Harbour Daily"),
    ("Best Harbour Walks", "Best Harbour Walks in 2025 | Harbour Daily"),
])
def test_title_that_adds_a_count_or_a_year_to_the_h1(h1: str, title: str) -> None:
    assert meta(doc(title=title, h1=f"<h1>{h1}</h1>"))["title"] == title.split(" | ")[0]


def test_h1_that_links_to_the_home_page_is_the_sites_name() -> None:
    html = doc(title="Quayside Chronicle: New ferry terminal opens two years late",
               head='<meta property="og:title" content="New ferry terminal opens two years late">',
               h1='<h1 class="title"><a href="https://harbour.example/"> Quayside Chronicle </a></h1>')
    assert meta(html)["title"] == "New ferry terminal opens two years late"


def test_kicker_beside_the_headline_in_the_h1_is_left_out() -> None:
    html = doc(title="Quay Street Coffee Roasters | Market Stories",
               h1="<h1>\n <div>Behind the counter</div>\n <span>Quay Street Coffee Roasters</span>"
                  "\n</h1>")
    assert meta(html)["title"] == "Quay Street Coffee Roasters"


@pytest.mark.parametrize(("headline", "expected"), [
    ("How does the new ferry terminal work？", "How does the new ferry terminal work?"),
    ("新渡轮码头怎么运作？", "新渡轮码头怎么运作？"),
])
def test_fullwidth_marks_in_a_latin_title(headline: str, expected: str) -> None:
    html = doc(title=f"{headline} | Harbour Daily", h1=f"<h1>{headline}</h1>")
    assert meta(html)["title"] == expected


def test_day_the_page_says_it_was_originally_published() -> None:
    note = ("<p>This article was originally published on <!-- --><span>26 Sep 2019</span> "
            "at 4:12pm but has been updated since.</p></article>")
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>",
               byline="<p>Updated 30 Sep 2022</p>").replace("</article>", note)
    assert meta(html)["date"] == "2019-09-26"


def test_later_h1_sharing_a_word_with_the_title_is_a_section_heading() -> None:
    html = doc(title="New ferries for the old harbour | Harbour Daily",
               h1="<h1>Our latest stories</h1>").replace(
                   "<article>", "<article><h1>So many ferries</h1>")
    assert meta(html)["title"] == "New ferries for the old harbour"


def test_permalink_mark_after_the_headline_is_left_out() -> None:
    html = doc(title="Logging for ferry operators | Harbour documentation | Harbour",
               h1='<h1>Logging for ferry operators<a class="headerlink" href="#logging">¶</a></h1>')
    assert meta(html)["title"] == "Logging for ferry operators"


_MOVED = '<meta property="article:published_time" content="2024-08-07T12:01:51Z">'


@pytest.mark.parametrize(("byline", "head", "expected"), [
    # the byline's day, years from the meta tag's: the page's own
    ("<p>Cara Moss · 7 min read · Dec 30, 2013</p>", _MOVED, "2013-12-30"),
    # an update, a day apart (two time zones), the modified day: the meta tag's
    ("<p>Cara Moss · Updated Dec 30, 2013</p>", _MOVED, "2024-08-07"),
    ("<p>Cara Moss · Aug 6, 2024</p>", _MOVED, "2024-08-07"),
    ("<p>Cara Moss · Dec 30, 2024</p>",
     _MOVED + '<meta property="article:modified_time" content="2024-12-30T09:00:00Z">',
     "2024-08-07"),
    # a later day: a header's day of the visit, unless the page was modified after it
    ("<p>Tuesday, December 2, 2025</p>", _MOVED, "2024-08-07"),
    ("<p>Cara Moss · Dec 2, 2025</p>",
     _MOVED + '<meta property="article:modified_time" content="2026-01-05T09:00:00Z">',
     "2025-12-02"),
])
def test_byline_day_far_from_the_meta_tags(byline: str, head: str, expected: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", head=head, byline=byline)
    assert meta(html)["date"] == expected


def test_end_of_a_range_of_days_is_not_the_pages_day() -> None:
    html = ("<html><head><title>Ferry fairs of the year</title></head><body>"
            "<div class='hero'><div>October 13, 2025</div><h1>Ferry fairs of the year</h1></div>"
            "<p><b>Date</b>: 16-19 March 2026</p>" + TEXT + "</body></html>")
    assert meta(html)["date"] == "2025-10-13"


def test_two_versions_in_the_url_are_not_its_day() -> None:
    html = doc(title="Upgrade from 2024.4.4 to 2024.5.0 fails | Harbour Forum",
               h1="<h1>Upgrade from 2024.4.4 to 2024.5.0 fails</h1>",
               head='<meta property="article:published_time" content="2024-05-03T08:45:44Z">')
    url = "https://forum.harbour.example/t/2024-4-4-2024-5-0-upgrade-fails/7247"
    assert meta(html, url)["date"] == "2024-05-03"


def _microdata(where: str, itemtype: str) -> tuple[str, str]:
    """The head and the article's opening of a page whose microdata says it was published
    on 2024-03-01 and modified on 2024-06-12, the day shown under its headline."""
    props = ('<meta itemprop="datePublished" content="2024-03-01T09:00:00Z">'
             '<meta itemprop="dateModified" content="2024-06-12T09:00:00Z">')
    shown = "<p>By Cara Moss</p><p>June 12, 2024</p>"
    if where == "head":
        return props, shown
    return "", f'<div itemscope itemtype="https://schema.org/{itemtype}">{props}{shown}</div>'


@pytest.mark.parametrize(("where", "itemtype", "expected"), [
    # an article entity's microdata in the body is structured data like JSON-LD's
    ("body", "BlogPosting", "2024-06-12"),
    # in the head it is the page's meta tags
    ("head", "BlogPosting", "2024-03-01"),
    # a forum thread's: the day under its title is the last reply's
    ("body", "DiscussionForumPosting", "2024-03-01"),
])
def test_microdata_published_day_and_the_day_under_the_headline(
        where: str, itemtype: str, expected: str) -> None:
    head, byline = _microdata(where, itemtype)
    html = doc(title="New ferry terminal opens | Harbour Daily", head=head,
               h1="<h1>New ferry terminal opens</h1>", byline=byline)
    assert meta(html)["date"] == expected


def test_time_pubdate_settles_meta_tags_and_json_ld_that_disagree() -> None:
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "New ferry terminal opens", "datePublished": "2024-05-20T08:00:00Z"}')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta property="article:published_time" content="2024-03-11T08:00:00Z">'
                    f'<script type="application/ld+json">{ld}</script>')
    html = html.replace("</article>", TEXT * 10 + '<p>Published <time pubdate datetime='
                        '"2024-03-18">March 18, 2024</time></p></article>')
    assert meta(html)["date"] == "2024-03-18"


def test_time_element_whose_text_names_another_day_than_its_datetime() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>",
               byline='<div><time datetime="2024-12-20">August 28, 2024</time></div>')
    assert meta(html)["date"] == "2024-12-20"


def test_dateline_under_the_story_over_the_modified_time_of_the_meta_tags() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta property="article:modified_time" content="2024-03-22T08:00:00Z">',
               h1="<h1>New ferry terminal opens</h1>")
    # far below the headline, after a long story
    html = html.replace("</article>", TEXT * 30 + '<p class="date">March 18, 2024. '
                        "<i>Updated: March 22, 2024</i></p></article>")
    assert meta(html)["date"] == "2024-03-18"


@pytest.mark.parametrize("kind", ["NewsMediaOrganization", "Corporation", "Organization"])
def test_an_organisation_entity_as_the_author_is_no_person(kind: str) -> None:
    ld = ('{"@type": "ReportageNewsArticle", "headline": "New ferry terminal opens", '
          f'"author": {{"@type": "{kind}", "name": "Harbour Broadcasting Burmese"}}}}')
    html = doc(title="New ferry terminal opens - Harbour Broadcasting Burmese",
               head=f'<script type="application/ld+json">{ld}</script>',
               h1="<h1>New ferry terminal opens</h1>")
    assert meta(html)["authors"] == []


def test_drupals_submitted_line_is_not_an_author() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>",
               byline='<span class="submitted-by">Submitted on Mon, 2019-01-21 13:49</span>')
    assert meta(html)["authors"] == []


def test_a_comments_author_is_not_the_articles() -> None:
    comments = ('<div class="sf_comment"><p class="sf_comment_info"><span class="sf_comment_author">'
                'Alcalino</span> <span class="date">Hace 28 minutos</span></p><p>Muy bien.</p></div>'
                '<div class="comment-author vcard"><cite class="fn">Rosa Vega</cite></div>')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>").replace(
                   "</article>", f"</article><section>{comments}</section>")
    assert meta(html)["authors"] == []


def test_a_themes_credit_in_the_footer_is_not_a_byline() -> None:
    credit = ('<div class="copyright-area">Crafted with <i class="fa fa-heart"></i> by '
              '<a href="https://themes.example/">TemplatesYard</a> | Designed by '
              '<a href="https://harbour.example/">Harbour Media</a></div>')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>").replace("</body>", credit + "</body>")
    assert meta(html)["authors"] == []


def test_a_name_on_its_own_line_over_the_site_and_the_day() -> None:
    byline = ('<div class="m-bar">Jane Doe<br><a href="https://ferrynews.example/">Ferry '
              'News</a><br>Thu, 14 May 2020 17:55 UTC</div>')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=byline)
    assert meta(html)["authors"] == ["Jane Doe"]


def test_the_second_h1_that_is_the_whole_og_title_over_the_sites_h1() -> None:
    headline = "動画：港の新しいフェリーターミナルが開業、予定より2年遅れ"
    html = doc(title=f"{headline}\u3000写真1枚\u3000国際ニュース：港ニュース",
               head=f'<meta property="og:title" content="{headline}">',
               h1=f"<h1>国際ニュース：港ニュース</h1><h1>{headline}</h1>")
    assert meta(html)["title"] == headline


def _person(name: str) -> str:
    return ('<span class="byline" itemprop="author creator" itemscope '
            'itemtype="https://schema.org/Person">'
            f'<a rel="author" href="/people/{name.lower().replace(" ", "-")}">'
            f'<span class="byline-author" itemprop="name">{name}</span></a>, </span>')


def test_every_name_of_a_byline_whose_microdata_names_several() -> None:
    names = ["KEVIN SACK", "SHERI FINK", "PAM BELLUCK"]
    byline = '<p class="byline-dateline">By ' + "".join(_person(n) for n in names) + "</p>"
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=byline)
    assert meta(html)["authors"] == names


def test_microdata_authors_of_related_stories_are_not_added() -> None:
    byline = f'<p class="byline-dateline">By {_person("Jane Doe")}</p>'
    related = "".join(f'<li><h4>Another story</h4><p>{_person(n)}</p></li>'
                      for n in ("John Roe", "Ada Park"))
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=byline).replace(
                   "</article>", f"<ul>{related}</ul></article>")
    assert meta(html)["authors"] == ["Jane Doe"]


@pytest.mark.parametrize(("author", "expected"), [
    ("KEVIN SACK, SHERI FINK", ["KEVIN SACK", "SHERI FINK"]),
    ("JANE DOE, MD", ["JANE DOE"]),
    ("Jane Doe, MPH RD", ["Jane Doe"]),
])
def test_names_in_capitals_after_a_name_in_capitals_are_names(author: str,
                                                              expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<meta name="author" content="{author}">')
    assert meta(html)["authors"] == expected


_STORY = ("the harbour authority opened the new ferry terminal on Monday, two years later "
          "than planned and at nearly twice the first estimate, after a long dispute.")


@pytest.mark.parametrize(("lead", "expected"), [
    # a story's dateline opens its first paragraph: the day, or a place and the day, then
    # a dash, a colon or the quote it opens with
    (f"<p>27.1.2024 - Bei der Eröffnung sagte die Hafenbehörde, {_STORY}</p>", "2024-01-27"),
    (f"<p><strong>01.02.2024 „Der Hafen ist gut in das Jahr gestartet“, {_STORY}</strong></p>",
     "2024-02-01"),
    (f"<p>HARBOUR CITY, March 3, 2024 — Officials said {_STORY}</p>", "2024-03-03"),
    (f"<p>{'Long opening words, ' * 12}</p><p>Berlin (dpa) 27.01.2024: {_STORY * 2}</p>",
     "2024-01-27"),
    # a day inside the story's sentence is one it tells of; a photo's caption dated so is
    # the photo's
    (f"<p>The deadline for the tender is March 3, 2024 - so {_STORY}</p>", None),
    (f"<figure><img src='/p.jpg'><figcaption>HARBOUR CITY, March 3, 2024 -- A girl walks "
     f"past the terminal; {_STORY}</figcaption></figure>", None),
])
def test_a_day_that_opens_the_story(lead: str, expected: str | None) -> None:
    html = ("<html><head><title>New ferry terminal opens</title></head><body>"
            f"<h1>New ferry terminal opens</h1><article>{lead}{TEXT}</article></body></html>")
    assert meta(html)["date"] == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("/meldungen/29-10-2024", "2024-10-29"),
    ("/newsroom/23-01-2024-new-ferry-terminal-opens/17-378.html", "2024-01-23"),
    ("/news/10-31-2024-new-ferry-terminal-opens", "2024-10-31"),
    # March 5 or May 3: not read
    ("/news/05-03-2024-new-ferry-terminal-opens", None),
    # people.com.cn's year and then month and day in one
    ("/n1/2024/0512/c1008-40234567.html", "2024-05-12"),
    # the Guardian's month by its name
    ("/world/2024/may/12/new-ferry-terminal-opens", "2024-05-12"),
    ("/world/2024/sept/02/new-ferry-terminal-opens", "2024-09-02"),
    # a number that is no month and day
    ("/n1/2024/1399/c1008-40234567.html", None),
])
def test_a_day_in_the_url_in_other_forms(path: str, expected: str | None) -> None:
    # written year last, year and month-and-day in one, the month by its name
    html = doc(title="New ferry terminal opens | Harbour Daily")
    assert meta(html, url=f"https://harbour.example{path}")["date"] == expected


def test_a_day_that_opens_the_headline_over_a_teasers() -> None:
    teaser = ("<div itemscope itemtype='http://schema.org/Article'><meta itemprop='datePublished'"
              " content='2023-01-19'><a href='/n/19-01-2023-old'>19.01.2023 - Last year's "
              "ferry</a></div>")
    html = ("<html><head><title>23.01.2024 - New ferry terminal opens</title></head><body>"
            f"<h1>23.01.2024 - New ferry terminal opens</h1><article>{TEXT}</article>"
            f"<aside>{teaser}</aside></body></html>")
    assert meta(html, url="https://harbour.example/newsroom/ferry/17-378.html")["date"] == "2024-01-23"


def test_a_meta_tag_named_date_published() -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head='<meta name="datePublished" content="2024-08-16">',
               h1="<h1>New ferry terminal opens</h1>").replace(
                   "</article>", TEXT * 3 + "<ul><li><a href='/old'>Older story</a> <span>July 27, 2024"
                   "</span></li></ul></article>")
    assert meta(html)["date"] == "2024-08-16"


def test_a_time_whose_text_follows_an_icon_is_read_by_its_datetime() -> None:
    # "27 Mar 24": a two-digit year no form reads; a later teaser's day is not the page's
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>",
               byline='<div class="post-metas"><time datetime="2024-03-27T08:21:53+01:00">'
                      '<i class="fa fa-clock-o"></i>Publié le 27 Mar 24 à 9:21</time></div>')
    html = html.replace("</article>", "<p>Related: <span>March 26, 2024</span></p></article>")
    assert meta(html)["date"] == "2024-03-27"


@pytest.mark.parametrize(("written", "url"), [
    # a newspaper's name in its own language, cased as the site writes it
    ("hafen NACHRICHTEN", "https://www.hafen-nachrichten.example/news/ferry-1"),
    ("Hafener Zeitung", "https://www.hafener-zeitung.example/news/ferry-1"),
])
def test_a_newspapers_name_as_author_gives_way_to_the_byline(written: str, url: str) -> None:
    html = doc(title="Neues Fährterminal eröffnet | " + written,
               head=f'<meta name="author" content="{written}">'
                    f'<meta property="og:site_name" content="{written}">',
               h1="<h1>Neues Fährterminal eröffnet</h1>",
               byline='<span class="article__author">Von Jana Berger</span>')
    assert meta(html, url=url)["authors"] == ["Jana Berger"]


@pytest.mark.parametrize("label", ["Autorin/Autor", "Autor/in:", "Autor*in"])
def test_a_german_label_for_author_or_authoress(label: str) -> None:
    html = doc(title="Neues Fährterminal eröffnet | Hafen Welle",
               head='<meta name="author" content="Hafen Welle (www.hw.example)">',
               h1="<h1>Neues Fährterminal eröffnet</h1>").replace(
                   "</article>", f"</article><ul><li><strong>{label}</strong>\nJana Berger</li></ul>")
    # the site's name as its author (the initials of its address) gives way to the list's
    got = meta(html, url="https://www.hw.example/de/neues-faehrterminal/a-1")
    assert got["authors"] == ["Jana Berger"]


@pytest.mark.parametrize("markup", [
    # a follow button beside the byline, an "updated" label, a news agency
    '<button class="followAuthorBtn" type="button">Folgen</button>'
    '<a class="followAuthorBtn" href="/profil/themen/">Themen bearbeiten</a>',
    '<span class="author">Aktualisiert am</span>',
    '<span class="author">Son Güncelleme</span>',
    '<span class="author">SID Nachrichtenagentur</span>',
    '<span class="author">APA</span>',
])
def test_buttons_labels_and_agencies_in_author_markup_are_no_people(markup: str) -> None:
    html = doc(title="Neues Fährterminal eröffnet | Hafen Welle",
               h1="<h1>Neues Fährterminal eröffnet</h1>", byline=markup)
    assert meta(html)["authors"] == []


@pytest.mark.parametrize(("h1", "og", "expected"), [
    # the kicker's own element, its words run into the headline's: the declared title
    # that writes its separator
    ('<span class="topline">Hafen Lübeck</span> <span>Neues Fährterminal eröffnet</span>',
     "Hafen Lübeck: Neues Fährterminal eröffnet", "Hafen Lübeck: Neues Fährterminal eröffnet"),
    # a topic line the title leaves out: the headline alone
    ('<span class="overline">Premier League</span> <span>Rückschlag im Titelkampf</span>',
     "Rückschlag im Titelkampf", "Rückschlag im Titelkampf"),
    ('<span class="overline">Verkehr</span><span class="h-offscreen"> - </span>'
     '<span>«Die Fähre kommt zu spät»</span>',
     "Hafen: «Die Fähre kommt zu spät»", "«Die Fähre kommt zu spät»"),
    # a kicker named so, where the declared titles are written for search engines
    ('<span class="dachzeile ">Fährbetrieb</span>\n<span class="headline ">Neues '
     "Fährterminal eröffnet: Warum der Bau zwei Jahre länger dauerte</span>",
     "Ist das Fährterminal zu spät? Neues Fährterminal eröffnet",
     "Neues Fährterminal eröffnet: Warum der Bau zwei Jahre länger dauerte"),
    # one headline in two colours, its separator in the first
    ('<span style="color:red">Hafen Lübeck:</span>Neues Fährterminal eröffnet',
     "Hafen Lübeck: Neues Fährterminal eröffnet - Lübeck News", "Hafen Lübeck: Neues Fährterminal eröffnet"),
])
def test_a_kicker_in_its_own_element_of_the_h1(h1: str, og: str, expected: str) -> None:
    html = doc(title=f"{og} | Hafen Welle", h1=f"<h1>{h1}</h1>",
               head=f'<meta property="og:title" content="{og}">')
    assert meta(html)["title"] == expected


@pytest.mark.parametrize(("h1", "after"), [
    # the "eyebrow" holds the headline's first half
    ('<span class="headline-eyebrow">Why the harbour</span> <span class="headline-main">'
     "will not reopen before the summer</span>", "will not reopen before the summer"),
    # a headline classed as having a kicker, a badge after it
    ('<span class="headline headline--with-kicker">Council approves the ferry terminal'
     '</span> <span class="badge">Live</span>', "Live"),
    # a day or a byline after an element classed a kicker
    ('<span class="topline">Council approves the ferry terminal</span> <span class="author">'
     "by Ada Park</span>", "by Ada Park"),
    ('<span class="eyebrow">Council approves the ferry terminal</span> <span>5 May 2024</span>',
     "5 May 2024"),
])
def test_an_element_classed_a_kicker_is_not_always_one(h1: str, after: str) -> None:
    """Where the declared titles, written for search engines, say neither part, what
    follows the element is no headline of its own."""
    og = "Harbour ferry terminal 2024: everything you need to know"
    html = doc(title=f"{og} | Hafen Welle", h1=f"<h1>{h1}</h1>",
               head=f'<meta property="og:title" content="{og}">')
    assert meta(html)["title"] != after


@pytest.mark.parametrize("title", [
    "Binet met en garde Macron sur la « gravité de la situation »",
    "«Die Zurückhaltung hat viel mit den USA zu tun»",
])
def test_a_closing_guillemet_ends_a_quotation_not_a_title_piece(title: str) -> None:
    html = doc(title=f"{title} - Hafen Welle", h1=f"<h1>{title}</h1>")
    assert meta(html)["title"] == title


def test_a_photos_day_in_its_caption_under_the_headline_is_not_the_pages() -> None:
    caption = ('<figure><img src="/a.jpg"><div class="caption mt-1">Die Fähre am alten Kai '
               '(Lübeck, 6.12.2010)</div></figure>')
    html = doc(title="Neues Fährterminal eröffnet | Hafen Welle",
               head='<meta property="article:published_time" content="2024-04-26">',
               h1="<h1>Neues Fährterminal eröffnet</h1>", byline=caption)
    assert meta(html)["date"] == "2024-04-26"
    # a <time> in an element whose style is named for captions is the page's day
    styled = ('<span class="caption-with-letter-spacing" itemprop="datePublished"><time '
              'datetime="2024-04-25T04:13:00Z">April 25, 2024</time></span>')
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=styled)
    assert meta(html)["date"] == "2024-04-25"


def test_a_huge_unreadable_json_ld_is_not_searched_a_small_one_is() -> None:
    from trafilatura.settings import Document

    from archive.extract.metadata import _JSON_SEARCH_MAX, _meta_json

    def page(padding: int) -> lxml.html.HtmlElement:
        # a trailing comma: JSON cannot read it, trafilatura's expressions can
        script = ('{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Roe"}, '
                  f'"articleBody": "{"x" * padding}",}}')
        return lxml.html.fromstring(f'<html><head><script type="application/ld+json">{script}'
                                    '</script></head><body><p>Text</p></body></html>')

    assert _meta_json(page(10), Document()).author == "Jane Roe"
    assert _meta_json(page(_JSON_SEARCH_MAX), Document()).author is None


def test_the_reporter_as_json_ld_creator_where_the_author_is_the_paper() -> None:
    """asahi.com's JSON-LD: "author" the paper (an Organization), "creator" the reporter."""
    ld = ('{"@type": "NewsArticle", "headline": "港で震度5弱", "creator": ["渡辺洋介"], '
          '"author": {"@type": "Organization", "name": "港新聞デジタル"}}')
    html = doc(title="港で震度5弱：港新聞デジタル",
               head=f'<script type="application/ld+json">{ld}</script>',
               h1="<h1>港で震度5弱</h1>")
    assert meta(html, url="https://www.minato.example/articles/AST1F4445.html")[
        "authors"] == ["渡辺洋介"]


@pytest.mark.parametrize(("site", "url", "head"), [
    # the paper's name as the declared author, opening with its article
    ("Der Hafenbote", "https://www.der-hafenbote.example/2018/04/faehre.html",
     '<meta name="author" content="Der Hafenbote">'),
    # the same name on the paper's own address, in the header's link home: no person's site
    ("The Minato", "https://www.minato.example/articles/AST1F4445.html", ""),
    # a news publisher (NewsMediaOrganization) whose name its address holds
    ("Dainik Harbour", "https://www.harbour.example/local/news/ferry-133589711.html",
     '<script type="application/ld+json">{"@type": "NewsMediaOrganization", '
     '"name": "Dainik Harbour"}</script>'),
    # "News" in German set as the author: a section
    ("Hafenwelle", "https://hafenwelle.example/faehre-streik/",
     '<meta name="author" content="Nachrichten">'),
])
def test_a_papers_name_or_section_is_not_its_author(site: str, url: str, head: str) -> None:
    html = (f'<html><head><title>Ferry strike ends | {site}</title>'
            f'<meta property="og:site_name" content="{site}">{head}</head><body>'
            f'<header><a href="/">{site}</a></header><h1>Ferry strike ends</h1>'
            f'<article>{TEXT}</article><footer><p>Geschrieben am 16. April 2025</p>'
            f'</footer></body></html>')
    assert meta(html, url=url)["authors"] == []


def test_a_story_credited_to_an_agency_takes_no_byline_of_a_related_story() -> None:
    """liberation.fr: the story's author markup names AFP, a related story's box under
    it "Par Sébastien Farcis"; the story has no person for its author."""
    html = doc(title="Ferry strike ends | Harbour Daily",
               h1='<h1>Ferry strike ends</h1><span class="author">AFP</span>',
               byline=('<aside class="related"><a href="/2015/04/29/quay">Quay talks</a>'
                       '<span class="author">Par <span class="authorname">Sébastien Farcis'
                       '</span></span></aside>'))
    assert meta(html)["authors"] == []


@pytest.mark.parametrize(("lang", "before", "after", "expected"), [
    # the reporter's name in bold over the story, after the standfirst's short lines
    ("en", "<p><em>…as villages cry foul</em></p><p><strong>Mathatisi Sebusi/Mohalenyane "
     "Phakela</strong></p>", "", ["Mathatisi Sebusi", "Mohalenyane Phakela"]),
    ("en", "<p><strong>MTHOBISI SITHOLE&nbsp;</strong></p>", "", ["MTHOBISI SITHOLE"]),
    # right-aligned under a Vietnamese story: its words are common syllables
    ("vi", "", '<p class="Normal" style="text-align:right;"><strong>Lê Phương</strong></p>',
     ["Lê Phương"]),
    # a heading written as a bold paragraph is no signature
    ("en", "<p><strong>The New Quay</strong></p>", "", []),
    ("en", "", "<p><strong>Passenger Hall</strong></p>", []),
    ("en", "", '<p class="has-text-align-center"><strong>Social Media Pages</strong></p>', []),
    # German capitalises its nouns: a bold heading reads as a name
    ("de", "<p><strong>Weltweite Strahlkraft</strong></p>", "", []),
])
def test_a_signature_paragraph_names_the_reporter(lang: str, before: str, after: str,
                                                   expected: list[str]) -> None:
    text = TEXT + ("<p>The passenger hall opened on Monday after two years of work on the "
                   "quay, and the ferry company says it will add a night crossing.</p>"
                   if after else "")
    html = (f'<html lang="{lang}"><head><title>Ferry terminal opens | Harbour Daily</title>'
            f'</head><body><h1>Ferry terminal opens</h1><article>{before}{text}{after}'
            f'</article></body></html>')
    assert meta(html)["authors"] == expected


def test_a_korean_title_and_byline() -> None:
    """Korean sites write the title's "|" as the letter "ㅣ" and the reporter's role
    after the name ("기자": reporter; "외 1명": and one more)."""
    ld = ('{"@type": "NewsArticle", '
          '"author": [{"@type": "Person", "name": "신현주 기자"}, '
          '{"@type": "Person", "name": "박준석 특파원 외 1명"}]}')
    html = doc(title="항구 여객선 터미널 개장ㅣ항구일보",
               head=('<meta property="og:site_name" content="항구일보">'
                     f'<script type="application/ld+json">{ld}</script>'))
    found = meta(html, url="https://www.hangu.example/news/article/A2026012910000001")
    assert found["title"] == "항구 여객선 터미널 개장"
    assert found["authors"] == ["신현주", "박준석"]


@pytest.mark.parametrize(("shown", "expected"), [
    # the byline's <time> writes no day: it shows when the explainer was updated
    ("1 day ago", "2012-05-10"),
    ("11:46", "2012-05-10"),
    # a day written under the headline is the page's day, whatever JSON-LD says
    ("24 April 2026", "2026-04-24"),
])
def test_an_update_shown_as_a_time_ago_is_not_the_day_published(shown: str,
                                                                 expected: str) -> None:
    ld = ('{"@type": "NewsArticle", "headline": "What is the harbour board?", '
          '"datePublished": "2012-05-10T14:29:05Z", "dateModified": "2026-04-24T11:16:53Z"}')
    html = doc(title="What is the harbour board? - Harbour News",
               head=f'<script type="application/ld+json">{ld}</script>',
               h1="<h1>What is the harbour board?</h1>",
               byline=f'<div data-testid="byline"><time datetime="2026-04-24T11:16:53Z">'
                      f'{shown}</time></div>')
    assert meta(html, url="https://www.harbour.example/news/articles/clymn8zyrp9o")[
        "date"] == expected


@pytest.mark.parametrize("trail", [
    # the Funke papers: the trail's last step is an <h1> with the title written for
    # search engines
    '<nav><a href="/">Home</a> <a href="/politik/">Politik</a> <h1>Fährstreik: Jetzt '
    'wird es ernst für Pendler am Hafen</h1></nav>',
    # a breadcrumb list's item
    '<ol itemscope itemtype="https://schema.org/BreadcrumbList"><li class="breadcrumb-item">'
    '<a href="/">Start</a></li><li class="breadcrumb-item"><h1>Fährstreik: Jetzt wird es '
    'ernst für Pendler am Hafen</h1></li></ol>',
])
def test_an_h1_in_the_breadcrumb_trail_is_not_the_headline(trail: str) -> None:
    shown = "Streik der Fährleute: Pendler warten am Kai"
    html = doc(title="Fährstreik: Jetzt wird es ernst für Pendler am Hafen | Hafen Welle",
               head=f'<meta property="og:title" content="{shown}">',
               h1=f'{trail}<h2 class="headline">{shown}</h2>')
    assert meta(html, url="https://www.hafenwelle.example/politik/article1234/faehre.html")[
        "title"] == shown


def test_an_h1_in_a_menu_left_open_around_the_page_is_the_headline() -> None:
    """A broken template's menu (a <nav>) holds the whole page: its <h1> is the page's."""
    menu = "".join(f'<a href="/{i}">Website builder review number {i}</a>' for i in range(90))
    html = ('<html><head><title>Best Website Builders for 2026: Our Top 5 | Builder Guide'
            '</title><meta property="og:title" content="Best 5 Website Builders for 2026">'
            f'</head><body><nav>{menu}<article><h1>Best Website Builders for 2026: Our Top '
            f'5</h1>{TEXT}</article></nav></body></html>')
    assert meta(html, url="https://builderguide.example/website-builders/")["title"] == (
        "Best Website Builders for 2026: Our Top 5")


def test_a_number_left_of_a_day_after_the_name_is_not_part_of_it() -> None:
    """reolink.com's byline: "<a>Yucy</a><span>3/4/2025</span>", read as "Yucy 3"."""
    html = doc(title="Smart home guide | Harbour Tech", h1="<h1>Smart home guide</h1>",
               byline='<div class="author"><strong class="name"><a class="name" '
                      'href="/blog/author/yucy/">Yucy</a></strong><span class="time">'
                      '3/4/2025</span></div>')
    assert meta(html)["authors"] == ["Yucy"]


@pytest.mark.parametrize(("title", "h1", "expected"), [
    # a Japanese headline with a Latin name in capitals: its kana have no case, and it is
    # not an <h1> set in capitals to take the title's case from
    ("港のフェリー乗り場が開業、QUAYLINK ｜ 港湾ニュース Harbour",
     "<h1>港のフェリー乗り場が開業、QUAYLINK</h1>", "港のフェリー乗り場が開業、QUAYLINK"),
    # the fullwidth "｜", and "_" or a colon without spaces beside Chinese or Japanese
    # letters, part the site's name from the headline
    ("港のフェリー乗り場が開業 ｜ harbour", "", "港のフェリー乗り場が開業"),
    ("港のフェリー乗り場が開業「Quaylink」:harbour開発日誌", "", "港のフェリー乗り場が開業「Quaylink」"),
    # the site's name linked home in a short <h1>, and the section before it
    ("新渡轮码头今天开放，比计划晚了两年_城市_港口日报",
     '<a href="/"><h1 class="hidden">港口日报</h1></a>', "新渡轮码头今天开放，比计划晚了两年"),
    ("新渡轮码头今天开放，比计划晚了两年--城市--港口日报",
     '<a href="/"><h1 class="hidden">港口日报</h1></a>', "新渡轮码头今天开放，比计划晚了两年"),
])
def test_chinese_and_japanese_titles_without_the_site(title: str, h1: str, expected: str) -> None:
    html = doc(title=title, h1=h1)
    assert meta(html, url="https://www.harbour.example/articles/38282.html")["title"] == expected


@pytest.mark.parametrize("title", ["Ferry_terminal_opens_late | Harbour Daily",
                                   "Terminal: the ferry_schedule table explained | Harbour Daily"])
def test_an_underscore_between_latin_letters_parts_nothing(title: str) -> None:
    assert meta(doc(title=title))["title"] == title.split(" | ")[0]


def test_a_comment_forms_heading_is_not_the_title() -> None:
    """WordPress's comment form heading has "title" in its class, as trafilatura's title
    search asks; three site-name <h1>s leave it the first such heading."""
    html = ('<html><head><title>New ferry terminal opens two years late</title></head><body>'
            + '<h1>Harbour Daily</h1>' * 3 + f'<article>{TEXT}</article>'
            '<div id="respond"><h3 id="reply-title" class="comment-reply-title">Join the '
            'Discussion <small><a href="#respond">Cancel reply</a></small></h3></div></body></html>')
    assert meta(html)["title"] == "New ferry terminal opens two years late"


@pytest.mark.parametrize(("tags", "links", "expected"), [
    # Open Graph's article:author is a profile's URL: the names are the links' to them
    ('<meta property="article:author" content="https://harbour.example/profile/jane-doe,'
     'https://harbour.example/profile/sam-levin">',
     '<a rel="author" href="//harbour.example/profile/jane-doe">Jane Doe</a> and '
     '<a href="https://harbour.example/profile/sam-levin">Sam Levin</a>', ["Jane Doe", "Sam Levin"]),
    # the link's path may say more than the tag's
    ('<meta property="article:author" content="https://harbour.example/editors/jon-fingas">',
     '<a href="https://harbour.example/about/editors/jon-fingas/">Jon Fingas</a>', ["Jon Fingas"]),
    # the paper's page on a social network is no author's profile
    ('<meta property="article:author" content="https://www.facebook.com/harbourdaily/">',
     '<a href="https://www.facebook.com/harbourdaily/">Facebook</a>', []),
])
def test_authors_named_by_their_profiles_links(tags: str, links: str, expected: list[str]) -> None:
    html = (f'<html><head><title>New ferry terminal opens</title>{tags}</head><body>'
            f'<h1>New ferry terminal opens</h1><div class="meta">{links}</div>'
            f'<article>{TEXT}</article></body></html>')
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize(("byline", "expected"), [
    # trafilatura cases the first of the names it reads ("By Josh Haskell; DAVID CAPLAN")
    # and the byline's day follows the last: a month is no part of a name
    ('<div class="ShareByline"><span>By</span><span>by JANE HOLLOWAY, DAVID CAPLAN and '
     'PATRICK REEVELL</span><div>December 16, 2016, 4:19 PM</div></div>',
     ["Jane Holloway", "DAVID CAPLAN", "PATRICK REEVELL"]),
])
def test_names_in_capitals_and_the_bylines_day_after_them(byline: str, expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens", h1="<h1>New ferry terminal opens</h1>",
               byline=byline)
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize("label", ["Last Update", "See full bio", "Lesedauer"])
def test_more_labels_are_not_authors(label: str) -> None:
    html = doc(title="New ferry terminal opens", h1="<h1>New ferry terminal opens</h1>",
               byline=f'<span class="author">{label}</span>')
    assert meta(html)["authors"] == []


@pytest.mark.parametrize("title", ["U.S. ferry traffic grows faster than expected | Harbour Daily",
                                   "Harbour OS 3.13 released with a new ferry planner - Harbour Daily"])
def test_a_headline_with_a_dot_is_not_the_sites_name(title: str) -> None:
    """trafilatura takes a piece of <title> with a dot for the site's name ("Golem.de");
    without an <h1> or og:title, the headline became the site and the site the title."""
    assert meta(doc(title=title))["title"] == title.split(" | ")[0].split(" - ")[0]


def test_a_sites_address_in_the_title_is_its_name() -> None:
    assert meta(doc(title="New ferry terminal opens | Harbour.example"))["title"] == (
        "New ferry terminal opens")


@pytest.mark.parametrize(("title", "h1", "expected"), [
    # a colon without spaces inside a Chinese or Japanese headline introduces a quote or
    # a kicker: no piece of it is a label or a blog's name
    ("速報：港のフェリー乗り場が開業", "<h1>速報</h1>", "速報：港のフェリー乗り場が開業"),
    ("王毅谈港口合作：要稳", "<h1>要稳</h1>", "王毅谈港口合作：要稳"),
    # a Latin title's translation is no section's name
    ("Tokyo Story - 東京物語 - Harbour Daily", "", "Tokyo Story - 東京物語"),
])
def test_a_chinese_or_japanese_headline_keeps_its_pieces(title: str, h1: str, expected: str) -> None:
    head = '<meta property="og:site_name" content="Harbour Daily">'
    assert meta(doc(title=title, h1=h1, head=head))["title"] == expected


@pytest.mark.parametrize("title", ["Node.js 22 released with a new ferry planner | Harbour Daily",
                                   "Dr. No at 60 | The Harbour Daily Film Blog"])
def test_an_address_or_a_dot_inside_a_headline_is_the_headlines(title: str) -> None:
    assert meta(doc(title=title))["title"] == title.split(" | ")[0]


def test_a_declared_name_ending_with_a_month_keeps_it() -> None:
    html = doc(title="New ferry terminal opens", head='<meta name="author" content="Mary Kate March">')
    assert meta(html)["authors"] == ["Mary Kate March"]


def test_a_datelines_place_in_capitals_is_not_an_author() -> None:
    html = doc(title="New ferry terminal opens", h1="<h1>New ferry terminal opens</h1>",
               byline='<p class="byline">By Jane Holloway, MEXICO CITY</p>')
    assert meta(html)["authors"] == ["Jane Holloway"]


def test_profile_links_other_hosts_and_labels_are_passed_over() -> None:
    html = ('<html><head><title>New ferry terminal opens</title><meta property="article:author" '
            'content="https://harbour.example/profile/jane-doe"></head><body><h1>New ferry '
            'terminal opens</h1><a href="http://[bad/x">x</a><a href="https://social.example/'
            'jane-doe">@janedoe</a><a href="/profile/jane-doe">More by this author</a><a '
            f'href="https://harbour.example/profile/jane-doe">Jane Doe</a><article>{TEXT}'
            '</article></body></html>')
    assert meta(html)["authors"] == ["Jane Doe"]


def test_an_h1_that_a_declared_title_is_whole_is_the_headline_over_a_subtitle() -> None:
    """"Blog Name | Headline" above "<h2>Headline</h2>" makes the <h1> the blog's name;
    not where og:title is the <h1> whole (Medium: the story's title, then its subtitle)."""
    html = doc(title="Why ferries matter? - From the harbour to the open sea at last",
               head='<meta property="og:title" content="Why ferries matter?">',
               h1="<h1>Why ferries matter?</h1><h2>From the harbour to the open sea at last</h2>")
    assert meta(html)["title"] == "Why ferries matter?"


@pytest.mark.parametrize("head, url", [
    # the site's name as og:site_name too
    ('<meta property="og:site_name" content="Harbour Daily">',
     "https://news.example/2024/05/ferry-terminal"),
    # the site's name in its address
    ("", "https://www.harbourdaily.example/2024/05/ferry-terminal"),
])
def test_a_page_titled_with_the_sites_name_alone_has_its_h1_for_title(head: str, url: str) -> None:
    """The home page's <title> on every page: the story's headline is its <h1>, not the
    site's name, even where the two share no word."""
    html = doc(title="Harbour Daily", h1="<h1>Two years late, the ferry terminal opens</h1>",
               head=head)
    assert meta(html, url)["title"] == "Two years late, the ferry terminal opens"


def test_the_home_page_titled_with_the_sites_name_keeps_it() -> None:
    html = doc(title="Harbour Daily", h1="<h1>Today's top stories from the harbour</h1>",
               head='<meta property="og:site_name" content="Harbour Daily">')
    assert meta(html, "https://news.example/")["title"] == "Harbour Daily"


@pytest.mark.parametrize("title, h1", [
    # an <h1> worded unlike the declared title: Chinese writes no spaces between words
    ("港口渡轮冬季继续运行_新闻_新华网", "港口渡轮将在整个冬季继续运行"),
    ("渡轮冬季继续运行 - 新华网", "渡轮冬季继续运行，居民表示满意"),
    # the site's name alone as the title
    ("新华网", "港口渡轮将在整个冬季继续运行"),
])
def test_a_chinese_h1_that_shares_the_titles_words_is_the_headline(title: str, h1: str) -> None:
    html = doc(title=title, h1=f"<h1>{h1}</h1>",
               head='<meta charset="utf-8"><meta property="og:site_name" content="新华网">')
    assert meta(html, "https://news.example/2024/05/12/ferry.html")["title"] == h1


@pytest.mark.parametrize("name, expected", [
    # a CMS's joined byline declared as one Person
    ("Ada Park, Ben Lowe and Cleo Marsh", ["Ada Park", "Ben Lowe", "Cleo Marsh"]),
    ("Ada Park and Ben Lowe, The Harbour Courier", ["Ada Park", "Ben Lowe"]),
    ("王小明、李华", ["王小明", "李华"]),
    # one name, however written
    ("Park, Ada", ["Park, Ada"]),
    ("Ada Park, PhD", ["Ada Park, PhD"]),
    ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
    ("Jane Doe, John Roe, Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
    ("张明，李华", ["张明", "李华"]),
    ("Anna Schmidt und Max Muster, Der Tagesspiegel", ["Anna Schmidt", "Max Muster"]),
    # a Catalan name's own "i"
    ("Jordi Puig i Ferrer, La Vanguardia", ["Jordi Puig i Ferrer, La Vanguardia"]),
    # Danish, Norwegian and Swedish "og", "och"
    ("Trine Juncher Jørgensen og Tôrtia Reimer-Johansen",
     ["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"]),
    ("Anna Lindqvist och Erik Berg", ["Anna Lindqvist", "Erik Berg"]),
    # the agency the writers wrote with is none of them
    ("Felix Schröder und Jörg Soldwisch, dpa", ["Felix Schröder", "Jörg Soldwisch"]),
    ("Ada Park and Ben Lowe, The Associated Press", ["Ada Park", "Ben Lowe"]),
])
def test_a_declared_name_that_lists_several_people(name: str, expected: list[str]) -> None:
    assert declared_authors([name]) == expected


@pytest.mark.parametrize(("written", "expected"), [
    ("作者： Diogo Carleto 翻訳者 中村 真子", ["Diogo Carleto"]),
    ("作者：张明 译者：李华", ["张明"]),
])
def test_a_translator_is_not_an_author(written: str, expected: list[str]) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               head=f'<meta charset="utf-8"><meta name="author" content="{written}">')
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize("desk", ["From staff reports", "Staff and wire reports", "News services"])
def test_a_desk_in_the_byline_is_no_author(desk: str) -> None:
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=f'<div class="byline">{desk}</div>')
    assert meta(html)["authors"] == []


@pytest.mark.parametrize("path", ["/", "/en/", "/index.html", "/sport/"])
def test_a_front_page_titled_with_the_sites_name_keeps_it(path: str) -> None:
    """A front page's first <h1> is its lead story's headline, linked: the page's title
    stays the site's name."""
    html = doc(title="Harbour Daily", head='<meta property="og:site_name" content="Harbour Daily">',
               h1='<h1><a href="/2024/05/ferry-terminal">Two years late, the ferry terminal '
                  'opens</a></h1>')
    assert meta(html, f"https://news.example{path}")["title"] == "Harbour Daily"


def test_a_channel_header_h1_is_not_a_chinese_headline() -> None:
    """The channel's header as the first <h1> shares two-letter words only with the
    site's name after the headline in the title."""
    html = doc(title="港口渡轮冬季继续运行_新浪新闻",
               head='<meta charset="utf-8"><meta property="og:site_name" content="新浪新闻">',
               h1="<h1>新浪新闻中心滚动新闻</h1><h2>港口渡轮冬季继续运行</h2>")
    assert meta(html, "https://news.example/c/2024-05-12/doc-1234.shtml")["title"] == "港口渡轮冬季继续运行"


@pytest.mark.parametrize("names, expected", [
    # "Les" is a name, not French's article
    (["Sam Fortier", "Les Carpenter"], ["Sam Fortier", "Les Carpenter"]),
    # a name and her paper, or her place, is one author, not two
    (["Jane Doe, Washington Post"], ["Jane Doe, Washington Post"]),
    (["Jane Doe, San Francisco"], ["Jane Doe, San Francisco"]),
])
def test_declared_names_that_are_not_lists_of_people(names: list[str], expected: list[str]) -> None:
    assert declared_authors(names) == expected


@pytest.mark.parametrize("path, h1", [
    ("/article.php?id=48213", "<h1>Two years late, the ferry terminal opens</h1>"),
    ("/local/ferry", "<h1>Two years late, the ferry terminal opens</h1>"),
    # a post's title linked to itself (WordPress's "entry-title")
    ("/2024/05/ferry-terminal", '<h1><a href="/2024/05/ferry-terminal/">Two years late, the '
     "ferry terminal opens</a></h1>"),
])
def test_a_story_titled_with_the_sites_name_at_any_address(path: str, h1: str) -> None:
    html = doc(title="Harbour Daily", head='<meta property="og:site_name" content="Harbour Daily">',
               h1=h1)
    assert meta(html, f"https://news.example{path}")["title"] == "Two years late, the ferry terminal opens"


@pytest.mark.parametrize(("markup", "expected"), [
    # what the piece is before its writer, in author markup
    ('<div class="quickview__blog-author">Recipe by <a href="/author/pj-hamel">PJ Hamel</a>'
     '</div>', ["PJ Hamel"]),
    ('<div class="post-author">Article by: <a href="/team/ada">Ada Park</a></div>', ["Ada Park"]),
    ('<div class="author-box">Words by Ada Park</div>', ["Ada Park"]),
    # a link to the writer's page
    ('<div class="author-link"><a href="/authors/ada-park">Read more about Ada Park</a></div>',
     ["Ada Park"]),
    ('<div class="byline">See more articles by Ada Park</div>', ["Ada Park"]),
    # a day after the name in the author markup, or after a bullet in a byline
    ('<div class="blog_author"><div>Ada Park</div><div>February 8, 2022</div><div>•</div>'
     '<div>10 mins read</div></div>', ["Ada Park"]),
    ('<span class="author-name">Ada Park November 26th, 2024</span>', ["Ada Park"]),
    ('<div class="post-detail-byline-date">By Ada Park &bull; <span>March 12, 2025</span>'
     '</div>', ["Ada Park"]),
    # an avatar's initials, quotation marks
    ('<div class="author-card"><span class="avatar">AP</span> <a href="/u/ada">Ada Park</a>'
     '</div>', ["Ada Park"]),
    ('<span class="author">"Ada Park"</span>', ["Ada Park"]),
    # a user name as written, its digits too
    ('<span class="author">InsaneSnow45</span>', ["InsaneSnow45"]),
    ('<span class="author">ggailey777</span>', ["ggailey777"]),
    # a name that is also a month's stays whole, before a day, a time or a reading time
    ('<span class="author">Theresa May</span>', ["Theresa May"]),
    ('<div class="article-author"><a href="/authors/callum-may">Callum May</a><span '
     'class="publish-date">5 March 2024</span></div>', ["Callum May"]),
    ('<div class="author"><span>Brian May</span> <span>10:45 AM</span></div>', ["Brian May"]),
    ('<div class="entry-author"><span>Li Jun</span> <span>5 min read</span></div>', ["Li Jun"]),
    ('<div class="author">By Kim Min-jun 5 March 2024</div>', ["Kim Min-jun"]),
    # a day glued to a name is no user name
    ('<div class="author">李华2024-03-05</div>', ["李华"]),
])
def test_author_markup_gives_the_name_alone(markup: str, expected: list[str]) -> None:
    """Labels, days, avatars' initials and quotation marks around a name in the author
    markup are not part of it (WCXB dev: "Recipe by PJ Hamel", "Supermove February",
    "Haley Hoekstra • March", "CM Craig McCarthy", "InsaneSnow" for "InsaneSnow45")."""
    html = doc(title="New ferry terminal opens | Harbour Daily",
               h1="<h1>New ferry terminal opens</h1>", byline=markup)
    assert meta(html)["authors"] == expected


@pytest.mark.parametrize("script", [
    '{"headline": "Ferry \\u00e9t\\u00e9 \\ud83d\\ude00 \\ud83d opens", "author": "A\\nB"}',
    '{"headline": "<b>Ferry</b> &amp; quay", "x": "\\t\\r"}',
    '{"headline": "plain text, no escapes"}',
    "",
])
def test_json_ld_normalised_as_trafilatura_does(script: str) -> None:
    from trafilatura.json_metadata import normalize_json as trafilaturas

    from archive.extract.metadata import normalize_json
    assert normalize_json(script) == trafilaturas(script)

"""A news brief (a story of one or two sentences) is an article, and its text is the
story alone. trafilatura's main extractor keeps it, but under MIN_EXTRACTED_SIZE
characters its rescue runs and returns the page's whole text (menus, "most read",
footer) or the <article> element's text run into one line (headline, byline and date
glued to the story); the page, typed by the length of that text, was a listing, and a
site crawl skipped it (archive/extract/extract_policy.py, page_type.py)."""

from __future__ import annotations

import pytest

from archive.extract.document import extract_document
from archive.extract.page_type import PageSignals, classify_page
from archive.extract.structured import Structured
from tests.sites.news_briefs import BRIEF, FOOTER, MENU, MOST_READ, TITLE, news_article, page

URL = "https://courier.example/news/bridge-closed"


@pytest.mark.parametrize("element", ["div", "article"])
@pytest.mark.parametrize("url", [URL, "https://courier.example/2024/05/12/bridge-closed"])
def test_a_brief_is_an_article_whose_text_is_the_story(element: str, url: str) -> None:
    document = extract_document(page(BRIEF, element=element), url,
                                "text/html; charset=utf-8").document
    assert document is not None
    assert document.page_type == "article"
    assert document.text == BRIEF
    assert document.title == TITLE and document.authors == ("Jane Smith",)
    assert document.published == "2024-05-12"


def test_a_chinese_brief() -> None:
    story = "5月12日上午，市区主干道上的大桥因货车撞击护栏而临时封闭，交警提醒市民绕行。"
    menu = "".join(f"<li><a href='/{i}'>{w}</a></li>" for i, w in enumerate(
        ("首页", "时政", "国际", "财经", "科技", "体育", "文化", "视频")))
    most_read = "".join(f"<li><a href='/n/2024/05{i:02d}/c{i}.html'>市政府召开第{i}次常务会议"
                        f"研究部署城市道路建设工作</a></li>" for i in range(1, 7))
    html = page(story, lang="zh-CN", title="大桥因货车撞击临时封闭",
                head=news_article("大桥因货车撞击临时封闭", author="张明"),
                byline="来源：晨报 作者：张明", shown_day="2024年05月12日 08:00",
                menu=menu, most_read=most_read,
                footer="<footer><p>版权所有 晨报社 未经授权禁止转载</p></footer>")
    document = extract_document(html, "https://news.example.cn/n/2024/0512/c1001.html",
                                "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "article"
    assert document.text == story


def test_a_vietnamese_brief() -> None:
    story = ("Cầu Chương Dương tạm đóng cửa sau khi xe tải va vào lan can sáng Chủ nhật, "
             "không ai bị thương.")
    menu = "".join(f"<li><a href='/{i}'>{w}</a></li>" for i, w in enumerate(
        ("Thời sự", "Góc nhìn", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao",
         "Pháp luật", "Giáo dục", "Sức khỏe")))
    most_read = "".join(f"<li><a href='/tin-{i}.html'>Hà Nội phê duyệt ngân sách mới cho "
                        f"trường học và đường sá quận {i}</a></li>" for i in range(1, 7))
    html = page(story, lang="vi", title="Cầu Chương Dương tạm đóng cửa",
                head=news_article("Cầu Chương Dương tạm đóng cửa", author="Minh Ngọc"),
                byline="Minh Ngọc", shown_day="Chủ nhật, 12/5/2024, 08:00 (GMT+7)",
                menu=menu, most_read=most_read)
    document = extract_document(html, "https://tin.example.vn/cau-chuong-duong-4745.html",
                                "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "article"
    assert document.text == story


def test_a_story_its_rescue_finds_in_the_json_ld_keeps_its_paragraphs() -> None:
    # the HTML holds a teaser; the story is in articleBody: the rescue's long
    # paragraphs are no frame, and the text keeps them
    paragraphs = [f"Paragraph {i} of the story tells what the engineers found on the bridge "
                  f"and what the city will do about the railing before it opens again."
                  for i in range(1, 7)]
    head = news_article(TITLE, body="\n".join(paragraphs))
    document = extract_document(page("Engineers will inspect the bridge on Monday.", head=head),
                                "https://courier.example/2024/05/12/bridge-closed",
                                "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "article"
    for paragraph in paragraphs:
        assert paragraph in document.text


def test_a_rescued_text_of_rows_that_are_not_links_stays() -> None:
    # a chart's rows (a year, a running time, a rating: none of them links) are the
    # page's own text, not its frame; trafilatura's main extractor keeps the intro alone
    rows = "".join(f"<li><h3><a href='/title/{i}'>#{i} Film number {i}</a></h3>"
                   f"<div><span>2026</span><span>1h {40 + i}m</span><span>R</span></div>"
                   f"<div><span>{5 + i / 10:.1f}</span><span>Rate</span></div></li>"
                   for i in range(1, 25))
    html = ("<!DOCTYPE html><html lang='en'><head><title>Most popular films</title></head>"
            f"<body><ul class='menu'>{MENU}</ul><h1>Most popular films</h1>"
            "<p>As determined by our users' searches this week across the site.</p>"
            f"<ul class='chart'>{rows}</ul></body></html>").encode()
    document = extract_document(html, "https://films.example/chart/popular/",
                                "text/html; charset=utf-8").document
    assert document is not None
    assert "1h 63m" in document.text  # the last row's running time


def signals(**changes: object) -> PageSignals:
    values: dict[str, object] = {
        "structured": Structured(types=["newsarticle"], og_type="article",
                                 article_types=["newsarticle"]),
        "url": URL, "text_units": 14, "link_density": 0.7, "has_date": True,
        "has_author": True, "article_elements": 0, "long_paragraphs": 0}
    values.update(changes)
    return PageSignals(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, "article"),
    ({"has_author": False, "article_elements": 1}, "article"),  # its one <article>
    ({"has_author": False}, "listing"),  # nothing says which story the page is
    ({"has_date": False}, "listing"),
    ({"text_units": 4}, "listing"),  # a label, not a story
    ({"long_paragraphs": 6}, "listing"),  # teasers of 20 words or more, not in its text
    ({"article_elements": 5}, "listing"),  # a list of <article> teasers
    # og:type alone: WordPress declares it on its static pages too
    ({"structured": Structured(og_type="article")}, "listing"),
    # microdata's items: a tag's or a section's page writes one on each teaser
    ({"structured": Structured(types=["blogposting"], og_type="website")}, "listing"),
    # a plugin's generic Article, on an address that names no story: a "Contact" page
    ({"structured": Structured(types=["article"], article_types=["article"]),
      "url": "https://courier.example/contact/"}, "listing"),
    # a tag's page
    ({"url": "https://courier.example/tag/bridges/"}, "listing"),
    # but not on a post's dated address
    ({"structured": Structured(og_type="article"),
      "url": "https://courier.example/2024/05/12/bridge-closed/"}, "article"),
    # a story of a few paragraphs whose frame of links is most of the page's text
    ({"text_units": 180, "long_paragraphs": 6, "link_density": 0.8, "sentence_share": 1.0},
     "article"),
    ({"text_units": 299, "long_paragraphs": 9, "link_density": 0.8, "sentence_share": 0.9},
     "article"),
    # four short sentences of 15 words, each a paragraph
    ({"text_units": 60, "long_paragraphs": 0, "link_density": 0.82, "sentence_share": 1.0},
     "article"),
    # but not a list of teasers of 20 words or more that its text does not hold
    ({"text_units": 180, "long_paragraphs": 20, "link_density": 0.8, "sentence_share": 1.0},
     "listing"),
    # nor og:type alone, on an address that names no story
    ({"text_units": 180, "long_paragraphs": 6, "link_density": 0.8, "sentence_share": 1.0,
      "structured": Structured(og_type="article")}, "listing"),
    # nor a section's page that declares a NewsArticle: its text its teasers' headlines
    ({"text_units": 111, "long_paragraphs": 1, "link_density": 0.63, "sentence_share": 0.2,
      "url": "https://courier.example/politics/elections"}, "listing"),
])
def test_what_makes_a_short_text_a_brief(changes: dict[str, object], expected: str) -> None:
    assert classify_page(signals(**changes)) == expected


def _post(story_html: str, body_class: str = "") -> bytes:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Pool opening delayed | Lakeside</title>"
            f"<meta property='og:type' content='article'></head><body class='{body_class}'>"
            f"<nav><ul class='menu'>{MENU}</ul></nav><article><header><h1>Pool opening delayed"
            "</h1><p>Posted on May 12, 2024 by Mark Olsen</p></header>"
            f"<div class='entry-content'>{story_html}</div></article>"
            f"<aside><h2>Most read</h2><ul>{MOST_READ}</ul></aside>{FOOTER}</body></html>"
            ).encode("utf-8")


OPENING = ("The town pool will open two weeks late this summer because of repairs to the "
           "filter system, the parks department said on Friday.")


@pytest.mark.parametrize("second", [
    # WordPress's "more" mark: trafilatura's precise run drops the text after it
    "<p><span id='more-5678'></span>The new date is June 15.</p>",
    # an update in a bordered box, which its precise run drops too
    "<p style='border-left: 4px solid #c00'>Update May 13: The new date is June 15.</p>",
])
@pytest.mark.parametrize("body_class", ["", "single-post wp-theme-kadence footer-on-bottom"])
def test_a_briefs_own_line_that_the_precise_run_drops_stays(second: str,
                                                             body_class: str) -> None:
    # (a theme's class on <body> naming a footer makes no frame of the whole page)
    document = extract_document(_post(f"<p>{OPENING}</p>{second}", body_class),
                                "https://lakeside.example/2024/05/12/pool-opening-delayed/",
                                "text/html; charset=utf-8").document
    assert document is not None
    assert OPENING in document.text and "The new date is June 15." in document.text


def test_a_posts_links_to_other_sites_are_its_text() -> None:
    links = "".join(f"<li><a href='https://site{i}.example/story'>Story number {i} I read "
                    f"this week</a></li>" for i in range(1, 7))
    document = extract_document(
        _post(f"<p>Six things I read this week and think you should too:</p><ul>{links}</ul>"),
        "https://lakeside.example/2024/05/12/sunday-reading/",
        "text/html; charset=utf-8").document
    assert document is not None
    for i in range(1, 7):
        assert f"Story number {i} I read this week" in document.text


def test_a_posts_links_to_other_sites_are_its_text_in_a_theme_of_divs() -> None:
    links = "".join(f"<li><a href='https://site{i}.example/story'>Why story number {i} is "
                    f"worth reading</a></li>" for i in range(1, 7))
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Sunday reading"
            "</title><meta property='og:type' content='article'></head><body>"
            f"<div id='header'><ul>{MENU}</ul></div><div class='post'><h2>Sunday reading</h2>"
            "<p class='meta'>Posted on May 12, 2024 by Mark Olsen</p><div class='entry'>"
            f"<p>Six things I read this week and think you should too:</p><ul>{links}</ul>"
            f"</div></div><div id='sidebar'><ul>{MOST_READ}</ul></div>"
            "<div id='footer'><p>Lakeside, a weblog</p></div></body></html>").encode("utf-8")
    document = extract_document(html, "https://lakeside.example/2024/05/12/sunday-reading/",
                                "text/html; charset=utf-8").document
    assert document is not None
    for i in range(1, 7):
        assert f"Why story number {i} is worth reading" in document.text


def test_a_link_that_urlsplit_refuses_does_not_cost_the_page_its_row() -> None:
    footer = ("<footer><p>© 2024 Daily Courier.</p><a href='https://example.com](https://"
              "example.com)'>Our partner</a> <a href='https://[your-site].com/'>Site</a>"
              "</footer>")
    document = extract_document(page(BRIEF, footer=footer),
                                "https://courier.example/2024/05/12/bridge-closed/",
                                "text/html; charset=utf-8").document
    assert document is not None and document.text == BRIEF


def test_a_brief_on_a_page_with_a_cookie_notice_and_a_footer_blurb() -> None:
    notice = ("<div id='cookie-notice'><p>We use cookies and similar technologies to "
              "personalise content and ads, to provide social media features and to analyse "
              "our traffic. <a href='/cookies'>Learn more</a></p></div>")
    footer = ("<footer><p>The Daily Courier has covered the towns of the lake district since "
              "1887 and is owned by its readers through the Courier Trust, a non-profit "
              "foundation.</p></footer>")
    document = extract_document(page(BRIEF, menu=MENU + "</ul>" + notice + "<ul>", footer=footer),
                                "https://courier.example/2024/05/12/bridge-closed-after-crash/",
                                "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "article"
    assert document.text == BRIEF


@pytest.mark.parametrize("url", [
    "https://courier.example/news/bridge-closed-after-truck-crash",  # a slug of 4+ words
    "https://courier.example/?p=4455",  # WordPress's plain permalink
    "https://courier.example/story/4455",  # a post's number
])
def test_a_brief_that_og_type_declares_on_a_storys_address(url: str) -> None:
    head = "<meta property='article:published_time' content='2024-05-12T08:00:00Z'>"
    document = extract_document(page(BRIEF, head=head), url,
                                "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "article"
    assert document.text == BRIEF

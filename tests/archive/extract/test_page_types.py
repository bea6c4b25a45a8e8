"""Every real article gets a row and the right page type: pages shaped like today's
news sites (og:type "website" on articles, JSON-LD only, live blogs, consent walls,
site names in titles), written for the project, in English, Vietnamese and Chinese."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from archive.extract.document import extract_document
from archive.extract.metadata import split_authors
from archive.extract.page_type import url_looks_like_story

MENU = "".join(f'<li><a href="/section-{i}/">Section {i}</a></li>' for i in range(12))
RELATED = "".join(
    f'<li><a href="/2024/05/0{i}/other-story-number-{i}">Other story number {i} that '
    f'everyone read this week</a></li>' for i in range(1, 8))
PARAGRAPHS = [
    "The city council voted on Tuesday to expand the night bus network to the northern "
    "districts, after a year of complaints from shift workers who said they had no way home.",
    "Under the plan, six new routes will run every twenty minutes between midnight and five "
    "in the morning, starting in September, at a cost the council put at four million a year.",
    "Opponents said the money would be better spent on the existing daytime lines, which "
    "they called overcrowded and unreliable, and asked for an independent review of demand.",
    "The transport committee's chair said the review had already been done and that night "
    "ridership had doubled in the districts where a trial route ran last winter.",
    "Residents at the meeting applauded the decision, and several said they would no longer "
    "need to pay for taxis after late shifts at the hospital and the distribution centres.",
]


def page(*, head: str = "", article: str = "", before: str = "", after: str = "",
         title: str = "Night buses for the north | City Herald") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) if not article else article
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title>{head}</head><body>
<header><nav><ul>{MENU}</ul></nav></header>{before}
<main><article><h1>Night buses for the north</h1>
<p class="byline">By <span class="author">Jane Roe</span> · 12 May 2024</p>{body}</article>
<aside><h3>Most read</h3><ul>{RELATED}</ul></aside></main>{after}
<footer><p>© City Herald. All rights reserved.</p></footer></body></html>""".encode()


URL = "https://herald.example/2024/05/12/night-buses-for-the-north"


def extract(body: bytes, url: str = URL, charset: str = "utf-8"):  # noqa: ANN201
    result = extract_document(body, url, f"text/html; charset={charset}")
    assert result.document is not None, result
    return result.document


def test_article_declaring_og_type_website_gets_a_row() -> None:
    doc = extract(page(head='<meta property="og:type" content="website">'))
    assert doc.page_type == "article"
    assert PARAGRAPHS[0] in doc.text and PARAGRAPHS[-1] in doc.text


def test_article_with_only_json_ld() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "City Herald"},
        {"@type": "NewsArticle", "headline": "Night buses for the north",
         "datePublished": "2024-05-12T08:30:00+02:00", "dateModified": "2024-05-13T09:00:00Z",
         "author": [{"@type": "Person", "name": "Jane Roe"},
                    {"@type": "Organization", "name": "City Herald"},
                    {"@type": "Person", "name": "Reuters"}]}]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    doc = extract(page(head=head), url="https://herald.example/news?id=5")
    assert doc.page_type == "article"
    assert doc.title == "Night buses for the north"
    assert doc.published == "2024-05-12" and doc.modified == "2024-05-13"
    assert doc.authors == ("Jane Roe",) and doc.author == "Jane Roe"


def test_a_story_that_declares_its_collection_too_is_an_article() -> None:
    # one graph names the story and the section page it sits on, with its list
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "ReportageNewsArticle", "headline": "Night buses for the north",
         "datePublished": "2024-05-12T08:30:00+02:00"},
        {"@type": ["CollectionPage", "WebPage"], "name": "City"},
        {"@type": "ItemList", "itemListElement": []}]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = "".join(f"<p>In part {i}, {p[0].lower()}{p[1:]}</p>"
                   for i, p in enumerate(PARAGRAPHS * 3))
    doc = extract(page(head=head, article=body), url="https://herald.example/city/buses.html")
    assert doc.page_type == "article"
    # a section's page that declares a collection stays a listing
    teasers = "".join(f"<p><a href='/city/s-{i}.html'>{p[:60]}</a></p>"
                      for i, p in enumerate(PARAGRAPHS))
    ld["@graph"] = ld["@graph"][1:]
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    section = extract(page(head=head, article=teasers), url="https://herald.example/city/")
    assert section.page_type == "listing"


def test_live_blog() -> None:
    ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting",
          "headline": "Election night: live", "coverageStartTime": "2024-05-12T18:00:00Z"}
    doc = extract(page(head=f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert doc.page_type == "liveblog"


def test_listing_page_is_a_listing_not_an_article() -> None:
    teasers = "".join(
        f'<article><h2><a href="/2024/05/1{i}/story-{i}-about-the-city-council">Story {i} '
        f'about the city council</a></h2><p>A short teaser of story {i}.</p></article>'
        for i in range(10))
    body = f"""<html><head><title>Politics | City Herald</title>
<meta property="og:type" content="website"></head><body><nav><ul>{MENU}</ul></nav>
<main><h1>Politics</h1>{teasers}</main></body></html>""".encode()
    result = extract_document(body, "https://herald.example/politics/", "text/html")
    assert result.document is None or result.document.page_type == "listing"


def test_story_with_a_thread_of_linked_comment_titles_is_an_article() -> None:
    """A news aggregator's story page: a dated, signed story, then a thread of comments,
    each under a linked title. More linked headlines than long paragraphs, but a story's
    URL, a date and an author: an article, whose row is the story, not the thread."""
    comments = "".join(
        f'<div class="comment"><h3><a href="#comment-{i}">Re: night buses, point {i}</a></h3>'
        f'<div class="details">by reader{i}</div><div class="body">Agreed, the old routes were '
        f'a mess after midnight.</div></div>' for i in range(40))
    html = page(head='<meta name="author" content="Jane Roe">',
                after=f'<section id="comments"><h2>Comments</h2>{comments}</section>')
    doc = extract(html, url="https://news.example/story/24/05/12/1736259/night-buses-for-the-north")
    assert doc.page_type == "article"
    assert all(p in doc.text for p in PARAGRAPHS)
    assert "Re: night buses" not in doc.text and "old routes" not in doc.text


def test_product_and_forum_pages_are_not_articles() -> None:
    product = {"@context": "https://schema.org", "@type": "Product", "name": "Night lamp",
               "offers": {"@type": "Offer", "price": "19.90"}}
    doc = extract(page(head=f'<script type="application/ld+json">{json.dumps(product)}</script>'
                       '<meta property="og:type" content="article">'))
    assert doc.page_type == "product"
    forum = {"@context": "https://schema.org", "@type": "DiscussionForumPosting",
             "headline": "Night buses?"}
    doc = extract(page(head=f'<script type="application/ld+json">{json.dumps(forum)}</script>'))
    assert doc.page_type == "forum"


CONSENT = """<div id="cookie-consent" class="consent-banner"><h2>We value your privacy</h2>
<p>We and our 842 partners store and access information on your device, such as cookies,
and process personal data, such as unique identifiers and standard information sent by a
device, for personalised advertising and content, advertising and content measurement,
audience research and services development.</p><button>Accept all</button>
<button>Manage preferences</button></div>"""


def test_consent_wall_before_the_article_is_not_text() -> None:
    doc = extract(page(before=CONSENT))
    assert doc.page_type == "article"
    assert PARAGRAPHS[0] in doc.text
    assert "partners store and access" not in doc.text


@pytest.mark.parametrize(("title", "sitename_meta"), [
    ("Night buses for the north | City Herald", ""),
    ("Night buses for the north - herald.example", ""),
    ("City Herald: Night buses for the north", '<meta property="og:site_name" content="City Herald">'),
    ("Night buses for the north – City Herald – 12.05.2024",
     '<meta property="og:site_name" content="City Herald">'),
])
def test_title_without_the_site_name(title: str, sitename_meta: str) -> None:
    doc = extract(page(title=title, head=sitename_meta))
    assert doc.title == "Night buses for the north"


def test_headline_with_its_own_colon_is_kept_whole() -> None:
    body = page(title="Review: the night bus, at last | City Herald").replace(
        b"<h1>Night buses for the north</h1>", b"<h1>Review: the night bus, at last</h1>")
    assert extract(body).title == "Review: the night bus, at last"


VI_PARAS = [
    "Hội đồng nhân dân thành phố hôm qua đã thông qua kế hoạch mở rộng mạng lưới xe buýt đêm "
    "tới các quận phía bắc, sau một năm người lao động làm ca đêm phản ánh không có phương tiện về nhà.",
    "Theo kế hoạch, sáu tuyến mới sẽ chạy hai mươi phút một chuyến từ nửa đêm đến năm giờ sáng, "
    "bắt đầu từ tháng Chín, với chi phí khoảng bốn tỷ đồng mỗi năm.",
    "Những người phản đối cho rằng nên dùng khoản tiền này cho các tuyến ban ngày hiện có, "
    "vốn thường xuyên quá tải và không đúng giờ.",
]
ZH_PARAS = [
    "市议会周二投票决定将夜间公交网络扩展到北部城区，此前一年来，倒班工人一直抱怨下班后无法回家。",
    "根据该计划，六条新线路将从九月起在午夜至凌晨五点之间每二十分钟发车一次，议会估计每年花费四百万元。",
    "反对者表示，这笔钱最好用于现有的日间线路，他们认为这些线路拥挤且不准时，并要求对需求进行独立评估。",
    "交通委员会主席说，评估已经完成，去年冬天试运行的线路所在城区夜间客流量翻了一番。",
]


@pytest.mark.parametrize(("paras", "lang", "title", "charset"), [
    (VI_PARAS, "vi", "Mở rộng xe buýt đêm ra các quận phía bắc - Báo Thành Phố", "utf-8"),
    (ZH_PARAS, "zh", "夜间公交扩展到北部城区_城市日报", "gb18030"),
])
def test_vietnamese_and_chinese_articles(paras: list[str], lang: str, title: str,
                                         charset: str) -> None:
    headline = title.replace("_城市日报", "").replace(" - Báo Thành Phố", "")
    html = f"""<html><head><meta charset="{charset}"><title>{title}</title>
<meta property="og:type" content="website"></head><body><nav><ul>{MENU}</ul></nav>
<article><h1>{headline}</h1><p>2024-05-12 08:30</p>
{''.join(f'<p>{p}</p>' for p in paras)}</article><aside><ul>{RELATED}</ul></aside>
</body></html>"""
    doc = extract(html.encode(charset), url="https://tin.example/xa-hoi/xe-buyt-dem-123456.html",
                  charset=charset)
    assert doc.page_type == "article"
    assert doc.language == lang
    assert all(p in doc.text for p in paras)
    assert doc.title == headline


# A blog post written a sentence a line (Chinese and Japanese blogs often are): no line
# holds 20 text units, in a frame of category links and many short comments.
BLOG_LINES = [
    "清晨六點從山腳出發，霧氣還沒有散去，整條步道都很安靜",
    "走了大約一個小時，第一次看到山谷裡的楓樹已經轉紅了",
    "路邊的小店老闆說，今年的寒流來得早，顏色比去年更深",
    "我們在涼亭休息時喝了一杯熱茶，手終於不再那麼冰冷",
    "再往上走是一段陡坡，石階濕滑，每一步都要特別小心",
    "到了山頂，雲海就在腳下慢慢流動，遠方的村子若隱若現",
    "孩子們第一次看到這樣的景色，一直問雲是從哪裡來的",
    "中午在營地旁邊吃了自己帶的便當，簡單卻非常好吃",
    "下午的陽光穿過樹葉，把整片林子照成金黃色和紅色",
    "回程時我們繞到老街，買了剛出爐的客家麻糬當點心",
    "天黑以前回到車上，大家都累了，卻都說明年還要再來",
    "如果你也想去，記得帶一件外套，山上的早晚溫差很大",
    "第二天早上我們又去了附近的溫泉，泡完腳整個人都醒了",
    "溫泉旁邊有一條小溪，溪水很清，可以看到小魚游來游去",
    "老闆娘送了我們一盤醃蘿蔔，說是自己家裡種的菜做的",
    "下山的路上遇到一群騎單車的年輕人，正在拼命爬坡",
    "我們停下來替他們加油，他們笑著揮手說山頂快到了",
    "這次的行程雖然很短，卻讓全家人都記住了秋天的顏色",
]


def test_chinese_blog_post_a_sentence_a_line_is_an_article() -> None:
    categories = "".join(f'<li><a href="/blog/category/{i}">分類文章第{i}篇遊記與美食</a></li>'
                         for i in range(12))
    comments = "".join(f'<div class="comment">這篇寫得真好，我上個月也去了同一條步道<br>'
                       f'那天下雨沒看到雲海，下次要選晴天再去，謝謝分享第{i}次</div>'
                       for i in range(30))
    html = f"""<html lang="zh-TW"><head><meta charset="utf-8">
<title>尖石賞楓一日遊 @ 小林的家 :: 部落格</title><meta property="og:type" content="article">
<meta name="author" content="小林">
<meta property="article:published_time" content="2024-11-28T08:00:00+08:00"></head>
<body><div id="nav"><ul>{categories}</ul></div><div id="main"><h1>尖石賞楓一日遊</h1>
<div class="post-body">{"<br>".join(BLOG_LINES)}</div></div>
<div id="comments"><h3>留言</h3>{comments}</div></body></html>"""
    doc = extract(html.encode(), url="https://xiaolin.blog.example/blog/post/39926056-hike")
    # not a "page" whose whole text (categories and comments) replaces the post's
    assert doc.page_type == "article"
    assert doc.text.split("\n\n") == BLOG_LINES


def test_story_url_shapes() -> None:
    assert url_looks_like_story("https://a.example/2024/05/12/night-buses")
    assert url_looks_like_story("https://a.example/news/night-buses-for-the-north")
    assert url_looks_like_story("https://a.example/a/123456789")
    assert url_looks_like_story("https://a.example/the-gioi/bai-4521.html")
    # a folder's index page is the folder's: a dated story's
    assert url_looks_like_story("https://a.example/2024/05/12/travel/ferry-suspended/index.html")
    assert not url_looks_like_story("https://a.example/politics/")
    assert not url_looks_like_story("https://a.example/")
    # a slug in Arabic, percent-escaped, then the page's language
    slug = quote("شعر-وردي-يشعل-السخرية-لغز-لون-الشعر")
    assert url_looks_like_story(f"https://a.example/news/lifestyle/898682/{slug}/ar")
    assert url_looks_like_story(f"https://a.example/news/{slug}")
    assert not url_looks_like_story("https://a.example/news/ar")
    assert not url_looks_like_story("https://a.example/de")


@pytest.mark.parametrize("url", [
    "https://blog.example/?p=123",  # WordPress's plain permalinks
    "https://blog.example/index.php?p=123&replytocom=5",
    "https://a.example/index.php?option=com_content&view=article&id=45:harbour&catid=2&Itemid=101",
    "https://a.example/aktuelles/detail?tx_news_pi1%5Bnews%5D=42&cHash=0a1b",  # TYPO3
    "https://a.example/lesen/?tx_ttnews%5Btt_news%5D=9931",
    "https://a.example/news.php?newsid=4411", "https://a.example/show?articleId=99",
    # a script that serves every story, by its slug (Phoronix)
    "https://a.example/scan.php?page=news_item&px=Steam-May-2019-Numbers",
    "https://a.example/article.aspx?title=harbour-stays-open-all-winter",
    "https://a.example/scan.php?page=news_item&px=AMD-RDNA4-Linux-6.12"])
def test_a_query_that_names_one_story(url: str) -> None:
    assert url_looks_like_story(url)
    post = extract(page(), url)
    assert post.page_type == "article"


@pytest.mark.parametrize("url", ["https://blog.example/", "https://blog.example/?cat=5",
                                 "https://blog.example/?paged=2", "https://blog.example/?s=roses",
                                 "https://a.example/index.php?option=com_content&view=category&id=2&Itemid=101",
                                 # a search's, a filter's or a campaign's words
                                 "https://a.example/search.php?q=best-running-shoes-for-men",
                                 "https://a.example/list.php?category=mens-running-shoes-sale",
                                 "https://a.example/?utm_campaign=black-friday-sale-2024",
                                 # a slug, but no script's query
                                 "https://a.example/shoes?style=mens-trail-running-shoes",
                                 # an id's hex groups, a wiki's category, a shop's path
                                 "https://a.example/News/NewsList.aspx?CategoryID="
                                 "6f9619ff-8b86-d011-b42d-00c04fc964ff",
                                 "https://wiki.example/index.php?title=Category:Towns_in_the_United_States",
                                 "https://a.example/index.php?route=product/category&path=20_27_28_35",
                                 # a folder's index page
                                 "https://a.example/business/index.html",
                                 "https://a.example/news/default.aspx"])
def test_a_query_that_names_no_story(url: str) -> None:
    assert not url_looks_like_story(url)


def test_agencies_and_the_site_are_not_authors() -> None:
    body = page(head='<meta name="author" content="Jane Roe, Associated Press">')
    assert extract(body).authors == ("Jane Roe",)
    assert split_authors("Jane Roe and John Doe") == ["Jane Roe", "John Doe"]


SECOND = [
    "In other news, the harbour authority announced that the old ferry terminal will close "
    "for eighteen months of repairs, with services moving to a temporary pier to the east.",
    "Passengers will need to allow an extra fifteen minutes for the walk from the tram stop, "
    "the authority said, and cyclists will have a covered shelter while the works go on.",
    "The repairs follow an inspection last spring that found corrosion in the pier's steel "
    "supports, which engineers said was worse than expected for a structure of its age.",
]


def test_two_articles_on_one_page_the_url_names_the_first() -> None:
    """An "infinite scroll" page: the next story follows the one the URL names."""
    second = "".join(f"<p>{p}</p>" for p in SECOND)
    after = (f'<article><h1><a href="/2024/05/12/ferry-terminal-closes">Ferry terminal '
             f'closes for repairs</a></h1><p class="byline">By John Doe</p>{second}</article>')
    body = page(after=after, head='<link rel="canonical" href="' + URL + '">')
    doc = extract(body)
    assert doc.page_type == "article"
    assert all(p in doc.text for p in PARAGRAPHS)
    assert not any(p in doc.text for p in SECOND)


def test_unknown_page_types_setting_is_one_line_error(tmp_path) -> None:  # noqa: ANN001
    from tests.conftest import run_cli
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/a\n")
    proc = run_cli("crawl", "--urls", str(urls), "--archive", str(tmp_path / "a"),
                   "-s", "EXTRACT_PAGE_TYPES=article,blogpost")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "EXTRACT_PAGE_TYPES" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(("site_name", "author", "expected"), [
    # a brand's name is not a person: the byline's is taken
    ("VnExpress", "VnExpress", ("Jane Roe",)),
    ("golem.de", "golem.de", ("Jane Roe",)),
    ("Rick Steves", "Rick Steves", ("Rick Steves",)),  # a personal site's name is its author's
    ("City Herald", "Jane Roe", ("Jane Roe",)),
])
def test_the_sites_own_name_as_author(site_name: str, author: str, expected: tuple) -> None:
    head = (f'<meta property="og:site_name" content="{site_name}">'
            f'<meta name="author" content="{author}">')
    assert extract(page(head=head)).authors == expected


def test_a_posts_number_after_the_word_for_posts_is_a_storys_url() -> None:
    """WordPress's numeric permalink ("/archives/2562", the default of many Japanese
    blogs), Drupal's "/node/123": a story, where "/archives/" alone is a listing."""
    for path in ("archives/2562", "node/123", "article/379018", "stories/3376705/"):
        assert url_looks_like_story(f"https://a.example/{path}")
    for path in ("archives/", "archives/2024/", "news/12", "page/2"):
        assert not url_looks_like_story(f"https://a.example/{path}")
    # a post in a frame of links (half of the page's text is in links)
    frame = "".join(f'<li><a href="/archives/{n}">A post about the night buses and the '
                    f'council, number {n}</a></li>' for n in range(2500, 2540))
    doc = extract(page(head='<meta property="og:type" content="article">',
                       after=f"<aside><ul>{frame}</ul></aside>"),
                  url="https://herald.example/archives/2562")
    assert doc.page_type == "article"


@pytest.mark.parametrize(("og", "url", "expected"), [
    # a dated story's URL that declares og:type article: a portal's short story in a
    # frame of links (nearly all of the page's text in links)
    ("article", "https://herald.example/2024/05/12/night-buses-for-the-north", "article"),
    # without og:type article, or on a section's URL, nearly all links is a listing
    ("website", "https://herald.example/2024/05/12/night-buses-for-the-north", "listing"),
    ("article", "https://herald.example/transport/", "listing"),
])
def test_a_dated_story_in_a_frame_of_links(og: str, url: str, expected: str) -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    frame = "".join(f'<li><a href="/2024/05/{n:02d}/story-{n}">Night bus story number {n} of '
                    f'the council that everyone read this week</a></li>' for n in range(1, 29))
    body = page(head=f'<meta property="og:type" content="{og}">', article=story,
                after=f"<aside><ul>{frame * 3}</ul></aside>")
    assert extract(body, url=url).page_type == expected


_BROKEN = "http://[broken/x"  # an IPv6 host left open: urllib raises ValueError on it


@pytest.mark.parametrize(("head", "before", "after"), [
    ("", f'<h1><a href="{_BROKEN}">Night buses for the north</a></h1>', ""),
    (f'<link rel="canonical" href="{_BROKEN}">', "", ""),
    (f'<meta property="og:url" content="{_BROKEN}">', "", ""),
    (f'<link rel="license" href="{_BROKEN}">', "", ""),
    ("", "", f'<p><a href="{_BROKEN}">Read full story on Other Site</a></p>'),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "license": '
     f'"{_BROKEN}"}}</script>', "", ""),
])
def test_a_broken_address_in_the_page_costs_it_no_row(head: str, before: str, after: str) -> None:
    """One attribute urllib cannot read (a canonical link, og:url, a licence, the
    headline's link) was an extraction error: the article got no row."""
    doc = extract(page(head=head, before=before, after=after))
    assert doc.page_type == "article"
    assert PARAGRAPHS[0] in doc.text

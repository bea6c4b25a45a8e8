"""A page its scripts build: the server sends the menus, header and footer around an
empty ``<main>``. Its text would be the frame's links and labels; it gets no row, and the
reason says why (``no_text``). A page with text of its own beside the same frame keeps it.
A Next.js page's article is read from its data stream. A post whose page declares its
day and a description gets a row of that description (extractor ``description``)."""

from __future__ import annotations

import json

from archive.extract.document import extract_document

FRAME_TOP = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             "<title>Harbour News - Latest stories</title></head><body>"
             "<header><a href='/'>Harbour News</a><nav><ul>"
             + "".join(f"<li><a href='/{s.lower()}'>{s}</a></li>"
                       for s in ("News", "Sport", "Business", "Culture", "Opinion", "Travel"))
             + "</ul></nav></header>")
FRAME_BOTTOM = ("<footer><p>&copy; 2026 Harbour News Ltd. All rights reserved.</p>"
                "<a href='/privacy'>Privacy policy</a> <a href='/terms'>Terms of use</a> "
                "<a href='/contact'>Contact us</a></footer>"
                "<script src='/static/app.js'></script></body></html>")
URL = "https://harbour.example/sport/"


def test_menus_around_an_empty_main_are_no_text() -> None:
    page = FRAME_TOP + "<main><div id='root'></div></main>" + FRAME_BOTTOM
    result = extract_document(page.encode(), URL, "text/html; charset=utf-8")
    assert result.document is None
    assert result.reason == "no_text"


def test_a_listing_with_headlines_of_its_own_keeps_them() -> None:
    stories = "".join(
        f"<article><h2><a href='/sport/{i}'>Harbour rowing club wins race number {i}</a></h2>"
        "</article>" for i in range(1, 7))
    page = FRAME_TOP + f"<main>{stories}</main>" + FRAME_BOTTOM
    document = extract_document(page.encode(), URL, "text/html; charset=utf-8").document
    assert document is not None
    assert "Harbour rowing club wins race number 3" in document.text
    assert "Privacy policy" not in document.text


def _flight_page(article_html: str) -> str:
    """A Next.js App Router page whose article the browser renders: the markup holds no
    text, the stream its scripts push holds the article's HTML as a text row (its length
    in UTF-8 bytes, in hexadecimal), split over two pushes as Next.js splits it."""
    size = format(len(article_html.encode()), "x")
    stream = (f'0:["$","div",null,{{"id":"root"}}]\n1a:I[4959,[],"Article"]\n'
              f'24:T{size},{article_html}2b:["$","$L1a",null,{{"html":"$24"}}]\n')
    half = len(stream) // 2
    pushes = "".join(f"<script>self.__next_f.push([1,{json.dumps(part)}])</script>"
                     for part in (stream[:half], stream[half:]))
    return ("<!DOCTYPE html><html lang='ko'><head><meta charset='utf-8'>"
            "<title>항구 여객선 터미널 개장-사회ㅣ항구일보</title>"
            "<meta property='article:published_time' content='2026-01-29T10:00:00+09:00'>"
            "</head><body><div id='__next'></div>"
            "<script>(self.__next_f=self.__next_f||[]).push([0])</script>"
            f"{pushes}</body></html>")


PARAGRAPHS = ("항구 당국은 월요일 새 여객선 터미널을 열었다. 계획보다 2년 늦었고 처음 예산의 거의 두 배가 "
              "들었다.", "승객들은 400명이 들어가는 지붕 덮인 대합실에서 배에 오른다. 부두의 옛 대합실은 여름에 "
              "어민들의 시장이 된다.", "시의회는 다음 달 야간 항로를 새로 열지 논의한다. 어민 단체는 "
              "찬성했다.")


def test_an_article_in_a_nextjs_stream_is_read_from_it() -> None:
    """hankookilbo.com: the article's HTML, with an advertisement's placeholder
    ("$$ARTICLEAD$$"), in a text row of the stream."""
    html = ("<div class='editor-img-box'><div class='caption'><p>새 터미널. 연합뉴스</p></div></div>"
            "$$ARTICLEAD$$" + "".join(f"<p class='editor-p'>{p}</p>" for p in PARAGRAPHS))
    result = extract_document(_flight_page(html).encode(), "https://www.harbour.example/news/"
                              "article/A2026012910000001", "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    assert all(p in result.document.text for p in PARAGRAPHS)
    assert "$$" not in result.document.text
    assert result.document.published == "2026-01-29"


def test_a_nextjs_stream_without_an_article_is_still_no_text() -> None:
    # a text row of a few words (a label, a menu's HTML) is not an article
    page = _flight_page("<ul><li><a href='/a'>사회</a></li><li><a href='/b'>정치</a></li></ul>")
    result = extract_document(page.encode(), URL, "text/html; charset=utf-8")
    assert result.document is None
    assert result.reason == "no_text"


def test_a_stream_that_does_not_decode_is_no_text_not_a_failure() -> None:
    page = _flight_page("<p>a</p>" * 3).replace("self.__next_f.push([1,",
                                                  'self.__next_f.push([1,"\\x",', 1)
    broken = page.replace("<p>a</p>", "<p>\\ud800</p>")
    for html in (page, broken):
        result = extract_document(html.encode(), URL, "text/html; charset=utf-8")
        assert result.reason == "no_text"


def _thread_shell(head: str, navbar: str = "") -> str:
    """A forum thread as its server sends it to a browser: the head describes the
    thread, the body is the application's empty root (its posts load from its API)."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Which ferry pass for a family of four? - Travel - Harbour Talk</title>"
            "<meta property='og:site_name' content='Harbour Talk'>"
            "<meta property='og:title' content='Which ferry pass for a family of four?'>"
            f"{head}</head><body>{navbar}<div id='main-outlet'></div>"
            "<noscript>Please enable JavaScript.</noscript>"
            "<script src='/assets/app.js'></script></body></html>")


OPENING = ("Hello all, we are moving to the island in spring and the four of us will take "
           "the ferry twice a day. The monthly pass looks cheaper than ten-trip cards, but "
           "does it cover the children and the car? I would...")
THREAD_URL = "https://talk.harbour.example/t/which-ferry-pass-for-a-family-of-four/1555"


def test_a_thread_its_scripts_build_is_its_declared_description() -> None:
    page = _thread_shell(
        f"<meta property='og:description' content='{OPENING.replace(' ', '  ')}'>"
        "<meta property='article:published_time' content='2025-02-20T14:19:26+00:00'>")
    result = extract_document(page.encode(), THREAD_URL, "text/html; charset=utf-8")
    document = result.document
    assert document is not None, result.reason
    assert document.text == OPENING  # one line, its runs of spaces single
    assert document.extractor["name"] == "description"
    assert document.published == "2025-02-20"
    assert document.title == "Which ferry pass for a family of four?"
    assert document.description == OPENING


def test_a_shell_without_a_declared_day_or_with_a_slogan_is_still_no_text() -> None:
    undated = _thread_shell(f"<meta name='description' content='{OPENING}'>")
    slogan = _thread_shell(
        "<meta name='description' content='Harbour Talk: where islanders meet.'>"
        "<meta property='article:published_time' content='2025-02-20T14:19:26+00:00'>")
    for page in (undated, slogan):
        result = extract_document(page.encode(), THREAD_URL, "text/html; charset=utf-8")
        assert result.document is None
        assert result.reason == "no_text"


def test_a_shell_whose_only_text_is_its_frame_s_links_is_its_description() -> None:
    """The same thread with the site's own bar of links above the empty root: the links
    are not the thread, the head's description is."""
    navbar = ("<div id='top-navbar'><a href='https://harbour.example/'>harbour.example</a> "
              "<a href='https://calc.harbour.example/'>fare calculator</a> "
              "<a href='https://harbour.example/donate'>donate now</a></div>")
    page = _thread_shell(
        f"<meta property='og:description' content='{OPENING}'>"
        "<meta property='article:published_time' content='2025-02-20T14:19:26+00:00'>", navbar)
    document = extract_document(page.encode(), THREAD_URL, "text/html; charset=utf-8").document
    assert document is not None
    assert document.text == OPENING
    assert document.extractor["name"] == "description"


def test_a_day_found_in_the_text_is_not_a_declared_post() -> None:
    """A shop's page whose only day is written in its text, not declared in its head,
    its JSON-LD or its URL: its short lines stay its text, its blurb for search engines
    does not replace them."""
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Harbour folding bicycle, blue - Harbour Shop</title>"
            f"<meta name='description' content='{OPENING}'></head><body>"
            "<div id='root'><p>$499.99</p><p>Was $549.99</p><p>Free delivery</p>"
            "<p>Listed October 8, 2024</p></div></body></html>")
    document = extract_document(page.encode(), "https://shop.harbour.example/p/bicycle-blue",
                                "text/html; charset=utf-8").document
    assert document is not None
    assert document.published == "2024-10-08"  # found, but in the text
    assert document.extractor["name"] != "description"
    assert "$499.99" in document.text


def test_a_brief_of_short_paragraphs_keeps_its_own_text() -> None:
    """A news brief whose paragraphs are all short, with a day in its URL and a longer
    description: its paragraphs are its text, not its frame's links."""
    paragraphs = ["Police closed the coast road after a crash at the harbour bend.",
                  "Two people were taken to hospital.", "The road reopened at noon.",
                  "Police ask witnesses to call them."]
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Coast road closed after crash - Harbour News</title>"
            f"<meta name='description' content='{OPENING}'></head><body>"
            "<article><h1>Coast road closed after crash</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>")
    document = extract_document(page.encode(), "https://harbour.example/2025/02/20/crash",
                                "text/html; charset=utf-8").document
    assert document is not None
    assert document.extractor["name"] != "description"
    for paragraph in paragraphs:
        assert paragraph in document.text

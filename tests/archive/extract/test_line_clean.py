"""Line cleaning and the URL's article: pages written for the project, each with one
kind of box around or inside the article (archive/extract/line_clean.py,
archive/extract/article_pick.py), through ``extract_document`` as the crawl runs it."""

from __future__ import annotations

import pytest

from archive.extract.document import ExtractOptions, extract_document
from archive.extract.line_clean import clean_lines

UNCLEANED = ExtractOptions(clean_lines=False)

PROSE = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, which has been "
    "closed to lorries since a survey found cracks in two of its steel girders last spring.",
    "Engineers told the meeting that the work would take three years and cost about forty "
    "million euros, most of it paid by the regional government and a loan from the state bank.",
    "Shop owners on both banks of the river said the closure had cut their trade by a third, "
    "and asked the council to keep one lane open for cyclists and pedestrians during the work.",
    "The mayor said a temporary ferry would run every twenty minutes from the first of March, "
    "and that the council would publish the timetable and the fares on its website next week.",
]


def page(body: str, title: str = "Council votes to rebuild the harbour bridge",
         lang: str = "en") -> bytes:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body>{body}</body></html>").encode("utf-8")


def article(extra_inside: str = "", extra_after: str = "", paras: list[str] = PROSE,
            title: str = "Council votes to rebuild the harbour bridge") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras[:2]) + extra_inside + "".join(
        f"<p>{p}</p>" for p in paras[2:])
    return (f"<main><article><h1>{title}</h1>{body}</article>{extra_after}</main>")


def text_of(html: bytes, url: str = "https://news.example/2024/03/harbour-bridge",
            options: ExtractOptions = ExtractOptions()) -> str:
    result = extract_document(html, url, "text/html; charset=utf-8", options)
    assert result.document is not None, result.reason
    return result.document.text


def check(html: bytes, boilerplate: list[str], prose: list[str] = PROSE,
          url: str = "https://news.example/2024/03/harbour-bridge") -> None:
    """The boilerplate is in the text without line cleaning (the extractor kept it) and
    out of it with; every paragraph of the article stays."""
    raw = text_of(html, url, UNCLEANED)
    clean = text_of(html, url)
    for line in boilerplate:
        assert line in raw, f"the extractor dropped it already: {line!r}"
        assert line not in clean, line
    for para in prose:
        assert para in clean


def test_consent_wall_before_the_article_is_dropped() -> None:
    wall = ("We and our 842 partners use cookies and similar technologies to store and access "
            "information on your device, for personalised ads and content, measurement and "
            "product development. By clicking accept you consent to this; you can change your "
            "choice at any time under privacy settings at the bottom of every page.")
    html = page(article().replace(
        "<h1>", f"<div class='sp-message'><p>{wall}</p><p>Accept all</p></div><h1>"))
    check(html, [wall])


def test_newsletter_box_inside_the_article_is_dropped() -> None:
    box = ("<div class='inline-signup'><h3>Get the morning briefing</h3>"
           "<p>Sign up for our free newsletter and get the day's news in your inbox.</p></div>")
    check(page(article(extra_inside=box)),
          ["Sign up for our free newsletter and get the day's news in your inbox."])


def test_related_box_is_dropped() -> None:
    box = ("<div class='c-recommended'><p><strong>Recommended stories</strong></p><ul>"
           "<li><a href='/a'>Ferry fares to rise in spring as fuel costs climb</a></li>"
           "<li><a href='/b'>Harbour district plans new cycle lanes</a></li></ul></div>")
    check(page(article(extra_inside=box)),
          ["Recommended stories"])


def test_caption_and_credit_are_dropped() -> None:
    figure = ("<figure><img src='/bridge.jpg' alt=''><figcaption>The bridge, closed to "
              "lorries since last spring.</figcaption></figure><p>Photo: Jan Peters/Reuters</p>")
    check(page(article(extra_inside=figure)),
          ["Photo: Jan Peters/Reuters"])


def test_share_bar_is_dropped() -> None:
    bar = "<p>Share this article:</p><p>Share on Facebook</p>"
    check(page(article().replace("</article>", bar + "</article>")),
          ["Share this article:", "Share on Facebook"])


VI_PROSE = [
    "Hội đồng thành phố hôm thứ Ba đã biểu quyết xây lại cây cầu cảng cũ, vốn bị cấm xe tải từ "
    "mùa xuân năm ngoái sau khi một cuộc khảo sát phát hiện vết nứt ở hai dầm thép.",
    "Các kỹ sư cho biết công trình sẽ kéo dài ba năm với chi phí khoảng bốn mươi triệu euro, phần "
    "lớn do chính quyền khu vực chi trả cùng một khoản vay từ ngân hàng nhà nước.",
    "Các chủ cửa hàng ở hai bên bờ sông nói việc đóng cầu đã làm doanh thu của họ giảm một phần "
    "ba, và đề nghị giữ một làn cho người đi xe đạp và đi bộ trong thời gian thi công.",
]


def test_vietnamese_related_box_and_share_line_are_dropped() -> None:
    box = "<p><b>Tin liên quan:</b> <a href='/a'>Giá vé phà tăng từ mùa xuân</a></p>"
    html = page(article(extra_inside=box, paras=VI_PROSE, title="Xây lại cầu cảng")
                .replace("</article>", "<p>Chia sẻ qua Zalo</p></article>"),
                title="Xây lại cầu cảng", lang="vi")
    check(html, ["Tin liên quan: Giá vé phà tăng từ mùa xuân", "Chia sẻ qua Zalo"], VI_PROSE)


ZH_PROSE = [
    "市议会周二投票决定重建旧港口大桥。去年春天的一次检查发现两根钢梁出现裂缝，此后大桥一直禁止货车通行，"
    "周边居民和商户的出行与经营都受到了明显影响。",
    "工程师在会上表示，工程将持续三年，耗资约四千万欧元，其中大部分由地区政府承担，其余来自国家银行的贷款，"
    "施工期间将分段封闭桥面并设置临时通道。",
    "河两岸的商店店主说，大桥关闭使他们的生意减少了三分之一，他们要求议会在施工期间为骑车人和行人保留一条车道，"
    "并尽快公布渡轮的时刻表和票价。",
]


def test_chinese_related_heading_and_credit_are_dropped() -> None:
    box = ("<div class='xgyd'><p>相关阅读：港口渡轮票价将上涨</p></div>"
           "<p>图片来源：新华社</p>")
    html = page(article(extra_inside=box, paras=ZH_PROSE, title="市议会决定重建港口大桥"),
                title="市议会决定重建港口大桥", lang="zh")
    check(html, ["相关阅读：港口渡轮票价将上涨", "图片来源：新华社"], ZH_PROSE)


OTHER_PROSE = [
    "The regional orchestra announced its new season on Monday, with eleven concerts in the "
    "cathedral and three open-air evenings in the park beside the old harbour in the summer.",
    "Its conductor said the programme would open with a symphony written for the city two "
    "hundred years ago, which has not been played in public since the hall burned down in 1911.",
    "Tickets go on sale in April, and students and pensioners will pay half price for every "
    "concert of the season, as they have done since the orchestra was founded after the war.",
]


def test_the_article_the_url_names_wins_over_the_next_one() -> None:
    """Infinite scroll: the next story is appended as a second, longer <article>."""
    longer = OTHER_PROSE + [p.replace("orchestra", "choir") for p in OTHER_PROSE]
    first = ("<article><h1>Council votes to rebuild the harbour bridge</h1>"
             "<a href='https://news.example/2024/03/harbour-bridge'>link</a>"
             + "".join(f"<p>{p}</p>" for p in PROSE) + "</article>")
    second = ("<article><h2>Orchestra opens its season in the cathedral</h2>"
              "<a href='https://news.example/2024/03/orchestra-season'>link</a>"
              + "".join(f"<p>{p}</p>" for p in longer) + "</article>")
    for order in ((first, second), (second, first)):
        html = page("<main>" + "".join(order) + "</main>")
        text = text_of(html)
        for para in PROSE:
            assert para in text
        assert OTHER_PROSE[0] not in text
    # the other URL gets the other article
    html = page("<main>" + first + second + "</main>",
                title="Orchestra opens its season in the cathedral")
    text = text_of(html, "https://news.example/2024/03/orchestra-season")
    assert OTHER_PROSE[0] in text and PROSE[0] not in text


def test_code_comments_and_prose_stay() -> None:
    """A line in a <pre> marked "comment" by a highlighter, and short lines of the
    article itself, are article text."""
    paragraphs = ["# clone the repository", "Short line of the story.", *PROSE]
    html = ("<html><body><article><pre><code><span class='hljs-comment'># clone the "
            "repository</span></code></pre><p>Short line of the story.</p>"
            + "".join(f"<p>{p}</p>" for p in PROSE) + "</article></body></html>")
    import lxml.html
    assert clean_lines(paragraphs, lxml.html.fromstring(html)) == paragraphs


def test_a_page_of_boxes_keeps_its_text() -> None:
    """When most of the text sits in "boxes" (a listing of related links is the page),
    the lines stay."""
    items = [f"Story number {i} about the harbour and its ferries" for i in range(12)]
    html = ("<html><body><div class='related-list'><ul>"
            + "".join(f"<li><a href='/s{i}'>{t}</a></li>" for i, t in enumerate(items))
            + "</ul></div></body></html>")
    import lxml.html
    assert clean_lines(items, lxml.html.fromstring(html)) == items


def test_affiliate_disclosure_is_dropped() -> None:
    notes = ["This post may contain affiliate links, which means we may earn a small "
             "commission if you buy through them, at no extra cost to you.",
             "As an Amazon Associate I earn from qualifying purchases."]
    html = page(article().replace("<h1>Council votes to rebuild the harbour bridge</h1>",
                                  f"<h1>Council votes to rebuild the harbour bridge</h1>"
                                  f"<p><em>{notes[0]}</em></p>").replace(
        "</article>", f"<p>{notes[1]}</p></article>"))
    check(html, notes)


def test_prose_about_affiliate_marketing_stays() -> None:
    about = ("Shops on the harbour front have joined affiliate programmes: a blogger who "
             "links to them earns a commission when a reader buys a ferry ticket or a bicycle.")
    clean = text_of(page(article(extra_inside=f"<p>{about}</p>")))
    assert about in clean


def test_long_disclaimer_in_a_notice_box_is_dropped() -> None:
    """A notice's sentences run longer than a menu's line: in a box whose class says
    disclaimer (or caption, cta, share, ...), a line of up to 40 words goes too."""
    note = ("The information in this article is for general guidance only and is not "
            "financial, legal or tax advice; speak to a qualified adviser about your own "
            "circumstances before you act on any of it.")
    box = f"<div class='article-disclaimer'><p>{note}</p></div>"
    check(page(article().replace("</article>", box + "</article>")), [note])


def test_long_line_in_an_aside_stays() -> None:
    """Menus, sidebars and asides hold prose as well (a pull quote, a fact box): a long
    line there is judged as before, only up to 25 words."""
    quote = ("The harbour master said the ferry would carry up to two hundred passengers an "
             "hour in each direction, more than crossed the bridge on foot on an ordinary day.")
    html = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in PROSE[:2])
            + f"<aside class='pull-quote'><p>{quote}</p></aside>"
            + "".join(f"<p>{p}</p>" for p in PROSE[2:]) + "</article></body></html>")
    paragraphs = [*PROSE[:2], quote, *PROSE[2:]]
    import lxml.html
    assert clean_lines(paragraphs, lxml.html.fromstring(html)) == paragraphs


def test_sign_up_and_follow_calls_in_the_text_are_dropped() -> None:
    calls = ["Want more from the Harbour Post? Sign up for our newsletter, The Tide, and "
             "never miss a story.",
             "Follow us on Facebook, Instagram and X for the latest news from the harbour."]
    html = page(article(extra_inside=f"<p>{calls[0]}</p>").replace(
        "</article>", f"<p>{calls[1]}</p></article>"))
    check(html, calls)


def test_band_after_the_article_outside_its_block_is_dropped() -> None:
    """Lines after the article's last paragraph that sit outside the element holding its
    paragraphs (a call to action, a sponsor's blurb) go; a short last line inside it
    stays. (trafilatura keeps such a band where the page's markup gives it no better
    container than the band's parent; clean_lines is given its lines here.)"""
    band = ["Get started today",
            "Ready to grow? Book harbour tours online with one simple platform."]
    closing = "The council meets again on Friday."
    html = ("<html><body><div class='page'><div class='story'>"
            + "".join(f"<p>{p}</p>" for p in PROSE) + f"<p>{closing}</p></div>"
            f"<div class='band'><h2>{band[0]}</h2><p>{band[1]}</p></div></div></body></html>")
    import lxml.html
    assert clean_lines([*PROSE, closing, *band], lxml.html.fromstring(html)) == [*PROSE, closing]


def test_drop_boxed_lines_takes_the_callers_boxes_and_keeps_all_when_they_are_most() -> None:
    """line_clean's public "drop the lines that sit in these boxes": the caller says
    which elements are boxes (product_text.py's reviews); every line stays when those
    lines would be more than the share given."""
    from archive.extract.html_text import parse_html
    from archive.extract.line_clean import drop_boxed_lines
    tree = parse_html("<html><body><div class='story'>" + "".join(
        f"<p>{p}</p>" for p in PROSE) + "<div class='notes'><p>Note one</p><p>Note two</p>"
        "</div></body></html>")

    def in_notes(el: object) -> bool:
        return any("notes" in (a.get("class") or "")
                   for a in [el, *el.iterancestors()])  # type: ignore[attr-defined]

    lines = [*PROSE, "Note one", "Note two", "A line the page does not hold"]
    assert drop_boxed_lines(lines, tree, in_notes, 0.6) == [*PROSE,
                                                            "A line the page does not hold"]
    assert drop_boxed_lines(lines[4:], tree, in_notes, 0.3) == lines[4:]  # 4 of 11 words


def _story_with(box: str) -> tuple[list[str], object]:
    """A story whose second paragraph is followed by ``box`` (inside the article)."""
    from archive.extract.html_text import parse_html
    html = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in PROSE[:2]) + box
            + "".join(f"<p>{p}</p>" for p in PROSE[2:]) + "</article></body></html>")
    return list(PROSE), parse_html(html)


def _cleaned_story_with(box: str, box_lines: list[str]) -> tuple[list[str], list[str]]:
    """(what clean_lines keeps of the story's lines with ``box_lines``, the text of
    ``box``, after its second paragraph; the story's own lines)."""
    paragraphs, tree = _story_with(box)
    lines = [*paragraphs[:2], *box_lines, *paragraphs[2:]]
    return clean_lines(lines, tree), paragraphs


def test_tooltip_text_is_dropped() -> None:
    """A tooltip's text shows on hover over a term: a definition beside the article, not
    its text (role="tooltip", or a class that says tooltip)."""
    tips = ["A girder is the main horizontal beam that carries the deck of a bridge.",
            "The regional government funds roads and bridges outside the city."]
    box = (f"<span class='term'>girders<span role='tooltip'>{tips[0]}</span></span>"
           f"<div class='c-tooltip__body'><p>{tips[1]}</p></div>")
    kept, story = _cleaned_story_with(box, tips)
    assert kept == story


def test_related_posts_box_named_in_one_word_is_dropped() -> None:
    """A blog platform's related-posts box whose class writes "related posts" as one
    word ("relatedposts"): its dates and category lines are not the story's."""
    lines = ["Related", "March 17, 2016", 'In "News"', "April 8, 2015"]
    box = ("<div id='jp-relatedposts' class='jp-relatedposts'><h3>Related</h3>"
           f"<p class='jp-relatedposts-post-date'>{lines[1]}</p>"
           f"<p class='jp-relatedposts-post-context'>{lines[2]}</p>"
           f"<p class='jp-relatedposts-post-date'>{lines[3]}</p></div>")
    kept, story = _cleaned_story_with(box, lines)
    assert kept == story


def test_call_to_action_buttons_are_dropped() -> None:
    """A business blog's call-to-action buttons as lines of their own ("Book a demo",
    "Get a free quote today."), in the article's block with no box around them; a
    sentence that asks readers to register stays."""
    ctas = ["Book a demo", "Request a free quote", "Get a free quote today.", "Register now"]
    asks = ("Register your boat with the harbour office before the works begin in March, "
            "the council said.")
    inside = "".join(f"<p><strong>{line}</strong></p>" for line in ctas)
    html = page(article(extra_inside=inside + f"<p>{asks}</p>"))
    check(html, ctas, prose=[*PROSE, asks])


def test_modal_and_popup_text_is_dropped() -> None:
    """A modal dialog or pop-up (a republishing notice, a members' offer) hidden in the
    article's markup until a button opens it, marked by its class."""
    notice = ["Want to republish this story?",
              "We are happy for our stories to be shared: please credit the writer, link "
              "back to the article and keep the text as it is."]
    offer = "Members get an ad-free site and the full archive."
    box = (f"<div class='republish-modal'><h3>{notice[0]}</h3><p>{notice[1]}</p></div>"
           f"<div id='member-popup'><p>{offer}</p></div>")
    kept, story = _cleaned_story_with(box, [*notice, offer])
    assert kept == story


@pytest.mark.parametrize("notices", [
    # a sign-up form's legal line and a plea for the site's funding
    ["By signing up, you agree to receive recurring automated text messages from the "
     "Harbour Post at the number provided. Message and data rates may apply.",
     "This story is funded by readers like you. Our non-profit newsroom relies on your "
     "donations to keep reporting on the harbour free for everyone."],
    # a sign-up box's consent label, cut where its check box stands and whole
    ["and agree to our Terms & Conditions and Privacy Policy.",
     "Terms of this form: I agree that the Harbour School may contact me about its courses "
     "by email, telephone or SMS text message. Message and data rates may apply."],
], ids=["legal-line-and-funding-plea", "check-box-labels"])
def test_form_notices_in_the_article_s_block_are_dropped(notices: list[str]) -> None:
    """Notices about the page, not its text, in the article's own block: one among its
    paragraphs, one at its end."""
    html = page(article(extra_inside=f"<p>{notices[0]}</p>").replace(
        "</article>", f"<p>{notices[1]}</p></article>"))
    check(html, notices)


def test_prose_about_agreeing_to_terms_stays() -> None:
    about = ("The ferry company said it would agree to the council's terms only if the new "
             "pier opened before the summer, when most of its passengers travel.")
    quotes = ["\"I agree that the timetable has to change,\" the harbour master said, \"but "
              "not before the consultation ends.\"",
              "\"I agree that carriers must do more to block scam text messages,\" the "
              "senator said, and asked the regulator to contact me and the other members.",
              "Agree to the terms of the ceasefire, the minister said, or the talks end.",
              "You consent to the terms of service every time you buy a ticket online."]
    clean = text_of(page(article(extra_inside=f"<p>{about}</p>" + "".join(
        f"<p>{q}</p>" for q in quotes))))
    assert about in clean
    for quote in quotes:
        assert quote in clean, quote


def test_prose_about_donations_stays() -> None:
    about = ("Residents can donate old bicycles to the ferry company, which will lend them "
             "to commuters who cross the river while the bridge is closed for the works.")
    clean = text_of(page(article(extra_inside=f"<p>{about}</p>")))
    assert about in clean


def test_footnotes_list_is_dropped() -> None:
    """A list of sources under the article, in a block marked as its footnotes."""
    notes = ["1. Harbour Bridge Structural Survey, City Engineering Office, 2023.",
             "2. Regional Transport Budget, Finance Committee minutes, March 2024."]
    box = "<div class='article-footnotes'>" + "".join(f"<p>{n}</p>" for n in notes) + "</div>"
    from archive.extract.html_text import parse_html
    tree = parse_html("<html><body><article>" + "".join(f"<p>{p}</p>" for p in PROSE)
                      + box + "</article></body></html>")
    assert clean_lines([*PROSE, *notes], tree) == PROSE


def test_screen_reader_only_text_and_page_counter_are_dropped() -> None:
    """Text hidden from the eye for screen readers (a label such as "Publish date"), a
    form's notice in a lightbox, a "Page 1 of 8" counter and a slider's "Previous Next"
    are not the article's text."""
    hidden = ["Publish date", "Share this story on social networks"]
    notice = ("Terms of this form: I agree that the harbour office may contact me about the "
              "works by email or telephone.")
    box = (f"<h3 class='sr-only'>{hidden[0]}</h3><span class='visually-hidden'>{hidden[1]}"
           f"</span><div class='form-lightbox'><p>{notice}</p></div><p>Page 1 of 8</p>"
           "<div><span>Previous</span> <span>Next</span></div>")
    kept, story = _cleaned_story_with(box, [*hidden, notice, "Page 1 of 8", "Previous Next"])
    assert kept == story


def test_hidden_lines_do_not_make_a_pages_boxes_its_content() -> None:
    """Lines in a pop-up do not count as the boxes that, when they are most of the text,
    are its content: a shop's grid with a sign-up pop-up keeps its "Compare" buttons out."""
    from archive.extract.html_text import parse_html
    popup = ["Join the harbour club and never miss a sailing",
             "Members get free delivery on every order and early news of the timetable.",
             "Enter your email address below to join", "No thanks, maybe later"]
    buttons = ["Add the red bicycle to compare", "Add the blue bicycle to compare",
               "Add the ferry pass to compare", "Add the river map to compare"]
    html = ("<html><body><main>" + "".join(f"<p>{p}</p>" for p in PROSE)
            + "".join(f"<button>{b}</button>" for b in buttons)
            + "<div class='signup-popup'>" + "".join(f"<p>{p}</p>" for p in popup)
            + "</div></main></body></html>")
    lines = [*PROSE, *buttons, *popup]
    assert clean_lines(lines, parse_html(html)) == PROSE


def test_details_written_in_a_modal_stay_when_they_are_most_of_the_text() -> None:
    """A shop that writes its product's details in a modal: when the hidden lines are
    most of the text, they are its content."""
    from archive.extract.html_text import parse_html
    details = ["Shelf unit", "Width: 30 inches", "Depth: 15 inches", "Height: 57 inches",
               "Max load per shelf: 29 lb", "Wipe clean using a damp cloth."]
    intro = ("A shelf unit for books and boxes, in white or oak, that stands upright or "
             "lies on its side as a low sideboard.")
    html = ("<html><body><main><p>" + intro + "</p>"
            "<div class='product-details-modal'>"
            + "".join(f"<p>{d}</p>" for d in details) + "</div></main></body></html>")
    lines = [intro, *details]
    assert clean_lines(lines, parse_html(html)) == lines


def test_call_to_action_button_is_dropped() -> None:
    """A link styled as a button inside the article ("Book a demo", "Get a free quote"):
    the site's call to action, not the story's text."""
    calls = ["Book a free demo", "Get your quote today"]
    box = (f"<div class='wp-block-buttons'><a class='wp-block-button__link' href='/demo'>"
           f"{calls[0]}</a></div><p><a class='btn btn-primary' href='/quote'>{calls[1]}</a></p>")
    kept, story = _cleaned_story_with(box, calls)
    assert kept == story


def test_marked_non_content_signature_and_suggestions_are_dropped() -> None:
    """Blocks a page marks as not its content (class "nocontent", which site-search
    engines skip), a forum member's signature, a box of suggested reads, a pop-over."""
    lines_out = ["Visit my photo gallery for more bridges of the north.",
                 "You may find these interesting",
                 "Rate this story and see what others think of it here."]
    box = (f"<div class='post-signature'>{lines_out[0]}</div>"
           f"<div class='suggestions-box'><p>{lines_out[1]}</p></div>"
           f"<div class='nocontent'><p>{lines_out[2]}</p></div>")
    kept, story = _cleaned_story_with(box, lines_out)
    assert kept == story


def test_variant_picker_announcement_and_category_list_are_dropped() -> None:
    """A product's variant picker, a site's announcement bar, a list of categories and
    a post's actions, marked by their class: the page's controls, not the story."""
    lines_out = ["Available in oak, walnut and white", "Free delivery on orders this week",
                 "Bridges and tunnels", "Reply and quote this story"]
    box = (f"<div class='product-variants'>{lines_out[0]}</div>"
           f"<div class='site-announcement'><p>{lines_out[1]}</p></div>"
           f"<ul class='post-categories'><li>{lines_out[2]}</li></ul>"
           f"<div class='post-actions'><p>{lines_out[3]}</p></div>")
    kept, story = _cleaned_story_with(box, lines_out)
    assert kept == story


def test_bloggers_own_follow_and_join_calls_are_dropped() -> None:
    """A writer's call to follow them or join their group, in the text's last lines."""
    calls = ["Follow me on Instagram for more walks along the harbour and its bridges!",
             "Join the Facebook group for everyone who crosses the river every day."]
    html = page(article().replace(
        "</article>", "".join(f"<p>{c}</p>" for c in calls) + "</article>"))
    check(html, calls)


def test_a_newsletters_view_in_browser_line_is_dropped() -> None:
    # an issue of a newsletter, as its archive on the web shows it: the mail's own link
    # to that web copy comes first
    calls = ["Is this email not displaying correctly? View it in your browser.",
             "The Harbour Letter: the bridge vote (2024-03-12) :: View in Browser"]
    html = page(article(extra_inside="").replace(
        "<main><article>", f"<main><article><p>{calls[0]}</p><p>{calls[1]}</p>"))
    check(html, calls)


def test_a_paywall_teaser_and_its_offer_inside_the_article_are_dropped() -> None:
    # a metered site's boxes between the first paragraphs: the offer's list is plain
    # lines, in elements whose classes name no box
    offer = ("<li>Unlimited online access to the Harbour Post and 15 news sites with one "
             "account.</li><li>Daily puzzles and comics, including the crossword.</li>"
             "<li>Support local journalism.</li>")
    wall = ("<header class='identity-intro'><div class='intro-body__premium'>"
            "<h2>THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY</h2>"
            f"<p>Subscribe now to read the latest news in your city.</p><ul>{offer}</ul></div>"
            "<div class='intro-body__anonymous'><h2>REGISTER / SIGN IN TO UNLOCK MORE "
            "ARTICLES</h2><p>Create an account or sign in to continue with your reading "
            "experience.</p></div></header>")
    check(page(article(extra_inside=wall)),
          ["THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY",
           "Unlimited online access to the Harbour Post and 15 news sites with one account.",
           "Daily puzzles and comics, including the crossword.",
           "Create an account or sign in to continue with your reading experience."])


def test_a_story_about_subscriptions_keeps_its_short_lines() -> None:
    # a paywall line in a box of its own: the article's own short lines around it stay
    paras = PROSE[:2] + ["Subscribers only pay once.", "The offer ends in March."] + PROSE[2:]
    html = page(article(paras=paras, extra_inside="<div class='note'><p>Already a "
                                                 "subscriber? Sign in to continue reading.</p></div>"))
    clean = text_of(html)
    for para in paras:
        assert para in clean
    assert "Already a subscriber?" not in clean


def test_a_flattened_copy_of_the_article_goes_and_like_lines_stay() -> None:
    from archive.extract.line_clean import drop_flattened_copies

    paras = [f"{p} {q}" for p, q in zip(PROSE, reversed(PROSE), strict=True)] * 2
    copy = " ".join(paras)  # a paywall's hidden copy: the whole article as one line
    assert drop_flattened_copies([*paras, copy]) == paras
    # terms written out for each country: long lines alike, none a copy of shorter ones
    terms = [f"{region}: " + " ".join(PROSE * 2) for region in ("US", "UK", "EU")]
    assert drop_flattened_copies(terms) == terms


def test_an_embeds_placeholder_asking_to_load_external_content_is_dropped() -> None:
    notice = ("Ich bin damit einverstanden, dass mir der externe Inhalt angezeigt wird. Damit "
              "können personenbezogene Daten an Drittplattformen übermittelt werden. Mehr "
              "Informationen dazu erhalten Sie in den Datenschutz-Einstellungen. Diese finden "
              "Sie ganz unten auf unserer Seite, wo Sie Ihre Einstellungen jederzeit verwalten "
              "oder widerrufen können.")
    box = ("<div><p>Empfohlener redaktioneller Inhalt</p><p>An dieser Stelle finden Sie einen "
           "externen Inhalt, der den Artikel ergänzt. Sie können ihn mit einem Klick anzeigen "
           f"lassen.</p><p>{notice}</p></div>")
    check(page(article(extra_inside=box), lang="de"),
          ["Empfohlener redaktioneller Inhalt", notice])


def test_notices_to_the_readers_browser_are_dropped() -> None:
    notices = ["You are using an out of date browser. It may not display this or other "
               "websites correctly.",
               "To view this video please enable JavaScript, and consider upgrading to a "
               "web browser that supports HTML5 video",
               "Your browser does not support the video tag."]
    video = f"<div class='media'><p>{notices[2]}</p></div>"
    html = page(article(extra_inside=f"<div class='player'><p>{notices[1]}</p></div>{video}")
                .replace("</h1>", f"</h1><p>{notices[0]}</p>"))
    check(html, notices)


def test_prose_about_browsers_stays() -> None:
    about = ["The council's website now works in every browser, and residents who are using "
             "an older phone can book a ferry seat by text message instead.",
             "Readers asked whether their browser would show the timetable: the council said "
             "the page needs no plug-in and updates itself every morning."]
    clean = text_of(page(article(extra_inside="".join(f"<p>{a}</p>" for a in about))))
    for line in about:
        assert line in clean


def test_a_paragraph_wrapped_in_the_markup_is_one_line_and_code_keeps_its_lines() -> None:
    """A <div>'s text written over several lines of the source (an editor that wraps at
    80 columns) is one line of the text, as a browser shows it; a <pre>'s lines stay."""
    wrapped = ("The harbour master said the ferry would carry up to two hundred passengers\n"
               "      an hour in each direction, more than crossed the bridge on foot\n"
               "      on an ordinary day, and that the timetable would follow the tides.")
    code = "ferry --from north-quay\n  --to south-quay\n  --every 20m"
    body = ("<main><article><h1>Council votes to rebuild the harbour bridge</h1>"
            + "".join(f"<p>{p}</p>" for p in PROSE[:2]) + f"<div>{wrapped}</div>"
            + f"<pre>{code}</pre>" + "".join(f"<p>{p}</p>" for p in PROSE[2:])
            + "</article></main>")
    clean = text_of(page(body))
    assert " ".join(wrapped.split()) in clean.split("\n\n")
    for line in ("ferry --from north-quay", "--to south-quay", "--every 20m"):
        assert line in clean.split("\n\n")
    for para in PROSE:
        assert para in clean


def test_reading_time_lines_and_a_german_related_heading_are_dropped() -> None:
    meta = ["Published Mar 12, 2024 • Last updated 1 hour ago • 4 minute read",
            "Lesedauer: 4 Minuten", "Auch interessant"]
    html = page(article(extra_inside=f"<h4>{meta[2]}</h4>").replace(
        "</h1>", f"</h1><p>{meta[0]}</p><p>{meta[1]}</p>"))
    check(html, meta)


def test_a_shoots_photo_credit_and_more_stories_on_the_site_are_dropped() -> None:
    lines = ["Fotos: NILS HAFENBERG", "Mehr Themen auf HAFENWELLE.de:"]
    html = page(article(extra_inside="".join(f"<p>{line}</p>" for line in lines)))
    check(html, lines)


def test_prose_naming_a_reading_time_stays() -> None:
    about = "The council's report on the bridge is a 40 minute read"
    clean = text_of(page(article(extra_inside=f"<p>{about}</p>")))
    assert about in clean


def test_a_newsrooms_calls_for_tips_and_its_app_are_dropped() -> None:
    calls = ["Got a story? Get in touch with our news team by emailing us at "
             "news@harbour.example. Or you can submit your videos and pictures here.",
             "CLICK HERE TO GET THE HARBOUR POST APP", "Most read in Politics",
             "For more stories like this, check our news page."]
    html = page(article(extra_inside=f"<p><strong>{calls[1]}</strong></p>").replace(
        "</article>", f"<p>{calls[0]}</p><h3>{calls[2]}</h3><p>{calls[3]}</p></article>"))
    check(html, calls)


def test_a_placeholder_held_back_by_privacy_settings_and_toggle_labels_are_dropped() -> None:
    notes = ["Deine Privatsphäre-Einstellungen verhindern das Laden und Anzeigen aller "
             "externen Inhalte (z.B. Grafiken, Tabellen, Abo-Login) und Sozialen Netzwerke. "
             "Zur Anzeige aktiviere bitte die Einstellungen in den Privatsphäre-Einstellungen.",
             "Box aufklappen Box zuklappen", "Fehler gefunden?Jetzt melden."]
    html = page(article(extra_inside=f"<div><p>{notes[0]}</p></div><div><p>{notes[1]}</p>"
                                     "</div>").replace("</article>",
                                                       f"<p>{notes[2]}</p></article>"),
                lang="de")
    check(html, notes)


def test_a_japanese_members_only_box_and_a_german_funding_plea_are_dropped() -> None:
    wall = ["この記事は会員限定です。", "港プラスに登録すると", "会員向け記事が読み放題"]
    box = (f"<div><p>{wall[0]}</p><ul><li>{wall[1]}</li><li>{wall[2]}</li></ul></div>")
    plea = ("Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns bitte mit einer "
            "Spende, oder werden Sie Mitglied.")
    html = page(article(extra_inside=box).replace("</article>", f"<p>{plea}</p></article>"))
    check(html, [*wall, plea])


def test_the_headline_under_its_kicker_at_the_head_of_the_text_is_dropped() -> None:
    from archive.extract.line_clean import clean_paragraphs
    title = "Liverpool lose at Everton and fall behind in the title race"
    paragraphs = [f"Premier League {title}", *PROSE]
    assert clean_paragraphs(paragraphs, title, None) == PROSE
    # the title quoted in a sentence, a sentence ending with it, and one further down stay
    quoted = f'Fans sang "{title}"'
    sentence = f"Gestalte ein Plakat unter dem Motto des Abends: {title}"
    later = [*PROSE[:3], f"Premier League {title}"]
    assert clean_paragraphs([quoted, *PROSE], title, None) == [quoted, *PROSE]
    assert clean_paragraphs([sentence, *PROSE], title, None) == [sentence, *PROSE]
    assert clean_paragraphs(later, title, None) == later


@pytest.mark.parametrize("line", [
    "Stand: 08.07.2026 05:00 Uhr", "17:41 JST, October 13, 2024", "Freitag, 28.04.2023, 19:25",
    "2025年1月14日 01時28分 (1月14日 01時40分更新)", "- Veröffentlicht am 13. Mai 2026 um 15:44",
    "Von Karim Natour", "von Engin Haupt, MDR SACHSEN-ANHALT", "Par Jeanne Marin",
])
def test_a_day_or_a_byline_among_the_first_lines_is_not_text(line: str) -> None:
    from archive.extract.line_clean import clean_paragraphs
    assert clean_paragraphs(["Hafen", line, *PROSE], None, None) == ["Hafen", *PROSE]


def test_a_sentence_naming_a_day_or_opening_with_by_stays() -> None:
    from archive.extract.line_clean import clean_paragraphs
    lines = ["The bridge opened on March 3, 2024 after years.", "By the time the ferry came"]
    assert clean_paragraphs([*lines, *PROSE], None, None) == [*lines, *PROSE]


def test_read_also_teasers_and_a_privacy_settings_placeholder_are_dropped() -> None:
    lines = ["Les også: Fergen går igjen etter streiken", "À lire aussi Le port rouvre ses quais",
             "Czytaj więcej",
             "Zur Anzeige aktiviere bitte die Einstellungen in den Privatsphäre-Einstellungen."]
    html = page(article(extra_inside="".join(f"<p>{line}</p>" for line in lines)))
    check(html, lines)


def test_a_korean_reporters_sign_off_and_a_chinese_editors_line_are_dropped() -> None:
    lines = ["순천, 광양 구현모 기자 ninek@hangu.example", "(责编：牛镛、岳弘彬)"]
    html = page(article().replace(
        "</article>", "".join(f"<p>{line}</p>" for line in lines) + "</article>"))
    check(html, lines)


def test_a_list_of_other_stories_inside_the_article_is_dropped() -> None:
    stories = ["Ferry strike: what commuters need to know this week",
               "New harbour master promises a quieter summer season",
               "Fishermen's market moves to the old waiting room"]
    related = "<h3>More on this</h3><ul>" + "".join(
        f"<li><a href='/2024/03/story-{i}'>{s}</a></li>" for i, s in enumerate(stories)) + "</ul>"
    html = page(article(extra_inside=related))
    check(html, stories)
    # a list of the article's own items that are not links to other pages stays
    own = "<ul>" + "".join(f"<li>{s}</li>" for s in stories) + "</ul>"
    clean = text_of(page(article(extra_inside=own)))
    assert all(s in clean for s in stories)


def test_day_and_byline_lines_that_end_the_text_are_dropped() -> None:
    """A blog's recent posts without their headlines ("23/12/2025 by ...") and a footer's
    "Last updated ... by ..." under the article leave it; the same line among the
    article's paragraphs, or a sentence that holds a day and "by", stays."""
    posts = ["23/12/2025 by Maria Santos", "16/12/2025 | By Tom Okafor",
             "Last updated March 3, 2025 by Erik Hansen. — Accessibility"]
    html = page(article().replace("</article>", "".join(f"<p>{p}</p>" for p in posts)
                                  + "</article>"))
    clean = text_of(html)
    assert PROSE[-1] in clean
    for post in posts:
        assert post not in clean

    from archive.extract.line_clean import drop_trailing_bylines
    sentence = "The new pier opened on 3 May 2024 by the mayor."
    assert drop_trailing_bylines([*PROSE, sentence]) == [*PROSE, sentence]
    inside = [PROSE[0], posts[0], *PROSE[1:]]
    assert drop_trailing_bylines(inside) == inside
    assert drop_trailing_bylines(posts) == posts  # nothing else: the text stays
    # a day and words after "by", "von", "por", "door" that are not a name: a notice of
    # the article's own (an opening time, a deadline, a place)
    for notice in ("12.05.2024 von 10 bis 18 Uhr", "12/05/2024 por la tarde en el Ayuntamiento",
                   "12-05-2024 door het hele land", "Par décret du 12/05/2024",
                   "March 3, 2025 by midnight", "By Friday, March 7, 2025", "By March 3, 2025"):
        assert drop_trailing_bylines([*PROSE, notice]) == [*PROSE, notice], notice


def test_a_list_of_other_stories_after_their_topics_is_dropped() -> None:
    """Each item a topic or kicker and the linked headline after it ("<strong>Ferry
    strike:</strong> <a>...</a>", a kicker's <span> before the link), as German
    regional papers and El Mundo write them. A list of the press's reports on the
    subject (a day, then a link of two words) and a list of arrows before links stay."""
    stories = ["What commuters need to know about the ferries this week",
               "New harbour master promises a quieter summer season for all",
               "Fishermen's market moves to the old waiting room at last"]
    topics = ["Ferry strike:", "Harbour", "Markets and trade:"]
    related = "<ul>" + "".join(
        f"<li><strong>{t}</strong> <a href='/2024/03/story-{i}'>{s}</a></li>"
        for i, (t, s) in enumerate(zip(topics, stories, strict=True))) + "</ul>"
    check(page(article(extra_inside=related)), stories)
    kicker = "<ul>" + "".join(
        f"<li><span class='kicker'>{t.rstrip(':')}</span><a href='/2024/03/story-{i}'> {s} </a>"
        "</li>" for i, (t, s) in enumerate(zip(topics, stories, strict=True))) + "</ul>"
    check(page(article(extra_inside=kicker)), stories)
    press = ["6 June 2016 : Report Radio Nord", "8 June 2016 : Report France 2",
             "9 June 2016 : Article Libération", "10 June 2016 : Report Radio Sud"]
    sources = "<ul>" + "".join(
        f"<li>{p.split(' : ')[0]} : <a href='/press/{i}.pdf'>{p.split(' : ')[1]}</a></li>"
        for i, p in enumerate(press)) + "</ul>"
    raw = text_of(page(article(extra_inside=sources)), options=UNCLEANED)
    clean = text_of(page(article(extra_inside=sources)))
    # (trafilatura leaves out the list's first item)
    kept = [p for p in press if p in raw]
    assert len(kept) >= 3 and all(p in clean for p in kept)
    arrows = "<ul>" + "".join(f"<li>→ <a href='/forms/{i}'>{s}</a></li>"
                              for i, s in enumerate(stories)) + "</ul>"
    raw = text_of(page(article(extra_inside=arrows)), options=UNCLEANED)
    clean = text_of(page(article(extra_inside=arrows)))
    assert all(s in raw and s in clean for s in stories)


def test_the_articles_own_labelled_lists_of_links_stay() -> None:
    """Lists an article writes as a label and a link of its site: its timeline, its
    steps, a list of one kind ("Report:" on each item), links to its guides (not to a
    story's address). Only a list of topics, each its own, before stories' links goes."""
    heads = ["The city council publishes its first survey of the old bridge",
             "Engineers find cracks in two of the bridge's steel girders",
             "The regional government agrees to pay for most of the work",
             "The council votes to rebuild the bridge within three years"]
    for labels, hrefs in ((["18. Juni 2020:", "19. Juni 2020:", "März:", "Monday:"],
                           [f"/2020/06/story-{i}" for i in range(4)]),
                          (["Step 1:", "Step 2:", "Step 3:", "Step 4:"],
                           [f"/2024/03/step-{i}.html" for i in range(4)]),
                          (["Report:", "Report:", "Report:", "Report:"],
                           [f"/documents/{i}0000.html" for i in range(4)]),
                          (["Girders:", "Survey:", "Funding:", "Timetable:"],
                           ["/guide/girders", "/guide/survey", "/guide/funding",
                            "/guide/timetable"])):
        items = "<ul>" + "".join(
            f"<li><strong>{label}</strong> <a href='{href}'>{head}</a></li>"
            for label, href, head in zip(labels, hrefs, heads, strict=True)) + "</ul>"
        html = page(article(extra_inside=items))
        raw = text_of(html, options=UNCLEANED)
        clean = text_of(html)
        kept = [h for h in heads if h in raw]
        assert len(kept) >= 3 and all(h in clean for h in kept), labels

"""A picture's caption is not the article's text (archive/extract/line_clean.py,
drop_figure_captions), whichever extractor's text won; a story told in its captions
keeps them. A caption in no caption markup (a centred <p> under the picture's, as
Chinese news sites write them) is told by its photographer's credit and its place
(drop_credited_captions)."""

from __future__ import annotations

from archive.extract.document import extract_document
from archive.extract.html_text import parse_html
from archive.extract.line_clean import drop_credited_captions, drop_figure_captions

STORY = [
    "A hunter in the north of the region has been found to carry the plague after he "
    "caught and ate a wild rabbit, the regional health office said on Tuesday evening.",
    "The man was taken to the city hospital with a high fever and is being treated in "
    "isolation, while twenty people who met him have been told to stay at home for now.",
    "Officials said there was no risk of an outbreak, as the disease is now treated with "
    "common antibiotics when it is found early, and cases in people remain very rare.",
    "The region sees a few cases every year among hunters and herders, most of them in the "
    "summer months, when the animals that carry the fleas are most active in the hills.",
]
CAPTIONS = [
    ("The hospital where the hunter is treated in isolation, seen from the main road", "EPA"),
    ("Rabbits and marmots carry the fleas that spread the disease to people in the hills",
     "Getty - Contributor"),
]


def _figure(caption: str, credit: str) -> str:
    return (f"<figure><img src='/p.jpg' alt=''><figcaption class='media-caption'><span>{caption}"
            f"</span><span class='credit'>Credit: {credit}</span></figcaption></figure>")


def test_captions_with_their_credits_leave_the_text() -> None:
    body = (f"<p>{STORY[0]}</p>{_figure(*CAPTIONS[0])}<p>{STORY[1]}</p><p>{STORY[2]}</p>"
            f"{_figure(*CAPTIONS[1])}<p>{STORY[3]}</p>")
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Plague case"
            "</title><meta property='og:type' content='article'></head><body><article>"
            f"<h1>Plague case</h1>{body}</article></body></html>").encode("utf-8")
    result = extract_document(page, "https://news.example/2019/11/plague-case", "text/html")
    assert result.document is not None, result.reason
    for paragraph in STORY:
        assert paragraph in result.document.text
    assert "Credit:" not in result.document.text
    assert CAPTIONS[0][0] not in result.document.text


def test_lines_are_matched_whatever_the_extractor_did_with_the_spans() -> None:
    tree = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY)
                      + _figure(*CAPTIONS[0]) + "</body></html>")
    # the spans run together, or with a space, or as a list item
    for line in (f"{CAPTIONS[0][0]}Credit: EPA", f"{CAPTIONS[0][0]} Credit: EPA",
                 f"- {CAPTIONS[0][0]} Credit:  EPA"):
        assert drop_figure_captions([*STORY, line], tree) == STORY


def test_a_story_told_in_captions_keeps_them() -> None:
    figures = "".join(_figure(f"{p} The picture shows the place.", "AP") for p in STORY)
    tree = parse_html(f"<html><body><p>{STORY[0]}</p>{figures}</body></html>")
    lines = [STORY[0], *(f"{p} The picture shows the place.Credit: AP" for p in STORY)]
    assert drop_figure_captions(lines, tree) == lines


def test_captions_marked_by_their_class() -> None:
    caption = CAPTIONS[0][0]
    for markup in (f"<div class='wp-caption'><img src='/p.jpg'><p class='wp-caption-text'>"
                   f"{caption}</p></div>",  # WordPress's caption shortcode
                   f"<div class='caption-full'>{caption}</div>",
                   f"<div class='article__media-caption'><span>{caption}</span></div>",
                   f"<p class='imageCaption'>{caption}</p>",
                   # a gallery's caption, marked by its id alone
                   f"<div class='galleryPhoto'><img src='/p.jpg'><cite id='galleryCaption001'>"
                   f"{caption}</cite></div>"):
        tree = parse_html(f"<html><body><p>{STORY[0]}</p>{markup}<p>{STORY[1]}</p></body></html>")
        assert drop_figure_captions([STORY[0], caption, STORY[1]], tree) == [STORY[0], STORY[1]]
    # a class that only begins with the word is not a caption's
    tree = parse_html(f"<html><body><div class='captioned-story'><p>{STORY[0]}</p></div>"
                      f"<p>{STORY[1]}</p></body></html>")
    assert drop_figure_captions([STORY[0], STORY[1]], tree) == [STORY[0], STORY[1]]


def test_a_pictures_description_is_a_caption_by_another_name() -> None:
    """Markup that never says "caption": a picture block's description and its copy in
    a lightbox ("detail-img__description", "lightbox__description"), as a German
    regional paper writes them. The page's own prose in a block of picture and text
    stays."""
    picture = ("<div class='article__inline-images'><div class='detail-img'><img src='/p.jpg'>"
               f"<div class='detail-img__description'><div>{CAPTIONS[0][0]} <span "
               f"class='detail-img__copyright'>Foto: {CAPTIONS[0][1]}</span></div></div></div>"
               f"<div class='lightbox'><div class='lightbox__description'>{CAPTIONS[0][0]} "
               f"<span class='lightbox__copyright'>Foto: {CAPTIONS[0][1]}</span></div></div></div>")
    block = ("<div class='wp-block-media-text'><img src='/q.jpg'><div class='media-text__description'>"
             f"<p>{STORY[3]}</p></div></div>")
    page = ("<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Plague case"
            "</title><meta property='og:type' content='article'></head><body><article>"
            f"<h1>Plague case</h1><p>{STORY[0]}</p>{picture}<p>{STORY[1]}</p><p>{STORY[2]}</p>"
            f"{block}</article></body></html>").encode("utf-8")
    assert b"aption" not in page
    result = extract_document(page, "https://news.example/2019/11/plague-case", "text/html")
    assert result.document is not None, result.reason
    for paragraph in STORY:
        assert paragraph in result.document.text
    assert CAPTIONS[0][0] not in result.document.text
    assert "Foto:" not in result.document.text


ZH_STORY = [
    "新华社北京5月12日电 国务院近日印发通知，部署进一步优化城市公共交通服务，提出到2025年基本建成"
    "便捷高效的城市公交网络，市民出行更加方便。",
    "通知要求，各地要加快推进公交专用道建设，提高公交车辆准点率，同时鼓励发展定制公交、社区公交等"
    "多样化服务，满足群众不同出行需求。",
    "通知还提出，要完善公交票价政策，对老年人、学生等群体给予优惠，并加强新能源公交车推广应用，"
    "推动交通运输绿色低碳发展。",
]


def _zh_page(caption: str) -> bytes:
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
            "<title>国务院部署优化城市公共交通服务--时政--人民网</title>"
            "<meta property='og:type' content='article'></head><body>"
            "<h1>国务院部署优化城市公共交通服务</h1><div class='rm_txt_con'>"
            f"<p>{ZH_STORY[0]}</p><p style='text-align: center;'><img src='/b.jpg'></p>"
            f"<p style='text-align: center;'>{caption}</p><p>{ZH_STORY[1]}</p>"
            f"<p>{ZH_STORY[2]}</p></div></body></html>").encode("utf-8")


def test_a_chinese_caption_under_its_picture_leaves_the_text() -> None:
    for caption in ("图为市民在北京街头乘坐公交车。新华社记者 王强摄",
                    "市民在北京街头乘坐公交车。（新华社记者 王强 摄）",
                    "图为市民在北京街头乘坐公交车。"):
        document = extract_document(_zh_page(caption),
                                    "http://politics.people.com.cn/n1/2024/0512/c1001-40234567.html",
                                    "text/html; charset=utf-8").document
        assert document is not None
        assert document.text.split("\n\n") == ZH_STORY, caption


def _tree(body: str) -> object:
    return parse_html(f"<html><body>{body}</body></html>")


def test_a_credited_line_is_a_caption_only_by_a_picture() -> None:
    caption = "The harbour at dawn, before the first ferry. Photo: Jane Roe"
    lines = [STORY[0], caption, STORY[1]]
    under = _tree(f"<p>{STORY[0]}</p><p><img src='/h.jpg'></p><p>{caption}</p><p>{STORY[1]}</p>")
    assert drop_credited_captions(lines, under) == [STORY[0], STORY[1]]
    beside = _tree(f"<p>{STORY[0]}</p><p><img src='/h.jpg'>{caption}</p><p>{STORY[1]}</p>")
    assert drop_credited_captions(lines, beside) == [STORY[0], STORY[1]]
    # no picture before it: a line of the text that ends so
    alone = _tree(f"<p>{STORY[0]}</p><p>{caption}</p><p>{STORY[1]}</p>")
    assert drop_credited_captions(lines, alone) == lines
    # no credit: the line after a picture is the text's
    plain = "The harbour at dawn, before the first ferry left for the islands."
    after = _tree(f"<p>{STORY[0]}</p><p><img src='/h.jpg'></p><p>{plain}</p><p>{STORY[1]}</p>")
    assert drop_credited_captions([STORY[0], plain, STORY[1]], after) == [STORY[0], plain, STORY[1]]


def test_a_teaser_card_with_its_pictures_credit_stays() -> None:
    # a buying guide's question, its picture in the card: 40 words and a credit
    card = ("How can I charge a plug-in hybrid? Because they have smaller batteries, they take "
            "less time to charge at a Level 2 outlet than a pure electric car, and many can be "
            "charged overnight from a household outlet. Photo: Consumer Reports")
    tree = _tree(f"<p>{STORY[0]}</p><div class='card'><img src='/c.jpg'>{card}</div>")
    assert drop_credited_captions([STORY[0], card], tree) == [STORY[0], card]


def test_lines_that_only_look_like_credits_stay() -> None:
    # a tutorial's headings ending in 拍摄 ("photography"), a paragraph opening with
    # 上图书馆 ("go to the library"), a photo essay's paragraphs of 26 words and more
    heading, library = "二、风光拍摄", "上图书馆看书、听讲座，正在成为越来越多年轻人的周末选择。"
    essay = ("Giovanni Di Nardo, 71, leads the flock out of the village of Pescasseroli before "
             "dawn on the first day, as he has every spring since he was nine. Photo: Maria Lopez")
    # labels that open a line: a specification's, a test's verdict, a card's
    labels = ("Base Image: python:3.12-slim", "Bild: sehr gut",
              "Recommended Credit: Good to Excellent")
    for line in (heading, library, essay, *labels):
        tree = _tree(f"<p>{STORY[0]}</p><p><img src='/p.jpg'></p><p>{line}</p><p>{STORY[1]}</p>")
        lines = [STORY[0], line, STORY[1]]
        assert drop_credited_captions(lines, tree) == lines, line


def test_a_figures_credit_in_no_caption_markup_is_no_line_of_the_text() -> None:
    """A picture's credit beside it in a <figure>, in an element named for nothing a
    caption is ("pictsrc", as a German broadcaster writes it), and a gallery's counter:
    each is a line of no article, on a page whose markup names no caption."""
    tree = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY)
                      + "<figure class='picture'><div class='teaserpicture'><img src='/p.jpg'>"
                      "<div class='pictsrc'>Eva Muster/rbb</div></div></figure>"
                      "<figure class='article__media'><div class='gallery'><a href='#'>"
                      "<img src='/q.jpg'></a><span class='count'>6</span></div></figure>"
                      "</body></html>")
    assert drop_figure_captions([STORY[0], "Eva Muster/rbb", *STORY[1:], "6"], tree,
                                classes=False) == STORY


def test_a_figcaptions_credit_on_its_own_line() -> None:
    """The credit in its own <p> goes; the caption's line beside it is told from a
    story's short line by nothing but its place, and stays."""
    tree = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY)
                      + "<figure><img src='/p.jpg'><figcaption><p>The lake at dusk.</p>"
                      "<p>© Tourist board</p></figcaption></figure></body></html>")
    lines = [*STORY, "The lake at dusk.", "© Tourist board"]
    assert drop_figure_captions(lines, tree) == [*STORY, "The lake at dusk."]
    # a page whose markup names no caption class is searched the same way
    assert drop_figure_captions(lines, tree, classes=False) == [*STORY, "The lake at dusk."]


def test_a_figures_short_lines_of_the_story_stay() -> None:
    """A step's instruction, a product's name and price, a quotation's speaker, each in
    a figure beside its picture: short lines of the story, not credits."""
    figures = ("<figure><img src='/1.jpg'><div>Step 1: unplug the machine first.</div></figure>"
               "<figure><img src='/2.jpg'><div>Dreame R10 Pro</div><div>from 199 euros</div>"
               "</figure><figure><img src='/3.jpg'><div>Mayor Klaus Weber</div></figure>")
    tree = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY) + figures
                      + "</body></html>")
    lines = [*STORY, "Step 1: unplug the machine first.", "Dreame R10 Pro", "from 199 euros",
             "Mayor Klaus Weber"]
    assert drop_figure_captions(lines, tree, classes=False) == lines


def test_a_part_of_a_captions_line_is_no_caption() -> None:
    """A caption opening with its place in bold: the place is also a heading of the
    text, which stays."""
    tree = parse_html("<html><body><h2>Westviertel</h2>" + "".join(f"<p>{p}</p>" for p in STORY)
                      + "<figure><img src='/p.jpg'><figcaption><b>Westviertel</b> The old "
                      "factory's hall</figcaption></figure><figure><div><img src='/q.jpg'>"
                      "<b>Westviertel</b> seen from the bridge</div></figure></body></html>")
    lines = ["Westviertel", *STORY]
    assert drop_figure_captions(lines, tree) == lines


def test_a_figure_holding_a_table_or_a_quotation_keeps_its_text() -> None:
    """WordPress wraps its tables and pull quotes in <figure>: their lines are the
    article's, a picture beside them or not."""
    quote = "We had never seen so many people in the streets of this town before."
    tree = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY)
                      + "<figure class='wp-block-pullquote'><img src='/a.jpg'><blockquote>"
                      f"<p>{quote}</p></blockquote></figure><figure class='wp-block-table'>"
                      "<img src='/b.jpg'><table><tr><td>Cases</td><td>12</td></tr></table>"
                      "<p>Cases by month</p></figure></body></html>")
    lines = [*STORY, quote, "Cases by month"]
    assert drop_figure_captions(lines, tree) == lines


def test_a_figures_text_that_is_also_the_articles_line_stays() -> None:
    """A figure's short text that the page also writes as a paragraph, heading or list
    item outside its figures is the article's line: a heading a caption opens with, a
    lead a hero figure repeats, a name over a portrait's box."""
    lead = "The town council voted on Tuesday to close the old bridge to cars next spring."
    tree = parse_html(
        "<html><body><figure class='hero'><img src='/h.jpg'><p class='summary'>"
        f"{lead}</p></figure><p>{lead}</p><h2>Westviertel</h2>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "<figure><img src='/p.jpg'><figcaption><strong>Westviertel</strong> <span>The "
        "old factory's hall</span></figcaption></figure><h3>Anna Fischer, 54</h3>"
        "<figure class='portrait'><img src='/a.jpg'><div class='name'>Anna Fischer, 54"
        "</div></figure></body></html>")
    lines = [lead, "Westviertel", *STORY, "Anna Fischer, 54"]
    assert drop_figure_captions(lines, tree) == lines


def test_a_figure_holding_prose_or_left_open_keeps_its_text() -> None:
    """A box of prose with its picture (more than a caption's words beside it), and a
    <figure> left open that holds the rest of the story, are no captions; nor is a
    paragraph of a figure longer than a credit. Figures left open nest deep: the
    search walks the outermost only."""
    bio = ("Anna Fischer has reported on the region's rivers for twenty years and wrote "
           "two books about the floods of the last decade, both of them prize-winning.")
    tree = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY)
                      + f"<figure><img src='/a.jpg'><p>{bio}</p></figure></body></html>")
    assert drop_figure_captions([*STORY, bio], tree, classes=False) == [*STORY, bio]
    tree = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY[:3])
                      + f"<figure><img src='/b.jpg'><p>{STORY[3]}</p></body></html>")
    assert drop_figure_captions(STORY, tree, classes=False) == STORY
    deep = parse_html("<html><body>" + "".join(f"<p>{p}</p>" for p in STORY)
                      + "<figure><img src='/t.jpg'><span>Credit</span>" * 3000
                      + "</body></html>")
    assert drop_figure_captions(STORY, deep, classes=False) == STORY

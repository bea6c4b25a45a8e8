"""The text as a reader sees it, whatever the markup hides in it: soft hyphens and
zero-width characters inside words, a word spelled with combining accents, a ruby's
readings over its words (archive/extract/html_text.py, page_signals.py), a post whose
body a script renders from a template with a <noscript> copy, and a post whose comments
are <article>s that link to the post's URL with a fragment (article_pick.py)."""

from __future__ import annotations

import unicodedata

from archive.extract.article_pick import named_article_tree
from archive.extract.document import extract_document
from archive.extract.html_text import parse_html, shown_characters
from archive.extract.page_signals import link_density

# a German news story, hyphenated for narrow screens as many German sites write them
STORY_DE = [
    "Schon im Mittelalter war der Wein von den sonnigen Hängen oberhalb der Stadt das "
    "Aushängeschild der Winzer im Tal, und die Händler trugen ihn über die Pässe nach Norden.",
    "Im Jahr 1927 schlossen sich die Winzer der umliegenden Dörfer zu einer Gemeinschaft "
    "zusammen und legten das Kerngebiet fest, dessen Weine den Zusatz klassisch tragen dürfen.",
    "Heute bewirtschaften die Familien kleine Parzellen an steilen Hängen, auf denen jede "
    "Arbeit von Hand getan wird, vom Rebschnitt im Winter bis zur Lese im späten Herbst.",
]


def _hyphenated(text: str, mark: str) -> str:
    # a mark after the third letter of each long word, as a hyphenation script does
    return " ".join(w[:3] + mark + w[3:] if len(w) > 8 else w for w in text.split())


def _page(body: str, title: str = "Wein vom Hang") -> bytes:
    return ("<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
            f"<title>{title}</title><meta property='og:type' content='article'></head>"
            "<body><header><nav><a href='/'>Start</a> <a href='/wein'>Wein</a></nav></header>"
            f"<article><h1>{title}</h1>{body}</article>"
            "<footer><p>Impressum</p></footer></body></html>").encode("utf-8")


def test_soft_hyphens_and_zero_width_characters_leave_whole_words() -> None:
    for mark in ("&shy;", "\u00ad", "&#173;", "&#xAD;", "\u200b", "&#8203;", "&ZeroWidthSpace;",
                 "\u2060", "\ufeff"):
        body = "".join(f"<p>{_hyphenated(p, mark)}</p>" for p in STORY_DE)
        result = extract_document(_page(body, f"Wein{mark}gesch{mark}ichte"),
                                  "https://zeitung.example/wein/2024/hang", "text/html")
        assert result.document is not None, (mark, result.reason)
        for paragraph in STORY_DE:
            assert paragraph in result.document.text, mark
        assert result.document.title == "Weingeschichte", mark


def test_the_joiners_that_shape_a_script_stay() -> None:
    persian = "می\u200cخواهم"  # ZWNJ: "I want", written as two joined parts
    assert shown_characters(f"<p>{persian}</p>") == f"<p>{persian}</p>"
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # an emoji sequence (ZWJ)
    assert shown_characters(family) == family


def test_combining_accents_are_composed() -> None:
    decomposed = [unicodedata.normalize("NFD", p) for p in STORY_DE]
    assert decomposed[0] != STORY_DE[0]
    result = extract_document(_page("".join(f"<p>{p}</p>" for p in decomposed),
                                    unicodedata.normalize("NFD", "Weinbau in Südtirol")),
                              "https://zeitung.example/wein/2024/hang", "text/html")
    assert result.document is not None, result.reason
    for paragraph in STORY_DE:
        assert paragraph in result.document.text
    assert result.document.title == "Weinbau in Südtirol"


# a story for learners of Japanese: each kanji word carries its reading in <rt>
STORY_JA = [
    ("子", "こ", "どもへの"), ("虐待", "ぎゃくたい", "をなくすための"), ("法律", "ほうりつ", "ができて、"),
    ("親", "おや", "が"), ("子", "こ", "どもを"), ("教育", "きょういく", "するために、たたいたりする"),
    ("体罰", "たいばつ", "を"), ("禁止", "きんし", "することになりました。"),
]


def test_ruby_readings_are_not_words_of_the_text() -> None:
    plain = "".join(base + rest for base, _, rest in STORY_JA)
    ruby = "".join(f"<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>{rest}"
                   for base, reading, rest in STORY_JA)
    body = "".join(f"<p>{ruby}{ruby}{ruby}</p>" for _ in range(3))
    page = ("<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>法律</title>"
            "</head><body><article><h1>体罰を禁止する法律</h1>" + body
            + "</article></body></html>").encode("utf-8")
    result = extract_document(page, "https://news.example/easy/k100.html", "text/html")
    assert result.document is not None, result.reason
    assert plain * 3 in result.document.text
    assert "ぎゃくたい" not in result.document.text
    assert "(" not in result.document.text


POST_EN = [
    "Over the past few years we have seen attacks on the web become more refined. Phishing "
    "sites rotate their domains quickly to avoid being blocked, and campaigns aim at the "
    "people most at risk.",
    "Turning the new protection on will increase protection from dangerous sites and "
    "downloads. By sharing real-time data with the service, the browser can warn earlier.",
    "This protocol is designed so that the service cannot tell which pages a reader "
    "visits, and the data it gets is deleted after a few days, as the paper explains.",
]


def test_a_post_rendered_from_a_template_is_read_from_its_noscript_copy() -> None:
    body = "".join(f"<p>{p}</p>" for p in POST_EN)
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Safer browsing"
            "</title></head><body><div class='header'><h2>Security Blog</h2>"
            "<div class='desc'>The latest news and insights on security</div></div>"
            "<div class='post'><h2 class='title'><a href='/2020/05/safer.html'>Safer browsing"
            "</a></h2><div class='published'>May 19, 2020</div><div class='post-body'>"
            f"<script type='text/template'>{body}</script><noscript>{body}</noscript></div>"
            "</div><div class='sidebar'><h3>Labels</h3><ul>"
            + "".join(f"<li><a href='/search/label/{w}'>{w}</a></li>"
                      for w in ("android", "chrome", "privacy", "malware", "phishing"))
            + "</ul></div></body></html>").encode("utf-8")
    result = extract_document(page, "https://blog.example/2020/05/safer.html", "text/html")
    assert result.document is not None, result.reason
    for paragraph in POST_EN:
        assert paragraph in result.document.text


def test_a_comment_linking_to_the_post_with_a_fragment_does_not_name_itself_the_article() -> None:
    url = "https://games.example/game-settings/"
    comment = ("I changed the camera height to 14 and the zoom to 0 as you suggest here, and "
               "now the whole pitch is in view on my small screen. Thank you for this guide.")
    page = ("<!DOCTYPE html><html><head><title>Game settings</title></head><body>"
            "<article class='post'><h1>Game settings</h1>"
            + "".join(f"<p>{p}</p>" for p in POST_EN)
            + "</article><div id='comments'><article class='comment-body' id='c-1'>"
            f"<a href='{url}#comment-1'>May 2, 2021</a><p>{comment}</p></article>"
            "</div></body></html>")
    assert named_article_tree(parse_html(page), url, "Game settings") is None
    result = extract_document(page.encode("utf-8"), url, "text/html")
    assert result.document is not None, result.reason
    assert POST_EN[0] in result.document.text


def test_a_menu_in_a_noscript_alone_in_its_cell_stays_out() -> None:
    menu = "".join(f"<li><a href='/stories/{i}'>Story list {i} of the archive of cases</a></li>"
                   for i in range(20))
    body = "".join(f"<p>{p}</p>" for p in POST_EN)
    tree = parse_html("<!DOCTYPE html><html lang='en'><head><title>Safer browsing</title>"
                      "</head><body><table><tr><td><script>menu()</script>"
                      f"<noscript><ul>{menu}</ul></noscript></td><td><h1>Safer browsing</h1>"
                      f"<div class='post-body'><script type='text/template'>{body}</script>"
                      f"<noscript>{body}</noscript></div></td><td><h3>About this blog</h3><p>News and "
                      "insights on security and safety on the internet, from the team that "
                      "builds the browser's protection and the people who study attacks.</p>"
                      "</td></tr></table></body></html>")
    link_density(tree)  # where the page's scripts and <noscript>s are settled
    text = tree.text_content()
    assert POST_EN[0] in text
    assert "Story list" not in text

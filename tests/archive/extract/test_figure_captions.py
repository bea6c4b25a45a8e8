"""A picture's caption is not the article's text (archive/extract/line_clean.py,
drop_figure_captions), whichever extractor's text won; a story told in its captions
keeps them."""

from __future__ import annotations

from archive.extract.document import extract_document
from archive.extract.html_text import parse_html
from archive.extract.line_clean import drop_figure_captions

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

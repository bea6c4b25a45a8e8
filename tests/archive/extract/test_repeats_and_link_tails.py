"""A text rendered twice is kept once; a gallery's numbered captions and a list of
other pages' links that ends the text go (archive/extract/line_clean.py
drop_repeated_passages, drop_slide_captions and drop_trailing_links): pages written for the project, through ``extract_document`` as
the crawl runs it."""

from __future__ import annotations

from archive.extract.document import ExtractOptions, extract_document
from archive.extract.line_clean import TRAIL_LINKS
from archive.extract.line_clean import (PASSAGE_COPIES, PASSAGE_PARAGRAPHS, PASSAGE_WORDS,
                                        drop_repeated_passages)

URL = "https://gardens.example/2025/03/pruning-climbers"
TOPICS = ["roses", "clematis", "wisteria", "honeysuckle", "jasmine", "ivy", "hydrangeas",
          "passionflowers", "hops", "vines", "trumpet vines", "sweet peas", "nasturtiums",
          "morning glories", "runner beans", "kiwi vines", "akebia", "bougainvillea",
          "star jasmine", "virginia creeper", "climbing hydrangeas", "golden hops",
          "chocolate vines", "potato vines"]
PARAS = [f"Climbing {t} need a different cut from the shrubs around them: in late winter "
         f"the gardener takes out the dead and crossing stems of the {t}, ties the strongest "
         f"new shoots along the wires, and shortens the side shoots to two buds so that the "
         f"plant flowers along its whole length." for t in TOPICS]


def page(body: str) -> bytes:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>How to prune climbers</title></head><body>"
            f"<header><nav><a href='/'>Home</a> <a href='/guides/'>Guides</a></nav></header>"
            f"{body}<footer><p>Gardens Example, 12 Mill Lane</p></footer></body></html>"
            ).encode("utf-8")


def text_of(html: bytes, options: ExtractOptions = ExtractOptions()) -> str:
    result = extract_document(html, URL, "text/html; charset=utf-8", options)
    assert result.document is not None, result.reason
    return result.document.text


def test_an_article_rendered_twice_is_kept_once() -> None:
    """A page that writes its article once for wide screens and once for narrow ones:
    the text holds it once. Without line cleaning the extractor keeps both copies."""
    assert len(PARAS) >= PASSAGE_PARAGRAPHS
    assert sum(len(p.split()) for p in PARAS) >= PASSAGE_WORDS
    story = "<h1>How to prune climbers</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
    html = page(f"<main><article><div class='wide'>{story}</div>"
                f"<div class='narrow'>{story}</div></article></main>")
    assert text_of(html, ExtractOptions(clean_lines=False)).count(PARAS[5]) == 2
    text = text_of(html)
    for para in PARAS:
        assert text.count(para) == 1, para


def test_a_passage_repeated_shorter_than_a_text_stays_twice() -> None:
    """A pull quote, a refrain, a few paragraphs written again under another heading:
    fewer than PASSAGE_PARAGRAPHS paragraphs repeated are what the page says."""
    again = PARAS[:PASSAGE_PARAGRAPHS - 1]
    body = "".join(f"<p>{p}</p>" for p in PARAS) + "<h2>Once more, in short</h2>" + "".join(
        f"<p>{p}</p>" for p in again)
    text = text_of(page(f"<main><article><h1>How to prune climbers</h1>{body}"
                        "</article></main>"))
    for para in again:
        assert text.count(para) == 2, para


CITIES = ["Leeds", "York", "Bath", "Derby", "Exeter", "Hull", "Ripon", "Wells", "Bury", "Ely"]


def links(n: int) -> str:
    """``n`` paragraphs, each a link to another guide (as a site builder writes them)."""
    return "".join(f"<p style='white-space:pre-wrap'><a href='/guides/pruning-in-{c.lower()}'>"
                   f"<span style='text-decoration:underline'><strong>Average cost of pruning "
                   f"climbers in {c}</strong></span></a></p>" for c in CITIES[:n])


def test_a_copy_with_a_line_repeated_inside_it_is_still_found() -> None:
    """A "Reply" link under every paragraph is a line the text holds far more often
    than PASSAGE_COPIES: it starts no run, but a run goes on through it."""
    story = [line for p in PARAS for line in (p, "Reply")]
    text = ["How to prune climbers", *story, "Print version", *story]
    assert text.count("Reply") > PASSAGE_COPIES
    kept = drop_repeated_passages(text)
    assert kept == ["How to prune climbers", *story, "Print version"]


def test_many_identical_lines_are_left_as_they_are() -> None:
    """3,000 empty table rows (an old layout page): no run starts at such a line, and
    the text comes back as it is. Measuring every pair of copies took 50 s for 800."""
    text = ["|  |  |"] * 3000
    assert drop_repeated_passages(text) == text
    text = [PARAS[i % 3] for i in range(3000)]  # three paragraphs over and over
    assert drop_repeated_passages(text) == text


def test_a_run_of_links_that_ends_the_text_goes() -> None:
    """The site's other guides, each a paragraph that is one link, after the article in
    its own block: not the article's text."""
    body = "".join(f"<p>{p}</p>" for p in PARAS[:6]) + links(len(CITIES))
    html = page(f"<main><article><h1>How to prune climbers</h1>{body}</article></main>")
    assert text_of(html, ExtractOptions(clean_lines=False)).count("pruning climbers in") >= (
        TRAIL_LINKS)
    text = text_of(html)
    assert "pruning climbers in" not in text
    for para in PARAS[:6]:
        assert para in text


def test_fewer_links_at_the_end_or_links_before_prose_stay() -> None:
    """Fewer than TRAIL_LINKS links at the end may be the article's own sources; links
    followed by prose are inside the article. Both stay as the extractor kept them."""
    for body in ("".join(f"<p>{p}</p>" for p in PARAS[:6]) + links(TRAIL_LINKS + 1),
                 "".join(f"<p>{p}</p>" for p in PARAS[:6]) + links(len(CITIES))
                 + f"<p>{PARAS[6]}</p>"):
        html = page(f"<main><article><h1>How to prune climbers</h1>{body}</article></main>")
        raw = text_of(html, ExtractOptions(clean_lines=False)).count("pruning climbers in")
        assert raw >= 1
        assert text_of(html).count("pruning climbers in") == raw


CAPTIONS = ["The harbour bridge at dawn, before the first lorries were turned away",
            "Engineers from the regional office inspect a cracked girder under the deck",
            "Shop owners on the east bank meet the mayor in the council chamber",
            "The temporary ferry on its first trial run across the river last week",
            "Cyclists queue at the ferry's landing stage on the west bank",
            "A model of the new bridge shown to residents at the public meeting"]


def test_numbered_gallery_captions_go() -> None:
    """A slideshow placed in the article, its captions numbered as its slides (1/6,
    2/6, ...): not the article's text. The paragraphs around it stay."""
    gallery = "<ul>" + "".join(f"<li><span>{n}/{len(CAPTIONS)}</span> {c}</li>"
                               for n, c in enumerate(CAPTIONS, 1)) + "</ul>"
    body = ("".join(f"<p>{p}</p>" for p in PARAS[:4]) + "<h2>The bridge in pictures</h2>"
            + gallery + "".join(f"<p>{p}</p>" for p in PARAS[4:8]))
    html = page(f"<main><article><h1>How to prune climbers</h1>{body}</article></main>")
    assert CAPTIONS[2] in text_of(html, ExtractOptions(clean_lines=False))
    text = text_of(html)
    for caption in CAPTIONS:
        assert caption not in text
    for para in PARAS[:8]:
        assert para in text


def test_numbers_that_do_not_count_slides_stay() -> None:
    """Dates written 11/06, scores, a list of three numbered 1/3 .. 3/3: not a gallery."""
    from archive.extract.line_clean import drop_slide_captions
    lines = ["11/06 The council met", "11/07 The ferry ran", "12/01 The bridge closed",
             "1/3 First point made", "2/3 Second point made", "3/3 Third point made",
             "1/9 One", "2/9 Two", "4/9 Four", "5/9 Five", "6/9 Six", "7/9 Seven"]
    assert drop_slide_captions(lines) == lines


def test_a_page_that_is_mostly_links_keeps_them() -> None:
    """A section page whose text is its headlines, each a link: the links are its text,
    not a list after it (more than TRAIL_LINK_SHARE of the text)."""
    from archive.extract.line_clean import TRAIL_LINK_SHARE, drop_trailing_links
    from archive.extract.html_text import parse_html
    heads = [f"Average cost of pruning climbers in {c}" for c in CITIES]
    tree = parse_html("<html><body><h1>Guides</h1><p>Our guides, town by town.</p>"
                      + "".join(f"<p><a href='/g/{n}'>{h}</a></p>" for n, h in enumerate(heads))
                      + "</body></html>")
    lines = ["Our guides, town by town."] + heads
    assert TRAIL_LINK_SHARE < 0.9
    assert drop_trailing_links(lines, tree) == lines
    assert drop_trailing_links([PARAS[0], *PARAS[1:6], *heads], tree) == PARAS[:6]

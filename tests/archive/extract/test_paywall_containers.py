"""A paywall's offer is a box; the container that holds the locked article is not.
Publishers that lock their text in the browser send it whole, inside containers named
for their paywall (Piano's "piano-inline-content", WordPress's premium content block):
the row keeps that text, its short lines too, and leaves out the offer."""

from __future__ import annotations

from archive.extract.document import extract_document

URL = "https://news.example/2024/02/14/dune-outfits-ranked"
BULLETS = ["She has worn many of her boldest looks while promoting the film since 2021.",
           "Here is how we would rank them from least to most daring."]
SHORT = ["She is a fashion superstar.",
         "From gala looks to street style, her outfits seem never to miss the mark."]
LONG = [f"Look {i}: at the premiere in the capital she wore a plum-coloured three-piece suit "
        "with floor-length trousers, a knee-length skirt on top and a long blazer, a look "
        "that her stylist said came straight from the designer's next collection." for i in range(12)]


def _page(body: str) -> bytes:
    return ("<html><head><title>Every outfit she wore, ranked</title>"
            "<meta property='og:type' content='article'></head><body><article>"
            "<h1>Every outfit she wore, ranked</h1>" + body + "</article></body></html>").encode()


def test_the_text_inside_a_paywall_vendors_content_container_is_kept_whole() -> None:
    body = ("<div class='story-intro'><div id='piano-inline-content-wrapper'>"
            "<div class='content-lock-content'><ul class='summary-list'>"
            + "".join(f"<li>{b}</li>" for b in BULLETS) + "</ul>"
            + "".join(f"<p>{p}</p>" for p in SHORT) + "</div></div></div>"
            + "".join(f"<p>{p}</p>" for p in LONG)
            + "<div class='piano-offer'><p>Subscribe to keep reading.</p></div>")
    doc = extract_document(_page(body), URL, "text/html; charset=utf-8").document
    assert doc is not None
    for line in BULLETS + SHORT + LONG:
        assert line in doc.text, line
    assert "Subscribe to keep reading" not in doc.text


def test_the_offer_of_a_premium_content_block_goes_its_locked_view_stays() -> None:
    body = ("".join(f"<p>{p}</p>" for p in LONG[:10])
            + "<div class='wp-block-premium-content-container'>"
            "<div class='wp-block-premium-content-logged-out-view entry-content'>"
            "<h3>Subscribe to get access</h3><p>Read more of this content when you subscribe "
            "today.</p></div><div class='wp-block-premium-content-logged-in-view'>"
            + "".join(f"<p>{p}</p>" for p in SHORT + LONG[10:]) + "</div></div>")
    doc = extract_document(_page(body), URL, "text/html; charset=utf-8").document
    assert doc is not None
    for line in SHORT + LONG:
        assert line in doc.text, line
    assert "Subscribe to get access" not in doc.text
    assert "when you subscribe today" not in doc.text

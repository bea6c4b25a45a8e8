"""A product page's text is its description and details, not the reviews buyers wrote
under them nor the carousel of other products (archive/extract/product_text.py)."""

from __future__ import annotations

import re

from archive.extract.document import extract_document
from archive.extract.product_text import product_text

DESCRIPTION = [
    "The Harbour kettle boils a full litre in under four minutes on any hob, gas, electric "
    "or induction, and its wide spout pours without dripping onto the counter.",
    "Its body is brushed stainless steel with a double wall, so the outside stays cool "
    "enough to touch while the water inside is boiling, and the handle folds flat.",
    "A whistle in the lid tells you the water is ready; lift the lever on the handle and "
    "the whistle opens for pouring, then closes again by itself when you let go.",
]
SPECS = ["Capacity: 1.0 litre", "Weight: 820 g", "Hobs: gas, electric, induction",
         "Material: stainless steel 18/10"]
REVIEWS = [
    ("Boils fast, looks great on the stove",
     "I have used it every morning for three months now and it still looks new, the "
     "whistle is loud enough to hear from the garden."),
    ("Handle gets warm on gas",
     "On my old gas cooker the handle gets warm if the flame is too high, otherwise a "
     "lovely kettle that my whole family likes to use."),
    ("Bought a second one for my mother",
     "She likes it so much that she asked for one in the same colour for her holiday "
     "flat by the sea, and it arrived within two days."),
]
OTHERS = ["Harbour teapot, 1.2 litres", "Harbour milk pan, 14 cm",
          "Harbour coffee press, 8 cups", "Harbour trivet, oak"]


def product_page() -> bytes:
    specs = "".join(f"<li>{s}</li>" for s in SPECS)
    description = "".join(f"<p>{p}</p>" for p in DESCRIPTION)
    reviews = "".join(
        f'<div class="review"><h4>{h}</h4><p>{t}</p><span>5 out of 5 stars</span></div>'
        for h, t in REVIEWS)
    others = "".join(f'<li><a href="/p/{i}">{o}</a><span>$24.00</span></li>'
                     for i, o in enumerate(OTHERS))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour stovetop kettle | Harbour Home</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Product",
 "name": "Harbour stovetop kettle", "offers": {{"@type": "Offer", "price": "49.00",
 "priceCurrency": "USD"}}}}</script></head><body>
<header><nav><a href="/">Home</a> <a href="/kitchen">Kitchen</a></nav></header>
<main><h1>Harbour stovetop kettle</h1><p class="price">$49.00</p>
<button>Add to cart</button>
<section class="description">{description}<ul>{specs}</ul></section>
<section id="customer-reviews"><h2>What our customers say</h2>{reviews}</section>
<section class="also-viewed"><h2>You may also like these</h2><ul>{others}</ul></section>
</main><footer><p>Harbour Home, 12 Quay Street</p></footer></body></html>""".encode()


def test_product_page_keeps_description_not_reviews() -> None:
    result = extract_document(product_page(), "https://shop.example/p/harbour-kettle",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None and doc.page_type == "product"
    for paragraph in DESCRIPTION:
        assert paragraph in doc.text
    for spec in SPECS:
        assert spec in doc.text
    for heading, review in REVIEWS:
        assert review not in doc.text
        assert heading not in doc.text


def test_blocks_kept_when_they_would_be_most_of_the_text() -> None:
    """Where the markup words mark the page's own container, nothing goes."""
    import lxml.html
    body = "".join(f"<p>{p}</p>" for p in DESCRIPTION)
    tree = lxml.html.fromstring(f'<html><body><div class="product-reviews-layout">{body}'
                                f"</div></body></html>")
    assert product_text(DESCRIPTION, tree) == DESCRIPTION


def test_reviews_written_between_line_breaks_go_too() -> None:
    """A review whose sentences are text between <br>s of one element: each line is that
    element's text node, and the element is in the reviews block."""
    sentences = [f"Sentence {n} of my review: the kettle {w} and I would buy it again "
                 f"for the whole family." for n, w in enumerate(
                     ["boils quickly", "pours well", "keeps cool"])]
    reviews = "".join(f'<div class="review"><div class="review-text">{"<br>".join(sentences)}'
                      f"</div></div>" for _ in range(1))
    page = re.sub(rb'<section id="customer-reviews">.*?</section>',
                  f'<section id="customer-reviews">{reviews}</section>'.encode(),
                  product_page(), flags=re.DOTALL)
    result = extract_document(page, "https://shop.example/p/harbour-kettle",
                              "text/html; charset=utf-8")
    doc = result.document
    assert doc is not None and doc.page_type == "product"
    for paragraph in DESCRIPTION:
        assert paragraph in doc.text
    for sentence in sentences:
        assert sentence not in doc.text

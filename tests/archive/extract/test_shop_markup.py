"""shop_markup reads a multi-megabyte page a piece at a time: str.lower of the whole of
a page with any non-ASCII character takes 12 bytes a character at once (about 60 MB for
a 5 MB page, the highest point of an extraction worker), and the answer stays the one
the whole lower-cased page gives, also for a sign that straddles a piece's end."""

from __future__ import annotations

import tracemalloc

from archive.extract import page_type
from archive.extract.page_type import shop_markup

PIECE = page_type._SHOP_PIECE


def whole(html: str) -> bool:
    lowered = html.lower()
    return any(part.search(lowered) is not None for part in page_type._SHOP_PARTS)


def test_a_big_page_is_lowered_a_piece_at_a_time() -> None:
    page = "<html><body>" + "<p>Café é</p>" * 250_000 + "<button>Add to Cart</button></body></html>"
    tracemalloc.start()
    try:
        found = shop_markup(page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found
    assert peak < 8_000_000, peak  # the page is 3.3 million characters


def test_signs_across_a_piece_end_are_found() -> None:
    for offset in range(PIECE - 12, PIECE + 4):
        for sign in ("<button> Add to Cart </button>", '<span itemprop="PRICE">',
                     "<meta property='og:price:amount' content='1'>"):
            page = "<p>é" + "x" * offset + sign + "</p>"
            assert shop_markup(page) == whole(page) is True
    # a sign whose spaces run over more than a piece: still one piece (cut at "<" only)
    page = "<p>ü</p><b>" + " " * (PIECE + 10) + "Buy now\n</b>" + "y" * PIECE
    assert shop_markup(page) == whole(page) is True
    page = "<p>ü</p>" + "z" * (3 * PIECE) + "<i>no sign</i>"
    assert shop_markup(page) == whole(page) is False

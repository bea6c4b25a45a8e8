"""shop_markup reads a multi-megabyte page a piece at a time: str.lower of the whole of
a page with any non-ASCII character takes 12 bytes a character at once (about 60 MB for
a 5 MB page, the highest point of an extraction worker), and the answer stays the one
the whole lower-cased page gives, also for a sign that straddles a piece's end. It
lowers the page's UTF-8 bytes, which changes ASCII letters alone: a button's non-ASCII
capitals are matched all the same."""

from __future__ import annotations

import tracemalloc

from archive.extract import page_type
from archive.extract.page_type import shop_markup

PIECE = page_type._SHOP_PIECE


def whole(html: str) -> bool:
    lowered = html.encode("utf-8").lower()
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


def test_buttons_in_capitals_and_with_no_break_spaces() -> None:
    for button in ("AÑADIR AL CARRITO", "Añadir al carrito", "THÊM VÀO GIỎ HÀNG", "Thêm vào giỏ",
                   "\u00a0Add to Cart\u00a0", "ADD TO BAG", "加入购物车", "In den Warenkorb"):
        assert shop_markup(f"<p>Ein Buch</p><button>{button}</button>"), button
    assert not shop_markup("<p>Add to cart the books you like, said the shop's owner.</p>")

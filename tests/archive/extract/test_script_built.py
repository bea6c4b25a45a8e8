"""A page its scripts build: the server sends the menus, header and footer around an
empty ``<main>``. Its text would be the frame's links and labels; it gets no row, and the
reason says why (``no_text``). A page with text of its own beside the same frame keeps it."""

from __future__ import annotations

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

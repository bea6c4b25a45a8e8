"""A page built by scripts whose posts are written into a <noscript> for readers without
scripts (archive/extract/page_signals.py): that content is the page's text."""

from __future__ import annotations

from archive.extract.document import extract_document

POSTS = [
    "I have rebuilt the gearbox of my old tractor twice now, and each time the third gear "
    "slips out after a few hours of work in the field. Has anyone seen this before?",
    "The selector fork is probably worn. Check the detent spring and ball as well: when "
    "the spring is weak the gear will not stay engaged under load, whatever you rebuild.",
    "Thanks, it was the spring. A new one cost two euros and the gear has held all week "
    "through ploughing and hauling logs from the wood behind the farm.",
]


def shell(noscript: str) -> bytes:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Third gear slips out - Tractor Forum</title></head><body>"
            "<div id='app'><header><a href='/'>Tractor Forum</a></header>"
            "<main><div id='content'></div><div id='loading'>Loading...</div>"
            "<noscript><p>This site is best viewed with JavaScript enabled.</p></noscript>"
            f"{noscript}</main></div>"
            "<script>window.app.boot()</script></body></html>").encode("utf-8")


def test_posts_written_into_a_noscript_are_the_text() -> None:
    posts = "".join(f"<article><h3>member{i}</h3><p>{p}</p></article>"
                    for i, p in enumerate(POSTS))
    result = extract_document(shell(f"<noscript id='content-fallback'><h1>Third gear slips "
                                     f"out</h1>{posts}</noscript>"),
                              "https://forum.example/d/42-third-gear-slips-out",
                              "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    assert POSTS[0] in result.document.text
    assert "best viewed with JavaScript" not in result.document.text


def test_a_small_noscript_beside_the_page_text_stays_out() -> None:
    body = "".join(f"<p>{p}</p>" for p in POSTS)
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Gears"
            "</title></head><body><article><h1>Gears</h1>" + body + "</article>"
            "<noscript><p>" + "Please enable JavaScript to see the comments. " * 12
            + "</p></noscript></body></html>").encode("utf-8")
    result = extract_document(page, "https://forum.example/gears", "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    assert "enable JavaScript" not in result.document.text

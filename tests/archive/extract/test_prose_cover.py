"""Where trafilatura kept one part of an article (its introduction and a box beside it)
and readability's text holds most of the page's prose, readability's text wins, even
though trafilatura's has lines readability's lacks (archive/extract/extract_policy.py
``_covers_more``)."""

from __future__ import annotations

import pytest
import trafilatura

from archive.extract.extract_policy import main_text

INTRO = [
    f"Part {n} of the guide to the winter ferry: from November to March the boats leave "
    f"the harbour every {n + 20} minutes on weekdays, and there are none after ten at "
    f"night, so riders who work late should plan to take the last bus instead."
    for n in range(2)]
PIERS = [
    f"Pier {n} sits at the end of the old quay; the ferry calls there on its way round "
    f"the bay, riders buy their tickets on board from the crew, and the waiting room "
    f"stays open and heated from the first boat of the morning to the last one at night."
    for n in range(8)]
BLURB = ("Jo Harbour writes about boats, bridges and buses for the city's guides and has "
         "ridden every ferry line of the bay at least once.")
URL = "https://ferry.example/guides/winter-ferry"


def intro_and_blurb(tree, **kwargs):  # type: ignore[no-untyped-def]
    """trafilatura's result on pages where it keeps the introduction and the author's
    blurb and drops the rest of the article (the guide's numbered items)."""
    class Doc:
        text = "\n".join([*INTRO, BLURB])
    return Doc()


def page() -> str:
    items = "".join(f"<div class='item'><h2>Pier {n}</h2><p>{p}</p></div>"
                    for n, p in enumerate(PIERS))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Winter ferry guide"
            "</title></head><body><nav><ul><li><a href='/'>Home</a></li></ul></nav>"
            "<article><h1>Winter ferry guide</h1>" + "".join(f"<p>{p}</p>" for p in INTRO)
            + items + f"</article><aside><p>{BLURB}</p></aside></body></html>")


def test_readability_text_holding_the_pages_prose_wins_over_a_part(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", intro_and_blurb)
    text, _meta, extractor = main_text(page(), URL)
    assert extractor == "readability"
    for part in [*INTRO, *PIERS]:
        assert part in text


def test_trafilatura_text_holding_the_prose_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same page, trafilatura's text holding every paragraph: nothing changes."""
    def whole(tree, **kwargs):  # type: ignore[no-untyped-def]
        class Doc:
            text = "\n".join([*INTRO, *PIERS, BLURB])
        return Doc()
    monkeypatch.setattr(trafilatura, "bare_extraction", whole)
    _text, _meta, extractor = main_text(page(), URL)
    assert extractor == "trafilatura"


def test_formulas_are_not_words_of_the_prose_blocks() -> None:
    """A MathML formula's TeX source (its <annotation>) is not shown, and neither
    extractor keeps a formula's symbols as words: a paragraph holding one is held by a
    text that has the paragraph's words."""
    import lxml.html

    from archive.extract.extract_policy import _held, _prose_words
    formula = ("<math><semantics><mrow><mi>A</mi><mo>=</mo><msup><mi>A</mi><mi>H</mi></msup>"
               "</mrow><annotation encoding='application/x-tex'>{\\displaystyle A=A^{H}}"
               "</annotation></semantics></math>")
    para = ("A square matrix is called Hermitian when it equals its own conjugate transpose, "
            "that is when {} holds, and every such matrix has real numbers on its diagonal.")
    tree = lxml.html.fromstring(f"<html><body><p>{para.format(formula)}</p></body></html>")
    blocks = _prose_words(tree)
    assert blocks and "displaystyle" not in blocks[0]
    assert _held(blocks, para.format("")) == (len(blocks[0].split()), len(blocks[0].split()))

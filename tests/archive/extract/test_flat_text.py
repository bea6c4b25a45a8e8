"""An article that an extractor returns flattened into one line (every paragraph run
together with the page's menus) gets readability's paragraphs instead
(archive/extract/extract_policy.py, ``_FLAT_MIN_WORDS``)."""

from __future__ import annotations

import pytest
import trafilatura

from archive.extract.document import extract_document
from archive.extract.extract_policy import main_text

PARAS = [
    f"Paragraph {n} of the report on the river survey: the team measured the water level, "
    f"the speed of the current and the temperature at {n + 3} points along the east bank, "
    f"and compared each figure with the ones taken at the same points ten years ago, when "
    f"the old weir still stood." for n in range(12)]
MENU = "Home News Sport Weather Contact Subscribe Log in"
PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>River survey</title></head>"
        f"<body><nav>{MENU}</nav><article><h1>River survey</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS) + "</article></body></html>")


def flat(tree, **kwargs):  # type: ignore[no-untyped-def]
    """trafilatura's result on pages where it returns the page's text as one line."""
    class Doc:
        text = " ".join([MENU, *PARAS])
    return Doc()


def test_a_text_flattened_into_one_line_gets_readabilitys_paragraphs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", flat)
    text, _meta, extractor = main_text(PAGE, "https://news.example/2024/05/river-survey")
    assert extractor == "readability"
    assert text.split("\n\n") == PARAS


def test_an_article_of_one_long_paragraph_stays_as_it_is() -> None:
    one = " ".join(PARAS)
    html = PAGE.replace("".join(f"<p>{p}</p>" for p in PARAS), f"<p>{one}</p>")
    result = extract_document(html.encode(), "https://news.example/2024/05/river-survey",
                              "text/html; charset=utf-8")
    assert result.document is not None
    assert result.document.text == one


def test_readability_runs_once_trafilatura_checked_its_text_with_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where trafilatura cut the article short, the news policy compares its text with
    readability's: the text trafilatura's own readability run gave (longer, so telling),
    not a second run of readability-lxml."""
    from archive.extract import extract_policy, trafilatura_watch

    real_extraction = trafilatura.bare_extraction

    def cut_short(tree, **kwargs):  # type: ignore[no-untyped-def]
        doc = real_extraction(tree, **kwargs)  # runs trafilatura's readability too
        doc.text = "\n".join(PARAS[:2])
        return doc

    runs: list[object] = []
    real = extract_policy.ReadabilityDocument

    def counted(*args: object, **kwargs: object) -> object:
        runs.append(args)
        return real(*args, **kwargs)

    # the text is cut after trafilatura's run, which held the page's prose and so had
    # no need of its readability port (extract_policy skips it then): the port runs here
    # as it does where trafilatura's own text is the short one
    class PortAlways(trafilatura_watch.Watched):
        port_needed = property(lambda self: None, lambda self, value: None)

    monkeypatch.setattr(trafilatura_watch, "Watched", PortAlways)
    monkeypatch.setattr(trafilatura, "bare_extraction", cut_short)
    monkeypatch.setattr(extract_policy, "ReadabilityDocument", counted)
    text, _meta, extractor = main_text(PAGE, "https://news.example/2024/05/river-survey")
    assert runs == []
    assert extractor == "trafilatura"
    assert text.split("\n\n") == PARAS

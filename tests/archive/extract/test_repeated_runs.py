"""A line written four times or more in a row is a gallery's or a grid's label, not the
article's (archive/extract/line_clean.py, drop_repeated_runs)."""

from __future__ import annotations

from archive.extract.document import extract_document
from archive.extract.line_clean import drop_repeated_runs

STORY = [
    "The storm that crossed the valley on Wednesday left the roads open and the trains "
    "running, and the worst of the holiday travel fears did not come true after all.",
    "Forecasters said the rest of the week would be dry and calm, with light winds along "
    "the coast and a little snow on the higher passes to the north of the valley.",
    "Airports reported few delays, and the ferry company said every crossing had left on "
    "time, although the evening boats were full and some passengers waited for hours.",
]


def test_a_gallerys_slide_titles_leave_the_text_its_story_stays() -> None:
    # the gallery's strip of thumbnails, each titled as the gallery is
    slides = "".join(f"<li><img src='/g{i}.jpg' alt=''><h3>Weather threatens holiday "
                     "plans</h3></li>" for i in range(6))
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Storm spares "
            "the holiday</title></head><body><article><h1>Storm spares the holiday</h1>"
            f"<p>{STORY[0]}</p><ul class='gallery'>{slides}</ul><p>{STORY[1]}</p>"
            f"<p>{STORY[2]}</p></article></body></html>").encode("utf-8")
    result = extract_document(page, "https://valley.example/2024/11/27/storm-spares-holiday",
                              "text/html")
    assert result.document is not None, result.reason
    text = result.document.text
    assert "Weather threatens holiday plans" not in text
    for paragraph in STORY:
        assert paragraph in text


def test_runs_shorter_than_four_and_single_words_stay() -> None:
    lines = ["Chorus line of the song", "Chorus line of the song", "Chorus line of the song",
             "Next", "|", "|", "|", "|", "Last line here"]
    assert drop_repeated_runs(lines) == lines
    assert drop_repeated_runs(["Sold out"] * 4 + ["Last line here"]) == ["Last line here"]
    # a paragraph of many words written so is the text's; a text of runs alone stays
    paragraph = "The council approved the new budget for the harbour on Monday. " * 4
    assert drop_repeated_runs([paragraph] * 5) == [paragraph] * 5
    assert drop_repeated_runs(["Sold out"] * 4) == ["Sold out"] * 4

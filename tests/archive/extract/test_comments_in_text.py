"""A page rendered on the server by a script framework carries comments inside its
text: Vue's ``<!--[-->`` ``<!--]-->`` around each rendered piece, React's ``<!--$-->``
around a suspended part, ``<!-- -->`` between interpolated values. A browser shows none
of them. The text steps read the page without comments and processing instructions,
as trafilatura's own parser gives it (archive/extract/extract_policy.py main_text);
with them left in the tree trafilatura dropped a heading whose text sat between two
of them. A page written for the project, through ``extract_document`` as the crawl
runs it."""

from __future__ import annotations

from archive.extract.document import extract_document

URL = "https://music.example/blog/why-adults-should-learn-music"
INTRO = ("Learning music offers benefits that extend well beyond playing the instrument "
         "itself, whatever the learner's age, and they begin in the first months.")
SECTIONS = [
    ("Cognitive benefits",
     "Learning to play an instrument trains memory and attention, and researchers who "
     "followed adult beginners for two years found gains in both that lasted after the "
     "lessons ended."),
    ("Social benefits",
     "Playing with others teaches listening: a band or a choir asks each member to follow "
     "the rest, to wait for a cue and to adjust the volume to the room and to the song."),
    ("Emotional benefits",
     "Music also gives a way to handle stress, and many adult learners say that half an "
     "hour at the piano after work does more for them than the same time spent on a "
     "screen."),
]
COSTS = [
    ("Lessons", "the teachers' guild's rates", ", about 40 euros an hour in the large "
     "cities, are the largest cost of the first year for most adult beginners."),
    ("Instruments", "a rental scheme", " lets a learner try a violin or a trumpet for a "
     "few months before buying one, and the rent is taken off the price."),
    ("Sheet music", "the public library's catalogue", " lends scores and method books for "
     "free, so the first year's music need not cost anything at all."),
]


def vue(text: str) -> str:
    """A piece of text as Vue's server renderer writes it: between fragment markers."""
    return f"<!--[-->{text}<!--]-->"


def page() -> bytes:
    body = f"<h1>Why adults should learn music</h1><p>{vue(INTRO)}</p>"
    for heading, text in SECTIONS:
        slug = heading.lower().replace(" ", "-")
        body += f"<h3 id='{slug}'><a href='#{slug}'>{vue(heading)}</a></h3><p>{vue(text)}</p>"
    body += "<h2>What it costs</h2><ol>" + "".join(
        f"<li><p><strong>{label}:</strong> <!--$--><a href='https://city.example/{label}'>"
        f"{linked}</a><!--/$-->{rest}</p></li>" for label, linked, rest in COSTS) + "</ol>"
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Why adults should learn music | Music Example</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/blog/'>Blog</a></nav><main><article>"
            f"{body}</article></main><footer><p>Music Example school, 3 Quay Street</p>"
            "</footer></body></html>").encode("utf-8")


def test_headings_and_paragraphs_between_framework_comments_are_kept() -> None:
    result = extract_document(page(), URL, "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    lines = result.document.text.split("\n\n")
    assert INTRO in lines
    for heading, text in SECTIONS:
        assert heading in lines, heading
        assert text in lines, text
    for label, linked, rest in COSTS:
        assert f"- {label}: {linked}{rest}" in lines, label
    assert "<!--" not in result.document.text

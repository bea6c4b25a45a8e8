"""Pages far larger than the dev sets' in one dimension: a paper of a physics
collaboration that declares thousands of authors. Every one of them is kept, in the
page's order (the time this takes is bench/scaling.py's, not a test's)."""

from __future__ import annotations

import json

from archive.extract.document import extract_document

STORY = ("<p>The collaboration reports the first measurement of the process at the new "
         "energy, with a significance of five standard deviations, from data taken over "
         "three years of running at the laboratory's largest accelerator.</p>") * 3


def test_thousands_of_declared_authors_are_all_kept_in_order() -> None:
    names = [f"Author{i} Surname{i}" for i in range(3000)]
    names.insert(10, names[3].upper())  # the same person twice, as some feeds write it
    ld = {"@context": "https://schema.org", "@type": "ScholarlyArticle",
          "headline": "A measurement at the new energy",
          "author": [{"@type": "Person", "name": n} for n in names]}
    page = ("<html><head><title>A measurement at the new energy</title>"
            f"<script type='application/ld+json'>{json.dumps(ld)}</script></head><body>"
            f"<article><h1>A measurement at the new energy</h1>{STORY}</article></body></html>")
    doc = extract_document(page.encode(), "https://physics.example/papers/2024/measurement",
                           "text/html; charset=utf-8").document
    assert doc is not None
    assert list(doc.authors) == [n for n in names if n != names[3].upper()]
    assert doc.author == "; ".join(doc.authors)

"""A forum thread's day is its first post's, not the day a member joined: the user block
beside each post ("Joined: 4. Jul 2012", "Member since", a game's "Founded:") comes
before the post's own day on phpBB and its kin, and the day under the headline or the
first dateline used to be the starter's join date (archive/extract/dates.py)."""

from __future__ import annotations

import pytest

from archive.extract.document import extract_document

POSTS = [
    ("sea_dog_42", "4. Jul 2012, 16:09", "2024-09-11T16:36:25+00:00", "11. Sep 2024, 18:36",
     "The morning ferry was late again today, twenty minutes at the north pier, and the "
     "operator's page still shows the old timetable for the winter weeks."),
    ("Marta.K", "19. Sep 2016, 16:52", "2024-09-12T08:05:00+00:00", "12. Sep 2024, 10:05",
     "Same here. I asked at the ticket office and they said the new boats need a longer "
     "turnaround at the south quay, so the times will change from next month."),
]


def thread(label: str, with_time: bool = True) -> bytes:
    posts = "".join(
        "<div class='post'><dl class='postprofile'><dt><a href='/memberlist.php?u=7' "
        f"class='username'>{name}</a></dt><dd class='profile-posts'><strong>Posts:</strong> "
        f"<a href='/search.php?author_id=7'>138</a></dd><dd class='profile-joined'>"
        f"<strong>{label}</strong> {joined}</dd></dl><div class='postbody'>"
        f"<p class='author'>by <strong>{name}</strong> &raquo; "
        + (f"<time datetime='{moment}'>{shown}</time>" if with_time else shown)
        + f"</p><div class='content'>{text}</div></div></div>"
        for name, joined, moment, shown, text in POSTS)
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Ferry late again - Harbour Forum</title></head><body>"
            "<div class='headerbar'><a href='/'>Harbour Forum</a></div>"
            "<h1><a href='/viewtopic.php?t=4411'>Ferry late again</a></h1>"
            f"<div class='topic'>{posts}</div>"
            "<div class='copyright'>Powered by phpBB</div></body></html>").encode("utf-8")


URL = "https://forum.harbour.example/viewtopic.php?t=4411"


@pytest.mark.parametrize("label", ["Joined:", "Member since", "Registered:", "Founded:"])
def test_the_first_posts_day_not_the_starters_join_date(label: str) -> None:
    document = extract_document(thread(label), URL, "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "forum"
    assert document.published == "2024-09-11"


def test_a_post_day_written_without_a_time_element() -> None:
    document = extract_document(thread("Joined:", with_time=False), URL,
                                "text/html; charset=utf-8").document
    assert document is not None
    assert document.published == "2024-09-11"


def test_a_registered_trademark_before_a_dateline_is_no_label() -> None:
    # "... is a registered trademark" ends a sentence; the "Last updated" line after it
    # is the page's own day
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Tide tables"
            "</title></head><body><main><h1>Reading the tide tables</h1><p>"
            + "The tables give the height of the water at each harbour twice a day. " * 6
            + "</p><div class='page-info'><p>Harbour Tides is a registered trademark.</p>"
            "<p>Last updated 2025-12-18 UTC.</p></div></main></body></html>").encode("utf-8")
    document = extract_document(page, "https://tides.harbour.example/guide/tables",
                                "text/html; charset=utf-8").document
    assert document is not None and document.published == "2025-12-18"

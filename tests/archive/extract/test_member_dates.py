"""A forum thread's day is its first post's, not the day a member joined: the user block
beside each post ("Joined: 4. Jul 2012", "Member since", a game's "Founded:") comes
before the post's own day on phpBB and its kin, where the day under the headline or the
first dateline would otherwise be the starter's join date (archive/extract/dates.py)."""

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


@pytest.mark.parametrize("block", [
    "<dl class='pairs'><dt>Joined</dt><dd>4 Jul 2012</dd></dl>",  # XenForo's user block
    "<p><strong><span>Joined:</span></strong> 4 Jul 2012</p>",
    "<p><b>Joined:</b><span>4 Jul 2012</span></p>",
])
def test_a_join_date_in_other_markup_is_no_dateline(block: str) -> None:
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Ferry late"
            "</title></head><body><div class='message-user'><a class='username'>sea_dog_42</a>"
            f"{block}</div><div class='message-content'><p>11 Sep 2024</p><p>"
            + POSTS[0][4] + "</p></div><footer><ul>"
            + "".join(f"<li><a href='/forums/{i}/'>Board {i}</a></li>" for i in range(12))
            + "</ul></footer></body></html>")
    document = extract_document(page.encode("utf-8"), URL, "text/html; charset=utf-8").document
    assert document is not None and document.published == "2024-09-11"


@pytest.mark.parametrize("line", ["Registered nurses walked out on 5 May 2024",
                                  "Founded in 1998 · Updated 5 May 2024"])
def test_a_label_word_in_a_line_of_its_own_is_no_members_day(line: str) -> None:
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Strike at the "
            "harbour hospital</title></head><body><main><h1>Strike at the harbour hospital</h1>"
            f"<p>{line}</p><p>" + "The nurses of the harbour hospital stopped work at dawn. " * 5
            + "</p><p>9 Jun 2024</p></main></body></html>")
    # (the line is the first day under the headline; a later one is a comment's)
    document = extract_document(page.encode("utf-8"), "https://news.harbour.example/strike",
                                "text/html; charset=utf-8").document
    assert document is not None and document.published == "2024-05-05"

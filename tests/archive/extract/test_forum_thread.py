"""A forum thread's author is the member who started it, by the name the forum shows
(archive/extract/forum_thread.py), not a quoted member, a signature or a sign-in link;
its title is the thread's, without the board's and forum's names."""

from __future__ import annotations

import json

import pytest

from archive.extract.document import extract_document

REPLIES = [
    "The morning ferry was late again today, twenty minutes at the north pier, and the "
    "operator's page still shows the old timetable for the winter weeks.",
    "Same here. I asked at the ticket office and they said the new boats need a longer "
    "turnaround at the south quay, so the times will change from next month.",
    "That matches what the council said at Tuesday's meeting: the timetable is being "
    "rewritten and the consultation runs until the end of the year.",
]


def thread(head: str = "", starter_block: str = "") -> bytes:
    posts = "".join(
        f"<article class='message message--post'><div class='message-user'>"
        f"<h4 class='message-name'><a href='/members/{name}.{i}/' class='username'>{name}</a>"
        f"</h4><h5 class='userTitle'>Member</h5></div><div class='message-content'>"
        + ("<blockquote class='bbCodeBlock--quote'><div class='bbCodeBlock-title'>"
           "Captain Ralston said:</div>The boats are fine.</blockquote>" if i == 2 else "")
        + f"<div class='bbWrapper'>{text}</div></div></article>"
        for i, (name, text) in enumerate(zip(["sea_dog_42", "Marta.K", "pier.watcher"],
                                             REPLIES, strict=True)))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Ferry late again | Harbour Forum</title>{head}</head><body>"
            "<header><a href='/'>Harbour Forum</a><a href='/login' class='username'>Sign in</a>"
            "</header><div class='p-body'><h1 class='p-title-value'>Ferry late again</h1>"
            f"{starter_block}<div class='block-body'>{posts}</div></div>"
            "<footer><p>Harbour Forum, a community of ferry users.</p></footer>"
            "</body></html>").encode("utf-8")


URL = "https://forum.harbour.example/threads/ferry-late-again.4411/"


def test_the_thread_starter_is_the_author_as_the_forum_writes_the_name() -> None:
    document = extract_document(thread(), URL, "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "forum"
    assert document.authors == ("sea_dog_42",)
    assert document.author == "sea_dog_42"


def test_microdata_name_in_a_meta_tag() -> None:
    block = ("<div class='question-meta'><div class='user-details' itemprop='author' "
             "itemscope itemtype='https://schema.org/Person'><a href='/users/7/tideline'>"
             "tideline</a><meta itemprop='name' content='tideline'>"
             "<span class='reputation'>1,655</span></div></div>")
    document = extract_document(thread(starter_block=block), URL,
                                "text/html; charset=utf-8").document
    assert document is not None and document.authors == ("tideline",)


def test_an_author_the_page_declares_stays() -> None:
    ld = json.dumps({"@context": "https://schema.org", "@type": "DiscussionForumPosting",
                     "headline": "Ferry late again", "author": {"@type": "Person",
                                                                "name": "Sea Dog"}})
    head = f"<script type='application/ld+json'>{ld}</script>"
    document = extract_document(thread(head=head), URL, "text/html; charset=utf-8").document
    assert document is not None and document.authors == ("Sea Dog",)


def test_a_qa_page_question_is_the_thread_s_first_post() -> None:
    ld = json.dumps({"@context": "https://schema.org", "@type": "QAPage", "mainEntity": {
        "@type": "Question", "name": "Ferry late again", "datePublished": "2026-02-11T08:10:00Z",
        "author": {"@type": "Person", "name": "tideline"}, "answerCount": 2}})
    head = f"<script type='application/ld+json'>{ld}</script>"
    document = extract_document(thread(head=head), URL, "text/html; charset=utf-8").document
    assert document is not None
    assert document.authors == ("tideline",) and document.published == "2026-02-11"


def test_an_faq_page_s_questions_are_not_its_headline() -> None:
    from archive.extract.structured import read_structured
    import lxml.html

    ld = json.dumps({"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": "When does the first ferry leave?",
         "acceptedAnswer": {"@type": "Answer", "text": "At a quarter past seven."}}]})
    tree = lxml.html.fromstring(f"<html><head><script type='application/ld+json'>{ld}</script>"
                                "</head><body><p>Timetable</p></body></html>")
    structured = read_structured(tree)
    assert structured.headline is None and structured.authors == []


@pytest.mark.parametrize("block", [
    # MyBB
    "<div class='author_information'><strong><span class='largetext'><a href='/user-7.html'>"
    "<span style='color: #41929e'>{name}</span></a></span></strong><br>"
    "<span class='smalltext'>Junior Member</span></div>",
    # FluxBB
    "<div class='postleft'><dl><dt><strong>{name}</strong></dt>"
    "<dd class='usertitle'><strong>Member</strong></dd><dd>Registered: 2024-05-02</dd></dl></div>",
])
def test_a_post_s_author_block(block: str) -> None:
    posts = "".join(
        f"<div class='post'>{block.format(name=name)}<div class='post_body'>{text}</div></div>"
        for name, text in zip(["harbour_pilot", "Marta.K"], REPLIES, strict=False))
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Ferry late again</title></head><body><h1>Ferry late again</h1>"
            f"<div id='posts'>{posts}</div></body></html>")
    document = extract_document(page.encode(), URL, "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "forum"
    assert document.authors == ("harbour_pilot",)


def test_a_post_s_own_header_holds_its_author() -> None:
    posts = "".join(
        f"<article class='post'><header><a class='username' href='/u/{name}'>{name}</a>"
        f"<time datetime='2026-02-1{i}'>Feb 1{i}</time></header><p>{text}</p></article>"
        for i, (name, text) in enumerate(zip(["harbour_pilot", "Marta.K"], REPLIES, strict=False)))
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Ferry late again</title></head><body><header><nav><a href='/login' "
            "class='username'>Sign in as guest_user</a></nav></header><main>"
            f"<h1>Ferry late again</h1>{posts}</main></body></html>")
    document = extract_document(page.encode(), URL, "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "forum"
    assert document.authors == ("harbour_pilot",)


def titled_thread(title: str, h1: str) -> bytes:
    page = thread().decode("utf-8")
    page = page.replace("<title>Ferry late again | Harbour Forum</title>", f"<title>{title}</title>")
    return page.replace("<h1 class='p-title-value'>Ferry late again</h1>", h1).encode("utf-8")


@pytest.mark.parametrize(("title", "h1", "expected"), [
    # the board's and the forum's names after the thread's title; the page's <h1> is the
    # forum's logo, or a board's heading
    ("Morning ferry late again this week / Timetables / Harbour Talk",
     "<h1>Harbour Talk</h1>", "Morning ferry late again this week"),
    ("Morning ferry late again this week - Timetables - Harbour Talk",
     "<h2>Morning ferry late again this week</h2>", "Morning ferry late again this week"),
    # a board's name or a year before the title: the title as it is
    ("Timetables - morning ferry late again - Harbour Talk", "",
     "Timetables - morning ferry late again"),
    # a thread whose own title holds a dash, as its heading shows
    ("Ferry app 2.1 - no timetable since update",
     "<h1>Ferry app 2.1 - no timetable since update</h1>",
     "Ferry app 2.1 - no timetable since update"),
    ("New ferry app - no timetable since update - Harbour Talk",
     "<h2>[SOLVED] New ferry app - no timetable since update</h2>",
     "New ferry app - no timetable since update"),
    # a middle dot inside a word is no separator
    ("Debat sobre la intel·ligència artificial al port", "",
     "Debat sobre la intel·ligència artificial al port"),
])
def test_a_threads_title_without_its_boards_and_forums_names(title: str, h1: str,
                                                             expected: str) -> None:
    document = extract_document(titled_thread(title, h1), URL, "text/html; charset=utf-8").document
    assert document is not None and document.page_type == "forum"
    assert document.title == expected

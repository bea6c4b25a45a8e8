"""A Discourse thread as Discourse sends it to a crawler. Discourse tells crawlers from
browsers by the User-Agent: one that names no browser engine (newsarchive's) gets the
thread's posts in the HTML, in schema.org microdata, with a table of related topics
under them; a browser gets the application's shell (tests/archive/extract/
test_script_built.py). The row is the posts, the thread's title, its starter and its
day, typed forum."""

from __future__ import annotations

from archive.extract.document import extract_document

URL = "https://talk.harbour.example/t/which-ferry-pass-for-a-family/1555"
TITLE = "Which ferry pass for a family of four?"
POSTS = [
    ("islander_jo", "2025-02-20T14:19:26Z", "February 20, 2025,  2:19pm",
     "<p>We are moving to the island in spring and the four of us will take the ferry "
     "twice a day. The monthly pass looks cheaper than ten-trip cards.</p><ul><li>Does it "
     "cover the children?</li><li>Does it cover the car?</li></ul>", 7),
    ("pier.watcher", "2025-02-21T09:02:11Z", "February 21, 2025,  9:02am",
     "<p>Children under twelve travel free with a pass holder, but the car needs its own "
     "vehicle pass, which the office sells by the quarter.</p>", 3),
    ("Marta.K", "2025-02-22T18:40:00Z", "February 22, 2025,  6:40pm",
     "<aside class='quote no-group' data-username='pier.watcher' data-post='2'><div "
     "class='title'>pier.watcher:</div><blockquote><p>a vehicle pass</p></blockquote></aside>"
     "<p>Ask for the resident's rate when you register your address: it takes a third off "
     "the vehicle pass for the whole year.</p>", 5),
]
RELATED = ["Winter timetable for the north pier", "Parking at the south quay",
           "Bikes on the early boat", "Lost property at the ticket office"]


def crawler_view() -> bytes:
    posts = "".join(
        f"<div id='post_{i}' "
        + ("itemprop='comment' itemscope itemtype='http://schema.org/Comment' " if i > 1 else "")
        + "class='topic-body crawler-post'><div class='crawler-post-meta'>"
        "<span class='creator' itemprop='author' itemscope itemtype='http://schema.org/Person'>"
        f"<a itemprop='url' rel='nofollow' href='/u/{user}'><span itemprop='name'>{user}</span>"
        f"</a></span><span class='crawler-post-infos'><time itemprop='datePublished' "
        f"datetime='{stamp}' class='post-time'>{shown}</time><meta itemprop='position' "
        f"content='{i}'></span></div><div class='post' itemprop='text'>{body}</div>"
        f"<div itemprop='interactionStatistic' itemscope><meta itemprop='userInteractionCount' "
        f"content='{likes}'><span class='post-likes'>{likes} Likes</span></div></div>"
        for i, (user, stamp, shown, body, likes) in enumerate(POSTS, 1))
    related = "".join(f"<tr><td><a href='/t/topic/{2000 + i}' class='title raw-topic-link'>"
                      f"{topic}</a></td><td>{4 + i}</td><td>Feb 2025</td></tr>"
                      for i, topic in enumerate(RELATED))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{TITLE} - Travel - Harbour Talk</title>"
        "<meta name='generator' content='Discourse 3.5.0 - https://github.com/discourse/discourse'>"
        "<meta property='og:site_name' content='Harbour Talk'>"
        "<meta property='og:type' content='website'>"
        f"<meta property='og:title' content='{TITLE}'>"
        "<meta property='article:published_time' content='2025-02-20T14:19:26+00:00'>"
        "</head><body class='crawler'><header><a href='/'><img src='/logo.png' "
        "alt='Harbour Talk'></a></header><div id='main-outlet' class='wrap' role='main'>"
        f"<div id='topic-title'><h1><a href='/t/which-ferry-pass-for-a-family/1555'>{TITLE}"
        "</a></h1><div class='topic-category' itemscope itemtype='http://schema.org/"
        "BreadcrumbList'><a href='/c/travel/2' itemprop='item'><span itemprop='name'>Travel"
        "</span></a></div></div><div itemscope itemtype='http://schema.org/"
        f"DiscussionForumPosting'><meta itemprop='headline' content='{TITLE}'>"
        "<meta itemprop='datePublished' content='2025-02-20T14:19:26Z'>"
        f"{posts}</div><div id='related-topics' role='complementary'><h3>Related topics</h3>"
        "<table class='topic-list'><thead><tr><th>Topic</th><th>Replies</th><th>Activity</th>"
        f"</tr></thead><tbody>{related}</tbody></table></div></div>"
        "<footer><nav class='crawler-nav'><ul><li><a href='/'>Home</a></li><li><a "
        "href='/categories'>Categories</a></li><li><a href='/guidelines'>Guidelines</a></li>"
        "<li><a href='/tos'>Terms of Service</a></li><li><a href='/privacy'>Privacy Policy"
        "</a></li></ul></nav><p class='powered-by-link'>Powered by <a href='https://www."
        "discourse.org'>Discourse</a>, best viewed with JavaScript enabled</p></footer>"
        "</body></html>").encode("utf-8")


def test_the_crawler_view_is_the_thread_s_posts() -> None:
    result = extract_document(crawler_view(), URL, "text/html; charset=utf-8")
    document = result.document
    assert document is not None, result.reason
    for opening in ("We are moving to the island in spring", "Does it cover the children?",
                    "Children under twelve travel free", "Ask for the resident's rate"):
        assert opening in document.text, opening
    for chrome in ("Related topics", *RELATED, "Likes", "Powered by", "Terms of Service",
                   "Travel - Harbour Talk"):
        assert chrome not in document.text, chrome


def test_the_crawler_view_s_title_starter_day_and_type() -> None:
    document = extract_document(crawler_view(), URL, "text/html; charset=utf-8").document
    assert document is not None
    assert document.title == TITLE
    assert document.authors == ("islander_jo",)
    assert document.published == "2025-02-20"
    assert document.page_type == "forum"
    assert document.extractor["name"] != "description"

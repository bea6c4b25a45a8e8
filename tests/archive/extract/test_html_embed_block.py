"""A site built with Webflow writes what its editor's "HTML embed" element holds in a
``<div class="w-embed">``: a table, paragraphs the author wrote in HTML. trafilatura
drops every element whose class says "embed" (it takes them for a third-party player
or post). Where the block holds the second half of an article, trafilatura kept the
first half, or its own fallback the block alone, without the first. The text steps
name a visible ``w-embed`` block that holds paragraphs or a table anew before the
extractors read it, on a page whose root says Webflow built it
(archive/extract/extract_policy.py main_text); a hidden one, and one that runs a
script (a tweet's embed code), stay as they were. A page written for the
project, through ``extract_document`` as the crawl runs it."""

from __future__ import annotations

from archive.extract.document import extract_document

URL = "https://dining.example/blog/tip-chart-and-guide"
INTRO = [
    "Deciding how much to tip can feel like solving a sum at the table, and the custom "
    "differs from a diner to a bar to a delivery at the door.",
    "This guide sets out the usual rates, explains where they come from and ends with a "
    "chart that does the arithmetic for the most common bills.",
    "A tip is a sum given to a server for the service, on top of the bill. In many "
    "countries it is a large part of what a waiter earns in a month, and the wages are "
    "set on the understanding that guests will add it.",
]
EMBEDDED = [
    "In a sit-down restaurant the usual tip is between fifteen and twenty per cent of the "
    "bill before tax, and more when the service went beyond what was asked.",
    "At a counter or a bar a smaller sum per drink or per order is the custom, because the "
    "server spends less time with each guest than a waiter does.",
    "For a delivery the tip goes to the driver, so it is worth checking whether the fee "
    "the app charges reaches the driver at all before deciding how much to add.",
    "When a group splits the bill, the tip is best worked out on the total and then "
    "shared, and many restaurants add a service charge for six guests or more.",
    "The usual custom is to tip on the amount before tax, although tipping on the total "
    "is generous and always welcome by the people who served the table.",
    "A survey of card payments last year found that guests at counters left a little "
    "under sixteen per cent on average and guests at tables a little under twenty, so "
    "the kind of service makes a difference that diners feel.",
    "Some restaurants include a service charge in every bill; where they do, a further "
    "tip is for service that went beyond the ordinary and is never expected.",
]
ROWS = [("Full-service restaurant", "15-20%"), ("Bar", "1-2 per drink"),
        ("Food delivery", "10-15%")]
# long enough that no line rule judges it: only the block's class can keep it out
HIDDEN = ("A block kept for the next redesign and hidden from every reader of this page, "
          "which says that the guide will soon cover the customs of other countries as well, "
          "with charts for each of them and a calculator that works out the tip in a few "
          "seconds for any bill and any number of guests at the table.")
TWEET = ("Just tried the new tipping screen at my local cafe and it asked for 30 percent "
         "before I had even ordered anything at all, which seems a lot for a coffee")


def page() -> bytes:
    intro = "".join(f"<p>{p}</p>" for p in INTRO)
    embedded = "".join(f"<p>{p}</p>" for p in EMBEDDED)
    table = ("<table><thead><tr><th>Where</th><th>Usual tip</th></tr></thead><tbody>"
             + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in ROWS)
             + "</tbody></table>")
    return ("<!DOCTYPE html><html data-wf-page='64fb40a4e8549558b53599ee' "
            "data-wf-site='5ec70e2719e95acb889006a3' lang='en'><head><meta charset='utf-8'>"
            "<title>Tip chart and guide | Dining Example</title></head><body>"
            "<div class='global-styles w-embed'><style>.nav{color:red}</style></div>"
            "<div class='navbar'><a href='/'>Home</a> <a href='/blog'>Blog</a></div>"
            "<div class='blog-container'><h1>Tip chart and guide</h1>"
            f"<div class='rich-text-block w-richtext'>{intro}"
            "<h2>The chart</h2>"
            f"<div class='w-embed'><style>td{{padding:2px}}</style>{table}"
            f"<h2>The customs</h2><div class='guide-body'>{embedded}</div></div></div>"
            f"<div class='hide w-embed'><p>{HIDDEN}</p></div>"
            "<div class='w-embed w-script'><blockquote class='twitter-tweet'>"
            f"<p>{TWEET}</p></blockquote><script src='https://platform.twitter.com/widgets.js'>"
            "</script></div></div>"
            "<div class='footer'><p>Dining Example, 12 Harbour Road</p></div>"
            "</body></html>").encode("utf-8")


def test_paragraphs_and_table_in_an_html_embed_block_are_kept() -> None:
    result = extract_document(page(), URL, "text/html; charset=utf-8")
    assert result.document is not None, result.reason
    text = result.document.text
    lines = text.split("\n\n")
    for paragraph in INTRO + EMBEDDED:
        assert paragraph in lines, paragraph
    for where, tip in ROWS:
        assert where in text and tip in text, where
    assert HIDDEN not in text
    assert TWEET not in text

"""Pages that are not articles whatever their og:type says: a topic page of teasers, a
shop's product and category pages, a forum on its own host, an index that is all
links. Pages written for the project."""

from __future__ import annotations

from archive.extract.document import extract_document

SUMMARY = ("The council met again on Tuesday to discuss the harbour works, which are now "
           "expected to finish in the spring after a winter of storms delayed the quay.")


def kind(html: str, url: str) -> str | None:
    result = extract_document(html.encode(), url, "text/html; charset=utf-8")
    assert result.document is not None, result
    return result.document.page_type


def shell(body: str, og: str = "article") -> str:
    return (f'<html><head><title>Harbour Daily</title><meta property="og:type" content="{og}">'
            f"</head><body>{body}</body></html>")


def test_topic_page_with_teasers_is_a_listing() -> None:
    teasers = "".join(f'<div><h3><a href="/2024/05/{i:02d}/harbour-story-{i}">Harbour story '
                      f'{i}</a></h3><p>{SUMMARY}</p></div>' for i in range(1, 9))
    assert kind(shell(f"<h1>Harbour</h1>{teasers}"),
                "https://harbourdaily.example/topic/harbour") == "listing"


def test_product_page_declaring_og_article_is_a_product() -> None:
    body = (f"<h1>Canvas sea bag, 40 litres</h1><p>{SUMMARY} {SUMMARY}</p>"
            f"<p>{SUMMARY}</p><span itemprop=\"price\">49.00</span>"
            "<button>Add to cart</button>")
    assert kind(shell(body), "https://shop.example/product/canvas-sea-bag-40") == "product"


def test_products_path_is_not_an_article() -> None:
    body = "<h1>Bike locks</h1>" + "".join(f"<p>{SUMMARY}</p>" for _ in range(6))
    assert kind(shell(body, og="website"), "https://locks.example/products/bike") == "product"


def test_thread_on_a_forum_host_is_a_forum() -> None:
    posts = "".join(f'<div class="post"><p>{SUMMARY} Reply {i}.</p></div>' for i in range(8))
    assert kind(shell(f"<h1>Harbour works delayed again?</h1>{posts}"),
                "https://forum.harbourfans.example/topic/harbour-works-delayed") == "forum"


def test_index_of_linked_summaries_is_a_listing() -> None:
    links = "".join(f'<p><a href="/n/{i}">{SUMMARY}</a></p>' for i in range(12))
    assert kind(shell(f"<h1>All the latest harbour news</h1>{links}", og="website"),
                "https://harbourdaily.example/list/1-10/all-latest-news.html") == "listing"

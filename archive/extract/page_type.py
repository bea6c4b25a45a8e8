"""What kind of page a page is, from many signals; none of them decides alone.

The taxonomy (the ``page_type`` of every corpus row):

- ``article``: one story, post or report (news, blog, feature, review, guide);
- ``liveblog``: a live blog (schema.org ``LiveBlogPosting``);
- ``forum``: a discussion thread or question-and-answer page;
- ``product``: a product or offer page of a shop;
- ``listing``: a section, tag, search or collection page: links to other pages;
- ``page``: anything else with main text (about, service, documentation pages).

Structured data that names the page's own type (JSON-LD, microdata) is taken
first; ``og:type`` counts only with text to match (real news sites declare
"website" on their articles, shops "article" on their products); the rest is
judged from the URL's shape, the text, its link density and whether a date and
an author were found. Measured on the WCXB dev set's labelled pages with
``bench/extraction.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .structured import Structured

__all__ = ["PAGE_TYPES", "ARTICLE_TYPES", "PageSignals", "classify_page", "url_looks_like_story",
           "url_looks_like_forum", "shop_markup", "parse_page_types", "declares_article"]

PAGE_TYPES = ("article", "liveblog", "forum", "product", "listing", "page")
# What a site crawl keeps by default.
ARTICLE_TYPES = frozenset({"article", "liveblog"})

_LIVEBLOG = {"liveblogposting"}
_FORUM = {"discussionforumposting", "qapage"}
_PRODUCT = {"product", "productgroup", "individualproduct", "productmodel"}
_LISTING = {"collectionpage", "searchresultspage"}
_ARTICLE = re.compile(r"(article|blogposting|^report|^posting)$")
_OG_PRODUCT = re.compile(r"^(og:)?product(\.item)?$|ebay-objects:item")
_OG_LISTING = {"product.group"}

# URL shapes of a single story: a date in the path (/2024/05/12/, /20240512/), a slug of
# four or more words, a numeric id of six or more digits, a file name (.html, .htm, .shtml).
_URL_DATE = re.compile(r"/(19|20)\d{2}[/-]?(0?[1-9]|1[0-2])([/-]?(0?[1-9]|[12]\d|3[01]))?(/|$|-)")
_URL_SLUG = re.compile(r"[^/]*\w+[-_]\w+[-_]\w+[-_]\w+[^/]*")
_URL_ID = re.compile(r"\d{6,}")
_URL_FILE = re.compile(r"\.s?html?$")
# A post's number after the word for posts: WordPress's "/archives/2562" permalink (the
# default of many Japanese blogs), Drupal's "/node/123", "/article/379018", "/stories/
# 3376705": a story however few its digits, where "/archives/" alone is a listing's path
# (and "/archives/2024" a year's)
_URL_NUMBERED = re.compile(r"/(archives?|posts?|articles?|story|stories|news|entry|entries|"
                           r"node)/(?!(?:19|20)\d\d$)\d{3,}$")
_URL_HOME = re.compile(r"/?(index\.\w+|home|[a-z]{2}(-[a-z]{2})?)?/?")
# A query that names one item: WordPress's plain permalinks ("/?p=123", the default of
# its installs), Joomla's article view ("index.php?option=com_content&view=article&
# id=45"), TYPO3's news extensions ("?tx_news_pi1[news]=42", "?tx_ttnews[tt_news]=9931"),
# and a numeric id under a key that names a story ("article.php?articleid=77",
# "?newsid=123"; not Joomla's "Itemid", a menu's entry on its listings too). Under the
# site's root or its index.php such a URL read as its home page: a site of plain
# permalinks had its posts typed listing, and a site crawl skipped them.
_QUERY_ITEM = re.compile(
    r"(?:^|&)(?:tx_news_pi1\[news\]|tx_ttnews\[tt_news\]|"
    r"(?:article|news|story|post|entry|content)_?id)=\d+(?=&|$)"
    r"|(?:^|&)view=article(?=&|$).*&id=\d|(?:^|&)id=\d.*&view=article(?=&|$)",
    re.IGNORECASE)
# WordPress's post: under the site's root or an index.php, or under a folder (a blog
# installed in "/blog/") with a post's number of three digits or more; elsewhere "p" is
# any page's number (a library guide's "c.php?g=934949&p=7515773", a section's second
# page "/news/?p=2")
_QUERY_POST = re.compile(r"(?:^|&)p=(\d+)(?=&|$)")
# ... and WordPress's static page ("/?page_id=12"): one page, if not a story
_QUERY_PAGE = re.compile(r"(?:^|&)page_id=\d+(?=&|$)", re.IGNORECASE)
# A script's query whose value is a story's slug: older CMSs route every story through
# one script ("scan.php?page=news_item&px=Steam-May-2019-Numbers", "article.php?title=
# bridge-closed-after-truck-crash"). Not a search's, a filter's or a campaign's value
# ("search.php?q=best-running-shoes-for-men", "utm_campaign=black-friday-sale-2024").
_URL_SCRIPT = re.compile(r"\.(?:php\d?|aspx?|cfm|jsp|cgi|pl)$", re.IGNORECASE)
_QUERY_NOT_STORY = re.compile(
    r"utm_\w*|q|s|query|\w*search\w*|keywords?|terms?|tags?|cat\w*|dept|departments?|"
    r"filters?|sort|order|section|topic|brand|collection|ref|source|campaign|route|c?path|"
    r"pagename", re.IGNORECASE)
# ... whose words are words: two of two letters or more, one with a letter no hex digit
# is, not an id's groups of hex digits ("6f9619ff-8b86-d011-b42d-00c04fc964ff"), nor a
# wiki's namespaced page ("Category:Towns_in_the_United_States")
_SLUG_WORD = re.compile(r"(?:^|[-_])([^\W\d_]{2,})(?=[-_]|$)")


def _slug_value(value: str) -> bool:
    words = _SLUG_WORD.findall(value)
    return (":" not in value and bool(_URL_SLUG.fullmatch(value)) and len(words) >= 2
            and any(re.search("[g-z]", word, re.IGNORECASE) for word in words))


_URL_PRODUCT = re.compile(r"/(products?|dp|gp/product|item|p)/[^/]+")
_URL_LISTING = re.compile(r"/(c|collections|categor(y|ies)|shop|store|browse|departments?|l|"
                          r"tags?|genres?|sections?|archives?|search|market)(/|$)")
# A section's own name as the last part of the path (/news, /blog/, /sections/science/,
# /topic/cloud, /page/3), or a list ("List_of_...").
_URL_SECTION = re.compile(r"/(news|blog|latest|articles|stories|posts|press|press-releases|"
                          r"media|events|videos|podcasts|all|page/\d+|sections/[\w-]+|"
                          r"topics?/[^/-]+(-[^/-]+)?)/?$"
                          r"|/list_of_|/lists?/")
# A list as its own page ("List_of_..."), whatever its markup says: encyclopedias declare
# Article on every entry, and the underscored title reads as a story's slug.
_URL_LIST_OF = re.compile(r"/list_of_")
# Forum and question-and-answer threads (phpBB, vBulletin, Discourse, Stack Exchange,
# Reddit, XenForo): where schema.org DiscussionForumPosting is missing.
_URL_FORUM = re.compile(r"/(forums?|threads?|t|questions|discussions?|community|"
                        r"comments|boards?)/|viewtopic\.php|showthread\.php|showtopic|"
                        r"/thread-\d|/r/\w+/comments/")
# A forum's own host name: forum.example.org, community.example.com.
_HOST_FORUM = re.compile(r"^(forums?|community|discuss|discourse|boards?)\.")


def parse_page_types(value: str | None) -> frozenset[str] | None:
    """EXTRACT_PAGE_TYPES: None when empty (the spider decides), every type for "all",
    else the comma-separated types; ValueError naming an unknown one."""
    value = (value or "").strip().lower()
    if not value:
        return None
    types = frozenset(t.strip() for t in value.split(",") if t.strip())
    if "all" in types:
        return frozenset(PAGE_TYPES)
    unknown = types - set(PAGE_TYPES)
    if unknown:
        raise ValueError(f"unknown page types {', '.join(sorted(unknown))}; expected all, "
                         f"or page types among {', '.join(PAGE_TYPES)}")
    return types


@dataclass(frozen=True)
class PageSignals:
    structured: Structured
    url: str | None
    text_units: float  # of the extracted main text
    link_density: float  # of the whole body
    has_date: bool
    has_author: bool
    article_elements: int  # <article> elements on the page
    long_paragraphs: int = 0  # <p> elements or lines of text of 20 words or more
    headline_links: int = 0  # h2-h4 headings that are links, or links holding one: teasers
    shop: bool = False  # an add-to-cart button or a price in the markup (shop_markup)
    teaser_share: float = 0.0  # of the main text in rows of linked headlines (page_signals.py)
    table_share: float = 0.0  # of the main text in a data table's rows (page_signals.py)
    # of the main text in lines that end a sentence ("." "?" "。"...; asked under
    # LITTLE_TEXT_UNITS only)
    sentence_share: float = 0.0


# A folder's own page ("index.html", "home.htm"): the folder's address (_story_path)
_URL_INDEX_PAGE = re.compile(r"/(?:index|default|home|main)\.s?html?$", re.IGNORECASE)


def _one_story(last: str) -> bool:
    """A URL's last segment that names one story: a slug, an id, a file."""
    return bool(_URL_SLUG.fullmatch(last) or _URL_ID.search(last) or _URL_FILE.search(last))


# A language's code that ends a story's URL after its slug ("/news/898682/slug/ar")
_URL_LANGUAGE = re.compile(r"/[a-z]{2}(?:[-_][a-z]{2})?$", re.IGNORECASE)


def _story_path(url: str | None) -> str:
    """The URL's path, its percent-escapes decoded ("/%D8%B4%D8%B9%D8%B1-..."), without
    its end's slash and a language's code after the slug."""
    path = unquote(urlsplit(url or "").path).rstrip("/")
    # a folder's index page is the folder's ("/posts/moving-to-quarto/index.html")
    path = _URL_INDEX_PAGE.sub("", path)
    bare = _URL_LANGUAGE.sub("", path)
    return bare if bare.count("/") >= 2 else path


def _names_an_item(url: str | None, pages: bool = False) -> bool:
    """Whether the URL's query names one story (_QUERY_ITEM, _QUERY_POST under a root or
    an index.php, a story's slug after a script: _URL_SCRIPT); with ``pages``, or one
    static page (_QUERY_PAGE)."""
    parts = urlsplit(url or "")
    query = unquote(parts.query)
    if not query:
        return False
    if _QUERY_ITEM.search(query) or (pages and _QUERY_PAGE.search(query)):
        return True
    if _URL_SCRIPT.search(parts.path) and any(
            _slug_value(value) and not _QUERY_NOT_STORY.fullmatch(key)
            for key, _, value in (pair.partition("=") for pair in query.split("&"))):
        return True
    post = _QUERY_POST.search(query)
    if post is None:
        return False
    return (parts.path in ("", "/") or parts.path.endswith("/index.php")
            or (parts.path.endswith("/") and len(post[1]) >= 3))


def url_looks_like_story(url: str | None) -> bool:
    path = _story_path(url)
    return (bool(_URL_DATE.search(path + "/")) or _one_story(path.rsplit("/", 1)[-1])
            or bool(_URL_NUMBERED.search(path.lower())) or _names_an_item(url))


def _names_a_story(url: str | None) -> bool:
    """A URL whose last segment names one story, not a date's archive ("/2024/05/",
    "/2024/05/03/page/2/"); a short slug under a date ("/2009/12/23/winter-am-hafen/")
    counts too."""
    path = _story_path(url)
    last = path.rsplit("/", 1)[-1]
    return _one_story(last) or ("-" in last and any(c.isalpha() for c in last)
                                and bool(_URL_DATE.search(path + "/")))


# Paragraphs of 20 words or more an article has at least (WCXB dev set: 90% of articles
# have 7 or more; the median listing, collection, product or forum page 3 to 5).
LONG_PARAGRAPHS = 5
# Linked headlines (teasers) a listing has at least; 90% of WCXB dev articles have 12 or
# fewer (their "related" boxes), listings and collections with text of their own more.
TEASERS = 25


# The share of a page's text in links above which it is a listing whatever its length:
# no WCXB dev article is above 0.85, 7 listings and collections with 300 or more text
# units are.
LINKS_ONLY = 0.85
# A dated story's URL with this much text is a post, however short (a photo post's
# caption, a paywalled story's opening paragraph), where its text holds the page's prose
SHORT_POST_UNITS = 20
# A page that declares itself an article, with its day, and this much text is a brief
# (_brief); detect_language's least. From BRIEF_MAX_UNITS on, the rules for articles of
# some length decide (og:type or JSON-LD with an author, one <article>, a story's URL).
BRIEF_UNITS = 5
BRIEF_MAX_UNITS = 50
# Under this many text units a page whose text is mostly links is a listing (a page of
# headlines), unless it declares itself a story with its day (_brief: a story of a few
# paragraphs in a frame of menus, "most read" boxes and footer links is one too)
LITTLE_TEXT_UNITS = 300
# The share of its text in lines that end a sentence a story of BRIEF_MAX_UNITS or more
# in such a frame has at least (a list of teasers' headlines has little)
FRAMED_STORY_SENTENCES = 0.5
# Paragraphs of 20 words or more a brief's page may hold outside its text: a cookie
# notice's, a footer's blurb about the paper
BRIEF_OTHER_PARAGRAPHS = 3
# The share of a page's text in links above which a page with no date, no author, no
# article markup and no story's URL is a list of links (a catalogue, a directory): WCXB
# dev, no article is.
LINKS_UNDATED = 0.46
# The share of the main text in teasers (short linked headlines in rows) above which a
# page with no date is a listing: WCXB dev, no article is.
TEASER_SHARE = 0.3
# The share of the main text in a data table's rows (short rows of three cells or more)
# above which a page with no date is a table of data (standings, a ranking, a list of
# publications), not an article: WCXB dev, undated pages typed article before have 0.66
# and less (0.87 an article with a date), two such listings 0.86 and 0.93; cleaneval,
# 5 pages (job and product lists, a page not found, a song's comments page).
TABLE_SHARE = 0.8


# "Add to cart" as a button's whole text, or a price in microdata or Open Graph: on 74%
# of WCXB dev product pages, 22% of collections, 1.4% of articles. Matched in the page's
# UTF-8 bytes, lower-cased: bytes.lower changes ASCII letters alone, in one pass of a
# table (str.lower looks up every character's case: 1.4 ms of the 2.4 a page took on
# Readability's test set), so a button's non-ASCII capitals are written out ("AÑADIR",
# "THÊM VÀO GIỎ"). With re.IGNORECASE the search took 10 ms a page (WCXB dev); as three
# searches, each starting with a literal that the regex engine skips to, far less.
# ASCII white space or a no-break space (its two bytes: one class, as the alternation
# of the two took longer at each ">" of the page; no keyword can follow a stray one)
_SPACE = rb"[\s\xc2\xa0]*"
_SHOP_PARTS = (
    re.compile(rb">" + _SPACE + "(add[ -]to[ -](cart|bag|basket)|buy now|in den warenkorb|"
               "ajouter au panier|a(?:ñ|Ñ)adir al carrito|th(?:ê|Ê)m v(?:à|À)o gi(?:ỏ|Ỏ)( h(?:à|À)ng)?|"
               "加入购物车|カートに入れる)".encode() + _SPACE + rb"<"),
    re.compile(rb"itemprop=[\"']price[\"']"),
    re.compile(rb"property=[\"'](product|og):price:amount"))


# A multi-megabyte page is lowered a piece at a time. Each piece ends just after a "<",
# the next starts on it: no match of the parts above holds a "<" but as its last
# character, nor starts with one, so every match lies whole in one piece.
_SHOP_PIECE = 1 << 18


def shop_markup(html: str) -> bool:
    data = html.encode("utf-8", "surrogatepass")
    start, size = 0, len(data)
    while start < size:
        end = data.find(b"<", start + _SHOP_PIECE) if size - start > _SHOP_PIECE else -1
        lowered = data[start:end + 1 if end >= 0 else size].lower()
        if any(part.search(lowered) is not None for part in _SHOP_PARTS):
            return True
        start = end if end >= 0 else size
    return False


def url_looks_like_forum(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return bool(_URL_FORUM.search(parts.path.lower())
                or _HOST_FORUM.match((parts.hostname or "").removeprefix("www.")))


def url_kind(url: str | None) -> str | None:
    """"listing" for a home, section, category or shop-collection URL; "product" for a
    shop's item URL; None when the URL does not tell."""
    path = urlsplit(url or "").path.lower()
    if _names_an_item(url, pages=True):
        return None  # "/?p=123": one post under the root's path, not the home page
    if _URL_HOME.fullmatch(path) or _URL_SECTION.search(path):
        return "listing"
    if _URL_PRODUCT.search(path):
        return "product"
    if _URL_LISTING.search(path):
        return "listing"
    return None


def declares_article(structured: Structured) -> bool:
    """JSON-LD or microdata names the page an article, a blog posting or a report."""
    return any(_ARTICLE.search(t) for t in structured.types)


def _brief(s: PageSignals) -> bool:
    """A news brief (a few lines, a photo's caption, a video's summary), or a story of a
    few paragraphs in a heavy frame of links, under LITTLE_TEXT_UNITS: a page that
    declares itself an article, with a day found for it, which is the story's by its
    byline, its one <article> element or its address, and whose text, however short,
    holds the page's prose (each paragraph of 20 words or more on the page could be in
    it, a cookie notice's and a footer's aside: not a list of teasers whose text the
    extractor missed). Typed by its length, it was a listing, and a site crawl skipped
    it. Not on a section's, a tag's or a home page's address. On an address that names a
    story (a slug of four words, an id, a file, a post's number, a dated slug), its
    og:type, its microdata or its JSON-LD may declare it; on another, only its JSON-LD's
    news article (NewsArticle and its kinds): WordPress declares og:type article on its
    static pages too, with their day and their author ("/about-us/"), plugins a generic
    Article, and a tag's or a section's page writes microdata on each teaser."""
    if url_kind(s.url) is not None and not url_looks_like_story(s.url):
        return False
    story = (_names_a_story(s.url) or _names_an_item(s.url)
             or bool(_URL_NUMBERED.search(_story_path(s.url).lower())))
    if story:
        declared = s.structured.og_type == "article" or declares_article(s.structured)
    else:
        declared = any("newsarticle" in t for t in s.structured.article_types)
    # from BRIEF_MAX_UNITS on, a story's text is sentences, where a section's page that
    # declares a NewsArticle holds its teasers' headlines
    if s.text_units >= BRIEF_MAX_UNITS and s.sentence_share < FRAMED_STORY_SENTENCES:
        return False
    return (declared and s.has_date
            and BRIEF_UNITS <= s.text_units < LITTLE_TEXT_UNITS and s.article_elements < 4
            and s.long_paragraphs <= max(BRIEF_OTHER_PARAGRAPHS, int(s.text_units) // 20)
            and (s.has_author or s.article_elements == 1 or story))


def classify_page(s: PageSignals) -> str:
    types = set(s.structured.types)
    og = s.structured.og_type or ""
    declared_article = declares_article(s.structured)
    if types & _LIVEBLOG:
        return "liveblog"
    if types & _FORUM or (not declared_article and url_looks_like_forum(s.url)):
        return "forum"
    # a review or buying guide carries Product markup for what it reviews
    if (types & _PRODUCT or _OG_PRODUCT.search(og)) and not (
            declared_article and s.text_units >= 300):
        return "product"
    # a story whose page declares its collection too (El País: NewsArticle beside
    # CollectionPage and ItemList in one graph)
    story = declared_article and s.text_units >= 300 and s.long_paragraphs >= LONG_PARAGRAPHS
    if (types & _LISTING or og in _OG_LISTING) and not story:
        return "listing"
    if s.shop and not declared_article and (og != "article" or url_kind(s.url) == "product"):
        return "product"  # shops declare og:type article on their product pages too
    if _URL_HOME.fullmatch(urlsplit(s.url or "").path.lower()) and not _names_an_item(
            s.url, pages=True):
        return "listing"  # a home page, whatever its markup says of the posts it lists
    path = urlsplit(s.url or "").path.lower()
    if _URL_LIST_OF.search(path):
        return "listing"
    if not declared_article and (
            # schema.org ItemList as the page's own entity, with many linked headlines or
            # no date: a list of items, not a story that has one
            ("itemlist" in types and (not s.has_date or (
                s.headline_links >= TEASERS and s.headline_links > s.long_paragraphs)))
            # no date, and its main text largely teasers
            or (not s.has_date and s.teaser_share >= TEASER_SHARE)
            # no date, no author, nothing saying article, not a story's URL, and nearly
            # half its text links (an old story's page in a frame of links has its URL)
            or (not s.has_date and not s.has_author and og != "article"
                and s.link_density >= LINKS_UNDATED and not url_looks_like_story(s.url))):
        return "listing"
    if not declared_article and not s.has_date and s.table_share >= TABLE_SHARE:
        return "listing" if s.link_density > 0.4 else "page"
    # og:type "article" does not outweigh a section's URL: news sites declare it on their
    # section and topic pages, shops on their categories
    by_url = None if declared_article else url_kind(s.url)
    if by_url == "product" and og == "article":
        by_url = None  # "/p/slug" is a blog post's URL as often as a shop item's
    if by_url is not None and not url_looks_like_story(s.url):
        return by_url
    if (s.headline_links >= TEASERS and s.headline_links > s.long_paragraphs
            and not declared_article and og != "article"
            # a story's page with its dated, signed story and a long thread of comments
            # whose titles are links
            and not (s.has_date and s.has_author and url_looks_like_story(s.url))):
        return "listing"
    if _brief(s):
        return "article"
    # Mostly links, or many <article> teasers, and little text of its own: a listing
    # whatever it declares.
    if ((s.link_density > 0.5 or s.article_elements >= 4) and s.text_units < LITTLE_TEXT_UNITS
            and not url_looks_like_story(s.url)):
        return "listing"
    # Nearly all links, however long: an index of headlines with their summaries linked;
    # not a dated story's URL that declares og:type article (a portal's short story in
    # its frame of links: Lifehacker Japan, Asahi's paywalled opening)
    if s.link_density > LINKS_ONLY and not declared_article and not (
            og == "article" and s.has_date and url_looks_like_story(s.url)):
        return "listing"
    if declared_article and s.text_units >= BRIEF_MAX_UNITS:
        return "article"
    # Prose of its own, or a story's URL or og:type with some text: an article. A user
    # who lists article URLs expects rows; which of them are service or documentation
    # pages the signals here cannot tell (docs/benchmarks.md has the confusion figures).
    prose = s.long_paragraphs >= LONG_PARAGRAPHS
    if s.text_units >= 150 and s.link_density < 0.5 and prose:
        return "article"
    # Without a story's URL, a short text (under 150 text units) is an article only with
    # og:type article and an author, or og:type article and one <article> element (the
    # story's own): og:type alone, or a date and an author alone, a course's, a
    # profile's or a place's page has too.
    short = s.text_units < 150
    story_url = url_looks_like_story(s.url)
    # a dated story's URL with a short text that holds the page's prose (each paragraph
    # of 20 words or more on the page could be in it): a short post, a paywalled
    # story's opening; not a thread whose posts the extractor missed
    short_post = (_names_a_story(s.url) and s.has_date and s.text_units >= SHORT_POST_UNITS
                  and s.long_paragraphs <= max(1, s.text_units // 20))
    if (s.text_units >= BRIEF_MAX_UNITS or short_post) and (story_url
                               or (og == "article" and (s.has_author or not short
                                                        or s.article_elements == 1))
                               or (s.has_date and s.has_author and not short)) and (
            prose or short or s.long_paragraphs >= 2
            # a post written a sentence a line (Chinese and Japanese blogs often are):
            # no line is long, but a story's URL, og:type article, a date and an author
            # all say what it is
            or (story_url and og == "article" and s.has_date and s.has_author)):
        return "article"
    return "listing" if s.link_density > 0.4 else "page"

"""Build the fixture news site: ``python tests/sites/build.py`` rewrites newsfixture/.

Four publishers modelled on the pages in source/ (shared/reference): two
Vietnamese (a VnExpress-like portal with "Tin liên quan" / "Cùng chuyên mục"
lists, a WordPress site with "Recent Posts" and an author box), a Chinese
aggregator with a huge source menu and "Read full story on ...", and an
English paper. Each article's expected clean text is written beside it, and
site.json lists every page with how the server must serve it.
Deterministic: the same code gives the same bytes.
"""

from __future__ import annotations

import html
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import textgen  # noqa: E402

OUT = Path(__file__).parent / "newsfixture"
ARTICLES_PER_SITE = 8


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def links(items: list[tuple[str, str]], cls: str = "") -> str:
    return "".join(f'<li class="{cls}"><a href="{esc(h)}">{esc(t)}</a></li>' for h, t in items)


def paras(texts: list[str]) -> str:
    return "".join(f"<p>{esc(t)}</p>\n" for t in texts)


# --------------------------------------------------------------------------- tintuc (vi)
TINTUC_MENU = ["Trang chủ", "Thời sự", "Góc nhìn", "Thế giới", "Kinh doanh", "Bất động sản",
               "Khoa học", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục", "Sức khỏe",
               "Đời sống", "Du lịch", "Số hóa", "Xe", "Ý kiến", "Tâm sự", "Thư giãn"]
# Inside the article body on every page: extractors keep it; only the site template removes it.
# Its paragraph carries no class that marks it as a box: only the site template finds it.
TINTUC_PROMO = "Mời quý độc giả theo dõi Tin Tức Thế Giới trên Google News để cập nhật tin nhanh nhất"
# A quote two articles of one site share: repeated once, it is article text and must stay.
SHARED_QUOTE = ("“Chúng tôi sẽ tiếp tục đối thoại với tất cả các bên liên quan để tìm ra giải pháp "
                "lâu dài cho khu vực,” người phát ngôn nói trong cuộc họp báo thường kỳ.")
TINTUC_FOOTER = ["Phiên bản di động", "Báo tiếng Việt nhiều người xem nhất",
                 "Thuộc Bộ Khoa học và Công nghệ", "Số giấy phép: 548/GP-BTTTT",
                 "© Bản quyền thuộc về Tin Tức Thế Giới"]


def tintuc_article(a: dict, related: list[tuple[str, str]], same: list[tuple[str, str]],
                   other: list[tuple[str, str]]) -> tuple[str, list[str]]:
    menu = [("/", m) for m in TINTUC_MENU]
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{esc(a['title'])} - Tin Tức Thế Giới</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a['title'])}">
<meta property="og:site_name" content="Tin Tức Thế Giới">
<meta property="article:published_time" content="{a['published']}T08:30:00+07:00">
<meta name="author" content="{esc(a['author'])}">
<link rel="canonical" href="{a['path']}">
</head><body>
<header class="top-header"><div class="logo"><a href="/">Tin Tức Thế Giới</a></div>
<nav class="main-nav"><ul>{links(menu)}</ul></nav>
<div class="search"><form action="/tim-kiem"><input name="q" placeholder="Tìm kiếm"></form></div>
</header>
<div class="container">
<ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="/the-gioi/">Thế giới</a></li></ul>
<article class="fck_detail">
<h1 class="title-detail">{esc(a['title'])}</h1>
<span class="date">Thứ hai, {a['published']} 08:30 (GMT+7)</span>
<p class="description">{esc(a['paragraphs'][0])}</p>
{paras(a['paragraphs'][1:])}<p class="note"><em>{esc(TINTUC_PROMO)}</em></p>
<p class="author_mail"><strong>{esc(a['byline'])}</strong></p>
</article>
<section class="box-tinlienquan"><h3>Tin liên quan</h3><ul>{links(related)}</ul></section>
<section class="box-cungchuyenmuc"><h3>Cùng chuyên mục</h3><ul>{links(same)}</ul></section>
<section class="box-tinkhac"><h3>Tin khác</h3><ul>{links(other)}</ul>
<a class="xemthem" href="/the-gioi/">Xem thêm</a></section>
</div>
<footer><ul>{''.join(f'<li>{esc(f)}</li>' for f in TINTUC_FOOTER)}</ul></footer>
<script>window.dataLayer=[{{"page":"article"}}];</script>
</body></html>
"""
    clutter = (TINTUC_MENU + TINTUC_FOOTER + [TINTUC_PROMO, "Tin liên quan", "Cùng chuyên mục", "Tin khác",
                                               "Xem thêm"] + [t for _, t in related + same + other])
    return page, clutter


# --------------------------------------------------------------------------- vnpost (vi)
VNPOST_MENU = ["Trang chủ", "Chính trị", "Quốc tế", "Kinh tế", "Văn hóa", "Công nghệ", "Liên hệ"]


def vnpost_article(a: dict, recent: list[tuple[str, str, str]]) -> tuple[str, list[str]]:
    recent_html = "".join(
        f'<li><a href="{esc(h)}">{esc(t)}</a><p class="excerpt">{esc(x)}</p>'
        f'<span class="time">{(i % 6) + 5} giờ ago</span></li>' for i, (h, t, x) in enumerate(recent))
    page = f"""<!DOCTYPE html>
<html lang="vi-VN"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(a['title'])} &#8211; Việt Báo Quốc Tế</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Việt Báo Quốc Tế">
<meta property="article:published_time" content="{a['published']}T10:15:00+00:00">
</head><body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead"><p class="site-title"><a href="/">Việt Báo Quốc Tế</a></p>
<nav id="site-navigation"><ul id="primary-menu">{links([("/", m) for m in VNPOST_MENU])}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">
<article class="post type-post status-publish format-standard">
<header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{a['published']}T10:15:00+00:00">{a['published']}</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/{a['slug_author']}/">{esc(a['author'])}</a></span></span></div>
</header>
<div class="entry-content">
{paras(a['paragraphs'])}<p style="text-align: right;"><strong>{esc(a['byline'])}</strong></p>
</div>
<footer class="entry-footer"><div class="author-box"><div class="author-avatar"><img src="/avatar.png" alt=""></div>
<div class="author-info"><span class="published-by">Published by</span>
<h4 class="author-title">{esc(a['author'])}</h4></div></div></footer>
</article></main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">
<h2 class="widget-title">Recent Posts</h2><ul>{recent_html}</ul></section></aside>
</div>
<footer id="colophon"><div class="site-info">Copyright © 2024 Việt Báo Quốc Tế. All rights reserved.</div></footer>
</div></body></html>
"""
    clutter = (VNPOST_MENU + ["Recent Posts", "Published by",
                              "Copyright © 2024 Việt Báo Quốc Tế. All rights reserved."]
               + [t for _, t, _ in recent] + [x for _, _, x in recent]
               + [f"{i} giờ ago" for i in range(5, 11)])
    return page, clutter


# --------------------------------------------------------------------------- newshub (zh aggregator)
def newshub_menu() -> tuple[str, list[str]]:
    lines = (SOURCE_LINES := (textgen.SOURCE / "zh-aggregator-with-nav-clutter.txt")
             .read_text(encoding="utf-8").splitlines()[:112])
    del SOURCE_LINES
    items = [line.strip().lstrip("•").strip() for line in lines if line.strip()]
    dialog = "".join(f"<p class='dialog-line'>{esc(i)}</p>" for i in items[:14])
    menu = "".join(f"<li><a href='/?q={esc(i)}'>{esc(i)}</a></li>" for i in items[14:])
    return (f"<div id='settings' class='modal'>{dialog}</div>"
            f"<nav id='megamenu'><ul>{menu}</ul></nav>"), items


def newshub_article(a: dict, more: list[tuple[str, str]], charset: str) -> tuple[str, list[str]]:
    menu_html, menu_items = newshub_menu()
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{esc(a['title'])} | NewsHub</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="NewsHub">
<meta name="description" content="{esc(a['paragraphs'][0][:80])}">
</head><body>
<header><a class="brand" href="/">NewsHub</a>{menu_html}</header>
<main><div class="story">
<h1 class="story-title">{esc(a['title'])}</h1>
<div class="story-card"><h2 class="story-title-repeat">{esc(a['title'])}</h2>
<div class="story-source"><span class="source">{esc(a['source'])}</span>
<time datetime="{a['published']}T11:21:53Z">Monday, {a['published']} 11:21:53 AM UTC</time></div>
<div class="story-body" lang="zh">
{paras(a['paragraphs'])}</div>
<p class="read-more"><a href="{esc(a['original_url'])}" rel="nofollow">Read full story on {esc(a['source'])}</a></p>
<div class="share">Share this story on:- <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
</div></div>
<section class="related"><h3>More Related News</h3><ul>{links(more)}</ul></section>
</main>
<footer><p>Copyright © 2024 NewsHub. All rights reserved. All news content belongs to its respective owners.</p></footer>
</body></html>
"""
    clutter = ([i for i in menu_items if len(i) > 3] + [f"Read full story on {a['source']}",
               "Share this story on", "More Related News",
               "Copyright © 2024 NewsHub. All rights reserved."] + [t for _, t in more])
    return page, clutter


# --------------------------------------------------------------------------- globalnews (en)
GN_MENU = ["HOME", "CHINA", "SOURCE", "OPINION", "IN-DEPTH", "WORLD", "LIFE", "SPORT", "VIDEO",
           "ARTS", "GT VOICE", "INSIGHT"]


def globalnews_article(a: dict, related: list[tuple[str, str]],
                       popular: list[tuple[str, str]]) -> tuple[str, list[str]]:
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{esc(a['title'])} - Global News Daily</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Global News Daily">
<meta name="publishdate" content="{a['published']}">
<meta name="byline" content="{esc(a['author'])}">
</head><body>
<div class="nav_section"><ul>{links([("/", m) for m in GN_MENU])}</ul></div>
<div class="article_column">
<div class="article_title">{esc(a['title'])}</div>
<div class="article_info"><span class="byline">By {esc(a['author'])}</span>
<span class="pub_time">Published: {a['published']} 08:45 PM</span></div>
<div class="article_right">
<div class="article_content">
{paras(a['paragraphs'])}</div>
<div class="related_articles"><div class="title">RELATED ARTICLES</div><ul>{links(related)}</ul></div>
</div></div>
<div class="side_column"><div class="title">MOST POPULAR</div><ol>{links(popular)}</ol></div>
<div class="footer"><p>Copyright © 2024 Global News Daily. All rights reserved.</p>
<p>Press inquiries: press@globalnews.invalid</p></div>
</body></html>
"""
    clutter = (GN_MENU + ["RELATED ARTICLES", "MOST POPULAR",
                          "Copyright © 2024 Global News Daily. All rights reserved."]
               + [t for _, t in related + popular])
    return page, clutter


def section_page(lang: str, site_title: str, heading: str, items: list[dict],
                 og_type: str | None, extra: str = "") -> str:
    og = f'<meta property="og:type" content="{og_type}">' if og_type else ""
    og += '<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">'
    teasers = "".join(
        f'<div class="item"><h3><a href="{esc(i["path"])}">{esc(i["title"])}</a></h3>'
        f'<a class="more" href="{esc(i["path"])}">{esc(i["paragraphs"][0][:60])}</a></div>' for i in items)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(heading)} - '
            f'{esc(site_title)}</title>{og}</head><body><nav><a href="/">{esc(site_title)}</a></nav>'
            f'<h1>{esc(heading)}</h1><div class="list">{teasers}</div>{extra}</body></html>\n')


# --------------------------------------------------------------------------- assembly
def make_articles(lang: str, rng: random.Random, count: int, firsts: list[dict]) -> list[dict]:
    arts = list(firsts)
    while len(arts) < count:
        arts.append({"title": "", "paragraphs": textgen.article(lang, rng)})
    ALL_TEXT.extend(p for a in arts for p in a["paragraphs"])
    for a in arts[len(firsts):]:
        # Titles come from the same chain as bodies: a title that is part of some article's
        # text would make that article's "related" list look like its own text.
        while not a["title"] or any(a["title"] in p for p in ALL_TEXT):
            a["title"] = textgen.title(lang, rng)
    for n, a in enumerate(arts):
        a["published"] = f"2024-0{1 + n % 9}-{10 + n:02d}"
    return arts


ALL_TEXT: list[str] = []
# A small valid PDF: non-HTML responses are archived but give no corpus row.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
       b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def ref_story(name: str, title: str, first: int, last: int) -> dict:
    lines = (textgen.SOURCE / name).read_text(encoding="utf-8").splitlines()[first - 1:last]
    return {"title": title, "paragraphs": [p.strip() for p in lines if len(p.strip()) > 40]}


def build() -> dict:
    rng = random.Random(20240117)
    ALL_TEXT.clear()
    pages: dict[str, list[dict]] = {}

    def add(site: str, path: str, body: str | bytes, **serve: object) -> dict:
        entry = {"path": path, "file": None, **serve}
        if body is not None:
            name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_") or "index"
            if not name.endswith((".html", ".pdf")):
                name += ".html"
            data = body.encode(serve.get("encoding", "utf-8")) if isinstance(body, str) else body
            (OUT / site / name).write_bytes(data)
            entry["file"] = f"{site}/{name}"
        entry.pop("encoding", None)
        pages.setdefault(site, []).append(entry)
        return entry

    expected: dict[str, list[dict]] = {}

    def expect(site: str, a: dict, clutter: list[str], lang: str) -> None:
        text = "\n\n".join(a["paragraphs"])
        for line in clutter:
            if len(line) >= 12 and line in text:
                raise SystemExit(f"clutter line inside article text ({site} {a['path']}): {line!r}")
        stem = a["path"].strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_")
        (OUT / site / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
        expected.setdefault(site, []).append({
            "path": a["path"], "title": a["title"], "author": a.get("author"),
            "published": a["published"], "language": lang, "text_file": f"{site}/{stem}.txt",
            "clutter": sorted(set(c for c in clutter if c.strip())),
            **({"original_url": a["original_url"]} if "original_url" in a else {}),
            **({"duplicate_of": a["duplicate_of"]} if "duplicate_of" in a else {}),
        })

    for site in ("tintuc", "vnpost", "newshub", "globalnews"):
        (OUT / site).mkdir(parents=True, exist_ok=True)
        for old in (OUT / site).iterdir():
            old.unlink()

    # tintuc: every response gzip-encoded
    kz = ref_story("vi-kazakhstan-with-related-clutter.txt",
                   "Kazakhstan - Quốc gia đặc biệt trong chính sách đối ngoại của Trung Quốc", 3, 24)
    dm = ref_story("vi-defense-minister-clean.txt",
                   "Bộ trưởng Quốc phòng Trung Quốc cam kết hỗ trợ Kazakhstan", 3, 15)
    tt = make_articles("vi", rng, ARTICLES_PER_SITE, [kz, dm])
    for n, a in enumerate(tt):
        a["path"] = f"/the-gioi/bai-{4521 + n}.html"
        a["author"], a["byline"] = "Minh Ngọc", "Minh Ngọc (Tổng hợp)"
    for a in tt:
        others = [(b["path"], b["title"]) for b in tt if b is not a]
        page, clutter = tintuc_article(a, others[:3], others[3:5], others[5:7])
        add("tintuc", a["path"], page, gzip=True, kind="article")
        expect("tintuc", a, clutter, "vi")
    add("tintuc", "/the-gioi/", section_page("vi", "Tin Tức Thế Giới", "Thế giới", tt, "website"),
        gzip=True, kind="section")
    add("tintuc", "/thoi-su/", section_page("vi", "Tin Tức Thế Giới", "Thời sự", tt[::-1], None),
        gzip=True, kind="section")

    # vnpost: chunked, charset only in <meta>, two Set-Cookie headers; last article syndicates tintuc's
    cr = ref_story("vi-china-russia-with-recent-posts.txt",
                   "Trung Quốc, Nga tăng cường quan hệ ‘ở mọi cấp độ’ vào năm 2023", 3, 41)
    vp = make_articles("vi", rng, ARTICLES_PER_SITE - 1, [cr])
    synd = {"title": "Trung Quốc cam kết hỗ trợ Kazakhstan chống can thiệp từ bên ngoài",
            "paragraphs": dm["paragraphs"][:-1] + ["Theo giới phân tích, cam kết này cho thấy "
                                                   "Bắc Kinh coi trọng ổn định ở Trung Á."],
            "published": "2024-02-12", "duplicate_of": ("tintuc", tt[1]["path"])}
    vp.append(synd)
    for shared in (vp[2], vp[4]):
        shared["paragraphs"].insert(1, SHARED_QUOTE)
    for n, a in enumerate(vp):
        a["path"] = f"/{2023 + n % 2}/0{1 + n}/bai-viet-{n + 1}/"
        a["author"], a["slug_author"], a["byline"] = "Ngân Hà", "ngan-ha", "Ngân Hà (theo Newsweek)"
    for a in vp:
        recent = [(b["path"], b["title"], b["paragraphs"][0][:70] + "…") for b in vp if b is not a][:5]
        page, clutter = vnpost_article(a, recent)
        add("vnpost", a["path"], page, chunked=True, content_type="text/html", kind="article",
            headers=[["Set-Cookie", "wp_visit=1; Path=/"], ["Set-Cookie", "pll_language=vi; Path=/"]])
        expect("vnpost", a, clutter, "vi")
    add("vnpost", "/category/quoc-te/", section_page("vi", "Việt Báo Quốc Tế", "Quốc tế", vp, "website"),
        chunked=True, content_type="text/html", kind="section")

    # newshub: Chinese aggregator; one GBK page, a query-string URL, gzip + chunked mixed
    zh = ref_story("zh-aggregator-with-nav-clutter.txt",
                   "哈萨克斯坦发生政变 俄罗斯出兵介入 中国作壁上观?", 120, 140)
    zh["paragraphs"] = [p for p in zh["paragraphs"] if "没有媒体可用资源" not in p]
    nh = make_articles("zh", rng, ARTICLES_PER_SITE, [zh])
    sources = ["Voice of America", "BBC", "China Daily", "The New York Times"]
    for n, a in enumerate(nh):
        a["path"] = f"/news/{1000 + n}.html" if n != 4 else f"/story?id={1000 + n}&lang=zh"
        a["source"] = sources[n % len(sources)]
        a["original_url"] = f"https://www.{a['source'].lower().replace(' ', '')}.example/a/{7000 + n}.html"
        a["author"] = None
    for n, a in enumerate(nh):
        more = [(b["path"], b["title"]) for b in nh if b is not a][:5]
        charset = "gb2312" if n == 3 else "utf-8"
        page, clutter = newshub_article(a, more, charset)
        serve = {"kind": "article"}
        if n == 3:
            serve.update(encoding="gb18030", content_type="text/html")  # legacy: charset only in <meta>
        elif n % 2 == 0:
            serve.update(gzip=True)
        else:
            serve.update(chunked=True)
        add("newshub", a["path"], page, **serve)
        expect("newshub", a, clutter, "zh")
    add("newshub", "/", section_page("zh", "NewsHub", "Top Stories", nh, None), kind="section")

    # globalnews: plain responses; a 301 from a tracking URL to the canonical one, a 404 and a 500
    gt = ref_story("en-global-times-clean.txt", "Foreign forces do not wish to see peace and "
                   "stability in Central Asia, says Chinese envoy", 2, 15)
    gn = make_articles("en", rng, ARTICLES_PER_SITE, [gt])
    for n, a in enumerate(gn):
        a["path"] = f"/content/{1250001 + n}.shtml"
        a["author"] = "Global News Daily staff" if n else "Bai Yunyi"
    for a in gn:
        others = [(b["path"], b["title"]) for b in gn if b is not a]
        page, clutter = globalnews_article(a, others[:3], others[3:7])
        add("globalnews", a["path"], page, kind="article")
        expect("globalnews", a, clutter, "en")
    # Discovery material: pagination, a tracking-parameter variant, a page robots.txt
    # disallows, the entry to an endless calendar, other publishers and another site.
    world_extra = ('<div class="more"><a href="/world/?page=2">Next page</a> '
                   '<a href="/content/1250003.shtml?utm_source=section&amp;utm_medium=web">Popular</a> '
                   '<a href="/private/internal-memo.html">Staff</a> '
                   '<a href="/calendar/2024/01/">Archive by month</a> '
                   '<a href="http://127.0.0.1:1/elsewhere.html">Partner</a> '
                   '<a href="https://external.example/story.html">Elsewhere</a></div>')
    add("globalnews", "/world/", section_page("en", "Global News Daily", "World", gn[:4], "website",
                                              world_extra), kind="section")
    add("globalnews", "/world/?page=2", section_page("en", "Global News Daily", "World, page 2",
                                                     gn[4:], "website"), kind="section")
    add("globalnews", "/private/internal-memo.html", section_page(
        "en", "Global News Daily", "Internal memo: robots.txt disallows this page", [], None),
        kind="disallowed")
    add("globalnews", "/article/1250001?utm_source=newsletter", None, status=301,
        location="/content/1250001.shtml", kind="redirect")
    add("globalnews", "/go/1250002", None, status=302,
        location="/article/1250002?utm_source=rss&utm_medium=feed", kind="redirect")
    add("globalnews", "/article/1250002?utm_source=rss&utm_medium=feed", None, status=301,
        location="/content/1250002.shtml", kind="redirect")
    add("globalnews", "/files/annual-report.pdf", PDF, content_type="application/pdf",
        kind="binary")
    add("globalnews", "/content/9999999.shtml", None, status=404, kind="missing")
    add("globalnews", "/content/broken.shtml", None, status=500, reason="Database Went Away",
        kind="error")

    manifest = {"sites": {s: {"pages": pages[s], "articles": expected[s]} for s in pages}}
    (OUT / "site.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
    return manifest


if __name__ == "__main__":
    m = build()
    for site, data in m["sites"].items():
        print(site, len(data["pages"]), "pages,", len(data["articles"]), "articles")

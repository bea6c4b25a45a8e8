"""Realistic news pages for benchmarks: the fixture site's templates, filled with
generated text and the weight real news pages carry (mega-menus, inline CSS and
SVG, analytics and ad scripts), 50 to 300 KB each. Deterministic per page number."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures import site_pages, textgen  # noqa: E402

LANGS = ("vi", "zh", "en", "vi")


def _weight(rng: random.Random, size: int) -> str:
    """Inline script, style and SVG, as news pages ship them (about ``size`` bytes)."""
    parts, total = [], 0
    while total < size:
        kind = rng.random()
        if kind < 0.5:
            blob = json.dumps({"ads": [{"slot": f"div-gpt-{i}", "sizes": [[300, 250], [728, 90]],
                                        "targeting": {"section": "the-gioi", "pos": i}}
                                       for i in range(rng.randint(20, 60))]})
            chunk = f"<script>window.__CONFIG__={blob};</script>"
        elif kind < 0.8:
            chunk = "<style>" + "".join(f".c{rng.randrange(10**6)}{{margin:{i}px;color:#{rng.randrange(16**6):06x}}}"
                                        for i in range(rng.randint(80, 200))) + "</style>"
        else:
            chunk = ("<svg viewBox='0 0 24 24'>" + "".join(
                f"<path d='M{rng.random():.3f} {rng.random():.3f}L{rng.random():.3f} {rng.random():.3f}'/>"
                for _ in range(rng.randint(30, 90))) + "</svg>")
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)


def make_page(number: int) -> bytes:
    rng = random.Random(number)
    lang = LANGS[number % len(LANGS)]
    a = {"title": textgen.title(lang, rng), "paragraphs": textgen.article(lang, rng, (5, 12)),
         "published": f"2024-0{1 + number % 9}-1{number % 10}", "path": f"/a/{number}.html",
         "author": "Minh Ngọc", "byline": "Minh Ngọc (Tổng hợp)", "slug_author": "minh-ngoc",
         "source": "Voice of America", "original_url": "https://voa.example/x"}
    others = [(f"/a/{(number + i) % 100000}.html", textgen.title(lang, rng)) for i in range(1, 8)]
    if lang == "zh":
        page, _ = site_pages.newshub_article(a, others[:5], "utf-8")
    elif lang == "en":
        page, _ = site_pages.globalnews_article(a, others[:3], others[3:7])
    elif number % 2:
        page, _ = site_pages.vnpost_article(a, [(h, t, t) for h, t in others[:5]])
    else:
        page, _ = site_pages.tintuc_article(a, others[:3], others[3:5], others[5:7])
    target = rng.randint(50_000, 300_000)
    pad = max(0, target - len(page.encode("utf-8")))
    page = page.replace("</head>", _weight(rng, pad // 2) + "</head>", 1)
    page = page.replace("</body>", _weight(rng, pad - pad // 2) + "</body>", 1)
    return page.encode("utf-8")

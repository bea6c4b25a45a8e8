"""Pages whose charset lies, on a real HTTP server on 127.0.0.1.

Each page holds the text of a reference story (fixtures/source) in one encoding
and is served with a Content-Type that names another, as misconfigured servers do:
windows-1258 Vietnamese and GB18030 Chinese declared UTF-8, UTF-8 declared
windows-1252 or gb2312, and the same with a truthful <meta charset>.
"""

from __future__ import annotations

import html
import threading
import unicodedata
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "source"
# the tones windows-1258 writes as combining marks after the letter
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """``text`` in windows-1258 as Vietnamese software writes it: a letter cp1258 has
    precomposed (â, ơ, à) as one byte, a toned one as its base and a combining tone."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)


def _paragraphs(name: str, first: int, last: int) -> list[str]:
    lines = (SOURCE / name).read_text(encoding="utf-8").splitlines()[first - 1:last]
    return [line.strip() for line in lines if len(line.strip()) > 40]


# Vietnamese: the defence minister story; Chinese: the aggregator's article, plus
# a sentence with 镕 (in GBK, not in GB2312: a page "in gb2312" is GBK in practice)
VI = _paragraphs("vi-defense-minister-clean.txt", 3, 40)
VI_TITLE = "Trung Quốc và Kazakhstan sẵn sàng đẩy mạnh hợp tác quốc phòng"
# (∙ is not in GBK: written ·, as GBK pages write it)
ZH = [p.replace("∙", "·") for p in _paragraphs("zh-aggregator-with-nav-clutter.txt", 120, 141)] + [
    "前总理朱镕基曾于上世纪九十年代访问哈萨克斯坦,两国关系由此进入新的阶段。"]
ZH_TITLE = "哈萨克斯坦发生政变 俄罗斯出兵介入 中国作壁上观?"


def page(title: str, paragraphs: list[str], lang: str, meta: str = "") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head>{meta}<title>{html.escape(title)}</title>"
            "<meta property=\"og:type\" content=\"article\"></head><body><nav><a href=\"/\">Home</a>"
            f"</nav><article><h1>{html.escape(title)}</h1>\n{body}</article></body></html>\n")


@dataclass(frozen=True)
class Case:
    path: str
    content_type: str
    body: bytes
    lang: str
    encoding: str  # what the row must say
    source: str
    declared: str | None


def cases() -> list[Case]:
    vi, zh = page(VI_TITLE, VI, "vi"), page(ZH_TITLE, ZH, "zh")
    vi_meta = page(VI_TITLE, VI, "vi", '<meta charset="windows-1258">')
    zh_meta = page(ZH_TITLE, ZH, "zh",
                   '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    utf8 = "text/html; charset=utf-8"
    return [
        Case("/vi-utf8", utf8, vi.encode(), "vi", "utf-8", "header", "utf-8"),
        Case("/vi-1258-as-utf8", utf8, encode_cp1258(vi), "vi", "windows-1258", "detected", "utf-8"),
        Case("/vi-1258-meta", utf8, encode_cp1258(vi_meta), "vi", "windows-1258", "meta", "utf-8"),
        Case("/zh-gb18030-as-utf8", utf8, zh.encode("gb18030"), "zh", "gb18030", "detected", "utf-8"),
        Case("/zh-gbk-meta-gb2312", utf8, zh_meta.encode("gbk"), "zh", "gb18030", "meta", "utf-8"),
        Case("/vi-utf8-as-1252", "text/html; charset=windows-1252", vi.encode(), "vi", "utf-8",
             "detected", "windows-1252"),
        Case("/zh-utf8-as-gb2312", "text/html; charset=gb2312", zh.encode(), "zh", "utf-8",
             "detected", "gb18030"),
    ]


@dataclass
class CharsetSite:
    """One server (one port, so one "site") per case: the cases share their text, which
    on one site would be taken for its template."""

    servers: dict[str, ThreadingHTTPServer]
    pages: dict[str, Case]
    sent: dict[str, bytes] = field(default_factory=dict)

    def url(self, path: str) -> str:
        host, port = self.servers[path].server_address[:2]
        return f"http://{host}:{port}{path}"

    def path_of(self, url: str) -> str:
        return "/" + url.split("/", 3)[3]

    def stop(self) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()


def start() -> CharsetSite:
    site = CharsetSite({}, {c.path: c for c in cases()})

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib API
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib API
            case = site.pages.get(self.path)
            body = case.body if case else b"not here"
            self.send_response(200 if case else 404)
            self.send_header("Content-Type", case.content_type if case else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            site.sent[self.path] = body

    for path in site.pages:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        site.servers[path] = server
    return site

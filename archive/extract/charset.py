"""Which character encoding a page is in, when what it declares may be wrong.

Servers lie: a Vietnamese page in windows-1258 or a Chinese one in GB18030 goes
out as ``text/html; charset=utf-8`` (a server default), and UTF-8 pages go out
declared windows-1252 or gb2312. Decoding by the declaration alone turns their
text into replacement characters or mojibake. The order here:

1. a byte order mark (as browsers do: it overrides any declaration);
2. the HTTP header's charset, then the page's own ``<meta charset>`` (or
   ``http-equiv``), each used only when it decodes the bytes: at most one
   undecodable sequence per 20 decoded non-ASCII characters (a stray byte in a
   real UTF-8 page keeps its page UTF-8), and, for a legacy encoding, not when
   the bytes are valid UTF-8 with non-ASCII text (UTF-8 declared windows-1252
   or gb2312: GB18030 and windows-1252 decode nearly any bytes, but real text in
   them is almost never valid UTF-8);
3. detection: valid UTF-8, else charset-normalizer (a dependency of Scrapy and
   trafilatura both) over the page;
4. nothing decodes: the declared encoding (or UTF-8) with replacement
   characters, source ``fallback``.

Labels are read as the WHATWG Encoding Standard maps them: gb2312 and GBK are
decoded as GB18030 (their superset), latin-1 and ascii as windows-1252.
windows-1258 writes Vietnamese tones as combining marks; its text is given in
NFC, as the same page in UTF-8 is written.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

__all__ = ["Decoded", "decode_page", "SOURCES"]

# why an encoding was used, as recorded in each corpus row's ``encoding_source``
SOURCES = ("bom", "header", "meta", "detected", "fallback")

# WHATWG label -> the Python codec that decodes what browsers decode under it
_WHATWG = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb_2312_80": "gb18030", "x_gbk": "gb18030",
    "chinese": "gb18030", "csgb2312": "gb18030", "iso_ir_58": "gb18030", "zh_cn": "gb18030",
    "latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "us_ascii": "cp1252",
    "iso8859_9": "cp1254", "iso8859_11": "cp874", "tis_620": "cp874", "windows_874": "cp874",
    "big5": "big5hkscs", "euc_kr": "cp949", "ks_c_5601_1987": "cp949",
    "shift_jis": "cp932", "x_sjis": "cp932", "windows_31j": "cp932",
}
# Python codec -> the name recorded (WHATWG's)
_NAMES = {"utf_8": "utf-8", "gb18030": "gb18030", "big5hkscs": "big5", "cp932": "shift_jis",
          "cp949": "euc-kr", "cp874": "windows-874", "euc_jp": "euc-jp", "iso2022_jp": "iso-2022-jp",
          "koi8_r": "koi8-r", "koi8_u": "koi8-u", "mac_roman": "macintosh",
          "utf_16_le": "utf-16le", "utf_16_be": "utf-16be"}
_NAMES.update({f"cp125{i}": f"windows-125{i}" for i in range(9)})
_NAMES.update({f"iso8859_{i}": f"iso-8859-{i}" for i in range(2, 17)})

# a declaration holds when at most one sequence in this many decoded non-ASCII
# characters does not decode
_GOOD_PER_BAD = 20


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the name of the encoding used (WHATWG's: "utf-8", "windows-1258", "gb18030")
    source: str  # one of SOURCES
    declared: str | None  # what the header (or else the <meta>) said, by the same names


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when Python knows no such codec."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    key = name.replace("-", "_").lower()
    return _WHATWG.get(key, key)


def _name(codec: str) -> str:
    return _NAMES.get(codec, codec.replace("_", "-"))


def _decoded_if_fits(body: bytes, codec: str) -> str | None:
    """``body`` decoded in ``codec`` (undecodable sequences replaced) when at most one
    sequence in _GOOD_PER_BAD decoded non-ASCII characters does not decode; else None."""
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        text = body.decode(codec, errors="replace")
    except LookupError:
        return None
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return text if good >= _GOOD_PER_BAD * bad else None


def _utf8_text(body: bytes) -> bool:
    """Valid UTF-8 with at least one non-ASCII character."""
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return _codec(best.encoding) if best is not None else None


def _text(body: bytes, codec: str, text: str | None = None) -> str:
    if text is None:
        text = body.decode(codec, errors="replace")
    if codec == "cp1258":  # tones as combining marks: composed, as UTF-8 pages write them
        text = unicodedata.normalize("NFC", text)
    return text


def decode_page(body: bytes, content_type: str | None) -> Decoded:
    """The text of an HTML page and the encoding it was decoded with, and why."""
    header = _codec(http_content_type_encoding(content_type or ""))
    bom, mark = read_bom(body)
    if header == "utf_8" and not bom:  # the common case, decided without the <meta>
        text = _decoded_if_fits(body, "utf_8")
        if text is not None:
            return Decoded(text, "utf-8", "header", "utf-8")
    meta = _codec(html_body_declared_encoding(body))
    if meta and meta.startswith("utf_16"):
        meta = "utf_8"  # a <meta> read as ASCII cannot mean UTF-16 (WHATWG)
    declared = header or meta
    declared_name = _name(declared) if declared else None
    if bom and mark:
        codec = _codec(bom) or "utf_8"
        return Decoded(_text(body[len(mark):], codec), _name(codec), "bom", declared_name)
    for named, source in ((header, "header"), (meta, "meta")):
        if named is None:
            continue
        if named != "utf_8" and _utf8_text(body):
            continue  # UTF-8 declared as something else
        text = _decoded_if_fits(body, named)
        if text is not None:
            return Decoded(_text(body, named, text), _name(named), source, declared_name)
    if _utf8_text(body) or body.isascii():
        codec, source = "utf_8", "detected"
    else:
        found = _detect(body)
        if found is not None and _decoded_if_fits(body, found) is not None:
            codec, source = found, "detected"
        else:
            codec, source = declared or "utf_8", "fallback"
    return Decoded(_text(body, codec), _name(codec), source, declared_name)

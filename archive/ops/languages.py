"""ISO 639-3 codes for the languages the corpus rows name in ISO 639-1 (py3langid's).

Common Crawl's WET files give ``WARC-Identified-Content-Language`` in ISO 639-3
(``vie``, ``zho``, ``eng``), macrolanguages by their macrolanguage code (``zho``,
``ara``, ``fas``, ``msa``), as its language detector maps them.
"""

from __future__ import annotations

__all__ = ["iso639_3"]

# Every language py3langid can name (its 97), and a few BCP 47 forms rows may carry.
_ISO639_3 = {
    "af": "afr", "am": "amh", "an": "arg", "ar": "ara", "as": "asm", "az": "aze", "be": "bel",
    "bg": "bul", "bn": "ben", "br": "bre", "bs": "bos", "ca": "cat", "cs": "ces", "cy": "cym",
    "da": "dan", "de": "deu", "dz": "dzo", "el": "ell", "en": "eng", "eo": "epo", "es": "spa",
    "et": "est", "eu": "eus", "fa": "fas", "fi": "fin", "fo": "fao", "fr": "fra", "ga": "gle",
    "gl": "glg", "gu": "guj", "he": "heb", "hi": "hin", "hr": "hrv", "ht": "hat", "hu": "hun",
    "hy": "hye", "id": "ind", "is": "isl", "it": "ita", "ja": "jpn", "jv": "jav", "ka": "kat",
    "kk": "kaz", "km": "khm", "kn": "kan", "ko": "kor", "ku": "kur", "ky": "kir", "la": "lat",
    "lb": "ltz", "lo": "lao", "lt": "lit", "lv": "lav", "mg": "mlg", "mk": "mkd", "ml": "mal",
    "mn": "mon", "mr": "mar", "ms": "msa", "mt": "mlt", "nb": "nob", "ne": "nep", "nl": "nld",
    "nn": "nno", "no": "nor", "oc": "oci", "or": "ori", "pa": "pan", "pl": "pol", "ps": "pus",
    "pt": "por", "qu": "que", "ro": "ron", "ru": "rus", "rw": "kin", "se": "sme", "si": "sin",
    "sk": "slk", "sl": "slv", "sq": "sqi", "sr": "srp", "sv": "swe", "sw": "swa", "ta": "tam",
    "te": "tel", "th": "tha", "tl": "tgl", "tr": "tur", "ug": "uig", "uk": "ukr", "ur": "urd",
    "vi": "vie", "vo": "vol", "wa": "wln", "xh": "xho", "zh": "zho", "zu": "zul",
}


def iso639_3(code: str | None) -> str | None:
    """``vi`` -> ``vie``, ``zh-Hans`` -> ``zho``; a three-letter code as it is; None for
    no code or one this table does not know (the header is then left out)."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    if len(primary) == 3 and primary.isalpha():
        return primary
    return _ISO639_3.get(primary)

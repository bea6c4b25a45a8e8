"""What a data team may do with a text: rights and access signals, as the crawl saw them.

Nothing is guessed: each field is null when the site said nothing.

* ``robots_ai``: for each crawler of ``AI_AGENTS``, whether the host's robots.txt
  (the capture the crawl made) allows it to fetch the page's URL; null without a
  robots.txt capture. A robots.txt that answered 4xx allows everything (RFC 9309).
* ``tdm_reservation`` / ``tdm_policy`` / ``tdm_source``: the W3C TDM Reservation
  Protocol (TDMRep, final report of 2024). Its three techniques are read in its
  order of priority: the host's ``/.well-known/tdmrep.json`` (rules matched against
  the path, the first match wins), then the ``tdm-reservation`` / ``tdm-policy``
  HTTP headers, then ``<meta name="tdm-reservation">``. The first that says
  something decides.
* ``is_accessible_for_free``: schema.org's ``isAccessibleForFree`` of the page's
  JSON-LD; ``paywalled``: the page marks a paywall (a part not free in its JSON-LD,
  or an element named for a paywall), so its text may stop at the teaser.
* ``license``: ``<link rel="license">`` / ``<a rel="license">``, Dublin Core
  rights metadata, or the JSON-LD ``license``, as an absolute URL when it is one.
* ``canonical_url``: ``<link rel="canonical">``, else ``og:url``.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
from protego import Protego

from ..inputs.markup import page_tree
from .addresses import joined_url, split_url

# Crawlers that gather text for AI models or datasets, by the user-agent token their
# operators document for robots.txt.
AI_AGENTS = (
    "GPTBot",            # OpenAI, training
    "ChatGPT-User",      # OpenAI, fetches for users
    "OAI-SearchBot",     # OpenAI, search
    "CCBot",             # Common Crawl, the dataset most models start from
    "Google-Extended",   # Google, use in Gemini and Vertex AI
    "ClaudeBot",         # Anthropic, training
    "anthropic-ai",      # Anthropic, older token
    "PerplexityBot",     # Perplexity
    "Applebot-Extended", # Apple, use in AI models
    "Bytespider",        # ByteDance
    "meta-externalagent",  # Meta, training
    "Amazonbot",         # Amazon
    "cohere-ai",         # Cohere
)

RIGHTS_FIELDS = ("robots_ai", "tdm_reservation", "tdm_policy", "tdm_source",
                 "is_accessible_for_free", "paywalled", "license", "canonical_url")

_PAYWALL_NAME = re.compile(r"paywall|pay-wall|regwall|subscriber-only|premium-content|"
                           r"piano-(?:offer|template)|tp-modal|meteredContent", re.I)
# the same names as literals, searched in the lower-cased ASCII text of the page's classes
# and ids: the regex with re.I took 5 ms on a WCXB page (it has no literal prefix to skip
# to), nine substring searches 0.05 (with İ, ı, ſ or the Kelvin sign, the regex)
_PAYWALL_LITERALS = ("paywall", "pay-wall", "regwall", "subscriber-only", "premium-content",
                     "piano-offer", "piano-template", "tp-modal", "meteredcontent")
_LICENSE_META = ("dc.rights", "dcterms.rights", "dcterms.license", "dc.license", "license")


def robots_ai(robots_status: int | None, robots_body: bytes | None, url: str) -> dict[str, bool] | None:
    """Each AI agent's permission for ``url`` under the host's robots.txt capture;
    None when the crawl has no robots.txt of the host or it answered a server error."""
    if robots_status is None or robots_status >= 500 or robots_status == 429:
        return None
    if robots_status >= 400 or robots_body is None:
        return {agent: True for agent in AI_AGENTS}  # no rules (RFC 9309 2.3.1.3)
    parser = Protego.parse(robots_body.decode("utf-8", "replace"))
    return {agent: bool(parser.can_fetch(url, agent)) for agent in AI_AGENTS}


def _flag(value: Any) -> bool | None:
    text = str(value).strip()
    return {"1": True, "0": False}.get(text)


def tdmrep_rule(document: bytes | None, url: str) -> tuple[bool, str | None] | None:
    """(reservation, policy) from a host's tdmrep.json for ``url``'s path, or None
    when the file is missing, not JSON, or has no rule for the path."""
    if not document:
        return None
    try:
        rules = json.loads(document.decode("utf-8", "replace"))
    except (ValueError, RecursionError):  # nested past Python's stack: not a rule file
        return None
    if isinstance(rules, dict):
        rules = [rules]
    if not isinstance(rules, list):
        return None
    path = urlsplit(url).path or "/"
    for rule in rules:
        if not isinstance(rule, dict) or not isinstance(rule.get("location"), str):
            continue
        location = rule["location"]
        if not location.startswith("/"):
            parts = split_url(location)
            location = (parts.path if parts else "") or "/"
        if fnmatch.fnmatchcase(path, location) or (location.endswith("/") and path.startswith(location)):
            reservation = _flag(rule.get("tdm-reservation"))
            if reservation is None:
                continue
            policy = rule.get("tdm-policy")
            return reservation, policy if isinstance(policy, str) and reservation else None
    return None


def _header(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in headers if key.lower() == name), None)


def _ld_entities(scripts: Iterable[lxml.html.HtmlElement]) -> Iterator[dict[str, Any]]:
    for script in scripts:
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):  # broken, or nested past Python's stack
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                for key in ("@graph", "mainEntity", "hasPart"):
                    if isinstance(item.get(key), (dict, list)):
                        stack.append(item[key])


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


# the fields a page says itself, read in the extraction worker from the tree it parsed;
# the final pass adds the host's (robots_ai, and tdmrep.json, which overrides the TDM ones)
PAGE_FIELDS = ("tdm_reservation", "tdm_policy", "tdm_source", "is_accessible_for_free", "paywalled",
               "license", "canonical_url")
# the response headers page_level_rights reads
TDM_HEADERS = ("tdm-reservation", "tdm-policy")


def tdm_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Only the response headers page_level_rights reads (what goes to a worker process)."""
    return [(key, value) for key, value in headers if key.lower() in TDM_HEADERS]


def page_rights(html: bytes | str, url: str, headers: Iterable[tuple[str, str]],
                tdmrep: tuple[bool, str | None] | None) -> dict[str, Any]:
    """The page-level fields (everything but ``robots_ai``), the page parsed here."""
    try:
        tree = page_tree(html) if html else None
    except (ValueError, lxml.etree.ParserError):
        tree = None
    return with_tdmrep(page_level_rights(tree, url, headers), tdmrep)


def with_tdmrep(fields: dict[str, Any], tdmrep: tuple[bool, str | None] | None) -> dict[str, Any]:
    """``fields`` with the host's tdmrep.json rule, if it has one for the page: first in
    TDMRep's order of priority, before the header and the <meta>."""
    if tdmrep is None:
        return fields
    return {**fields, "tdm_reservation": tdmrep[0], "tdm_policy": tdmrep[1], "tdm_source": "tdmrep.json"}


# What the XPath 1.0 of these fields did, in one walk of the page's <meta>, <link>, <a>
# and <script> elements (lxml's iter by tag, in C): a dozen XPath searches of the whole
# tree, one of them a union of every class and id in the body, were 10 ms a WCXB page.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CANONICAL_LOWER = str.maketrans("CANONIL", "canonil")
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_BODY_CLASSES = lxml.etree.XPath("descendant::*/@class", smart_strings=False)
_BODY_IDS = lxml.etree.XPath("descendant::*/@id", smart_strings=False)


# characters that re.I matches with an ASCII letter and str.lower() does not lower to it
_ASCII_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ ı ſ K


def _paywall_named(names: str) -> bool:
    if names.isascii() or not any(c in names for c in _ASCII_FOLDS):
        lowered = names.lower()
        return any(literal in lowered for literal in _PAYWALL_LITERALS)
    return _PAYWALL_NAME.search(names) is not None


def _has_rel(el: lxml.html.HtmlElement, value: str) -> bool:
    """XPath's contains(concat(' ', normalize-space(@rel), ' '), ' value ')."""
    rel = el.get("rel")
    return rel is not None and value in _XML_SPACE.split(rel)


def _licence(root: lxml.html.HtmlElement, url: str, metas: list[lxml.html.HtmlElement]) -> str | None:
    """``<link rel=license>`` (or ``<a rel=license>``), an absolute URL; else the Dublin
    Core (or plain ``license``) <meta>, as it is written."""
    for el in root.iter("link", "a"):
        if el.get("rel") is None:  # most links: told before their href is read
            continue
        href = el.get("href")
        if href is not None and href.strip() and _has_rel(el, "license"):
            joined = joined_url(url, href.strip())
            if joined:
                return joined
    named = [((el.get("name") or "").translate(_ASCII_LOWER), el.get("content")) for el in metas
             if el.get("name") is not None]
    for name in _LICENSE_META:
        for meta_name, content in named:
            if meta_name == name and content is not None and content.strip():
                return str(content.strip())
    return None


def page_level_rights(tree: lxml.html.HtmlElement | None, url: str,
                      headers: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """What the page says itself (``PAGE_FIELDS``): the TDM header, else its <meta>; its
    JSON-LD; its licence and canonical links. ``tree``: the page as parsed, before any
    cleaning (None if it could not be parsed)."""
    headers = list(headers)
    out: dict[str, Any] = {"tdm_reservation": None, "tdm_policy": None, "tdm_source": None,
                           "is_accessible_for_free": None, "paywalled": False, "license": None,
                           "canonical_url": None}
    header_flag = _flag(_header(headers, "tdm-reservation") or "")
    meta_flag = meta_policy = None
    root = metas = None
    if tree is not None:
        # XPath's "//" searches from the document's root, whatever element ``tree`` is
        root = tree.getroottree().getroot()
        metas = list(root.iter("meta"))
        meta_flag = _flag(next((m.get("content") for m in metas
                                if m.get("name") == "tdm-reservation"
                                and m.get("content") is not None), ""))
        meta_policy = next((m.get("content") for m in metas if m.get("name") == "tdm-policy"
                            and m.get("content") is not None), None)
    if header_flag is not None:
        out.update(tdm_reservation=header_flag, tdm_source="header",
                   tdm_policy=_header(headers, "tdm-policy") if header_flag else None)
    elif meta_flag is not None:
        out.update(tdm_reservation=meta_flag, tdm_source="meta",
                   tdm_policy=meta_policy if meta_flag else None)
    if root is None or metas is None:
        return out
    scripts = [el for el in root.iter("script") if el.get("type") == "application/ld+json"]
    for entity in _ld_entities(scripts):
        free = _bool(entity.get("isAccessibleForFree"))
        if free is not None:
            if out["is_accessible_for_free"] is None and "@graph" not in entity:
                out["is_accessible_for_free"] = free
            if free is False:
                out["paywalled"] = True
        licence = entity.get("license")
        if out["license"] is None and isinstance(licence, str) and licence.strip():
            out["license"] = ((joined_url(url, licence.strip()) if "/" in licence else None)
                              or licence.strip())
    if not out["paywalled"]:
        # every class and id of an element inside a <body> (a name holds no space, so
        # none matches across two of them)
        out["paywalled"] = any(
            _paywall_named(" ".join([*_BODY_CLASSES(body), *_BODY_IDS(body)]))
            for body in root.iter("body"))
    out["license"] = _licence(root, url, metas) or out["license"]
    canonical = [el.get("href") for el in root.iter("link")
                 if (el.get("rel") or "").translate(_CANONICAL_LOWER) == "canonical"
                 and el.get("href") is not None]
    og_url = [el.get("content") for el in metas
              if el.get("property") == "og:url" and el.get("content") is not None]
    for value in [*canonical, *og_url]:
        joined = joined_url(url, value.strip()) if value.strip() else None
        if joined:
            out["canonical_url"] = joined
            break
    return out

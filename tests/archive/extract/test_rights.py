"""The rights rules one by one (archive/extract/rights.py, archive/store/row_filter.py);
tests/e2e/test_rights.py crawls pages that carry them."""

from __future__ import annotations

import json

from archive.extract.rights import page_rights, robots_ai, tdmrep_rule
from archive.store.row_filter import ExportFilter, license_matches


def test_the_rules_one_by_one() -> None:
    assert robots_ai(None, None, "http://x/a") is None  # no robots.txt captured: unknown
    assert robots_ai(503, b"", "http://x/a") is None  # unreachable: unknown
    assert all(robots_ai(404, b"", "http://x/a").values())  # RFC 9309: no rules
    # the first matching location wins; a rule without a valid flag is skipped
    rules = json.dumps([{"location": "/a/*", "tdm-reservation": "x"},
                        {"location": "/a/*", "tdm-reservation": 0},
                        {"location": "/*", "tdm-reservation": 1}]).encode()
    assert tdmrep_rule(rules, "http://x/a/b") == (False, None)
    assert tdmrep_rule(rules, "http://x/c") == (True, None)
    assert tdmrep_rule(b"<html>not json</html>", "http://x/c") is None
    plain = page_rights(b"<html><body><p>x</p></body></html>", "http://x/p", [], None)
    assert plain["tdm_reservation"] is None and plain["paywalled"] is False
    assert plain["license"] is None and plain["canonical_url"] is None
    dc = page_rights(b'<html><head><meta name="DC.rights" content="CC BY-SA 4.0"></head></html>',
                     "http://x/p", [], None)
    assert dc["license"] == "CC BY-SA 4.0"
    assert license_matches("https://creativecommons.org/licenses/by-sa/4.0/", "*by-sa*")
    assert not license_matches(None, "*")


def test_the_rights_filters_leave_out_what_is_unknown() -> None:
    old_row = {"final_url": "http://x/a", "text": "t"}  # written before rights fields
    assert not ExportFilter(tdm_allowed=True).keep(old_row)
    assert not ExportFilter(free_only=True).keep(old_row)
    row = {**old_row, "tdm_reservation": None, "paywalled": False, "is_accessible_for_free": None}
    assert ExportFilter(tdm_allowed=True).keep(row) and ExportFilter(free_only=True).keep(row)
    assert not ExportFilter(tdm_allowed=True).keep({**row, "tdm_reservation": True})
    assert not ExportFilter(free_only=True).keep({**row, "is_accessible_for_free": False})


def test_page_fields_from_every_shape_of_markup() -> None:
    """The page's fields are read in one walk of its <meta>, <link>, <a> and <script>
    elements; the shapes the XPath searches they replace matched."""
    page = ('<html><head><META NAME="DCTERMS.Rights" CONTENT=" All rights reserved ">'
            '<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="https://x/p">'
            '<link rel="CANONICAL" href=" /a/canon "><meta property="og:url" content="http://x/og">'
            '</head><body class="paywall"><p>x</p>'
            '<a rel="nofollow\tlicense" href=" https://creativecommons.org/licenses/by/4.0/ ">cc</a>'
            '</body></html>').encode()
    fields = page_rights(page, "http://x/a/b", [], None)
    assert fields["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert fields["canonical_url"] == "http://x/a/canon"
    assert (fields["tdm_reservation"], fields["tdm_policy"], fields["tdm_source"]) == (
        True, "https://x/p", "meta")
    assert fields["paywalled"] is False  # the <body>'s own class is not an element in it
    # the first licence meta in the order of _LICENSE_META, its name in any case; og:url
    # when there is no canonical link
    metas = page_rights(b'<html><head><meta name="License" content="MIT">'
                        b'<meta name="dc.rights" content="  "><meta name="DC.LICENSE" content="GPL">'
                        b'<meta property="og:url" content="/og"></head><body></body></html>',
                        "http://x/a", [], None)
    assert metas["license"] == "GPL" and metas["canonical_url"] == "http://x/og"
    # rel="licensed" is not rel="license"; a class or id in the body names a paywall in
    # any case, also beside other names and with characters re.I folds ("PİANO-OFFER")
    for markup, paywalled in [('<div class="story Paywall-Box">', True),
                              ('<div id="x meteredContent">', True),
                              ('<div class="PİANO-OFFER">', True),
                              ('<div class="pay wall">', False),
                              ('<div class="café-paywalled">', True)]:
        fields = page_rights(f'<html><body><a rel="licensed" href="/l">l</a>{markup}x</div>'
                             f'</body></html>', "http://x/a", [], None)
        assert fields["paywalled"] is paywalled, markup
        assert fields["license"] is None

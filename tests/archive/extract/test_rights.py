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

"""Generated input for the URL-list parser and the site-config loader: a clear
InputError or a valid result, never anything else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.errors import InputError
from archive.inputs.site_config import site_config_from_dict
from archive.inputs.url_list import check_url, parse_url_lines


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=20))
def test_url_list_parser_on_any_text(lines: list[str]) -> None:
    try:
        entries = parse_url_lines(iter(lines), "list")
    except InputError as exc:
        assert str(exc).startswith("list:")
        return
    for entry in entries:
        assert check_url(entry.url) is None
        assert entry.url.startswith(("http://", "https://", "HTTP", "Http")) or "://" in entry.url


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=100), max_size=20))
def test_skip_invalid_never_raises(lines: list[str]) -> None:
    rejected: list = []
    entries = parse_url_lines(iter(lines), "list", skip_invalid=True, rejected=rejected)
    assert len(entries) + len(rejected) <= len([x for x in lines if x.strip() and not x.strip().startswith("#")])


values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=40)
                      | st.floats(allow_nan=False),
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                      max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "start_urls", "allowed_domains", "sitemaps", "feeds",
                                        "article_patterns", "follow_patterns", "max_depth",
                                        "max_pages", "since", "language", "bogus"]), values))
def test_site_config_loader_on_any_data(data: dict) -> None:
    try:
        config = site_config_from_dict(data, "cfg.toml")
    except InputError as exc:
        message = str(exc)
        assert message.startswith("cfg.toml: key '") and "\n" not in message
        return
    assert config.name and config.start_urls and config.allowed_domains

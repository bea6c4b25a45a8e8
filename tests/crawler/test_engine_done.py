"""The engine hook of crawler/engine_done.py holds for the pinned Scrapy, and refuses an
engine whose private method it wraps has changed."""

from __future__ import annotations

import pytest
from scrapy.core.engine import ExecutionEngine

from crawler.engine_done import check_engine


def test_the_pinned_scrapy_engine_can_be_hooked() -> None:
    check_engine()


def test_a_changed_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExecutionEngine, "_remove_request", lambda self, request: None)
    with pytest.raises(RuntimeError, match="_remove_request"):
        check_engine()
    monkeypatch.delattr(ExecutionEngine, "_remove_request")
    with pytest.raises(RuntimeError, match="found None"):
        check_engine()

"""trafilatura watched from inside one of our calls: its readability port's result, whether
its rescue ran, and its port left out where the caller says it cannot count. The hooks
wrap three of trafilatura's functions once per process and act only in a thread inside
``trafilatura_watched``; every other caller gets trafilatura as it is."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import lxml.html
import trafilatura
import trafilatura.core
import trafilatura.external

__all__ = ["Watched", "trafilatura_watched", "install_hooks", "current_watch", "ORIGINALS"]


class Watched:
    """What trafilatura did inside one call (``trafilatura_watched``)."""

    def __init__(self) -> None:
        # the result of its readability port, the last of the page's runs
        self.port: list[lxml.html.HtmlElement] = []
        # whether its main extractor kept under MIN_EXTRACTED_SIZE characters, so that
        # its rescue (the baseline: JSON-LD's articleBody, the <article>'s or the <p>s'
        # text run together, or the whole body's text) ran
        self.rescued = False
        # (its main extractor's body, its text, its options) -> whether its readability
        # port may change the page's text; None: it always may
        self.port_needed: Callable[[Any, str, Any], bool] | None = None
        self._skip_port = False


# trafilatura (fast=False) runs its own port of readability-lxml on every page to
# check its text, then throws that away; the news policy's check against readability
# takes that result first, and runs readability-lxml only when it is not longer than
# trafilatura's text (the port runs on a pruned copy of the page and often keeps far
# less: on cleaneval, taken alone, it hid readability's win on 131 pages, F1 0.878 ->
# 0.877). readability-lxml's run was a fifth of an extraction (29 ms a page of the WCXB
# dev set). Measured with the rules below, against readability-lxml alone: WCXB dev
# articles' word-F1 0.9438 -> 0.9433 (one page loses 0.8), cleaneval F1 0.880 either
# way, CPU against trafilatura's 1.30x -> 1.13x (bench/results/extraction-2026-12-02-*).
# The hooks wrap trafilatura.external.try_readability, which trafilatura's
# compare_extraction looks up at each call, trafilatura.core.compare_extraction and
# trafilatura.core.baseline (its rescue). They are put in place once, and act only in
# a thread inside ``trafilatura_watched`` (our own trafilatura call): elsewhere, and
# for other callers in the process, they call trafilatura's functions as they are (put
# in and taken out around each call, threads extracting at once left them wrapped in
# one another). Without those functions the policy runs readability-lxml, and takes
# trafilatura's text as it is.
_watching = threading.local()
_hooks_lock = threading.Lock()
_hooked = False


def current_watch() -> Watched | None:
    seen: Watched | None = getattr(_watching, "seen", None)
    return seen


# trafilatura's own functions the hooks call (by name, at each call)
ORIGINALS: dict[str, Callable[..., Any]] = {}


def install_hooks() -> None:
    global _hooked
    with _hooks_lock:
        if _hooked:
            return
        _hooked = True
        own = ORIGINALS
        for name, module, attribute in (("port", trafilatura.external, "try_readability"),
                                        ("compare", trafilatura.core, "compare_extraction"),
                                        ("rescue", trafilatura.core, "baseline")):
            function = getattr(module, attribute, None)
            if callable(function):
                own[name] = function

        def recording(htmlinput: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
            seen = current_watch()
            if seen is not None and seen._skip_port:
                # an empty result: trafilatura keeps its own text (_prefer_readability)
                return lxml.html.HtmlElement()
            result: lxml.html.HtmlElement = own["port"](htmlinput)
            if seen is not None:
                seen.port[:] = [result]
            return result

        def comparing(cleaned: Any, raw: Any, body: Any, text: str, options: Any) -> Any:
            seen = current_watch()
            if seen is None or seen.port_needed is None:
                return own["compare"](cleaned, raw, body, text, options)
            seen._skip_port = not seen.port_needed(body, text, options)
            try:
                return own["compare"](cleaned, raw, body, text, options)
            finally:
                seen._skip_port = False

        def rescuing(*args: Any, **kwargs: Any) -> Any:
            seen = current_watch()
            if seen is not None:
                seen.rescued = True
            return own["rescue"](*args, **kwargs)

        if "port" in own:
            trafilatura.external.try_readability = recording
            if "compare" in own:
                setattr(trafilatura.core, "compare_extraction", comparing)  # noqa: B010
        if "rescue" in own:
            setattr(trafilatura.core, "baseline", rescuing)  # noqa: B010 - not an export


@contextlib.contextmanager
def trafilatura_watched() -> Iterator[Watched]:
    install_hooks()
    seen = Watched()
    outer = current_watch()
    _watching.seen = seen
    try:
        yield seen
    finally:
        _watching.seen = outer

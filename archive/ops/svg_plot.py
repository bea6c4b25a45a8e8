"""The crawl report's plots, written as inline SVG text.

Three kinds, each a complete ``<svg>`` element with a title, axes, ticks and labels:
horizontal bars (counts by status, page type, host, ...), a step plot of two
cumulative series over time on two y axes (captures and MB written), and a histogram.
Pure string building: a report of 50,000 rows draws in milliseconds and needs no
plotting library, and the same data always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape

WIDTH = 640
FONT = "font-family='system-ui,sans-serif'"
BLUE, RED, GREEN, GREY = "#4477aa", "#cc6677", "#228833", "#888888"


def _num(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _label(value: float) -> str:
    """A tick label: 1,234 / 12.5 / 0.25 / 1.5M."""
    if abs(value) >= 1e6:
        return f"{value / 1e6:g}M"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


def nice_ticks(high: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 times a power of ten) up to at least ``high``."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _svg(height: float, parts: list[str], title: str) -> str:
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{_num(height)}' "
            f"viewBox='0 0 {WIDTH} {_num(height)}' role='img' aria-label='{escape(title)}' {FONT}>"
            f"<title>{escape(title)}</title>"
            f"<text x='{WIDTH / 2}' y='18' text-anchor='middle' font-size='14'>{escape(title)}</text>"
            + "".join(parts) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 11,
          fill: str = "#222", extra: str = "") -> str:
    return (f"<text x='{_num(x)}' y='{_num(y)}' text-anchor='{anchor}' font-size='{size}' "
            f"fill='{fill}'{extra}>{escape(text)}</text>")


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str = GREY) -> str:
    return (f"<line x1='{_num(x1)}' y1='{_num(y1)}' x2='{_num(x2)}' y2='{_num(y2)}' "
            f"stroke='{stroke}' stroke-width='1'/>")


def bar_chart(title: str, items: Sequence[tuple[str, int]], xlabel: str = "count") -> str:
    """Horizontal bars, the first item on top, each with its value at its end."""
    rows = list(items) or [("none", 0)]
    label_width = min(260, 12 + 6.5 * max(len(label) for label, _ in rows))
    left, right, top, bar_h = label_width, WIDTH - 50, 32, 20
    height = top + bar_h * len(rows) + 44
    ticks = nice_ticks(max(value for _, value in rows))
    scale = (right - left) / ticks[-1]
    parts = []
    axis_y = top + bar_h * len(rows)
    for tick in ticks:
        x = left + tick * scale
        parts.append(_line(x, top, x, axis_y, "#e4e4e4"))
        parts.append(_text(x, axis_y + 14, _label(tick), "middle", 10))
    for i, (label, value) in enumerate(rows):
        y = top + bar_h * i
        shown = label if len(label) <= 40 else label[:39] + "…"
        parts.append(_text(left - 6, y + bar_h * 0.7, shown, "end"))
        parts.append(f"<rect x='{_num(left)}' y='{_num(y + 3)}' width='{_num(value * scale)}' "
                     f"height='{bar_h - 6}' fill='{BLUE}'><title>{escape(label)}: {value:,}"
                     f"</title></rect>")
        parts.append(_text(left + value * scale + 3, y + bar_h * 0.7, f"{value:,}", size=10))
    parts.append(_line(left, top, left, axis_y, "#444"))
    parts.append(_line(left, axis_y, right, axis_y, "#444"))
    parts.append(_text((left + right) / 2, axis_y + 32, xlabel, "middle"))
    return _svg(height, parts, title)


def _step_path(points: list[tuple[float, float]]) -> str:
    """A step line: flat until the next point, then up (a step drawn after each point)."""
    out = [f"M{_num(points[0][0])},{_num(points[0][1])}"]
    for x1, y1 in points[1:]:
        out.append(f"H{_num(x1)}V{_num(y1)}")
    return "".join(out)


def _clock(moment: datetime, span: float) -> str:
    """A tick's time, as fine as the span needs for its five ticks to differ."""
    if span >= 600:
        return moment.strftime("%H:%M")
    if span >= 8:
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%H:%M:%S.") + str(moment.microsecond // 100_000)


def time_chart(title: str, times: Sequence[datetime], left_values: Sequence[float], left_label: str,
               right_values: Sequence[float], right_label: str) -> str:
    """Two cumulative series over the same times, each on its own y axis (left in blue,
    right in red); the x axis in the times' own clock (UTC in the report)."""
    left, right, top, bottom = 64, WIDTH - 64, 32, 232
    height = bottom + 40
    start, end = times[0], times[-1]
    span = max((end - start).total_seconds(), 1e-3)

    def x_of(moment: datetime) -> float:
        return left + (moment - start).total_seconds() / span * (right - left)

    parts = []
    for values, colour, side, label in ((left_values, BLUE, "left", left_label),
                                        (right_values, RED, "right", right_label)):
        ticks = nice_ticks(max(values) if values else 1)
        scale = (bottom - top) / ticks[-1]
        axis_x = left if side == "left" else right
        for tick in ticks:
            y = bottom - tick * scale
            if side == "left":
                parts.append(_line(left, y, right, y, "#e4e4e4"))
            parts.append(_text(axis_x - 5 if side == "left" else axis_x + 5, y + 4, _label(tick),
                               "end" if side == "left" else "start", 10, colour))
        parts.append(_line(axis_x, top, axis_x, bottom, colour))
        mid = (top + bottom) / 2
        label_x = 14 if side == "left" else WIDTH - 8
        parts.append(_text(label_x, mid, label, "middle", 11, colour,
                           f" transform='rotate(-90 {label_x} {_num(mid)})'"))
        points = [(x_of(t), bottom - v * scale) for t, v in zip(times, values, strict=True)]
        if points:
            points.append((right, points[-1][1]))
            parts.append(f"<path d='{_step_path(points)}' fill='none' stroke='{colour}' "
                         f"stroke-width='1.5'/>")
    for i in range(5):
        x = left + i * (right - left) / 4
        moment = start + timedelta(seconds=span * i / 4)  # in the times' own zone, naive or not
        parts.append(_line(x, bottom, x, bottom + 4, "#444"))
        parts.append(_text(x, bottom + 16, _clock(moment, span), "middle", 10))
    parts.append(_line(left, bottom, right, bottom, "#444"))
    return _svg(height, parts, title)


def histogram(title: str, values: Sequence[int], xlabel: str, ylabel: str, bins: int = 30) -> str:
    """Counts of ``values`` in ``bins`` equal bins from the smallest to the largest."""
    left, right, top, bottom = 64, WIDTH - 24, 32, 200
    height = bottom + 44
    low, high = (min(values), max(values)) if values else (0, 1)
    bins = max(1, min(bins, len(set(values)) or 1))
    width = (high - low) / bins or 1
    counts = [0] * bins
    for value in values:
        counts[min(int((value - low) / width), bins - 1)] += 1
    yticks = nice_ticks(max(counts))
    y_scale = (bottom - top) / yticks[-1]
    x_scale = (right - left) / (width * bins)
    parts = []
    for tick in yticks:
        y = bottom - tick * y_scale
        parts.append(_line(left, y, right, y, "#e4e4e4"))
        parts.append(_text(left - 5, y + 4, _label(tick), "end", 10))
    for i, count in enumerate(counts):
        x = left + i * width * x_scale
        edge = low + i * width
        parts.append(f"<rect x='{_num(x)}' y='{_num(bottom - count * y_scale)}' "
                     f"width='{_num(max(width * x_scale - 1, 0.5))}' height='{_num(count * y_scale)}' "
                     f"fill='{GREEN}'><title>{_label(round(edge))}–{_label(round(edge + width))}: "
                     f"{count:,}</title></rect>")
    # round values from the axis's own range (the first bin starts at the smallest value)
    for tick in [t for t in nice_ticks(high) if low <= t <= low + width * bins] or [float(low)]:
        x = left + (tick - low) * x_scale
        parts.append(_line(x, bottom, x, bottom + 4, "#444"))
        parts.append(_text(x, bottom + 16, _label(tick), "middle", 10))
    parts.append(_line(left, top, left, bottom, "#444"))
    parts.append(_line(left, bottom, right, bottom, "#444"))
    parts.append(_text((left + right) / 2, bottom + 34, xlabel, "middle"))
    mid = (top + bottom) / 2
    parts.append(_text(16, mid, ylabel, "middle", 11, extra=f" transform='rotate(-90 16 {_num(mid)})'"))
    return _svg(height, parts, title)

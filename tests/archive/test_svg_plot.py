"""The report's plots: well-formed SVG whose marks stand for the data."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree

import pytest

from archive.ops import svg_plot

SVG = "{http://www.w3.org/2000/svg}"


def parse(text: str) -> ElementTree.Element:
    return ElementTree.fromstring(text)


def test_bar_lengths_are_proportional_to_the_counts_and_labels_escaped() -> None:
    svg = parse(svg_plot.bar_chart("rows by type", [("article", 300), ("<listing>", 100),
                                                     ("forum & more", 0)]))
    bars = svg.findall(f"{SVG}rect")
    widths = [float(bar.get("width", "nan")) for bar in bars]
    assert len(widths) == 3
    assert widths[0] == pytest.approx(3 * widths[1], rel=0.01)
    assert widths[2] == 0
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "<listing>" in texts and "forum & more" in texts and "300" in texts
    assert svg.find(f"{SVG}title").text == "rows by type"  # type: ignore[union-attr]


@pytest.mark.parametrize("high", [0, 1, 3, 7, 10, 599, 1000, 12345, 0.37])
def test_ticks_are_round_and_reach_the_largest_value(high: float) -> None:
    ticks = svg_plot.nice_ticks(high)
    assert ticks[0] == 0 and ticks[-1] >= high
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1
    step = steps.pop()
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 6) in (1, 2, 2.5, 5)
    assert len(ticks) <= 7


def test_time_chart_steps_rise_with_both_series() -> None:
    start = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
    times = [start + timedelta(seconds=s) for s in (0, 5, 30, 90)]
    svg = parse(svg_plot.time_chart("over time", times, [1, 2, 3, 4], "captures",
                                    [0.5, 1.0, 4.0, 4.5], "MB"))
    paths = svg.findall(f"{SVG}path")
    assert len(paths) == 2
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "10:00:00" in labels and "10:01:30" in labels  # the x axis in the times' clock
    assert "captures" in labels and "MB" in labels


def test_histogram_counts_every_value_once() -> None:
    values = [1, 2, 2, 3, 3, 3, 100, 5000]
    svg = parse(svg_plot.histogram("lengths", values, "characters", "rows", bins=10))
    counts = [int(bar.find(f"{SVG}title").text.rsplit(" ", 1)[1])  # type: ignore[union-attr]
              for bar in svg.findall(f"{SVG}rect")]
    assert sum(counts) == len(values)
    assert counts[0] == 7 and counts[-1] == 1


def test_the_same_data_gives_the_same_bytes_and_empty_data_draws() -> None:
    one = svg_plot.bar_chart("t", [("a", 1)])
    assert one == svg_plot.bar_chart("t", [("a", 1)])
    parse(svg_plot.bar_chart("t", []))
    parse(svg_plot.histogram("t", [], "x", "y"))
    parse(svg_plot.histogram("t", [7], "x", "y"))


def test_time_ticks_differ_on_a_crawl_of_seconds() -> None:
    start = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
    times = [start, start + timedelta(seconds=2)]
    svg = parse(svg_plot.time_chart("t", times, [1, 2], "a", [1, 2], "b"))
    ticks = [t.text for t in svg.iter(f"{SVG}text") if (t.text or "").startswith("10:00")]
    assert len(ticks) == 5 and len(set(ticks)) == 5

"""The crawl report as one HTML page: ``reports/CRAWLID.html`` beside the JSON.

One self-contained file that opens from disk with no network: the plots are
drawn at report time as inline SVG (archive/ops/svg_plot.py), the styles are inline,
and there is no script. It is made from what the archive holds after the crawl
(the JSON report, the index's captures and the corpus rows), so
``newsarchive report`` can write it again for any crawl, a merged shared crawl
included.
"""

from __future__ import annotations

import html
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.errors import ArchiveReadError, InputError
from archive.inputs.safe_names import corpus_file_name, html_report_file_name, report_file_name
from archive.ops import svg_plot
from archive.store.corpus import iter_corpus
from archive.store.index import read_index

# rows of a table before "and N more" (a crawl of 50,000 URLs with 5,000 failures
# must still give a page a browser opens at once)
MAX_TABLE_ROWS = 200
TOP_HOSTS = 25


@dataclass
class ReportData:
    """What the page shows, gathered from the archive."""

    report: dict[str, Any]
    capture_times: list[datetime] = field(default_factory=list)
    capture_bytes: list[int] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    hosts: Counter[str] = field(default_factory=Counter)
    page_types: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    text_lengths: list[int] = field(default_factory=list)
    near_duplicates: int = 0
    template_lines_removed: int = 0


def crawl_ids(archive: Path) -> list[str]:
    """Crawl ids of the archive's JSON reports, oldest first (by their start)."""
    found = []
    for path in (archive / "reports").glob("*.json"):
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(report, dict) and report.get("crawl_id"):
            found.append((str(report.get("started_at") or ""), str(report["crawl_id"])))
    return [crawl_id for _, crawl_id in sorted(found)]


def _parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None


def gather(archive: Path, crawl_id: str) -> ReportData:
    """Read one crawl's report, captures and corpus rows. Raises InputError or ArchiveReadError."""
    path = archive / "reports" / report_file_name(crawl_id)
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no report of crawl {crawl_id!r} in {archive / 'reports'}") from None
    except (OSError, ValueError) as exc:
        raise ArchiveReadError(f"cannot read {path}: {exc}") from None
    data = ReportData(report=report)
    index = archive / "index.sqlite3"
    if index.exists():
        db = read_index(index)
        try:
            rows = db.execute("SELECT fetched_at, status, warc_length, record_type, url "
                              "FROM captures WHERE crawl_id=? ORDER BY fetched_at", (crawl_id,))
            for fetched_at, status, length, record_type, url in rows:
                when = _parse_time(fetched_at)
                if when is not None:
                    data.capture_times.append(when)
                    data.capture_bytes.append(int(length or 0))
                label = "revisit (304)" if record_type == "revisit" else str(status)
                data.statuses[label] += 1
                data.hosts[urlsplit(url).netloc or "?"] += 1
        except sqlite3.Error as exc:
            raise ArchiveReadError(f"cannot read {index}: {exc}") from None
        finally:
            db.close()
    corpus = archive / "corpus" / corpus_file_name(crawl_id)
    if corpus.exists():
        for row in iter_corpus(corpus):
            data.page_types[str(row.get("page_type") or "unknown")] += 1
            data.languages[str(row.get("language") or "unknown")] += 1
            data.text_lengths.append(len(row.get("text") or ""))
            data.near_duplicates += bool(row.get("duplicate_of"))
            data.template_lines_removed += int(row.get("template_lines_removed") or 0)
    return data


def _bar_plot(title: str, counts: Iterable[tuple[str, int]], xlabel: str = "count") -> str:
    return svg_plot.bar_chart(title, list(counts), xlabel)


def _time_plot(data: ReportData) -> str:
    total, cumulative = 0, []
    for size in data.capture_bytes:
        total += size
        cumulative.append(total / 1e6)
    return svg_plot.time_chart("captures and bytes over time (UTC)", data.capture_times,
                               list(range(1, len(data.capture_times) + 1)), "captures",
                               cumulative, "MB written to WARC")


def _length_plot(lengths: list[int]) -> str:
    return svg_plot.histogram("text length of corpus rows", lengths, "characters", "rows")


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    if not rows:
        return "<p class='none'>none</p>"
    out = ["<table><thead><tr>", *(f"<th>{html.escape(h)}</th>" for h in header), "</tr></thead><tbody>"]
    for row in rows[:MAX_TABLE_ROWS]:
        out.append("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>")
    out.append("</tbody></table>")
    if len(rows) > MAX_TABLE_ROWS:
        out.append(f"<p class='none'>and {len(rows) - MAX_TABLE_ROWS} more (all in the JSON report)</p>")
    return "".join(out)


def _section(title: str, body: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{body}</section>"


def _failures(report: dict[str, Any]) -> str:
    failures = report.get("failures") or []
    by_reason = Counter(str(f.get("reason", "?")) for f in failures)
    parts = [_table(("reason", "URLs"), by_reason.most_common())]
    for reason, count in by_reason.most_common():
        rows = [(f.get("url", ""), f.get("detail") or "") for f in failures
                if str(f.get("reason", "?")) == reason]
        parts.append(f"<details><summary>{html.escape(reason)} ({count})</summary>"
                     f"{_table(('URL', 'detail'), rows)}</details>")
    return "".join(parts)


def _politeness(report: dict[str, Any], hosts: Counter[str]) -> str:
    stats = report.get("stats") or {}
    delays = {key.rsplit("/", 1)[1]: value for key, value in stats.items()
              if key.startswith("newsarchive/politeness/crawl_delay/")}
    # delays are kept per download slot: Scrapy's is the host name, without the port
    rows = [(host, count, delays.get(host, delays.get(urlsplit(f"//{host}").hostname or "", "")))
            for host, count in hosts.most_common()]
    waits = stats.get("newsarchive/politeness/retry_after", 0)
    note = (f"<p>{waits} response(s) asked the crawl to wait (Retry-After).</p>" if waits else "")
    return note + _table(("host", "captures", "Crawl-delay (s)"), rows)


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 8px;
text-align:left;vertical-align:top;max-width:60em;overflow-wrap:anywhere}th{background:#f3f3f3}
.grid{display:flex;flex-wrap:wrap;gap:1em}.grid>div{flex:1 1 480px}svg{max-width:100%;height:auto}
.none{color:#777}.bad{color:#a00}dl{display:grid;grid-template-columns:max-content auto;gap:0 1em}
dt{font-weight:600}
"""


def render(data: ReportData) -> str:
    """The page, as a string."""
    report = data.report
    counts = report.get("counts") or {}
    crawl_id = str(report.get("crawl_id", ""))
    facts = [
        ("crawl", crawl_id),
        ("started", report.get("started_at", "")),
        ("finished", report.get("finished_at", "")),
        ("seconds", report.get("elapsed_seconds", "")),
        ("finish reason", report.get("finish_reason", "")),
        ("ran to its end", "yes" if report.get("finished") else "no"),
        ("software", report.get("software", "")),
    ]
    if report.get("fatal_error"):
        facts.append(("fatal error", report["fatal_error"]))
    summary = "<dl>" + "".join(f"<dt>{html.escape(str(k))}</dt><dd>{html.escape(str(v))}</dd>"
                               for k, v in facts) + "</dl>"
    plain_counts = [(name, value) for name, value in counts.items() if not isinstance(value, dict)]
    recrawl = [(name, counts.get(name, 0)) for name in ("new", "changed", "unchanged")]
    plots = []
    if data.capture_times:
        plots.append(_time_plot(data))
    if data.statuses:
        plots.append(_bar_plot("captures by HTTP status", data.statuses.most_common()))
    if data.page_types:
        plots.append(_bar_plot("corpus rows by page type", data.page_types.most_common()))
    skipped = counts.get("skipped_page_types") or {}
    if skipped:
        plots.append(_bar_plot("pages not kept, by page type", sorted(skipped.items())))
    if data.languages:
        plots.append(_bar_plot("corpus rows by language", data.languages.most_common(20)))
    if data.text_lengths:
        plots.append(_length_plot(data.text_lengths))
    if data.hosts:
        plots.append(_bar_plot(f"captures per host (top {TOP_HOSTS})",
                               data.hosts.most_common(TOP_HOSTS)))
    if any(value for _, value in recrawl):
        plots.append(_bar_plot("documents: new, changed, unchanged", recrawl))
    body = [
        f"<h1>Crawl report: {html.escape(crawl_id)}</h1>",
        summary,
        _section("Counts", _table(("count", "value"), plain_counts)),
        _section("Plots", "<div class='grid'>" + "".join(f"<div class='plot'>{svg}</div>"
                                                          for svg in plots) + "</div>"),
        _section("Corpus cleaning", _table(("measure", "value"), [
            ("corpus rows", sum(data.page_types.values())),
            ("near-duplicates (duplicate_of set)", data.near_duplicates),
            ("template lines removed", data.template_lines_removed),
        ])),
        _section(f"Failures ({len(report.get('failures') or [])})", _failures(report)),
        _section("Hosts and politeness", _politeness(report, data.hosts)),
        _section("WARC files", _table(("file",), [(f,) for f in report.get("warc_files") or []])),
    ]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>newsarchive crawl report {html.escape(crawl_id)}</title>"
            f"<style>{CSS}</style></head><body>{''.join(body)}</body></html>\n")


def write_html_report(archive: str | Path, crawl_id: str) -> Path:
    """Write ``reports/CRAWLID.html`` whole (temporary name, then rename). Raises
    InputError (no such crawl), ArchiveReadError (an unreadable report or index) or
    OSError (a full disk)."""
    archive = Path(archive)
    page = render(gather(archive, crawl_id))
    path = archive / "reports" / html_report_file_name(crawl_id)
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(page, encoding="utf-8")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path

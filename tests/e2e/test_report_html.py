"""The HTML crawl report: written by the crawl beside its JSON, written again by
``newsarchive report``, self-contained, and rendered by a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import CrawlRun, crawl, run_cli
from fixtures.server import SiteServer, url_list

DEAD_URL = "http://127.0.0.1:9/gone-for-the-report"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def report_crawl(sites: dict[str, SiteServer], tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    """The demo's crawl: every page of the fixture sites, and one URL on a dead server."""
    work = tmp_path_factory.mktemp("report")
    urls = url_list(sites).splitlines() + [DEAD_URL]
    (work / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    run = crawl(work / "urls.txt", work / "archive")
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def html_report(run: CrawlRun) -> Path:
    crawl_id = run.report()["crawl_id"]
    return run.archive / "reports" / f"{crawl_id}.html"


def test_the_crawl_writes_a_self_contained_html_report(report_crawl: CrawlRun) -> None:
    page = html_report(report_crawl).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # plots drawn inline: time, statuses, page types, languages, lengths, hosts; each one
    # well-formed SVG with marks in it (bars or lines)
    plots = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(plots) >= 6
    for plot in plots:
        svg = ElementTree.fromstring(plot)
        marks = svg.findall(f"{SVG}rect") + svg.findall(f"{SVG}path")
        assert marks, plot[:300]
    # nothing loaded from anywhere: no external src/href, no script
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page
    # the failure is listed by reason with its URL
    assert DEAD_URL in page
    assert "connection_refused" in page or "connection" in page
    # the page types of the corpus rows are named
    types = {row["page_type"] for row in report_crawl.rows(None)}
    assert types and all(t in page for t in types)


def test_the_report_command_writes_the_same_page_again(report_crawl: CrawlRun) -> None:
    path = html_report(report_crawl)
    first = path.read_bytes()
    path.unlink()
    proc = run_cli("report", "--archive", str(report_crawl.archive))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(path)
    assert path.read_bytes() == first


def test_the_report_command_refuses_an_unknown_crawl(report_crawl: CrawlRun) -> None:
    proc = run_cli("report", "--archive", str(report_crawl.archive), "no-such-crawl")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"newsarchive: error: no report of crawl 'no-such-crawl' in {report_crawl.archive / 'reports'}"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.fail("chromium is not installed: run scripts/setup (apt-get install chromium)")
    return exe


def test_the_report_renders_in_headless_chromium(report_crawl: CrawlRun, tmp_path: Path) -> None:
    from PIL import Image

    page = html_report(report_crawl)
    shot = tmp_path / "report.png"
    base = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            # any host lookup fails: a page that needs the network would show it
            "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}"]
    proc = subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,2400",
                           page.as_uri()], capture_output=True, text=True, timeout=120)
    assert shot.exists(), proc.stderr[-2000:]
    assert "CONSOLE" not in proc.stderr  # no script errors, no failed loads reported
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") >= 6
    assert "Crawl report" in dom.stdout
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 2400)
    # the plots are drawn: many colours, and the plot blue covers a real area
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50
    blue = sum(count for count, rgb in colours if rgb == (0x44, 0x77, 0xAA))
    assert blue > 2000
    keep = os.environ.get("NEWSARCHIVE_SCREENSHOT_DIR")
    if keep:  # the README's picture is taken here
        shutil.copy(shot, Path(keep) / "report.png")

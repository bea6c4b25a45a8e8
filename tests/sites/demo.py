"""The crawl behind scripts/demo: serve the fixture news site on 127.0.0.1, crawl every
page of it into ARCHIVE, verify the archive.

The sites keep the ports of the last run (ARCHIVE/demo-sites.json), so their URLs stay
the same and a re-run is an incremental crawl: what was archived before is asked for with
its validators and comes back 304, stored as a revisit record, with no new corpus row.

    python -m tests.sites.demo ARCHIVE [newsarchive crawl options, e.g. --quiet]

Exit status: the crawl's, else verify's, else 1 when a URL failed that was not meant to.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.sites.server import DISALLOWED, load_manifest, start_sites, url_list

PORTS_FILE = "demo-sites.json"
URLS_FILE = "demo-urls.txt"


def deliberate_failures(manifest: dict[str, Any]) -> dict[str, str]:
    """The paths the demo site fails on purpose, each with how."""
    found = {}
    for data in manifest["sites"].values():
        for page in data["pages"]:
            status = page.get("status", 200)
            if page["path"].startswith(DISALLOWED):
                found[page["path"]] = "robots.txt disallows it"
            elif status in (404, 500):
                found[page["path"]] = f"HTTP {status}"
    return found


def _newest_report(archive: Path) -> dict[str, Any] | None:
    reports = sorted((archive / "reports").glob("*.json"), key=lambda p: p.stat().st_mtime)
    if not reports:
        return None
    return json.loads(reports[-1].read_text(encoding="utf-8"))


def _saved_ports(path: Path) -> dict[str, int]:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict):
        return {}
    return {str(k): v for k, v in saved.items() if isinstance(v, int) and 0 < v < 65536}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.sites.demo",
        description="Crawl the demo news site (served on 127.0.0.1) into ARCHIVE; further "
                    "options go to `newsarchive crawl`.")
    parser.add_argument("archive", type=Path)
    args, crawl_options = parser.parse_known_args(argv)
    archive: Path = args.archive
    archive.mkdir(parents=True, exist_ok=True)
    ports_file = archive / PORTS_FILE
    saved = _saved_ports(ports_file)
    rerun = (archive / "index.sqlite3").exists()
    sites = start_sites(ports=saved)
    try:
        ports = {name: site.server.server_address[1] for name, site in sites.items()}
        ports_file.write_text(json.dumps(ports, indent=1) + "\n", encoding="utf-8")
        urls = archive / URLS_FILE
        urls.write_text(url_list(sites), encoding="utf-8")
        for site in sites.values():
            print(f"demo: {site.name:<12} {site.base_url}")
        if rerun and ports != saved:
            print("demo: the ports of the last run are taken, so the URLs are new: everything "
                  "is fetched again")
        elif rerun:
            print("demo: a re-run: pages archived before are asked for with their ETag; "
                  "unchanged ones come back 304 (revisit records, no new corpus row)")
        meant = deliberate_failures(load_manifest())
        print(f"demo: {len(meant)} URLs fail on purpose, to show how failures are reported: "
              + ", ".join(f"{path} ({how})" for path, how in meant.items()), flush=True)
        newsarchive = str(Path(sys.executable).parent / "newsarchive")
        status = subprocess.run(
            [newsarchive, "crawl", "--urls", str(urls), "--archive", str(archive),
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", *crawl_options],
            check=False).returncode
        if status != 0:
            return status
        report = _newest_report(archive) or {"failures": []}
        failed = [urlsplit(f["url"]) for f in report["failures"]]
        other = [f.geturl() for f in failed
                 if (f.path + (f"?{f.query}" if f.query else "")) not in meant]
        print(f"demo: {len(failed) - len(other)} failed URLs are the ones that fail on purpose"
              + (f"; {len(other)} others failed: {', '.join(other)}" if other else ""),
              flush=True)
        status = subprocess.run([newsarchive, "verify", "--archive", str(archive)],
                                check=False).returncode
        return status or (1 if other else 0)
    finally:
        for site in sites.values():
            site.stop()


if __name__ == "__main__":
    sys.exit(main())

"""A crawl does not build, so does not import, the Scrapy extensions it leaves off."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from scrapy.extension import ExtensionManager
from scrapy.utils.project import get_project_settings
from crawler.addon import NewsArchiveAddon

settings = get_project_settings()
NewsArchiveAddon().update_settings(settings)
paths = ExtensionManager._get_mwlist_from_settings(settings)
print(any(p.endswith("ArchiveSession") for p in paths), any(p.endswith("RemoteControl") for p in paths),
      any(p.endswith("TelnetConsole") for p in paths), "aiohttp" in sys.modules)
"""


def test_off_extensions_are_not_imported() -> None:
    """Scrapy imports every extension in its list before it asks whether it is on; the
    remote control's aiohttp server alone cost each crawl a quarter of a second."""
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert out == ["True", "False", "False", "False"]


def test_a_crawl_that_is_not_shared_does_not_import_redis() -> None:
    """The middlewares ask whether the crawl is shared; without REDIS_URL the answer
    needs neither redis nor the cluster's coordinator."""
    probe = ("import sys\n"
             "from scrapy.crawler import Crawler\n"
             "from scrapy.spiders import Spider\n"
             "import crawler.politeness, crawler.robots, crawler.raw_capture\n"
             "from crawler.cluster.membership_of import cluster_of\n"
             "print(cluster_of(Crawler(Spider, {})), 'redis' in sys.modules,\n"
             "      'crawler.cluster.coordinator' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert out == ["None", "False", "False"]

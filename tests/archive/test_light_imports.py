"""Commands that never extract load no extractor, and archive/ never loads Scrapy:
checked in a fresh interpreter, where sys.modules holds only what the import brought."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def loaded_after(statement: str, *modules: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_verify_and_repair_do_not_load_the_extractor():
    heavy = ("trafilatura", "readability", "py3langid", "htmldate", "datasketch")
    assert loaded_after("import archive.ops.verify, archive.warc.repair", *heavy) == set()


def test_text_keys_are_light():
    assert loaded_after("import archive.extract.keys, archive.store.row_filter",
                        "trafilatura", "lxml") == set()


def test_archive_never_loads_scrapy():
    statement = ("import pkgutil, importlib, archive\n"
                 "for m in pkgutil.walk_packages(archive.__path__, 'archive.'):\n"
                 "    importlib.import_module(m.name)")
    assert loaded_after(statement, "scrapy", "twisted", "crawler", "spiders") == set()

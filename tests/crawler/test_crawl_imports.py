"""The crawl process hands pages to the extraction pool and reads its results without
loading the extractors or the final pass's numpy: only the pool's processes need them
(about 30 MB of the crawl process's memory otherwise). Checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("trafilatura", "htmldate", "justext", "py3langid", "dateparser", "numpy",
         "archive._vendor.readability", "archive.extract.document", "archive.corpus.finalize")


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    return set(out.split())


def test_the_crawl_process_loads_no_extractor() -> None:
    assert loaded_after(
        "import crawler.commands.crawl, crawler.run, crawler.session, crawler.capture, crawler.addon\n"
        "import crawler.pipelines.extract, crawler.pipelines.corpus, crawler.pipelines.index\n"
        "import spiders.urls, spiders.site") == set()


def test_a_result_comes_back_without_the_extractor() -> None:
    """What a worker sends back is unpickled in the crawl process: its classes live in
    the light module."""
    statement = ("import pickle\n"
                 "from archive.extract.results import ExtractResult, ExtractedDocument, extract_task\n"
                 "doc = ExtractedDocument(title='t', author=None, published=None, sitename=None,\n"
                 "                        language='en', text='x', text_sha1='0', extractor={})\n"
                 "pickle.loads(pickle.dumps((extract_task, ExtractResult(document=doc))))")
    assert loaded_after(statement) == set()

"""One step of the crawl alone, in one process, for the throughput benchmark's ceiling.

    python bench/alone.py trafilatura DIR     trafilatura.extract over DIR/*.html (baseline b)
    python bench/alone.py newsarchive DIR     newsarchive's extract_document over the same
    python bench/alone.py final-pass ARCHIVE  the final corpus pass of a crawl, run again
                                              on a copy of its corpus and index
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    what, target = sys.argv[1], Path(sys.argv[2])
    if what == "trafilatura":
        import trafilatura

        for path in sorted(target.glob("*.html")):
            trafilatura.extract(path.read_bytes(), include_comments=False)
    elif what == "newsarchive":
        from archive.extract.document import ExtractOptions, extract_document

        options = ExtractOptions()
        for path in sorted(target.glob("*.html")):
            extract_document(path.read_bytes(), f"http://127.0.0.1/p/{path.stem}.html", "text/html",
                             options)
    elif what == "final-pass":
        from archive.corpus.finalize import finalize_corpus

        copy = Path(tempfile.mkdtemp(prefix="final-pass-"))
        try:
            shutil.copytree(target / "corpus", copy / "corpus")
            shutil.copy(target / "index.sqlite3", copy / "index.sqlite3")
            db = sqlite3.connect(copy / "index.sqlite3", isolation_level=None)
            for corpus in sorted((copy / "corpus").glob("*.jsonl")):
                finalize_corpus(corpus, db, corpus.stem, workers=1, warc_dir=target / "warc")
            db.close()
        finally:
            shutil.rmtree(copy, ignore_errors=True)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

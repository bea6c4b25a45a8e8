"""trafilatura alone, in one process, over a folder of HTML pages (the baseline)."""

import sys
from pathlib import Path

import trafilatura

pages = sorted(Path(sys.argv[1]).glob("*.html"))
count = 0
for path in pages:
    if trafilatura.extract(path.read_bytes(), include_comments=False):
        count += 1
print(count)

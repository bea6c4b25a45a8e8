"""The CDXJ line of a 304 revisit points at the capture holding the content, however
the revisit names it: WARC-Refers-To (ours), only WARC-Refers-To-Target-URI and -Date
(other crawlers), or nothing (then the URL's last full capture before it)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from warcio.warcwriter import WARCWriter

from archive.warc.cdx import cdxj_lines
from archive.warc.records import Exchange, PriorCapture, build_exchange_records, warc_date
from archive.warc.reader import sha1_digest

URL = "http://news.example/story"
BODY = b"<html><head><title>Story</title></head><body><p>Text.</p></body></html>"


def exchange(status: int, when: datetime, prior: PriorCapture | None = None) -> Exchange:
    headers = [(b"Content-Type", b"text/html"), (b"ETag", b'"v1"')]
    return Exchange(URL, b"GET", [(b"Host", b"news.example")], b"", status, "HTTP/1.1",
                    headers if status == 200 else headers[1:], BODY if status == 200 else b"",
                    fetched_at=when, prior=prior)


def test_304_revisits_located_at_their_original(tmp_path: Path) -> None:
    (tmp_path / "warc").mkdir()
    first = datetime(2024, 1, 1, 9)
    _, original = build_exchange_records(exchange(200, first), warcinfo_id=None)
    prior = PriorCapture(original.rec_headers.get_header("WARC-Record-ID"), URL, warc_date(first),
                         sha1_digest(BODY))
    revisits = []
    for day, drop in ((2, ()), (3, ("WARC-Refers-To",)),
                      (4, ("WARC-Refers-To", "WARC-Refers-To-Date", "WARC-Refers-To-Target-URI"))):
        _, rec = build_exchange_records(exchange(304, datetime(2024, 1, day, 9), prior),
                                        warcinfo_id=None)
        for name in drop:
            rec.rec_headers.remove_header(name)
        revisits.append(rec)
    with open(tmp_path / "warc" / "x.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for rec in (original, *revisits):
            writer.write_record(rec)
    lines = [json.loads(line.split(" ", 2)[2]) for line in cdxj_lines(tmp_path)]
    assert len(lines) == 4
    assert "revisit" not in lines[0] and lines[0]["status"] == "200"
    for line in lines[1:]:
        assert line["revisit"] == "server-not-modified"
        assert (line["filename"], line["offset"], line["length"]) == \
            (lines[0]["filename"], lines[0]["offset"], lines[0]["length"])
        assert line["status"] == "200" and line["mime"] == "text/html"
        assert int(line["revisit_offset"]) > int(lines[0]["offset"])
    assert len({line["revisit_offset"] for line in lines[1:]}) == 3

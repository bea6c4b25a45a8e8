"""A record's own bytes checked: its length, its trailer, its block and payload digests."""

from __future__ import annotations

from .record import WarcRecordView, digest_matches

__all__ = ["check_record", "record_damage", "block_digest_as_payload"]


def block_digest_as_payload(rec: WarcRecordView) -> bool:
    """A producer's quirk, not damage: WARC-Payload-Digest holds the same value as
    WARC-Block-Digest, and that value is the block's (Nutch wrote ClueWeb09 so). The
    block digest covers the payload, so the record's bytes are as written."""
    block, payload = rec.get("WARC-Block-Digest"), rec.get("WARC-Payload-Digest")
    return bool(block and payload and block.strip() == payload.strip()
                and digest_matches(block, rec.block))


def check_record(rec: WarcRecordView, quirks: list[str] | None = None) -> list[str]:
    """Problems with one record's own bytes: length, trailer, digests. A payload digest
    that is the block digest (``block_digest_as_payload``) is no problem: the record's
    place is added to ``quirks``."""
    where = f"{rec.file}@{rec.offset}"
    problems = []
    if len(rec.block) != rec.declared_length:
        problems.append(f"{where}: block is {len(rec.block)} bytes, Content-Length says "
                        f"{rec.declared_length}")
        return problems
    if not rec.trailer_ok:
        problems.append(f"{where}: record does not end with CRLF CRLF")
    block_digest = rec.get("WARC-Block-Digest")
    if block_digest and digest_matches(block_digest, rec.block) is False:
        problems.append(f"{where}: block digest mismatch ({rec.type} {rec.target_uri})")
    payload_digest = rec.get("WARC-Payload-Digest")
    if payload_digest and rec.type != "revisit" and rec.is_http():
        # the entity (WARC 1.1 6.3.2), or the body with its chunk framing as warcio digests it
        entity, _ = rec.http_entity()
        if digest_matches(payload_digest, entity, rec.http_parts()[1]) is False:
            if block_digest_as_payload(rec):
                if quirks is not None:
                    quirks.append(where)
            else:
                problems.append(f"{where}: payload digest mismatch ({rec.type} {rec.target_uri})")
    return problems


def record_damage(rec: WarcRecordView) -> list[str]:
    """The problems of ``check_record`` that mean a record's bytes are not as written.
    A payload digest that disagrees while the block digest holds was computed otherwise
    by its producer (ClueWeb09's Nutch wrote the block digest there): verify lists it,
    but the record is intact."""
    problems = check_record(rec)
    block_digest = rec.get("WARC-Block-Digest")
    if problems and block_digest and digest_matches(block_digest, rec.block):
        problems = [p for p in problems if "payload digest mismatch" not in p]
    return problems

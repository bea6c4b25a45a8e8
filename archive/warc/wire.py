"""HTTP/1.1 messages as bytes on the wire: split head from body, undo chunking."""

from __future__ import annotations

__all__ = ["split_message", "head_end", "parse_head", "is_chunked", "dechunk", "chunked_entity"]


def head_end(raw: bytes) -> int:
    """Where the body starts (after the head's blank line), or -1 without a complete head."""
    end = raw.find(b"\r\n\r\n")
    if end >= 0:
        return end + 4
    end = raw.find(b"\n\n")  # lenient servers end lines with a bare LF
    return end + 2 if end >= 0 else -1


def split_message(raw: bytes) -> tuple[bytes, bytes] | None:
    """(head including its blank line, body as sent), or None without a complete head."""
    end = head_end(raw)
    return (raw[:end], raw[end:]) if end >= 0 else None


def parse_head(head: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """(first line, [(name, value)]) of a message head, folded lines joined."""
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    first = lines[0]
    headers: list[tuple[bytes, bytes]] = []
    for line in lines[1:]:
        if not line:
            continue
        if line[:1] in (b" ", b"\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, value + b" " + line.strip())
            continue
        name, sep, value = line.partition(b":")
        if sep:
            headers.append((name.strip(), value.strip()))
    return first, headers


def is_chunked(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(n.lower() == b"transfer-encoding" and b"chunked" in v.lower() for n, v in headers)


def dechunk(body: bytes) -> tuple[bytes, bool]:
    """(entity body, complete) of a chunked body; a cut-off body gives what it holds."""
    out = bytearray()
    pos = 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            return bytes(out), False
        size_text = body[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return bytes(out), False
        if size == 0:
            return bytes(out), True
        start = eol + 2
        out += body[start:start + size]
        if start + size + 2 > len(body):
            return bytes(out), False
        pos = start + size + 2


def chunked_entity(body: bytes) -> tuple[bytes, bool]:
    """(entity, taken as recorded) of a body whose headers say chunked. Recorders that
    store the decoded body but keep the header (pywb, Browsertrix, ArchiveWeb.page) leave
    a body that is not chunked at all: it is the entity as it is, as replay tools take it.
    A body that starts as chunked but is cut off gives what it holds."""
    eol = body.find(b"\r\n")
    size_text = body[:eol].split(b";", 1)[0].strip() if eol >= 0 else b""
    try:
        first = int(size_text, 16) if size_text and len(size_text) <= 16 else -1
    except ValueError:
        first = -1
    if first < 0 or (first > 0 and body[eol + 2 + first:eol + 4 + first] not in (b"\r\n", b"")):
        return body, True
    return dechunk(body)[0], False

"""The raw capture hands each exchange over once and keeps none of its bytes after."""

from __future__ import annotations

import pytest

from crawler.raw_capture import _TeeProtocol


def test_a_connection_holds_no_bytes_once_its_exchange_is_handed_over() -> None:
    """A kept-alive connection used to keep its last response's bytes until it served
    another request: with 32 connections on multi-megabyte pages, megabytes each."""
    protocol = _TeeProtocol(lambda _: None)  # type: ignore[no-untyped-call]
    protocol._sent, protocol._received, protocol._capped = bytearray(b"GET / HTTP/1.1\r\n\r\n"), [], False
    big = b"x" * 3_000_000
    protocol._received += [b"HTTP/1.1 200 OK\r\nContent-Length: 3000000\r\n\r\n", big]
    exchange = protocol.raw_exchange()
    assert exchange.request == b"GET / HTTP/1.1\r\n\r\n"
    assert exchange.response.endswith(big) and exchange.complete
    assert protocol._received is None and protocol._sent == bytearray()
    with pytest.raises(RuntimeError):
        protocol.raw_exchange()

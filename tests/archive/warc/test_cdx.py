import pytest

from archive.warc.cdx import surt, timestamp14


@pytest.mark.parametrize("url, key", [
    # the keys pywb 2.10's canonicalize() gives for the same URLs
    ("http://127.0.0.1:36169/the-gioi/bai-4521.html", "1,0,0,127:36169)/the-gioi/bai-4521.html"),
    ("http://www.Example.com:80/a/B?z=1&a=2#f", "com,example)/a/b?a=2&z=1"),
    ("https://news.example:8443/story?id=1004&lang=zh", "example,news:8443)/story?id=1004&lang=zh"),
    ("http://127.0.0.1:1/the-gioi/", "1,0,0,127:1)/the-gioi"),
    ("http://a.example/x?B=C&a", "example,a)/x?a&b=c"),
])
def test_surt_matches_pywb(url: str, key: str) -> None:
    assert surt(url) == key


def test_timestamp14() -> None:
    assert timestamp14("2024-01-17T11:21:53.123456Z") == "20240117112153"

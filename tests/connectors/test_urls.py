"""canonical_url: two links to the same article compare equal."""

from __future__ import annotations

import pytest

from connectors.urls import canonical_url, is_http_url, url_host


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.BBC.COM/arabic/x", "https://www.bbc.com/arabic/x"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        (
            "https://www.bbc.com/arabic/articles/c4ng?at_medium=RSS&at_campaign=rss",
            "https://www.bbc.com/arabic/articles/c4ng",
        ),
        (
            "https://example.com/a?utm_source=rss&utm_medium=feed&id=7&fbclid=x&gclid=y",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?UTM_Source=x", "https://example.com/a"),
        ("https://example.com/a?q=", "https://example.com/a?q="),
        ("https://example.com./a", "https://example.com/a"),
        ("http://[::1]:80/x", "http://[::1]/x"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_raw_and_percent_encoded_arabic_paths_are_equal() -> None:
    raw = "https://www.aljazeera.net/news/2016/9/17/مقتل-62"
    encoded = "https://www.aljazeera.net/news/2016/9/17/%d9%85%d9%82%d8%aa%d9%84-62"
    assert canonical_url(raw) == canonical_url(encoded)
    assert canonical_url(raw).endswith("/%D9%85%D9%82%D8%AA%D9%84-62")


def test_path_case_is_kept() -> None:
    assert canonical_url("https://example.com/News/A") == "https://example.com/News/A"


def test_canonical_url_is_idempotent() -> None:
    url = "HTTP://Example.com:80/مقال?b=2&utm_campaign=x&a=1#frag"
    assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_non_http_urls_are_left_alone() -> None:
    assert canonical_url("mailto:someone@example.com") == "mailto:someone@example.com"
    assert canonical_url("file:///etc/passwd") == "file:///etc/passwd"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/feed", True),
        ("HTTP://example.com", True),
        ("file:///etc/passwd", False),
        ("ftp://example.com/feed.xml", False),
        ("javascript:alert(1)", False),
        ("https:///nohost", False),
        ("example.com/feed", False),
    ],
)
def test_is_http_url(url: str, ok: bool) -> None:
    assert is_http_url(url) is ok


def test_url_host() -> None:
    assert url_host("https://WWW.Example.COM./x") == "www.example.com"
    assert url_host("not a url") == ""

"""parse_feed on the fixture files: RSS 2.0, RSS 1.0, Atom, and what is not a feed."""

from __future__ import annotations

import pytest

from connectors.exceptions import EmptyFeed, MalformedFeed, NotAFeed
from connectors.feeds import html_to_text, parse_feed

from .conftest import feed_bytes

BASE = "http://news.example"


def test_rss2() -> None:
    feed = parse_feed(feed_bytes("rss2.xml", BASE), f"{BASE}/rss2.xml", "application/rss+xml")
    assert feed.version == "rss20" and feed.warning is None
    first, second = feed.entries
    assert first.link == f"{BASE}/pages/deir-ez-zor-utf8.html?utm_source=rss&utm_medium=feed"
    assert first.title == "مقتل 62 من جيش النظام في غارات للتحالف على دير الزور"
    assert first.published == "2016-09-17T20:00:00Z"
    assert first.guid == "deir-ez-zor-62"
    assert second.summary == "قصف طيران التحالف مواقع لجيش النظام في جبل الثردة."  # HTML stripped


def test_rss1_rdf() -> None:
    feed = parse_feed(feed_bytes("rss1.rdf", BASE), f"{BASE}/rss1.rdf")
    assert feed.version == "rss10"
    (entry,) = feed.entries
    assert entry.link == f"{BASE}/pages/russian-mod-iso-8859-6.html"
    assert entry.published == "2016-09-18T09:00:00Z"


def test_atom() -> None:
    feed = parse_feed(feed_bytes("atom.xml", BASE), f"{BASE}/atom.xml")
    assert feed.version == "atom10" and feed.title == "مراسلون - أتوم"
    assert [e.published for e in feed.entries] == ["2016-09-18T10:00:00Z", "2016-09-18T11:00:00Z"]
    assert feed.entries[0].summary == "قال مصدر في المطار إن عدد القتلى ارتفع إلى 80."


def test_rss_0_92() -> None:
    feed = parse_feed(feed_bytes("rss092.xml", BASE), f"{BASE}/rss092.xml")
    assert feed.version == "rss092"
    assert feed.entries[0].link == f"{BASE}/pages/no-text.html"


def test_html_is_not_a_feed() -> None:
    with pytest.raises(NotAFeed, match=r"feed http://news.example/x: got an HTML page"):
        parse_feed(feed_bytes("not-a-feed.html", BASE), f"{BASE}/x", "text/html")


def test_html_is_not_a_feed_whatever_its_content_type() -> None:
    with pytest.raises(NotAFeed):
        parse_feed(feed_bytes("not-a-feed.html", BASE), f"{BASE}/x", "application/rss+xml")


def test_broken_xml_is_malformed() -> None:
    with pytest.raises(MalformedFeed, match="malformed XML, no entries"):
        parse_feed(feed_bytes("broken.xml", BASE), f"{BASE}/broken.xml")


@pytest.mark.parametrize("body", [b"", b"   \n"])
def test_empty_body(body: bytes) -> None:
    with pytest.raises(EmptyFeed, match="empty response body"):
        parse_feed(body, f"{BASE}/e.xml")


def test_plain_text_is_not_a_feed() -> None:
    with pytest.raises((NotAFeed, MalformedFeed)):
        parse_feed("مجرد نص".encode(), f"{BASE}/t")


def test_valid_feed_without_items_has_no_entries() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed(body, f"{BASE}/none.xml").entries == ()


def test_damaged_feed_with_entries_keeps_them() -> None:
    body = feed_bytes("rss2.xml", BASE)
    body = body[: body.index(b"</item>") + len(b"</item>")]  # cut after the first item
    feed = parse_feed(body, f"{BASE}/cut.xml")
    assert len(feed.entries) == 1 and feed.warning


def test_windows_1256_feed_is_decoded() -> None:
    body = (
        feed_bytes("rss2.xml", BASE)
        .decode("utf-8")
        .replace('encoding="UTF-8"', 'encoding="windows-1256"')
    )
    feed = parse_feed(body.encode("cp1256"), f"{BASE}/cp.xml", "application/rss+xml")
    assert feed.entries[0].title == "مقتل 62 من جيش النظام في غارات للتحالف على دير الزور"


def test_html_to_text() -> None:
    assert (
        html_to_text("<p>سطر&nbsp;أول</p><p>سطر <b>ثان</b> &amp; ثالث</p>")
        == "سطر أول\nسطر ثان & ثالث"
    )

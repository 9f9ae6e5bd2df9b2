"""The SQLite seen-set."""

from __future__ import annotations

from pathlib import Path

from connectors.seen import SeenStore, content_hash


def test_marks_survive_reopening(tmp_path: Path) -> None:
    with SeenStore.open(tmp_path / "data") as store:
        store.mark("id1", ["https://a.example/1", "https://a.example/1-final"], "h1")
        store.save_feed_state("https://a.example/rss", '"etag"', "Sun, 18 Sep 2016 12:00:00 GMT")
    assert (tmp_path / "data" / "seen.sqlite").is_file()
    with SeenStore.open(tmp_path / "data") as store:
        assert store.has_url("https://a.example/1") and store.has_url("https://a.example/1-final")
        assert store.has_hash("h1") and not store.has_hash("h2")
        assert not store.has_url("https://a.example/2")
        assert store.feed_state("https://a.example/rss") == (
            '"etag"',
            "Sun, 18 Sep 2016 12:00:00 GMT",
        )
        assert store.feed_state("https://b.example/rss") == (None, None)
        assert store.counts() == {"urls": 2, "hashes": 1}


def test_marking_twice_is_harmless(tmp_path: Path) -> None:
    with SeenStore(":memory:") as store:
        store.mark("id1", ["u", "u"], "h")
        store.mark("id1", ["u"], "h")
        assert store.counts() == {"urls": 1, "hashes": 1}


def test_feed_state_is_replaced(tmp_path: Path) -> None:
    with SeenStore(":memory:") as store:
        store.save_feed_state("f", "a", None)
        store.save_feed_state("f", None, "date")
        assert store.feed_state("f") == (None, "date")


def test_content_hash_ignores_whitespace_and_case() -> None:
    assert content_hash("مقتل 62  جنديا\n\nفي دير الزور") == content_hash(
        " مقتل 62 جنديا في دير الزور "
    )
    assert content_hash("Deir ez-Zor") == content_hash("deir EZ-zor")
    assert content_hash("مقتل 62") != content_hash("مقتل 60")

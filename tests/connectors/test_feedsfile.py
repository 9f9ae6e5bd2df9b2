"""The feeds file: valid files load; every bad file names itself and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.exceptions import FeedsFileError
from connectors.feedsfile import FeedConfig, load_feeds, parse_interval

VALID = """
[[feeds]]
url = "https://feeds.bbci.co.uk/arabic/rss.xml"
name = "BBC Arabic"
lang = "ar"
interval = "5m"

[[feeds]]
url = "https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-a84db769f779/73d0e1b4-532f-45ef-b135-bfdff8b8cab9"
name = "Al Jazeera"
lang = "ar"
interval = "90s"
headers = { "Accept-Language" = "ar" }

[[feeds]]
url = "http://10.0.0.5:8080/feed.xml"
name = "Internal mirror"
interval = "1h"
internal = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path: Path) -> None:
    feeds = load_feeds(write(tmp_path, VALID))
    assert [f.name for f in feeds] == ["BBC Arabic", "Al Jazeera", "Internal mirror"]
    assert feeds[0] == FeedConfig(
        url="https://feeds.bbci.co.uk/arabic/rss.xml", name="BBC Arabic", lang="ar", interval=300
    )
    assert feeds[1].interval == 90 and feeds[1].headers == {"Accept-Language": "ar"}
    assert feeds[2].internal is True and feeds[2].lang is None
    assert feeds[0].internal is False


def test_interval_defaults_to_five_minutes(tmp_path: Path) -> None:
    (feed,) = load_feeds(write(tmp_path, '[[feeds]]\nurl = "https://a.example/rss"\nname = "A"\n'))
    assert feed.interval == 300


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("30s", 30), ("5m", 300), ("1h", 3600), ("1d", 86400), ("250ms", 0.25), (45, 45), ("2", 2)],
)
def test_parse_interval(value: object, seconds: float) -> None:
    assert parse_interval(value) == seconds


@pytest.mark.parametrize("value", ["5 minutes", "", "-1m", "0s", True, "m5", None])
def test_bad_interval(value: object) -> None:
    with pytest.raises(ValueError):
        parse_interval(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[feeds]]\nname = 'A'\n", "feed #1: 'url' is required"),
        (
            "[[feeds]]\nurl = 'file:///etc/passwd'\nname = 'A'\n",
            "feed #1 (file:///etc/passwd): 'url' must be",
        ),
        ("[[feeds]]\nurl = 'ftp://a.example/x'\nname = 'A'\n", "must be an absolute http"),
        ("[[feeds]]\nurl = 'https://a.example/x'\n", "'name' (the outlet"),
        (
            "[[feeds]]\nurl = 'https://a.example/x'\nname = 'A'\ninterval = 'often'\n",
            "feed #1 (https://a.example/x): interval must be a duration",
        ),
        (
            "[[feeds]]\nurl = 'https://a.example/x'\nname = 'A'\ninterval = '100ms'\n",
            "shorter than the minimum",
        ),
        (
            "[[feeds]]\nurl = 'https://a.example/x'\nname = 'A'\ninternal = 'yes'\n",
            "'internal' must be true or false",
        ),
        (
            "[[feeds]]\nurl = 'https://a.example/x'\nname = 'A'\nheaders = { X = 1 }\n",
            "'headers' must be a table of string",
        ),
        (
            "[[feeds]]\nurl = 'https://a.example/x'\nname = 'A'\nintervall = '5m'\n",
            "unknown key(s) intervall",
        ),
        (
            "[[feeds]]\nurl = 'https://a.example/x'\nname = 'A'\n[[feeds]]\nurl = 'https://a.example/x'\nname = 'B'\n",
            "feed #2 (https://a.example/x) repeats feed #1",
        ),
        ("title = 'no feeds'\n", "no [[feeds]] entries"),
        ("feeds = 'x'\n", "must be an array of tables"),
        ("feeds = ['x']\n", "feed #1: a [[feeds]] entry must be a table"),
        ("[[feeds]\nurl = \n", "not valid TOML"),
    ],
)
def test_bad_files_name_the_file_and_the_entry(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FeedsFileError) as caught:
        load_feeds(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FeedsFileError, match="cannot read feeds file"):
        load_feeds(tmp_path / "nope.toml")


def test_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_bytes("[[feeds]]\nname = 'بي بي سي'\n".encode("cp1256"))
    with pytest.raises(FeedsFileError, match="not UTF-8"):
        load_feeds(path)

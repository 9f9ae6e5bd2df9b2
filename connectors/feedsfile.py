"""The feeds file: which feeds to poll, how often, and as which outlet.

A TOML file with one ``[[feeds]]`` table per feed::

    [[feeds]]
    url = "https://feeds.bbci.co.uk/arabic/rss.xml"
    name = "BBC Arabic"
    lang = "ar"
    interval = "5m"                       # "30s", "5m", "1h", "1d" or a bare number of seconds
    headers = { "Accept-Language" = "ar" }  # optional
    internal = false                      # optional: true allows loopback/private addresses

Every problem is a :class:`~connectors.exceptions.FeedsFileError` naming the file and
the entry (its position and URL).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connectors.exceptions import FeedsFileError
from connectors.urls import is_http_url

__all__ = ["MIN_INTERVAL", "FeedConfig", "load_feeds", "parse_feeds", "parse_interval"]

INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$", re.IGNORECASE)
UNIT_SECONDS: dict[str, float] = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL = 1.0
KNOWN_KEYS = frozenset({"url", "name", "lang", "interval", "headers", "internal"})


@dataclass(frozen=True)
class FeedConfig:
    """One feed to poll. ``name`` is the outlet and becomes ``Article.source``."""

    url: str
    name: str
    lang: str | None = None
    interval: float = 300.0
    headers: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    internal: bool = False


def parse_interval(value: object) -> float:
    """Seconds in ``"30s"``, ``"5m"``, ``"1h"``, ``"1d"``, ``"250ms"`` or a bare number (seconds)."""
    if isinstance(value, bool):
        raise ValueError(f"interval must be a duration like '5m', not {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (match := INTERVAL.match(value)):
        seconds = float(match.group(1)) * UNIT_SECONDS[(match.group(2) or "s").lower()]
    else:
        raise ValueError(f"interval must be a duration like '30s', '5m' or '1h', not {value!r}")
    if seconds <= 0:
        raise ValueError(f"interval must be positive, not {value!r}")
    return seconds


def _entry(raw: Any, where: str, min_interval: float) -> FeedConfig:
    if not isinstance(raw, dict):
        raise FeedsFileError(
            f"{where}: a [[feeds]] entry must be a table, not {type(raw).__name__}"
        )
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise FeedsFileError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(KNOWN_KEYS))}"
        )
    url = raw.get("url")
    if not isinstance(url, str) or not url.strip():
        raise FeedsFileError(f"{where}: 'url' is required (a string)")
    url = url.strip()
    where = f"{where} ({url})"
    if not is_http_url(url):
        raise FeedsFileError(f"{where}: 'url' must be an absolute http:// or https:// URL")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise FeedsFileError(f"{where}: 'name' (the outlet, e.g. \"BBC Arabic\") is required")
    lang = raw.get("lang")
    if lang is not None and (not isinstance(lang, str) or not lang.strip()):
        raise FeedsFileError(f"{where}: 'lang' must be a language code such as \"ar\"")
    try:
        interval = parse_interval(raw.get("interval", "5m"))
    except ValueError as exc:
        raise FeedsFileError(f"{where}: {exc}") from None
    if interval < min_interval:
        raise FeedsFileError(
            f"{where}: interval {interval:g}s is shorter than the minimum {min_interval:g}s"
        )
    headers = raw.get("headers", {})
    if not isinstance(headers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        raise FeedsFileError(f"{where}: 'headers' must be a table of string values")
    internal = raw.get("internal", False)
    if not isinstance(internal, bool):
        raise FeedsFileError(f"{where}: 'internal' must be true or false")
    return FeedConfig(
        url=url,
        name=name.strip(),
        lang=lang.strip() if isinstance(lang, str) else None,
        interval=interval,
        headers=dict(headers),
        internal=internal,
    )


def parse_feeds(
    data: dict[str, Any], origin: str = "<feeds>", *, min_interval: float = MIN_INTERVAL
) -> list[FeedConfig]:
    """The feeds of already-parsed TOML ``data``; ``origin`` names it in errors."""
    feeds = data.get("feeds")
    if feeds is None:
        raise FeedsFileError(f"{origin}: no [[feeds]] entries")
    if not isinstance(feeds, list):
        raise FeedsFileError(f"{origin}: 'feeds' must be an array of tables ([[feeds]])")
    result: list[FeedConfig] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(feeds, start=1):
        config = _entry(raw, f"{origin}: feed #{index}", min_interval)
        if config.url in seen:
            raise FeedsFileError(
                f"{origin}: feed #{index} ({config.url}) repeats feed #{seen[config.url]}"
            )
        seen[config.url] = index
        result.append(config)
    if not result:
        raise FeedsFileError(f"{origin}: no [[feeds]] entries")
    return result


def load_feeds(path: str | Path, *, min_interval: float = MIN_INTERVAL) -> list[FeedConfig]:
    """Read and validate the feeds file at ``path``."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise FeedsFileError(f"{path}: cannot read feeds file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise FeedsFileError(f"{path}: feeds file is not UTF-8 ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FeedsFileError(f"{path}: not valid TOML: {exc}") from None
    return parse_feeds(data, str(path), min_interval=min_interval)

"""Webhook receivers from the settings: where alerts go and in which format.

``RAQIB_WEBHOOK_URL`` holds one or more URLs separated by ``;`` (or ``,``). Each
may carry its own format as a prefix (``slack+https://...``, ``teams+https://...``,
``json+https://...``); without a prefix a URL takes ``RAQIB_WEBHOOK_FORMAT``,
which is either one format for all or a parallel list (``slack;teams``) with
one entry per URL. URLs are secrets (Slack and Teams put the token in the
path): a receiver's ``name``, used in logs and metric labels, shows only the
format and host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from streams.core.model import stable_hash
from streams.sinks.exceptions import ReceiverConfigError

FORMATS = ("slack", "json", "teams")
_SPLIT = re.compile(r";|,(?=\s*(?:(?:slack|json|teams)\+)?https?://)", re.IGNORECASE)
_PREFIX = re.compile(r"^(slack|json|teams)\+(?=https?://)", re.IGNORECASE)


@dataclass(frozen=True)
class Receiver:
    """One webhook. ``key`` (a hash of the URL) identifies it in the delivery store."""

    name: str
    url: str
    format: str

    @property
    def key(self) -> str:
        """The receiver's identity in the delivery store: a hash of its URL, never the URL."""
        return stable_hash(self.url)

    def __repr__(self) -> str:  # never print the URL: it is a secret
        return f"Receiver(name={self.name!r}, format={self.format!r})"


def redact(url: str) -> str:
    """``https://hooks.slack.com/services/T/B/X`` → ``https://hooks.slack.com/…``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or '?'}/…"


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in _SPLIT.split(value or "") if part.strip()]


def parse_receivers(webhook_url: str | None, webhook_format: str = "slack") -> list[Receiver]:
    """The receivers configured by ``RAQIB_WEBHOOK_URL`` and ``RAQIB_WEBHOOK_FORMAT``."""
    urls = _split(webhook_url)
    formats = [f.lower() for f in _split(webhook_format)] or ["slack"]
    for fmt in formats:
        if fmt not in FORMATS:
            raise ReceiverConfigError(
                f"RAQIB_WEBHOOK_FORMAT: unknown format {fmt!r}; use {', '.join(FORMATS)}"
            )
    if len(formats) > 1 and len(formats) != len(urls):
        raise ReceiverConfigError(
            f"RAQIB_WEBHOOK_FORMAT lists {len(formats)} formats for {len(urls)} URLs in "
            "RAQIB_WEBHOOK_URL: give one format for all, one per URL, or prefix each URL "
            "(slack+https://..., teams+https://..., json+https://...)"
        )
    receivers: list[Receiver] = []
    names: set[str] = set()
    for index, entry in enumerate(urls):
        fmt = formats[index] if len(formats) > 1 else formats[0]
        if match := _PREFIX.match(entry):
            fmt = match.group(1).lower()
            entry = entry[match.end() :]
        parts = urlsplit(entry)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ReceiverConfigError(
                f"RAQIB_WEBHOOK_URL entry {index + 1} is not an http(s) URL "
                f"(scheme {parts.scheme or 'missing'!r}); separate receivers with ';'"
            )
        name = f"{fmt}@{parts.hostname}"
        if parts.port:
            name += f":{parts.port}"
        base, n = name, 2
        while name in names:
            name, n = f"{base}#{n}", n + 1
        names.add(name)
        receivers.append(Receiver(name=name, url=entry, format=fmt))
    return receivers

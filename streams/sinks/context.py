"""What an alert is about, as every rendering shows it: the incident (title, place, day),
each claim's article (outlet, link, publication time) and quotes fit to be shown.

Pure functions over the alert's JSON and :class:`~streams.core.model.Claim`; figures and
sources become words in :mod:`streams.core.wording`, not here. The incident fields are the
alert's own (``title``, ``place``, ``day``: added to the contract by the event stage); an
alert that lacks them is named by its event id, never left without a name.

Quotes are third-party text. One that carries bidirectional controls (an embedded LRO,
RLO, LRE, RLE, PDF or isolate) could reorder the text around it in a Slack message, a
Teams card or a terminal line, so every quote is shown with those controls removed; a
renderer that can isolate text (the terminal, the dashboard) also wraps it in one
isolate of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from streams.core.model import Claim

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Incident:
    """The incident an alert belongs to, in words."""

    event: str
    title: str | None = None
    place: str | None = None
    day: str | None = None

    @property
    def name(self) -> str:
        """The incident's title, else its event id ("event sy-20d94758e7d7")."""
        return self.title or f"event {self.event}"

    @property
    def line(self) -> str:
        """Title · place · day (what is known of them), else the event id."""
        parts = [self.title, self.place if self.place != self.title else None, self.day]
        shown = " · ".join(p for p in parts if p)
        return shown or f"event {self.event}"


def _words(value: Any) -> str | None:
    """A place or day as the event stage gives it (text, ``{"name": ...}`` or a list)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):
        for key in ("name", "name_en", "title", "label", "id"):
            if value.get(key):
                return str(value[key])
        return None
    if isinstance(value, list | tuple):
        names = list(dict.fromkeys(n for n in (_words(v) for v in value) if n))
        joiner = " – " if names and all(ISO_DAY.fullmatch(n) for n in names) else ", "
        return joiner.join(names) or None
    return str(value)


def incident(raw: Mapping[str, Any]) -> Incident:
    """The incident of an alert (its JSON): title, place and day when it carries them."""
    return Incident(
        event=str(raw.get("event") or ""),
        title=_words(raw.get("title")),
        place=_words(raw.get("place")),
        day=_words(raw.get("day")),
    )


def outlet_text(claim: Claim) -> str:
    """Who published the claim: the outlet, else the article id."""
    return claim.source or f"article {claim.article}"


def published_text(value: str | None) -> str | None:
    """An ISO 8601 publication time as "3 Mar 2026 08:05 UTC" (as given when unreadable)."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if when.tzinfo is None:
        return when.strftime("%-d %b %Y %H:%M" if when.hour or when.minute else "%-d %b %Y")
    return when.astimezone(UTC).strftime("%-d %b %Y %H:%M UTC")


def article_line(claim: Claim) -> str:
    """Outlet, publication time and link of the claim's article, in plain text."""
    parts = [outlet_text(claim)]
    if published := published_text(claim.published):
        parts.append(published)
    if claim.url:
        parts.append(claim.url)
    return " · ".join(parts)

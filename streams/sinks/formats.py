"""A notification as a webhook body, per receiver format.

A notification carries one alert (the first of an incident, or the only one of its group
interval) or several (an update: the incident's alerts that came in within the interval).

- ``json``: one alert is the alert contract exactly as on the alert topic (type ``alert``);
  an update is ``{"type": "alert_group", "id", "event", "title", "place", "day",
  "summary", "alerts": [<alert>, ...]}``. CloudEvents attributes travel as HTTP headers
  (:func:`streams.sinks.wire.http_headers`).
- ``slack``: :mod:`streams.sinks.slack`; ``teams``: :mod:`streams.sinks.teams`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from streams.core.model import Alert
from streams.sinks.context import incident
from streams.sinks.slack import (
    SLACK_MAX_BLOCKS,
    SLACK_MAX_SECTION,
    slack_group_message,
    slack_message,
)
from streams.sinks.teams import (
    ADAPTIVE_CARD,
    TEAMS_MAX_BYTES,
    body_size,
    teams_group_message,
    teams_message,
)

__all__ = [
    "ADAPTIVE_CARD",
    "SLACK_MAX_BLOCKS",
    "SLACK_MAX_SECTION",
    "TEAMS_MAX_BYTES",
    "body_size",
    "event_url",
    "format_alert",
    "format_group",
    "group_message",
    "json_message",
    "slack_group_message",
    "slack_message",
    "teams_group_message",
    "teams_message",
]

GROUP_TYPE = "alert_group"


def event_url(base: str | None, event_id: str) -> str | None:
    """The dashboard page of an event, or None when no dashboard URL is known."""
    if not base:
        return None
    return f"{base.rstrip('/')}/events/{quote(event_id, safe='')}"


def json_message(alert: Alert, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """The alert contract; ``raw`` (the topic's JSON, possibly with added fields) wins."""
    return dict(raw) if raw is not None else alert.to_json()


def group_message(alerts: Sequence[dict[str, Any]], notification: str) -> dict[str, Any]:
    """The ``json`` body of an update: the incident and its new alerts, as on the topic."""
    where = incident(alerts[0])
    return {
        "type": GROUP_TYPE,
        "id": notification,
        "event": where.event,
        "title": where.title,
        "place": where.place,
        "day": where.day,
        "summary": f"{len(alerts)} new contradictions on {where.name}",
        "alerts": [dict(a) for a in alerts],
    }


def format_alert(
    fmt: str, alert: Alert, link: str | None = None, raw: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The body of a one-alert notification for a receiver of format ``fmt``."""
    if fmt == "slack":
        return slack_message(alert, link, raw)
    if fmt == "teams":
        return teams_message(alert, link, raw)
    if fmt == "json":
        return json_message(alert, raw)
    raise ValueError(f"unknown webhook format {fmt!r}")


def format_group(
    fmt: str, alerts: Sequence[dict[str, Any]], link: str | None, notification: str
) -> dict[str, Any]:
    """The body of an update (several alerts of one incident) for format ``fmt``."""
    if fmt == "slack":
        return slack_group_message(alerts, link, notification)
    if fmt == "teams":
        return teams_group_message(alerts, link, notification)
    if fmt == "json":
        return group_message(alerts, notification)
    raise ValueError(f"unknown webhook format {fmt!r}")

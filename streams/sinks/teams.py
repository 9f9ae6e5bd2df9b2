"""Alerts as Microsoft Teams *Workflows* webhook messages: ``{"type": "message",
"attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content":
<Adaptive Card 1.5>}]}`` (classic Office 365 connectors are retired).

Teams refuses a message over about 28 KB, so a card is measured as it will be posted
(UTF-8 JSON) and fitted under :data:`TEAMS_MAX_BYTES`: quotes are shortened first, then
claims (or, in an update, alerts) are left out from the end and counted in a "+N more"
line. Arabic quotes sit in right-to-left containers, others left to right.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from streams.core.model import Alert, Claim
from streams.core.text import without_bidi_controls
from streams.core.wording import figure_text, quote_direction, quote_text, source_text
from streams.sinks.context import Incident, incident, outlet_text, published_text

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
TEAMS_MAX_BYTES = 28_000
TEAMS_MAX_ITEMS = 25
QUOTE_LIMITS = (1200, 400, 160)
SUMMARY_MAX = 1000
TEAMS_COLOR = {"high": "attention", "medium": "warning", "low": "accent"}


def body_size(message: dict[str, Any]) -> int:
    """Bytes of ``message`` as it is posted (UTF-8 JSON, Arabic not escaped)."""
    return len(json.dumps(message, ensure_ascii=False).encode("utf-8"))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(text: str, **options: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **options}


def _article(claim: Claim) -> str:
    outlet = outlet_text(claim).replace("[", "(").replace("]", ")")
    line = f"[{outlet}]({claim.url})" if claim.url else outlet
    if published := published_text(claim.published):
        line += f" · {published}"
    return line


def _quote(claim: Claim, limit: int) -> dict[str, Any]:
    """The quote in a container of its direction (right to left only for Arabic); the
    container sets the direction, so the text goes without isolate marks.
    """
    text = without_bidi_controls(quote_text(claim, limit))
    return {
        "type": "Container",
        "rtl": quote_direction(claim) == "rtl",
        "items": [_text(text, isSubtle=True)],
    }


def _claim(label: str, claim: Claim, quote_limit: int) -> dict[str, Any]:
    return {
        "type": "Container",
        "separator": True,
        "items": [
            _text(f"**{label}: {figure_text(claim)}** {claim.metric} — {source_text(claim)}"),
            _text(_article(claim), isSubtle=True, spacing="None"),
            _quote(claim, quote_limit),
        ],
    }


def _more(count: int, what: str) -> list[dict[str, Any]]:
    return [_text(f"+{count} more {what}", isSubtle=True)] if count else []


def _facts(where: Incident, *facts: tuple[str, str]) -> dict[str, Any]:
    known = [("Incident", where.title), ("Place", where.place), ("Day", where.day)]
    rows = [(t, v) for t, v in known if v] + [("Event", where.event), *facts]
    return {"type": "FactSet", "facts": [{"title": t, "value": v} for t, v in rows]}


def _message(body: list[dict[str, Any]], link: str | None) -> dict[str, Any]:
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": body,
        "msteams": {"width": "Full"},
    }
    if link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open event page", "url": link}]
    return {
        "type": "message",
        "attachments": [{"contentType": ADAPTIVE_CARD, "contentUrl": None, "content": card}],
    }


def _fitted(build: Callable[[int, int], dict[str, Any]], items: int) -> dict[str, Any]:
    """The fullest message under the size limit: shorter quotes first, then fewer items."""
    for quote_limit in QUOTE_LIMITS:
        for shown in range(min(items, TEAMS_MAX_ITEMS), -1, -1):
            message = build(quote_limit, shown)
            if body_size(message) <= TEAMS_MAX_BYTES:
                return message
    return build(QUOTE_LIMITS[-1], 0)


def teams_message(
    alert: Alert, link: str | None = None, raw: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A Teams Workflows message for one alert, under Teams' size limit."""
    where = incident(raw if raw is not None else alert.to_json())
    victims = alert.victim_class.replace("_", " ")

    def build(quote_limit: int, shown: int) -> dict[str, Any]:
        body: list[dict[str, Any]] = [
            _text(
                f"Contradiction: {alert.metric} ({victims}) · {where.name}",
                weight="Bolder",
                size="Medium",
                color=TEAMS_COLOR.get(alert.severity, "warning"),
            ),  # fmt: skip
            _text(_cut(alert.summary, SUMMARY_MAX)),
            _facts(
                where,
                ("Severity", alert.severity),
                ("Metric", alert.metric),
                ("Victims", victims),
                ("Alert", alert.id),
            ),  # fmt: skip
            _claim("New", alert.new, quote_limit),
            *(_claim("Contradicts", c, quote_limit) for c in alert.conflicts_with[:shown]),
            *_more(len(alert.conflicts_with) - shown, "conflicting claims"),
        ]
        return _message(body, link)

    return _fitted(build, len(alert.conflicts_with))


def _alert_item(alert: Alert, quote_limit: int) -> dict[str, Any]:
    return {
        "type": "Container",
        "separator": True,
        "items": [
            _text(f"**[{alert.severity}]** {_cut(alert.summary, SUMMARY_MAX)}"),
            _text(_article(alert.new), isSubtle=True, spacing="None"),
            _quote(alert.new, quote_limit),
        ],
    }


def teams_group_message(
    alerts: Sequence[dict[str, Any]], link: str | None = None, notification: str = ""
) -> dict[str, Any]:
    """A Teams Workflows message for an update of an incident, under Teams' size limit."""
    parsed = [Alert.from_json(a) for a in alerts]
    where = incident(alerts[0])

    def build(quote_limit: int, shown: int) -> dict[str, Any]:
        body: list[dict[str, Any]] = [
            _text(
                f"{len(parsed)} new contradictions · {where.name}",
                weight="Bolder",
                size="Medium",
                color="warning",
            ),  # fmt: skip
            _facts(where, ("Alerts", str(len(parsed))), ("Update", notification)),
            *(_alert_item(a, quote_limit) for a in parsed[:shown]),
            *_more(len(parsed) - shown, "contradictions"),
        ]
        return _message(body, link)

    return _fitted(build, len(parsed))

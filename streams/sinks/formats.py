"""Alert → webhook body, one pure function per format.

- ``json``: the alert contract (docs/ARCHITECTURE.md, "Output contract"), as it is on the alert topic.
- ``slack``: an incoming-webhook message, ``text`` (the notification line) plus
  Block Kit blocks with the figures, sources, quotes and a link to the event
  page. Within Slack's limits: header ≤ 150 chars, section text ≤ 3000, fields
  ≤ 10 of ≤ 2000 each, ≤ 50 blocks (extra conflicting claims are summarised).
- ``teams``: a Teams Workflows message carrying an Adaptive Card (1.5), Arabic
  quotes in right-to-left containers, English ones left to right.

Every quote is shown in its language's direction (:func:`~streams.core.wording.quote_direction`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from streams.core.model import Alert, Claim
from streams.core.wording import figure_text, quote_direction, quote_text, source_text

SLACK_MAX_BLOCKS = 50
SLACK_MAX_SECTION = 3000
SLACK_MAX_HEADER = 150
SLACK_MAX_FIELD = 2000
SLACK_MAX_TEXT = 3000
QUOTE_MAX = 1200
# header, summary, fields, divider, new claim, "N more", actions, context
_SLACK_FIXED_BLOCKS = 8
TEAMS_MAX_CONFLICTS = 25

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
SEVERITY_EMOJI = {"high": ":rotating_light:", "medium": ":warning:", "low": ":information_source:"}
TEAMS_COLOR = {"high": "attention", "medium": "warning", "low": "accent"}


def event_url(base: str | None, event_id: str) -> str | None:
    """The dashboard page of an event, or None when no dashboard URL is known."""
    if not base:
        return None
    return f"{base.rstrip('/')}/events/{quote(event_id, safe='')}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def json_message(alert: Alert, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """The alert contract; ``raw`` (the topic's JSON, possibly with added fields) wins."""
    return dict(raw) if raw is not None else alert.to_json()


def _slack_claim(label: str, claim: Claim) -> dict[str, Any]:
    head = (
        f"*{label}:* *{_mrkdwn(figure_text(claim))}* {claim.metric} — {_mrkdwn(source_text(claim))}"
    )
    body = f"{_cut(head, 1000)}\n>{_mrkdwn(_cut(quote_text(claim), QUOTE_MAX))}"
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(body, SLACK_MAX_SECTION)}}


def slack_message(alert: Alert, link: str | None = None) -> dict[str, Any]:
    """A Slack incoming-webhook body (``text`` + ``blocks``) for ``alert``."""
    emoji = SEVERITY_EMOJI.get(alert.severity, ":warning:")
    victims = alert.victim_class.replace("_", " ")
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": _cut(
                    f"Contradiction: {alert.metric} ({victims}) · {alert.severity}",
                    SLACK_MAX_HEADER,
                ),
            },
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": _cut(f"{emoji} {_mrkdwn(alert.summary)}", SLACK_MAX_SECTION),
            },
        },
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": _cut(f"*Event*\n`{alert.event}`", SLACK_MAX_FIELD)},
                {"type": "mrkdwn", "text": f"*Severity*\n{alert.severity}"},
                {"type": "mrkdwn", "text": f"*Metric*\n{alert.metric}"},
                {"type": "mrkdwn", "text": f"*Victims*\n{victims}"},
            ],
        },
        {"type": "divider"},
        _slack_claim("New", alert.new),
    ]
    room = SLACK_MAX_BLOCKS - _SLACK_FIXED_BLOCKS
    shown = alert.conflicts_with[:room]
    blocks += [_slack_claim("Contradicts", c) for c in shown]
    if len(alert.conflicts_with) > len(shown):
        rest = alert.conflicts_with[len(shown) :]
        more = ", ".join(figure_text(c) for c in rest)
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": _cut(f"…and {len(rest)} more conflicting claims: {more}", 3000),
                    }
                ],
            }
        )
    if link:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Open event page"},
                        "url": link[:3000],
                        "action_id": "raqib_open_event",
                    }
                ],
            }
        )
    blocks.append(
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": _cut(f"raqib · alert `{alert.id}`", 3000)}],
        }
    )
    text = f"{emoji} [{alert.severity}] {_mrkdwn(alert.summary)}"
    if link:
        text += f" <{link}|event page>"
    return {"text": _cut(text, SLACK_MAX_TEXT), "blocks": blocks[:SLACK_MAX_BLOCKS]}


def _teams_claim(label: str, claim: Claim) -> dict[str, Any]:
    return {
        "type": "Container",
        "separator": True,
        "items": [
            {
                "type": "TextBlock",
                "text": f"**{label}: {figure_text(claim)}** {claim.metric} — {source_text(claim)}",
                "wrap": True,
            },
            {
                "type": "Container",
                "rtl": quote_direction(claim) == "rtl",
                "items": [
                    {
                        "type": "TextBlock",
                        "text": _cut(claim.quote, QUOTE_MAX),
                        "wrap": True,
                        "isSubtle": True,
                    }
                ],
            },
        ],
    }


def teams_message(alert: Alert, link: str | None = None) -> dict[str, Any]:
    """A Teams Workflows webhook body: a message with one Adaptive Card attachment."""
    victims = alert.victim_class.replace("_", " ")
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": f"Contradiction: {alert.metric} ({victims})",
            "weight": "Bolder",
            "size": "Medium",
            "color": TEAMS_COLOR.get(alert.severity, "warning"),
            "wrap": True,
        },
        {"type": "TextBlock", "text": alert.summary, "wrap": True},
        {
            "type": "FactSet",
            "facts": [
                {"title": "Event", "value": alert.event},
                {"title": "Severity", "value": alert.severity},
                {"title": "Metric", "value": alert.metric},
                {"title": "Victims", "value": victims},
                {"title": "Alert", "value": alert.id},
            ],
        },
        _teams_claim("New", alert.new),
    ]
    shown = alert.conflicts_with[:TEAMS_MAX_CONFLICTS]
    body += [_teams_claim("Contradicts", c) for c in shown]
    if len(alert.conflicts_with) > len(shown):
        body.append(
            {
                "type": "TextBlock",
                "text": f"…and {len(alert.conflicts_with) - len(shown)} more conflicting claims",
                "isSubtle": True,
                "wrap": True,
            }
        )
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


def format_alert(
    fmt: str, alert: Alert, link: str | None = None, raw: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The body for a receiver of format ``fmt`` (slack, json or teams)."""
    if fmt == "slack":
        return slack_message(alert, link)
    if fmt == "teams":
        return teams_message(alert, link)
    if fmt == "json":
        return json_message(alert, raw)
    raise ValueError(f"unknown webhook format {fmt!r}")

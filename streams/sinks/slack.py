"""Alerts as Slack incoming-webhook messages: ``text`` (the notification line) plus Block Kit
``blocks``, within Slack's limits (header ≤ 150 characters, section text ≤ 3,000, fields
≤ 10 of ≤ 2,000, ≤ 50 blocks; what does not fit is summarised as "+N more").

One alert: its incident (title, place, day), the summary, then each claim with its figure,
source, article (outlet linked to the article, publication time) and quote. An update of
an incident (several alerts grouped): the incident, then one section per alert.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from streams.core.model import Alert, Claim
from streams.core.wording import figure_text, quote_text, source_text
from streams.sinks.context import Incident, incident, outlet_text, published_text

SLACK_MAX_BLOCKS = 50
SLACK_MAX_SECTION = 3000
SLACK_MAX_HEADER = 150
SLACK_MAX_FIELD = 2000
SLACK_MAX_TEXT = 3000
QUOTE_MAX = 1200
GROUP_QUOTE_MAX = 300
# header, incident, summary, fields, divider, new claim, "N more", actions, context
_FIXED_BLOCKS = 9
# header, incident, intro, divider, "N more", actions, context
_GROUP_FIXED_BLOCKS = 7
SEVERITY_EMOJI = {"high": ":rotating_light:", "medium": ":warning:", "low": ":information_source:"}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(url: str, label: str) -> str:
    """A mrkdwn link; the URL's own ``|`` and ``>`` would end it, so they are escaped."""
    return f"<{url.replace('|', '%7C').replace('>', '%3E')}|{_mrkdwn(label)}>"


def _article(claim: Claim) -> str:
    outlet = outlet_text(claim)
    line = _link(claim.url, outlet) if claim.url else _mrkdwn(outlet)
    if published := published_text(claim.published):
        line += f" · {_mrkdwn(published)}"
    return line


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SLACK_MAX_SECTION)}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(text, 3000)}]}


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": _cut(text, SLACK_MAX_HEADER)}}


def _incident_block(where: Incident) -> dict[str, Any]:
    text = f":round_pushpin: *{_mrkdwn(where.line)}*"
    if where.title:
        text += f" · event `{_mrkdwn(where.event)}`"
    return _context(text)


def _button(link: str | None) -> list[dict[str, Any]]:
    if not link:
        return []
    return [
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
    ]


def _claim(label: str, claim: Claim) -> dict[str, Any]:
    head = (
        f"*{label}:* *{_mrkdwn(figure_text(claim))}* {claim.metric} — {_mrkdwn(source_text(claim))}"
    )
    quote = _mrkdwn(quote_text(claim, QUOTE_MAX))
    return _section(f"{_cut(head, 1000)}\n{_cut(_article(claim), 1200)}\n>{quote}")


def slack_message(
    alert: Alert, link: str | None = None, raw: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A Slack incoming-webhook body (``text`` + ``blocks``) for one alert."""
    where = incident(raw if raw is not None else alert.to_json())
    emoji = SEVERITY_EMOJI.get(alert.severity, ":warning:")
    victims = alert.victim_class.replace("_", " ")
    blocks: list[dict[str, Any]] = [
        _header(f"Contradiction: {alert.metric} ({victims}) · {alert.severity}"),
        _incident_block(where),
        _section(f"{emoji} {_mrkdwn(alert.summary)}"),
        {
            "type": "section",
            "fields": [
                {
                    "type": "mrkdwn",
                    "text": _cut(f"*Incident*\n{_mrkdwn(where.line)}", SLACK_MAX_FIELD),
                },
                {"type": "mrkdwn", "text": f"*Severity*\n{alert.severity}"},
                {"type": "mrkdwn", "text": f"*Metric*\n{alert.metric}"},
                {"type": "mrkdwn", "text": f"*Victims*\n{victims}"},
            ],
        },
        {"type": "divider"},
        _claim("New", alert.new),
    ]
    shown = alert.conflicts_with[: SLACK_MAX_BLOCKS - _FIXED_BLOCKS]
    blocks += [_claim("Contradicts", c) for c in shown]
    if rest := alert.conflicts_with[len(shown) :]:
        more = ", ".join(figure_text(c) for c in rest)
        blocks.append(_context(f"+{len(rest)} more conflicting claims: {more}"))
    blocks += _button(link)
    blocks.append(_context(f"raqib · alert `{alert.id}`"))
    text = f"{emoji} [{alert.severity}] {_mrkdwn(where.name)}: {_mrkdwn(alert.summary)}"
    if link:
        text += f" {_link(link, 'event page')}"
    return {"text": _cut(text, SLACK_MAX_TEXT), "blocks": blocks[:SLACK_MAX_BLOCKS]}


def _alert_item(alert: Alert) -> dict[str, Any]:
    emoji = SEVERITY_EMOJI.get(alert.severity, ":warning:")
    quote = _mrkdwn(quote_text(alert.new, GROUP_QUOTE_MAX))
    return _section(
        f"{emoji} *[{alert.severity}]* {_mrkdwn(alert.summary)}\n"
        f"{_cut(_article(alert.new), 1200)}\n>{quote}"
    )


def slack_group_message(
    alerts: Sequence[dict[str, Any]], link: str | None = None, notification: str = ""
) -> dict[str, Any]:
    """One Slack message for an update of an incident: the alerts that came in together."""
    parsed = [Alert.from_json(a) for a in alerts]
    where = incident(alerts[0])
    count = len(parsed)
    blocks: list[dict[str, Any]] = [
        _header(f"{count} new contradictions · {where.name}"),
        _incident_block(where),
        _section(f"Since the last notification on this incident, {count} more contradictions:"),
        {"type": "divider"},
    ]
    shown = parsed[: SLACK_MAX_BLOCKS - _GROUP_FIXED_BLOCKS]
    blocks += [_alert_item(a) for a in shown]
    if rest := parsed[len(shown) :]:
        blocks.append(_context(f"+{len(rest)} more: " + "; ".join(a.summary for a in rest)))
    blocks += _button(link)
    blocks.append(_context(f"raqib · update `{notification}` · {count} alerts"))
    worst = max(parsed, key=lambda a: ("low", "medium", "high").index(a.severity)
                if a.severity in ("low", "medium", "high") else 0)  # fmt: skip
    emoji = SEVERITY_EMOJI.get(worst.severity, ":warning:")
    text = (
        f"{emoji} {count} new contradictions on {_mrkdwn(where.name)}: {_mrkdwn(parsed[0].summary)}"
    )
    if link:
        text += f" {_link(link, 'event page')}"
    return {"text": _cut(text, SLACK_MAX_TEXT), "blocks": blocks[:SLACK_MAX_BLOCKS]}

"""Human-readable renderings of alerts for terminals.

Figures and sources in :mod:`streams.core.wording`'s words; the incident, each claim's
article and quotes as :mod:`streams.sinks.context` gives them, so the terminal reads like
the webhooks and the dashboard. A quote sits in its own bidi isolate with any embedded
control removed: an Arabic quote cannot reorder the rest of the line.
"""

from __future__ import annotations

from typing import Any

from streams.core.model import Alert, Claim
from streams.core.wording import figure_text, quote_text, source_text
from streams.sinks.context import article_line, incident


def _claim(label: str, claim: Claim) -> list[str]:
    return [
        f"  {label} {figure_text(claim)} — {source_text(claim)}",
        f"       {article_line(claim)}",
        f"       «{quote_text(claim)}»",
    ]


def render_alert(
    alert: Alert, color: bool = False, *, raw: dict[str, Any] | None = None,
    muted: str | None = None,
) -> str:  # fmt: skip
    """An alert for a terminal: the head line, its incident, the summary, then each claim
    with its figure, source, article and quote. ``raw`` is the alert's JSON (for the
    incident's title, place and day); ``muted`` the id of the silence that mutes it.
    """
    red, dim, bold, reset = (
        ("\033[31m", "\033[2m", "\033[1m", "\033[0m") if color else ("", "", "", "")
    )
    tone = dim if muted else red
    mark = "MUTED " if muted else ""
    where = incident(raw if raw is not None else alert.to_json())
    lines = [
        f"{tone}{bold}{mark}ALERT [{alert.severity}]{reset} {alert.metric} · "
        f"{alert.victim_class} · event {alert.event} · id {alert.id}",
        f"  {where.line}",
    ]
    if muted:
        lines.append(f"  (muted by silence {muted}: not posted to webhooks)")
    lines.append(f"  {alert.summary}")
    lines += _claim("new:", alert.new)
    for other in alert.conflicts_with:
        lines += _claim("vs: ", other)
    return "\n".join(lines)

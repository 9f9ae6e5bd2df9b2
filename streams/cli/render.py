"""Human-readable renderings of alerts for terminals (figures and sources in
:mod:`streams.core.wording`'s words).
"""

from __future__ import annotations

from streams.core.model import Alert
from streams.core.wording import figure_text, quote_text, source_text


def render_alert(alert: Alert, color: bool = False) -> str:
    """An alert for a terminal: the summary, then each claim with its figure, source and quote."""
    red, bold, reset = ("\033[31m", "\033[1m", "\033[0m") if color else ("", "", "")
    lines = [
        f"{red}{bold}ALERT [{alert.severity}]{reset} {alert.metric} · {alert.victim_class} · event {alert.event} · id {alert.id}",
        f"  {alert.summary}",
        f"  new: {figure_text(alert.new)} — {source_text(alert.new)}",
        f"       «{quote_text(alert.new)}»",
    ]
    for other in alert.conflicts_with:
        lines.append(f"  vs:  {figure_text(other)} — {source_text(other)}")
        lines.append(f"       «{quote_text(other)}»")
    return "\n".join(lines)

"""Human-readable renderings of claims and alerts for terminals."""

from __future__ import annotations

from streams.core.model import Alert, Claim


def figure(claim: Claim) -> str:
    """'62', 'more than 60' style text for a claim's range."""
    approx = "~" if claim.approximate else ""
    if claim.max is None:
        return f"≥{claim.min}"
    if claim.max == claim.min:
        return f"{approx}{claim.min}"
    return f"{approx}{claim.min}–{claim.max}"


def who(claim: Claim) -> str:
    outlet = claim.source or claim.article
    return (
        f"{claim.attributed_to} (via {outlet})" if claim.attributed_to else f"{outlet} (own voice)"
    )


def render_alert(alert: Alert, color: bool = False) -> str:
    red, bold, reset = ("\033[31m", "\033[1m", "\033[0m") if color else ("", "", "")
    lines = [
        f"{red}{bold}ALERT [{alert.severity}]{reset} {alert.metric} · {alert.victim_class} · event {alert.event} · id {alert.id}",
        f"  {alert.summary}",
        f"  new: {figure(alert.new)} — {who(alert.new)}",
        f"       «{alert.new.quote}»",
    ]
    for other in alert.conflicts_with:
        lines.append(f"  vs:  {figure(other)} — {who(other)}")
        lines.append(f"       «{other.quote}»")
    return "\n".join(lines)

"""THE place a figure or a source becomes words, for every reader of an alert.

A source reads by its canonical name and type from the source registry, with the Arabic as
written ("Syrian Health Ministry (government) «وزارة الصحة السورية»"); a speaker the
registry does not know reads as written, never transliterated.

The alert summary (:func:`alert_summary`), the terminal (``streams/cli/render.py``), the
webhook bodies (``streams/sinks/formats.py``) and the dashboard (the ``text`` the sink
agent adds to each alert it feeds it) all call these, so a figure reads the same
everywhere: "80", "about 60", "at least 61", "20–99 (approx.)", "100–300".

A quote is shown in its own language and direction (:func:`quote_direction`): an Arabic
quote right to left, an English one left to right, whatever the text around it;
:func:`quote_text` wraps it in a Unicode directional isolate for plain-text readers
(terminal, Slack), so an English quote keeps its order beside Arabic and the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .conflicts import GENERAL_CLASSES
from .model import Alert, Claim
from .registry import SourceRef, display, resolve_outlet
from .sources import display_ref
from .text import without_bidi_controls
from .text.language import detect_language

__all__ = [
    "alert_summary",
    "alert_text",
    "claim_text",
    "figure_text",
    "quote_direction",
    "quote_text",
    "range_text",
    "source_name",
    "source_text",
]


def figure_text(claim: Claim) -> str:
    """ "80", "about 60", "at least 61", "20–99 (approx.)", "100–300"."""
    if claim.max is None:
        return f"at least {claim.min}"
    if claim.min == claim.max:
        return f"about {claim.min}" if claim.approximate else str(claim.min)
    return f"{claim.min}–{claim.max}" + (" (approx.)" if claim.approximate else "")


RLI, LRI, PDI = "\u2067", "\u2066", "\u2069"  # right-to-left / left-to-right isolate, its end


def quote_direction(claim: Claim) -> str:
    """ "rtl" for an Arabic quote, "ltr" for any other: by the claim's ``lang``, else by the
    script of its quote.
    """
    lang = claim.lang or detect_language(claim.quote)
    return "rtl" if lang == "ar" else "ltr"


def quote_text(claim: Claim, limit: int | None = None) -> str:
    """The quote without bidirectional controls of its own (an alert read from the topic
    may carry any), cut at ``limit`` characters with "…", inside a directional isolate of
    its direction (see the module docstring).
    """
    clean = without_bidi_controls(claim.quote or "")
    if limit is not None and len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return f"{RLI if quote_direction(claim) == 'rtl' else LRI}{clean}{PDI}"


def range_text(low: int, high: int | None) -> str:
    """The range of several figures ("60–80", "at least 60", "62"): an event's summary."""
    if high is None:
        return f"at least {low}"
    return str(low) if low == high else f"{low}–{high}"


def source_name(claim: Claim) -> str:
    """Who stated the figure: its canonical name and type (the source registry) with the
    Arabic as written, "Syrian Health Ministry (government) «وزارة الصحة»", "an unnamed
    medical source, quoted by Al Jazeera (medical source) «مصدر طبي»"; a speaker the
    registry does not know by the words as written, never transliterated ("عبد الستار
    إيسويف (unidentified)"); the outlet's own voice "Al Jazeera (own report)".
    """
    if not claim.attributed_to:
        if not claim.source:
            return "the outlet (own report)"
        return f"{display_ref(claim).name_en or claim.source} (own report)"
    try:
        ref: SourceRef | None = display_ref(claim)
    except Exception:  # a registry bug must not stop an alert from being read
        ref = None
    if ref is None:
        return claim.attributed_to
    name = display(ref, claim.attributed_to)
    return f"{name} «{claim.attributed_to}»" if ref.known else name


def source_text(claim: Claim) -> str:
    """The source in full: :func:`source_name`, who relayed it, and the outlet that
    published it: "Syrian Observatory for Human Rights (SOHR) (monitor) «المرصد» via
    x.example", "Lebanese Health Ministry (government) «وزير الصحة» relayed by Reuters, via
    x.example", "x.example (own report)".
    """
    if not claim.attributed_to:
        return f"{claim.source} (own report)" if claim.source else source_name(claim)
    name = source_name(claim)
    if claim.via:
        relay = resolve_outlet(claim.via)
        name = f"{name} relayed by {relay.name_en if relay.known else claim.via},"
    return f"{name} via {claim.source or f'article {claim.article}'}"


def claim_text(claim: Claim) -> dict[str, str]:
    """The words a renderer shows for one claim (the dashboard reads these), and the
    direction of its quote ("rtl", "ltr").
    """
    return {
        "figure": figure_text(claim),
        "source": source_text(claim),
        "quote_dir": quote_direction(claim),
    }


def alert_text(alert: Alert | dict[str, Any]) -> dict[str, Any]:
    """The words of every claim of an alert, for readers without this module (the dashboard)."""
    if isinstance(alert, dict):
        alert = Alert.from_json(alert)
    return {
        "new": claim_text(alert.new),
        "conflicts_with": [claim_text(c) for c in alert.conflicts_with],
    }


def alert_summary(event_id: str, new: Claim, conflicting: Iterable[Claim]) -> str:
    """One readable line: who says what, contradicting whom, on which event.

    A statement carried by several of the conflicting claims is named once, with the
    number of reports.
    """
    reports: dict[str, int] = {}
    for c in conflicting:
        text = f"{figure_text(c)} from {source_name(c)}"
        reports[text] = reports.get(text, 0) + 1
    others = "; ".join(f"{t} ({n} reports)" if n > 1 else t for t, n in reports.items())
    metric = new.metric.capitalize()
    victims = (
        "" if new.victim_class in GENERAL_CLASSES else f" ({new.victim_class.replace('_', ' ')})"
    )
    return (
        f"{metric}{victims}: {source_name(new)} says {figure_text(new)}, "
        f"contradicting {others} — event {event_id}"
    )

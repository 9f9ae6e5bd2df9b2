"""Read-only views of an event's table for the dashboard and ``/api/events``.

Pure functions of an :class:`~streams.core.events.state.EventState`; the words of a
figure or a source come from :mod:`streams.core.wording`.
"""

from __future__ import annotations

from typing import Any

from streams.core.sources import source_key
from streams.core.text.geo import gazetteer
from streams.core.wording import figure_text, range_text, source_name

from .ranges import figure_ranges
from .state import EventState, incident_context


def _place_names(state: EventState) -> list[dict[str, str]]:
    gaz = gazetteer()
    return [{"id": p, "name": gaz.name_en(p)} for p in state.places]


def _contradicted(state: EventState) -> dict[str, list[str]]:
    flagged: dict[str, list[str]] = {}
    for rec in state.alerts:
        for cid in (rec.new, *rec.conflicts_with):
            flagged.setdefault(cid, []).append(rec.id)
    return flagged


def summary_view(state: EventState) -> dict[str, Any]:
    """One line per event for GET /api/events."""
    figures: dict[str, dict[str, Any]] = {}
    for c in state.claims.values():
        if c.scope != "event":
            continue
        f = figures.setdefault(c.metric, {"low": c.min, "high": c.max})
        f["low"] = min(f["low"], c.min)
        f["high"] = None if f["high"] is None or c.max is None else max(f["high"], c.max)
    for f in figures.values():
        f["text"] = range_text(f["low"], f["high"])
    title, place, day = incident_context(state)
    return {
        "id": state.id,
        "places": _place_names(state),
        "title": title or state.id,
        "place": place,
        "day": day,
        "aliases": list(state.aliases),
        "kind": state.kind,
        "day_span": list(state.day_span) if state.day_span else None,
        "first_seen": state.first_seen,
        "last_seen": state.last_seen,
        "articles": len(state.articles),
        "claims": len(state.claims),
        "sources": len({source_key(c) for c in state.claims.values()}),
        "alerts": len(state.alert_ids),
        "figures": figures,
        "ranges": figure_ranges(state.claims.values()),
    }


def table_view(state: EventState) -> dict[str, Any]:
    """Sources × metrics × figures with quotes, contradictions flagged, for GET /api/events/{id}."""
    flagged = _contradicted(state)
    rows: dict[str, dict[str, Any]] = {}
    for c in sorted(state.claims.values(), key=lambda c: (c.article, c.metric, c.min, c.id)):
        key = source_key(c)
        row = rows.setdefault(
            key,
            {
                "source": key,
                "name": source_name(c),
                "attributed_to": c.attributed_to,
                "outlets": [],
                "figures": {},
            },
        )
        if c.source not in row["outlets"]:
            row["outlets"].append(c.source)
        row["figures"].setdefault(c.metric, []).append(
            {
                "claim": c.id,
                "figure": figure_text(c),
                "min": c.min,
                "max": c.max,
                "approximate": c.approximate,
                "victim": c.victim,
                "victim_class": c.victim_class,
                "scope": c.scope,
                "article": c.article,
                "quote": c.quote,
                "lang": c.lang,
                "contradicted": c.id in flagged,
                "alerts": flagged.get(c.id, []),
            }
        )
    metrics = sorted({c.metric for c in state.claims.values()})
    return {
        **summary_view(state),
        "metrics": metrics,
        "sources": list(rows.values()),
        "contradictions": [a.to_json() for a in state.alerts],
        "updates": list(state.updates),
        "article_ids": list(state.articles),
    }

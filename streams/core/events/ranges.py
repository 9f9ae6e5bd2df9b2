"""An event's figures at a glance: each metric's range per victim group.

The dashboard's event list used to give one range per metric, the lowest figure of any
group against the highest of any: "killed 5–120" for an incident where every source says
60–120 killed and one report counts 5 children among them. Here the figures of one metric
are ranged per victim class, and a named subgroup (children, women, officers ...) is ranged
apart from its class, so each range compares figures that count the same people.

Pure: the same claims give the same ranges, in the same order (the groups that cover most
first: unknown or mixed victims, then classes, then subgroups).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from streams.core.conflicts import GENERAL_CLASSES, subgroup
from streams.core.model import METRICS, Claim
from streams.core.sources import source_key
from streams.core.wording import range_text

__all__ = ["figure_ranges"]


def _group(claim: Claim) -> tuple[int, str, str]:
    """(how much it covers: 0 everyone, 1 a class, 2 a subgroup; class; subgroup names)."""
    names = " & ".join(sorted(subgroup(claim)))
    level = 2 if names else 0 if claim.victim_class in GENERAL_CLASSES else 1
    return level, claim.victim_class or "unknown", names


def figure_ranges(claims: Iterable[Claim]) -> dict[str, list[dict[str, Any]]]:
    """The ranges of each metric's event-scope figures, one per victim group.

    Keyed by metric::

        {"killed": [{"victims": "unknown", "subgroup": None, "low": 60, "high": 120,
                     "text": "60–120", "claims": 4, "sources": 3},
                    {"victims": "civilians", "subgroup": "children", "low": 5, ...}]}

    ``high`` is None when a figure is open-ended ("at least 60").
    """
    groups: dict[tuple[str, tuple[int, str, str]], list[Claim]] = {}
    for claim in claims:
        if claim.scope == "event":
            groups.setdefault((claim.metric, _group(claim)), []).append(claim)
    out: dict[str, list[dict[str, Any]]] = {}
    order = {m: i for i, m in enumerate(METRICS)}
    for (metric, (_, victims, names)), members in sorted(
        groups.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1])
    ):
        low = min(c.min for c in members)
        high = None if any(c.max is None for c in members) else max(c.max or 0 for c in members)
        out.setdefault(metric, []).append(
            {
                "victims": victims,
                "subgroup": names or None,
                "low": low,
                "high": high,
                "text": range_text(low, high),
                "claims": len(members),
                "sources": len({source_key(c) for c in members}),
            }
        )
    return out

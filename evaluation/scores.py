"""Everything scored on one replay, and how several replays of one input differ.

Pure: replay output (lists of JSON-line dicts) and a :class:`~evaluation.corpus.Corpus` in,
frozen figures out.

BCubed is computed over the articles of gold incidents that carry at least one gold claim
(every article of a gold incident when the set has no claims file). Such an article that
got no event in the replay (raqib found no figure in it, or does not read its language) is
counted as an event of its own: it costs recall, so a system cannot improve its grouping by
saying nothing. Articles without a figure are left out: no event tracker can place them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from evaluation.alerts import DEFAULT_TOLERANCE, AlertScore, score_alerts
from evaluation.corpus import Corpus
from evaluation.partition import (
    BCubed,
    article_events,
    bcubed,
    cross_language_pairs,
    decoys_merged,
    partition_difference,
)

__all__ = ["EventFigures", "Determinism", "score_replay", "determinism"]

Row = dict[str, Any]


@dataclass(frozen=True)
class EventFigures:
    """The event partition and the alerts of one replay, against the gold."""

    bcubed: BCubed
    decoys_merged: tuple[Row, ...]
    decoys: int
    alerts: AlertScore
    cross_pairs: tuple[int, int]
    without_event: tuple[str, ...]

    @property
    def cross_share(self) -> float | None:
        grouped, total = self.cross_pairs
        return grouped / total if total else None

    def summary(self) -> dict[str, Any]:
        """The headline figures, rounded, as plain JSON values."""
        out: dict[str, Any] = {
            "bcubed_precision": round(self.bcubed.precision, 3),
            "bcubed_recall": round(self.bcubed.recall, 3),
            "bcubed_f1": round(self.bcubed.f1, 3),
            "articles_scored": self.bcubed.items,
            "decoys_merged": len(self.decoys_merged),
            "decoys": self.decoys,
            "alerts": self.alerts.alerts,
            "alert_precision": round(self.alerts.precision, 3),
            "alert_precision_incident": round(self.alerts.incident_precision, 3),
            "alert_precision_strict": round(self.alerts.strict_precision, 3),
            "incident_recall": round(self.alerts.incident_recall, 3),
        }
        if self.cross_pairs[1]:
            share = self.cross_share
            out["cross_language_grouped"] = None if share is None else round(share, 3)
            out["cross_language_pairs"] = list(self.cross_pairs)
        return out


def score_replay(
    lines: Sequence[Row], corpus: Corpus, tolerance: float = DEFAULT_TOLERANCE
) -> EventFigures:
    """Score one replay's JSON lines (merge lines resolved) against ``corpus``."""
    assigned = article_events(lines)
    incident_of = corpus.incident_of
    with_claims = {str(c["article"]) for c in corpus.claims}
    scored = [a for a in incident_of if a in with_claims] if with_claims else list(incident_of)
    # an article with no event is an event of its own: missing reports cost recall
    partition = {a: assigned.get(a, f"\x00no event: {a}") for a in scored}
    return EventFigures(
        bcubed=bcubed(partition, incident_of),
        decoys_merged=tuple(decoys_merged(assigned, corpus.decoys)),
        decoys=len(corpus.decoys),
        alerts=score_alerts(lines, corpus, tolerance),
        cross_pairs=cross_language_pairs(assigned, incident_of, corpus.lang_of),
        without_event=tuple(
            sorted(a for a in incident_of if a in with_claims and a not in assigned)
        ),
    )


@dataclass(frozen=True)
class Determinism:
    """How replays of one input differ from the first of them.

    ``partition_differences[i]``: articles whose event (as a set of co-members, ids ignored)
    differs between run ``i + 2`` and run 1. ``alert_ids``: alert ids not produced by every
    run (union minus intersection).
    """

    runs: int
    partition_differences: tuple[int, ...]
    articles: tuple[str, ...]
    alert_ids: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return not any(self.partition_differences) and not self.alert_ids

    def summary(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "partition_diff": max(self.partition_differences, default=0),
            "alert_ids_diff": len(self.alert_ids),
            "identical": self.identical,
        }


def determinism(runs: Sequence[Sequence[Row]]) -> Determinism:
    """Compare every run with the first (see :class:`Determinism`)."""
    if not runs:
        return Determinism(0, (), (), ())
    partitions = [article_events(lines) for lines in runs]
    id_sets = [
        {str(line.get("id")) for line in lines if line.get("type") == "alert"} for lines in runs
    ]
    differences = [partition_difference(partitions[0], other) for other in partitions[1:]]
    union = set().union(*id_sets)
    common = set.intersection(*id_sets)
    return Determinism(
        runs=len(runs),
        partition_differences=tuple(len(d) for d in differences),
        articles=tuple(sorted({a for d in differences for a in d})),
        alert_ids=tuple(sorted(union - common)),
    )

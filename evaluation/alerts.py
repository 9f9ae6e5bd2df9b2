"""Judging contradiction alerts against the gold incidents.

An alert is **correct** when

1. the articles of its ``new`` claim and of every claim in ``conflicts_with`` all belong to
   one gold incident, and that incident has ``expect_alert: true``; and
2. every (new, conflicting) pair is a genuine contradiction by the gold: either the pair is
   **listed** in the incident's ``contradictions`` (matched on (article, metric, min), in
   either order), or both claims match gold claims of that incident (article, metric, min,
   max; a gold claim with the same attribution preferred) and those gold claims contradict
   under the ARCHITECTURE.md rules (:func:`streams.core.conflicts.conflicts`, the same
   tolerance). A gold claim's source is its article's outlet (``source`` in articles.jsonl).

**Strict** correctness counts listed pairs only. **Incident recall** is the share of gold
incidents with ``expect_alert`` that got at least one correct alert. Alerts are counted once
per id (a repeated id is reported, not scored twice).

The derived rule (2, second half) is raqib's own contradiction function applied to *gold*
claims: it decides the cases the gold did not list, and it moves if those rules change. The
strict figure does not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evaluation.claims import attribution_agrees
from evaluation.corpus import Corpus
from streams.core.conflicts import conflicts
from streams.core.model import Claim

__all__ = ["AlertVerdict", "AlertScore", "GoldAlerts", "judge_alert", "score_alerts"]

Row = dict[str, Any]
StatementKey = tuple[str, str, int]

DEFAULT_TOLERANCE = 0.1


def statement_key(claim: Row) -> StatementKey:
    """(article, metric, min): how the gold's ``contradictions`` name a claim."""
    return (str(claim["article"]), str(claim["metric"]), int(claim["min"]))


@dataclass(frozen=True)
class GoldAlerts:
    """What the alert judge needs from a corpus, indexed once."""

    incident_of: dict[str, str]
    expecting: frozenset[str]
    listed: dict[str, frozenset[frozenset[StatementKey]]]
    claims_of: dict[str, tuple[Claim, ...]]

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> GoldAlerts:
        incident_of = corpus.incident_of
        outlet = {str(a["id"]): a.get("source") for a in corpus.articles}
        claims_of: dict[str, list[Claim]] = defaultdict(list)
        for row in corpus.claims:
            article = str(row["article"])
            if article in incident_of:
                source = row.get("source") or outlet.get(article) or article
                claims_of[incident_of[article]].append(
                    Claim.from_json({**row, "source": source, "event": None})
                )
        listed = {
            str(e["event"]): frozenset(
                frozenset({_listed_key(c["a"]), _listed_key(c["b"])})
                for c in e.get("contradictions", [])
            )
            for e in corpus.events
        }
        return cls(
            incident_of=incident_of,
            expecting=frozenset(str(e["event"]) for e in corpus.events if e.get("expect_alert")),
            listed=listed,
            claims_of={k: tuple(v) for k, v in claims_of.items()},
        )


def _listed_key(ref: Sequence[Any]) -> StatementKey:
    return (str(ref[0]), str(ref[1]), int(ref[2]))


@dataclass(frozen=True)
class AlertVerdict:
    id: str
    incident: str | None
    right_incident: bool
    correct: bool
    strict: bool
    why: str
    summary: str


@dataclass(frozen=True)
class AlertScore:
    verdicts: tuple[AlertVerdict, ...]
    expecting: frozenset[str]
    repeated_ids: tuple[str, ...] = ()
    alerted: frozenset[str] = field(default_factory=frozenset)

    @property
    def alerts(self) -> int:
        return len(self.verdicts)

    @property
    def correct(self) -> int:
        return sum(v.correct for v in self.verdicts)

    @property
    def precision(self) -> float:
        """Correct alerts over alerts; 1.0 when there are none (nothing raised wrongly)."""
        return self.correct / self.alerts if self.alerts else 1.0

    @property
    def incident_precision(self) -> float:
        """Alerts whose claims all belong to one incident that expects an alert, whatever
        the pairs: the looser reading (issue 16's 0.735 on the dev set was this one)."""
        return sum(v.right_incident for v in self.verdicts) / self.alerts if self.alerts else 1.0

    @property
    def strict_precision(self) -> float:
        return sum(v.strict for v in self.verdicts) / self.alerts if self.alerts else 1.0

    @property
    def incident_recall(self) -> float:
        return len(self.alerted) / len(self.expecting) if self.expecting else 1.0

    @property
    def missed_incidents(self) -> list[str]:
        return sorted(self.expecting - self.alerted)


def _gold_matches(gold: GoldAlerts, incident: str, claim: Row) -> list[Claim]:
    found = [
        g
        for g in gold.claims_of.get(incident, ())
        if (g.article, g.metric, g.min, g.max)
        == (str(claim["article"]), str(claim["metric"]), int(claim["min"]), claim.get("max"))
    ]
    same_voice = [
        g for g in found if attribution_agrees(g.attributed_to, claim.get("attributed_to"))
    ]
    return same_voice or found


def _pair_verdict(
    gold: GoldAlerts, incident: str, new: Row, old: Row, tolerance: float
) -> tuple[bool, bool]:
    """(genuine, listed) for one (new, conflicting) pair of an alert."""
    if frozenset({statement_key(new), statement_key(old)}) in gold.listed.get(incident, ()):
        return True, True
    context = gold.claims_of.get(incident, ())
    for gn in _gold_matches(gold, incident, new):
        others = [c for c in context if c.id != gn.id]
        found = conflicts(gn, others, tolerance)
        if any(go in found for go in _gold_matches(gold, incident, old)):
            return True, False
    return False, False


def judge_alert(alert: Row, gold: GoldAlerts, tolerance: float = DEFAULT_TOLERANCE) -> AlertVerdict:
    """The verdict on one alert line (see the module docstring)."""
    members = [alert["new"], *alert.get("conflicts_with", [])]
    incidents = {gold.incident_of.get(str(c["article"])) for c in members}
    alert_id, summary = str(alert.get("id")), str(alert.get("summary") or "")
    if len(incidents) != 1 or None in incidents:
        names = ", ".join(sorted(str(i) for i in incidents))
        return AlertVerdict(
            alert_id, None, False, False, False, f"claims of several incidents: {names}", summary
        )
    incident = str(next(iter(incidents)))
    if incident not in gold.expecting:
        return AlertVerdict(
            alert_id, incident, False, False, False, "incident expects no alert", summary
        )
    verdicts = [
        _pair_verdict(gold, incident, alert["new"], old, tolerance)
        for old in alert.get("conflicts_with", [])
    ]
    if not verdicts:
        return AlertVerdict(alert_id, incident, True, False, False, "no conflicting claim", summary)
    genuine = all(v[0] for v in verdicts)
    why = "genuine" if genuine else "a pair the gold does not call a contradiction"
    strict = all(v[1] for v in verdicts)
    return AlertVerdict(alert_id, incident, True, genuine, strict, why, summary)


def score_alerts(
    lines: Iterable[Row], corpus: Corpus, tolerance: float = DEFAULT_TOLERANCE
) -> AlertScore:
    """Judge every alert line of a replay (once per alert id)."""
    gold = GoldAlerts.from_corpus(corpus)
    seen: set[str] = set()
    repeated: list[str] = []
    verdicts: list[AlertVerdict] = []
    for line in lines:
        if line.get("type") != "alert":
            continue
        alert_id = str(line.get("id"))
        if alert_id in seen:
            repeated.append(alert_id)
            continue
        seen.add(alert_id)
        verdicts.append(judge_alert(line, gold, tolerance))
    alerted = frozenset(v.incident for v in verdicts if v.correct and v.incident)
    return AlertScore(tuple(verdicts), gold.expecting, tuple(repeated), alerted)

"""The per-event table: who reported what, which contradictions were already alerted.

:class:`EventState` is the value of the event-stage table (key = event id). It is a set
of claims keyed by claim id plus the ids of alerts already emitted, so redelivery is
harmless: :func:`apply_claims` on an article already applied returns the same state and
emits nothing, and an alert id is emitted at most once per event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from streams.core.alerts import build_alert, conflict_key, distinct_statements, listed_conflicts
from streams.core.conflicts import Update, conflicts, is_update
from streams.core.model import Alert, Claim
from streams.core.wording import source_name

from .signature import Signature
from .tracker import TrackerConfig

DEFAULT_TOLERANCE = 0.1
MAX_ALERT_RECORDS = 1000
# An event's table keeps at most this many claims (the oldest leave first): one runaway
# event (a war's daily tolls merged into one incident) must not make every new claim
# cost thousands of comparisons, nor grow the state without bound.
MAX_CLAIMS = 1000
MAX_UPDATES = 200
MAX_CONFLICT_KEYS = 5000
MAX_LISTED_CONFLICTS = 25  # claims an alert lists as contradicted


@dataclass(frozen=True)
class AlertRecord:
    """What the table remembers of an emitted alert (enough to flag contradictions)."""

    id: str
    new: str
    conflicts_with: tuple[str, ...]
    metric: str
    severity: str
    summary: str

    def to_json(self) -> dict[str, Any]:
        """As the table stores it."""
        return {
            "id": self.id,
            "new": self.new,
            "conflicts_with": list(self.conflicts_with),
            "metric": self.metric,
            "severity": self.severity,
            "summary": self.summary,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> AlertRecord:
        """What :meth:`to_json` wrote."""
        return cls(
            str(d["id"]), str(d["new"]), tuple(d.get("conflicts_with") or ()), str(d["metric"]),
            str(d["severity"]), str(d.get("summary") or ""),
        )  # fmt: skip


@dataclass(frozen=True)
class EventState:
    """One incident's table. ``claims`` maps claim id -> claim (with ``event`` set)."""

    id: str
    places: tuple[str, ...] = ()
    kind: str | None = None
    day_span: tuple[str, str] | None = None
    first_seen: float | None = None
    last_seen: float | None = None
    claims: dict[str, Claim] = field(default_factory=dict)
    alert_ids: tuple[str, ...] = ()
    alerts: tuple[AlertRecord, ...] = ()
    articles: tuple[str, ...] = ()
    sources: dict[str, str | None] = field(default_factory=dict)  # article -> outlet
    updates: tuple[dict[str, Any], ...] = ()
    conflict_keys: tuple[str, ...] = ()  # contradictions between statements already alerted

    def to_json(self) -> dict[str, Any]:
        """As the table stores it."""
        return {
            "id": self.id,
            "places": list(self.places),
            "kind": self.kind,
            "day_span": list(self.day_span) if self.day_span else None,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "claims": [c.to_json() for c in self.claims.values()],
            "alert_ids": list(self.alert_ids),
            "alerts": [a.to_json() for a in self.alerts],
            "articles": list(self.articles),
            "sources": dict(self.sources),
            "updates": list(self.updates),
            "conflict_keys": list(self.conflict_keys),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventState:
        """What :meth:`to_json` wrote."""
        claims = [Claim.from_json(c) for c in data.get("claims") or ()]
        span = data.get("day_span")
        return cls(
            id=str(data["id"]),
            places=tuple(data.get("places") or ()),
            kind=data.get("kind"),
            day_span=(str(span[0]), str(span[1])) if span else None,
            first_seen=data.get("first_seen"),
            last_seen=data.get("last_seen"),
            claims={c.id: c for c in claims},
            alert_ids=tuple(data.get("alert_ids") or ()),
            alerts=tuple(AlertRecord.from_json(a) for a in data.get("alerts") or ()),
            articles=tuple(data.get("articles") or ()),
            sources=dict(data.get("sources") or {}),
            updates=tuple(data.get("updates") or ()),
            conflict_keys=tuple(data.get("conflict_keys") or ()),
        )


def _merge_meta(state: EventState, sig: Signature) -> EventState:
    places = list(state.places) + [p for p in sig.places if p not in state.places]
    span = state.day_span
    if sig.day_window:
        span = (
            (min(span[0], sig.day_window[0]), max(span[1], sig.day_window[1]))
            if span
            else sig.day_window
        )
    return replace(
        state,
        places=tuple(places[:12]),
        kind=state.kind or sig.kind,
        day_span=span,
        first_seen=sig.received_at
        if state.first_seen is None
        else min(state.first_seen, sig.received_at),
        last_seen=sig.received_at
        if state.last_seen is None
        else max(state.last_seen, sig.received_at),
        articles=state.articles
        if sig.article_id in state.articles
        else (*state.articles, sig.article_id),
        sources={**state.sources, sig.article_id: sig.source},
    )


@dataclass
class _Ledger:
    """An event's table while an article's claims are applied to it (mutable, local)."""

    event_id: str
    table: dict[str, Claim]
    alert_ids: list[str]
    records: list[AlertRecord]
    updates_json: list[dict[str, Any]]
    keys: list[str]
    alerted: set[str]
    alerts: list[Alert] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)

    @classmethod
    def of(cls, state: EventState) -> _Ledger:
        return cls(
            state.id, dict(state.claims), list(state.alert_ids), list(state.alerts),
            list(state.updates), list(state.conflict_keys), set(state.conflict_keys),
        )  # fmt: skip

    def contradictions(self, claim: Claim, existing: list[Claim], tolerance: float) -> None:
        """Raise an alert for ``claim`` unless every contradiction it brings between
        statements was alerted already (or the same alert was raised before).
        """
        listed = listed_conflicts(conflicts(claim, existing, tolerance), MAX_LISTED_CONFLICTS)
        pair_keys = [conflict_key(claim, other) for other in distinct_statements(listed)]
        if all(k in self.alerted for k in pair_keys):
            return
        alert = build_alert(self.event_id, claim, listed)
        if alert.id not in self.alert_ids:
            self.alerts.append(alert)
            self.alert_ids.append(alert.id)
            conflicting = tuple(c.id for c in alert.conflicts_with)
            self.records.append(
                AlertRecord(
                    alert.id, claim.id, conflicting, alert.metric, alert.severity, alert.summary
                )
            )
        new_keys = [k for k in dict.fromkeys(pair_keys) if k not in self.alerted]
        self.keys.extend(new_keys)
        self.alerted.update(new_keys)

    def revisions(self, claim: Claim, existing: list[Claim]) -> None:
        """Record ``claim`` as an update of every figure its source gave before elsewhere."""
        for old in existing:
            if old.article != claim.article and is_update(claim, old):
                up = Update(self.event_id, claim.metric, source_name(claim), old, claim)
                self.updates.append(up)
                self.updates_json.append(
                    {
                        "metric": claim.metric,
                        "source": up.source,
                        "from": old.id,
                        "to": claim.id,
                        "direction": up.direction,
                    }  # fmt: skip
                )

    def state(self, state: EventState) -> EventState:
        while len(self.table) > MAX_CLAIMS:
            del self.table[next(iter(self.table))]
        return replace(
            state,
            claims=self.table,
            alert_ids=tuple(self.alert_ids[-MAX_ALERT_RECORDS:]),
            alerts=tuple(self.records[-MAX_ALERT_RECORDS:]),
            updates=tuple(self.updates_json[-MAX_UPDATES:]),
            conflict_keys=tuple(self.keys[-MAX_CONFLICT_KEYS:]),
        )


def apply_claims(
    state: EventState | None,
    event_id: str,
    sig: Signature,
    claims: Iterable[Claim],
    config: TrackerConfig | None = None,
    tolerance: float | None = None,
) -> tuple[EventState, list[Alert], list[Update]]:
    """Add an article's claims to the event's table; return the new state, alerts, updates.

    Each claim not yet on the table is compared with every claim already there (other
    articles, and earlier claims of the same article). A claim that contradicts some of
    them raises one alert listing them, one claim per statement (a source repeating its
    figure in several articles is one statement), unless every one of those
    contradictions between statements was already alerted: a second outlet relaying the
    same two figures is no news to the ops team. Claims already on the table are
    skipped, so replays emit nothing; alert ids already recorded are never re-emitted.
    """
    if tolerance is None:
        tolerance = config.tolerance if config is not None else DEFAULT_TOLERANCE
    state = state or EventState(id=event_id)
    claims = [c.with_event(event_id) for c in claims]
    fresh = [c for c in dict.fromkeys(claims) if c.id not in state.claims]
    if not fresh and sig.article_id in state.articles:
        return state, [], []
    state = _merge_meta(state, sig)
    ledger = _Ledger.of(state)
    for claim in fresh:
        existing = sorted(ledger.table.values(), key=lambda c: c.id)
        ledger.contradictions(claim, existing, tolerance)
        ledger.revisions(claim, existing)
        ledger.table[claim.id] = claim
    return ledger.state(state), ledger.alerts, ledger.updates

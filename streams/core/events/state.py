"""The per-event table: who reported what, which contradictions were already alerted.

:class:`EventState` is the value of the event-stage table (key = event id). It is a set
of claims keyed by claim id plus the contradictions between statements already alerted, so
redelivery is harmless: :func:`apply_claims` on an article already applied returns the same
state and emits nothing, and a contradiction is alerted at most once per event.

**One alert per pair of disagreeing voices.** A voice is who counts what: a source, a
metric, a victim class (:func:`streams.core.alerts.voice_key`; two outlets relaying the
ministry speak with the ministry's voice). When a claim contradicts a claim of another voice
on the table, the two voices disagree, and one alert is raised for them, once: its id depends
on the two voices only (:func:`streams.core.alerts.pair_alert_id`), so the same disagreement
gives the same id whichever claim arrived first, in any replay, on any worker, before or after
a merge, and a running toll that still disagrees with the same rival raises nothing new (the
toll's rise is an update). Its ``new`` claim is the later of the two by (article time,
article id).

**Merges.** When the tracker retires an event into another, the retired event's state is
:func:`absorb`-ed by the survivor: its claims join, every pair across the two tables is
checked (pairs inside each were checked already), and contradictions alerted in either are
not alerted again. The retired id stays in the table as an alias record (``alias_of``) so the
API can answer for it, and is listed in the survivor's ``aliases``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from streams.core.alerts import build_alert, disagreement_key, pair_alert_id
from streams.core.conflicts import Update, claims_by_article, conflicts, is_update, pair_sources
from streams.core.model import Alert, Claim
from streams.core.sources import Sources
from streams.core.wording import source_name

from .signature import Signature
from .tracker import TrackerConfig

__all__ = ["AlertRecord", "EventState", "absorb", "apply_claims", "incident_context"]

DEFAULT_TOLERANCE = 0.1
MAX_ALERT_RECORDS = 1000
# An event's table keeps at most this many claims (the oldest leave first): one runaway
# event (a war's daily tolls merged into one incident) must not make every new claim
# cost thousands of comparisons, nor grow the state without bound.
MAX_CLAIMS = 1000
MAX_UPDATES = 200
MAX_CONFLICT_KEYS = 5000
MAX_PLACES = 12
UNDATED = float("inf")


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
    """One incident's table. ``claims`` maps claim id -> claim (with ``event`` set).

    ``times``: article id -> its published time (None when undated), for the order of
    statements. ``days``: the incident days its reports pin, with how many reports pin each.
    ``aliases``: retired event ids that answer to this event; ``alias_of``: set on the record
    a retired id leaves behind (the record holds nothing else).
    """

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
    times: dict[str, float | None] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    alias_of: str | None = None

    @property
    def day(self) -> str | None:
        """The incident's day: the one most of its reports pin (the earliest of a tie)."""
        if not self.days:
            return None
        return min(self.days, key=lambda d: (-self.days[d], d))

    def to_json(self) -> dict[str, Any]:
        """As the table stores it."""
        if self.alias_of is not None:
            return {"id": self.id, "alias_of": self.alias_of}
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
            "times": dict(self.times),
            "days": dict(self.days),
            "aliases": list(self.aliases),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventState:
        """What :meth:`to_json` wrote."""
        if data.get("alias_of"):
            return cls(id=str(data["id"]), alias_of=str(data["alias_of"]))
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
            times={
                str(k): None if v is None else float(v)
                for k, v in (data.get("times") or {}).items()
            },
            days={str(k): int(v) for k, v in (data.get("days") or {}).items()},
            aliases=tuple(data.get("aliases") or ()),
        )


def _merge_meta(state: EventState, sig: Signature) -> EventState:
    places = list(state.places) + [p for p in sig.main_places if p not in state.places]
    span = state.day_span
    if sig.day_window:
        span = (
            (min(span[0], sig.day_window[0]), max(span[1], sig.day_window[1]))
            if span
            else sig.day_window
        )
    days = dict(state.days)
    if sig.day and sig.article_id not in state.articles:
        days[sig.day] = days.get(sig.day, 0) + 1
    return replace(
        state,
        places=tuple(places[:MAX_PLACES]),
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
        times={**state.times, sig.article_id: sig.received_at if sig.dated else None},
        days=days,
    )


def incident_context(state: EventState) -> tuple[str | None, str | None, str | None]:
    """(title, place, day) of the incident, for alerts: its most specific place's English
    name, the day most reports pin, and a title made of its kind, place and day.
    """
    from streams.core.text import kind_lexicon
    from streams.core.text.geo import gazetteer

    place = gazetteer().name_en(state.places[0]) if state.places else None
    kinds = kind_lexicon().kinds
    kind = kinds[state.kind].name_en if state.kind in kinds else None
    day = state.day or (
        state.day_span[0] if state.day_span and state.day_span[0] == state.day_span[1] else None
    )
    parts = [p for p in ((kind or "incident").capitalize(), f"in {place}" if place else None) if p]
    title = " ".join(parts) + (f", {day}" if day else "")
    return title, place, day


@dataclass
class _Ledger:
    """An event's table while claims are applied to it (mutable, local)."""

    state: EventState
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
            state, dict(state.claims), list(state.alert_ids), list(state.alerts),
            list(state.updates), list(state.conflict_keys), set(state.conflict_keys),
        )  # fmt: skip

    def order(self, claim: Claim) -> tuple[float, str, str]:
        """A claim's place in time: its article's (published time, id), then its own id."""
        t = self.state.times.get(claim.article)
        return (UNDATED if t is None else t, claim.article, claim.id)

    def contradictions(
        self, claim: Claim, existing: list[Claim], tolerance: float, context: list[Claim]
    ) -> None:
        """One alert for each voice ``claim`` contradicts that was not alerted against
        ``claim``'s voice before (module docstring). ``context``: claims that arrived with
        ``claim`` (:func:`streams.core.conflicts.conflicts`).
        """
        found = conflicts(claim, existing, tolerance, context, pairwise=True)
        found.sort(key=self.order)
        for other in found:
            key = disagreement_key(claim, other)
            if key in self.alerted:
                continue
            self.alerted.add(key)
            self.keys.append(key)
            first, later = sorted((claim, other), key=self.order)
            alert_id = pair_alert_id(self.state.id, claim, other)
            if alert_id in self.alert_ids:
                continue
            title, place, day = incident_context(self.state)
            alert = build_alert(
                self.state.id, later, [first], identity=alert_id, title=title, place=place, day=day
            )
            self.alerts.append(alert)
            self.alert_ids.append(alert.id)
            self.records.append(
                AlertRecord(
                    alert.id, later.id, (first.id,), alert.metric, alert.severity, alert.summary
                )
            )

    def revisions(self, claim: Claim, existing: list[Claim], context: list[Claim]) -> None:
        """Record ``claim`` as an update of every figure its source gave before elsewhere
        (its source as its report and the other one tell it: :func:`pair_sources`, the same
        reading as for contradictions, so that no arrival order changes it).
        """
        reports = claims_by_article((claim, *existing, *context))
        read: dict[str, Sources] = {}  # the other report -> who speaks in the pair
        for old in existing:
            if old.article == claim.article:
                continue
            if old.article not in read:
                read[old.article] = pair_sources(reports, claim.article, old.article)
            if not is_update(claim, old, read[old.article]):
                continue
            previous, new = sorted((old, claim), key=self.order)
            up = Update(self.state.id, claim.metric, source_name(claim), previous, new)
            self.updates.append(up)
            self.updates_json.append(
                {
                    "metric": claim.metric,
                    "source": up.source,
                    "from": previous.id,
                    "to": new.id,
                    "direction": up.direction,
                }  # fmt: skip
            )

    def add(
        self, claim: Claim, against: list[Claim], tolerance: float, context: list[Claim]
    ) -> None:
        self.contradictions(claim, against, tolerance, context)
        self.revisions(claim, against, context)
        self.table[claim.id] = claim

    def result(self) -> EventState:
        while len(self.table) > MAX_CLAIMS:
            del self.table[next(iter(self.table))]
        return replace(
            self.state,
            claims=self.table,
            alert_ids=tuple(self.alert_ids[-MAX_ALERT_RECORDS:]),
            alerts=tuple(self.records[-MAX_ALERT_RECORDS:]),
            updates=tuple(self.updates_json[-MAX_UPDATES:]),
            conflict_keys=tuple(self.keys[-MAX_CONFLICT_KEYS:]),
        )


def _tolerance(config: TrackerConfig | None, tolerance: float | None) -> float:
    if tolerance is not None:
        return tolerance
    return config.tolerance if config is not None else DEFAULT_TOLERANCE


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
    articles, and earlier claims of the same article). Each statement it contradicts
    whose contradiction with the claim's statement was not alerted yet raises one alert
    (module docstring). Claims already on the table are skipped, so replays emit nothing.
    """
    tolerance = _tolerance(config, tolerance)
    state = state or EventState(id=event_id)
    claims = [c.with_event(event_id) for c in claims]
    fresh = [c for c in dict.fromkeys(claims) if c.id not in state.claims]
    if not fresh and sig.article_id in state.articles:
        return state, [], []
    ledger = _Ledger.of(_merge_meta(state, sig))
    # the table in id order, kept sorted as claims are added (not sorted again per claim)
    against = sorted(ledger.table.values(), key=_claim_id)
    for claim in fresh:
        ledger.add(claim, against, tolerance, fresh)
        bisect.insort(against, claim, key=_claim_id)
    return ledger.result(), ledger.alerts, ledger.updates


def _claim_id(claim: Claim) -> str:
    return claim.id


def absorb(
    state: EventState | None,
    event_id: str,
    retired: EventState | None,
    config: TrackerConfig | None = None,
    tolerance: float | None = None,
) -> tuple[EventState, list[Alert], list[Update]]:
    """The survivor ``event_id`` takes in the state of an event retired into it (module
    docstring, "Merges"): new state, alerts for contradictions across the two tables that
    neither alerted, and updates across them.
    """
    tolerance = _tolerance(config, tolerance)
    state = state or EventState(id=event_id)
    if retired is None or retired.alias_of is not None:
        return state, [], []
    merged = replace(
        state,
        places=tuple(dict.fromkeys((*state.places, *retired.places)))[:MAX_PLACES],
        kind=state.kind or retired.kind,
        day_span=_span(state.day_span, retired.day_span),
        first_seen=_pick(min, state.first_seen, retired.first_seen),
        last_seen=_pick(max, state.last_seen, retired.last_seen),
        articles=tuple(dict.fromkeys((*state.articles, *retired.articles))),
        sources={**retired.sources, **state.sources},
        times={**retired.times, **state.times},
        days={
            d: state.days.get(d, 0) + retired.days.get(d, 0) for d in {*state.days, *retired.days}
        },
        aliases=tuple(dict.fromkeys((*state.aliases, retired.id, *retired.aliases))),
        alert_ids=tuple(dict.fromkeys((*state.alert_ids, *retired.alert_ids))),
        alerts=tuple({a.id: a for a in (*state.alerts, *retired.alerts)}.values()),
        conflict_keys=tuple(dict.fromkeys((*state.conflict_keys, *retired.conflict_keys))),
        updates=(*state.updates, *retired.updates),
    )
    ledger = _Ledger.of(merged)
    against = sorted(state.claims.values(), key=lambda c: c.id)
    incoming = [c.with_event(event_id) for c in sorted(retired.claims.values(), key=lambda c: c.id)]
    for claim in incoming:
        if claim.id in ledger.table:
            continue
        ledger.add(claim, against, tolerance, incoming)
    return ledger.result(), ledger.alerts, ledger.updates


def _span(a: tuple[str, str] | None, b: tuple[str, str] | None) -> tuple[str, str] | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


def _pick(f: Any, a: float | None, b: float | None) -> float | None:
    values = [v for v in (a, b) if v is not None]
    return f(values) if values else None

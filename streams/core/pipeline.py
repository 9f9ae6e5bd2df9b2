"""THE batch steps of raqib, as plain functions over plain data, and the offline runner.

The stream (:mod:`streams.agents`) and the offline runner (:func:`run_offline`: tests,
evaluation, ``raqib replay --offline``) run the same three steps, so they cannot drift:

1. :func:`extract_article` — an article's claims and event signature (extract agent);
2. :func:`resolve_batch` — a block's open events and a batch of extracted articles in,
   each article's event and the events that closed out (resolve agent, per block);
3. :func:`apply_batch` — an event's state and a batch of its articles in, the new state,
   the alerts to raise, the updates and what became of each article out (event agent,
   per event).

Every step is deterministic and idempotent: an article already resolved keeps its event,
claims already on an event's table raise nothing (docs/ARCHITECTURE.md, "Delivery: at least once, effects idempotent").
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .conflicts import Update
from .events.signature import Signature, block_key, signature_of
from .events.state import EventState, apply_claims
from .events.tracker import OpenEvent, TrackerConfig, assign
from .extract import extract_claims
from .model import Alert, Article, Claim
from .sources import with_sources

__all__ = [
    "EventClosed",
    "Extracted",
    "OfflineResult",
    "Progress",
    "apply_batch",
    "closed_events",
    "extract_article",
    "resolve_batch",
    "run_offline",
]

BATCH = 500  # articles a stage takes at a time (the agents' batch size)


@dataclass(frozen=True)
class Extracted:
    """One article after extraction: its claims (with their event once resolved) and the
    signature that decides which event it belongs to.
    """

    article: str
    source: str | None
    received_at: float
    claims: tuple[Claim, ...]
    signature: Signature

    def with_event(self, event_id: str | None) -> Extracted:
        """The same article with its claims assigned to ``event_id``."""
        return replace(self, claims=tuple(c.with_event(event_id) for c in self.claims))

    def to_json(self) -> dict[str, Any]:
        """As it travels on the extracted and claims topics."""
        return {
            "article": self.article,
            "source": self.source,
            "received_at": self.received_at,
            "claims": [c.to_json() for c in self.claims],
            "signature": self.signature.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extracted:
        """What :meth:`to_json` wrote."""
        return cls(
            article=str(data["article"]),
            source=data.get("source"),
            received_at=float(data["received_at"]),
            claims=tuple(Claim.from_json(c) for c in data.get("claims") or ()),
            signature=Signature.from_json(data["signature"]),
        )


@dataclass(frozen=True)
class EventClosed:
    """The tracker closed ``event``: its state leaves the event table (memory stays bounded)."""

    event: str


@dataclass(frozen=True)
class Progress:
    """What became of one article at the event stage: its claims (with event), the ids of
    the alerts it raised, and how many updates (a source revising its own figure).
    """

    article: str
    event: str | None
    claims: tuple[Claim, ...]
    alerts: tuple[str, ...]
    updates: int = 0


Extractor = Callable[[Article], list[Claim]]


def extract_article(
    article: Article, received_at: float, extractor: Extractor = extract_claims
) -> Extracted:
    """Step 1: the article's claims and event signature (``received_at``: its arrival).

    ``extractor`` is :func:`streams.core.extract.extract_claims`; evaluation passes the
    gold claims instead, to score event resolution alone.
    """
    claims = extractor(article)
    signature = signature_of(article, claims, received_at)
    # issue 17: each claim's canonical source, with the incident's country as the hint
    claims = with_sources(claims, country=signature.country)
    return Extracted(
        article=article.id,
        source=article.source,
        received_at=received_at,
        claims=tuple(claims),
        signature=signature,
    )


def closed_events(
    before: tuple[OpenEvent, ...], assigned: Iterable[str | None], after: tuple[OpenEvent, ...]
) -> list[str]:
    """Ids of events the tracker dropped (closed after their quiet period, or evicted).

    ``assigned``: the events articles of the batch went to. An event founded and dropped
    within one batch was never in ``before``, yet its claims are on their way to the
    event table and its state must leave it too.
    """
    still_open = {e.id for e in after}
    known = {e.id for e in before} | {a for a in assigned if a is not None}
    return sorted(known - still_open)


def resolve_batch(
    open_events: tuple[OpenEvent, ...], items: Iterable[Extracted], config: TrackerConfig
) -> tuple[tuple[OpenEvent, ...], list[tuple[str | None, Extracted]], list[str]]:
    """Step 2, for one block: (its open events after, each article's event, closed events).

    Articles are resolved in order; one without claims gets no event (None). An article
    already resolved gets the event it got the first time.
    """
    before = open_events
    assignments: list[tuple[str | None, Extracted]] = []
    for item in items:
        event_id = None
        if item.claims:
            event_id, open_events = assign(item.signature, open_events, config)
        assignments.append((event_id, item.with_event(event_id)))
    closed = closed_events(before, (e for e, _ in assignments), open_events)
    return open_events, assignments, closed


def apply_batch(
    state: EventState | None,
    event_id: str | None,
    items: Iterable[Extracted | EventClosed],
    config: TrackerConfig,
) -> tuple[EventState | None, list[Alert], list[Update], list[Progress]]:
    """Step 3, for one event: its new state (None: closed), alerts, updates and progress.

    Items are applied in order; :class:`EventClosed` drops the state. Articles without
    an event (no claims) only report their progress.
    """
    alerts: list[Alert] = []
    updates: list[Update] = []
    progress: list[Progress] = []
    for item in items:
        if isinstance(item, EventClosed):
            state = None
            continue
        raised: list[Alert] = []
        revised: list[Update] = []
        if event_id and item.claims:
            state, raised, revised = apply_claims(
                state, event_id, item.signature, item.claims, tolerance=config.tolerance
            )
        alerts += raised
        updates += revised
        progress.append(
            Progress(item.article, event_id, item.claims, tuple(a.id for a in raised), len(revised))
        )
    return state, alerts, updates, progress


# -- the offline runner ---------------------------------------------------------------------


@dataclass
class OfflineResult:
    """What the offline runner made of a list of articles.

    ``progress``, ``claims`` and ``alerts`` are in the order of the articles that made
    them (the stream interleaves them by batch, block and event); ``events`` and
    ``open_events`` are the event table and the tracker table at the end.
    """

    claims: list[Claim] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    events: dict[str, EventState] = field(default_factory=dict)
    open_events: dict[str, tuple[OpenEvent, ...]] = field(default_factory=dict)

    def lines(self) -> list[dict[str, Any]]:
        """The output contract's JSON lines, as ``raqib replay --jsonl`` prints them: each
        article's claims, then the alerts it raised.
        """
        by_id = {a.id: a for a in self.alerts}
        out: list[dict[str, Any]] = []
        for p in self.progress:
            out += [c.to_json() for c in p.claims]
            out += [by_id[a].to_json() for a in p.alerts if a in by_id]
        return out

    def sort_by_article(self, order: dict[str, int]) -> None:
        """Put progress, claims and alerts in the order of their articles (``order``: index)."""
        self.progress.sort(key=lambda p: order[p.article])
        self.claims = [c for p in self.progress for c in p.claims]
        self.alerts.sort(key=lambda a: order[a.new.article])


def _roundtrip(value: Any) -> Any:
    """``value`` through JSON, as it crosses a topic or a table (a field that does not
    survive JSON fails here first).
    """
    return json.loads(json.dumps(value))


def _resolve_stage(
    result: OfflineResult, extracted: list[Extracted], config: TrackerConfig, roundtrip: bool
) -> list[tuple[str | None, Extracted | EventClosed]]:
    """The resolve agent's work on one batch: by block, then one batch per event."""
    by_block: dict[str, list[Extracted]] = {}
    for item in extracted:
        by_block.setdefault(block_key(item.signature), []).append(item)
    out: list[tuple[str | None, Extracted | EventClosed]] = []
    for block, items in by_block.items():
        before = result.open_events.get(block, ())
        after, assignments, closed = resolve_batch(before, items, config)
        if roundtrip:
            after = tuple(OpenEvent.from_json(e) for e in _roundtrip([e.to_json() for e in after]))
        result.open_events[block] = after
        by_event: dict[str | None, list[Extracted]] = {}
        for event_id, item in assignments:
            by_event.setdefault(event_id, []).append(item)
        out += [(e, item) for e, group in by_event.items() for item in group]
        out += [(e, EventClosed(e)) for e in closed]
    return out


def _event_stage(
    result: OfflineResult,
    inputs: list[tuple[str | None, Extracted | EventClosed]],
    config: TrackerConfig,
    roundtrip: bool,
) -> None:
    """The event agent's work on one batch: by event, one apply_batch each."""
    by_event: dict[str | None, list[Extracted | EventClosed]] = {}
    for event_id, item in inputs:
        by_event.setdefault(event_id, []).append(item)
    for event_id, items in by_event.items():
        before = result.events.get(event_id) if event_id else None
        state, alerts, updates, progress = apply_batch(before, event_id, items, config)
        if event_id:
            if state is None:
                result.events.pop(event_id, None)
            else:
                result.events[event_id] = (
                    EventState.from_json(_roundtrip(state.to_json())) if roundtrip else state
                )
        result.alerts += alerts
        result.updates += updates
        result.progress += progress


def run_offline(
    articles: Iterable[Article],
    *,
    config: TrackerConfig | None = None,
    received_at: Sequence[float] | Callable[[Article], float] | None = None,
    batch: int = BATCH,
    roundtrip: bool = True,
    extractor: Extractor = extract_claims,
) -> OfflineResult:
    """Run the pipeline over ``articles`` in memory, grouped the way the stream groups them.

    Articles are taken ``batch`` at a time (the agents' batch size); each batch is
    extracted, grouped by block and resolved, grouped by event and applied, with the
    same functions the agents call. ``received_at``: each article's arrival time (a list
    in article order, or a function), by default the wall clock as it is read, as a
    Kafka message timestamp would be. With ``roundtrip`` every signature, open event and
    event state goes through JSON, as it does on a topic or in a table.
    """
    config = config or TrackerConfig()
    result = OfflineResult()
    order: dict[str, int] = {}
    chunk: list[Extracted] = []
    for index, article in enumerate(articles):
        order.setdefault(article.id, index)
        if received_at is None:
            arrival = time.time()
        elif callable(received_at):
            arrival = received_at(article)
        else:
            arrival = received_at[index]
        item = extract_article(article, arrival, extractor)
        if roundtrip:
            item = replace(
                item, signature=Signature.from_json(_roundtrip(item.signature.to_json()))
            )
        chunk.append(item)
        if len(chunk) >= batch:
            _event_stage(
                result, _resolve_stage(result, chunk, config, roundtrip), config, roundtrip
            )
            chunk = []
    if chunk:
        _event_stage(result, _resolve_stage(result, chunk, config, roundtrip), config, roundtrip)
    result.sort_by_article(order)
    return result

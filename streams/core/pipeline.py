"""THE batch steps of raqib, as plain functions over plain data.

The stream (:mod:`streams.agents`) and the offline runner (:func:`.offline.run_offline`:
tests, evaluation, ``raqib replay --offline``) run the same three steps, so they cannot drift:

1. :func:`extract_article` — an article's claims and event signature (extract agent); the
   article's language (:func:`~streams.core.text.language.language_of`) picks the extractor:
   Arabic :func:`~streams.core.extract.extract_claims`, English
   :func:`~streams.core.english.extract_claims_en`; another language gives no claims
   (:func:`unread_language` tells the callers, which count and log it);
2. :func:`resolve_batch` — a block's header and members and a batch of extracted articles
   in; each article's event, the notices merges and closures send to events, and what to
   store out (resolve agent, per block; :mod:`streams.core.events.tracker`);
3. :func:`apply_batch` — an event's state and a batch of its items in, the new state, the
   alerts to raise, the updates, what became of each article, and what to forward to another
   event out (event agent, per event).

What travels from step 2 to step 3, in order, for one event: its articles
(:class:`Extracted`); :class:`Merged` after the article that joined other events to it;
:class:`Retire` to an event that a merge retired (its state then moves to the survivor as
an :class:`Absorb`, forwarded through the claims topic keyed by the survivor);
:class:`EventClosed` when the tracker closed it.

Every step is deterministic and idempotent: an article already resolved keeps its event,
claims already on an event's table raise nothing, a contradiction already alerted is not
alerted again (docs/ARCHITECTURE.md, "Delivery: at least once, effects idempotent").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .conflicts import Update
from .english import extract_claims_en
from .events.background import with_dated_quotes
from .events.signature import Signature, signature_of
from .events.state import EventState, absorb, apply_claims
from .events.tracker import Block, Member, Merge, TrackerConfig, resolve_all
from .extract import extract_claims
from .model import Alert, Article, Claim
from .sources import with_sources
from .text.language import READ_LANGUAGES, language_of

__all__ = [
    "Absorb",
    "BlockResult",
    "EventClosed",
    "Extracted",
    "Merged",
    "Progress",
    "Retire",
    "SKIPPED_LANGUAGE",
    "apply_batch",
    "extract_article",
    "extract_by_language",
    "resolve_batch",
    "unread_language",
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
class Merged:
    """``retired`` events became part of ``event`` (sent to the survivor, after the article
    that joined them): the survivor lists them as aliases and announces the merge.
    """

    event: str
    retired: tuple[str, ...]


@dataclass(frozen=True)
class Retire:
    """``event`` was merged into ``into``: its state moves there (:class:`Absorb`) and its id
    stays behind as an alias.
    """

    event: str
    into: str


@dataclass(frozen=True)
class Absorb:
    """The state of ``retired`` (None when it had none), on its way to the survivor ``event``."""

    event: str
    retired: str
    state: dict[str, Any] | None


Notice = EventClosed | Merged | Retire | Absorb
Item = Extracted | Notice


@dataclass(frozen=True)
class Progress:
    """What became of one article at the event stage: its claims (with event), the ids of
    the alerts it raised, and how many updates (a source revising its own figure).

    A notice reports progress too, with no article (``article`` empty): ``merged`` lists the
    events a merge retired into ``event``; ``absorbed`` names a retired event whose claims
    reached ``event`` (with the alerts their contradictions raised there).
    """

    article: str
    event: str | None
    claims: tuple[Claim, ...]
    alerts: tuple[str, ...]
    updates: int = 0
    merged: tuple[str, ...] = ()
    absorbed: str | None = None


Extractor = Callable[[Article], list[Claim]]

EXTRACTORS: dict[str, Extractor] = {"ar": extract_claims, "en": extract_claims_en}
"""The extractor of each language raqib reads (:data:`~streams.core.text.language.READ_LANGUAGES`)."""


SKIPPED_LANGUAGE = "article %s skipped: language %r is not read (raqib reads ar, en)"
"""The one log line (%-style: article id, language) every caller writes for such an article."""


def unread_language(article: Article) -> str | None:
    """The language of ``article`` when raqib does not read it (its claims are not
    extracted), else None.
    """
    lang = language_of(article)
    return None if lang in READ_LANGUAGES else lang


def extract_by_language(article: Article) -> list[Claim]:
    """The claims of ``article`` by the extractor of its language; none in a language raqib
    does not read.
    """
    lang = language_of(article)
    extractor = EXTRACTORS.get(lang)
    if extractor is None:
        return []
    # a figure its sentence dates to an earlier incident is quoted with that date
    return with_dated_quotes(article.text, extractor(article), article.published, lang)


def extract_article(
    article: Article, received_at: float, extractor: Extractor = extract_by_language
) -> Extracted:
    """Step 1: the article's claims and event signature (``received_at``: its arrival).

    ``extractor`` is :func:`extract_by_language`; evaluation passes the gold claims
    instead, to score event resolution alone.
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


@dataclass
class BlockResult:
    """What :func:`resolve_batch` made of a block's batch.

    ``block``: the new header; ``added``: members to store; ``evicted``: article ids of
    members to forget; ``routed``: (event id or None, item) in the order to send them (an
    article without claims has no event); ``merges``: (survivor, retired ids) in order.
    """

    block: Block
    added: list[Member] = field(default_factory=list)
    evicted: list[str] = field(default_factory=list)
    routed: list[tuple[str | None, Item]] = field(default_factory=list)
    merges: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


def resolve_batch(
    block: Block, members: dict[str, Member], items: Iterable[Extracted], config: TrackerConfig
) -> BlockResult:
    """Step 2, for one block: each article's event, in order (:mod:`.events.tracker`).

    ``members`` holds the block's retained members by article id (every id in
    ``block.members``); it is updated in place. An article without claims gets no event
    (None). An article already resolved gets the event its first resolution answers to now.
    """
    items = list(items)
    with_claims = [item for item in items if item.claims]
    res, events = resolve_all(block, members, [i.signature for i in with_claims], config)
    event_of = dict(zip((i.article for i in with_claims), events, strict=True))
    caused: dict[str, list[Merge]] = {}
    for merge in res.merges:
        caused.setdefault(merge.cause, []).append(merge)
    out = BlockResult(res.block, res.added, res.evicted)
    for item in items:
        event = event_of.get(item.article) if item.claims else None
        out.routed.append((event, item.with_event(event)))
        # the merges this article caused come right after it
        for merge in caused.pop(item.article, []):
            out.routed.append((merge.survivor, Merged(merge.survivor, merge.retired)))
            out.routed += [(r, Retire(r, merge.survivor)) for r in merge.retired]
            out.merges.append((merge.survivor, merge.retired))
    out.routed += [(e, EventClosed(e)) for e in res.closed]
    return out


def apply_batch(
    state: EventState | None,
    event_id: str | None,
    items: Iterable[Item],
    config: TrackerConfig,
) -> tuple[EventState | None, list[Alert], list[Update], list[Progress], list[tuple[str, Item]]]:
    """Step 3, for one event: its new state (None: closed), alerts, updates, progress, and
    the items to forward to another event (claims topic, keyed by that event).

    Items are applied in order. An event retired by a merge keeps an alias record: what
    still reaches it (a late or redelivered article, a retired event's state) is forwarded to
    the event it answers to. Articles without an event (no claims) only report progress.
    """
    alerts: list[Alert] = []
    updates: list[Update] = []
    progress: list[Progress] = []
    forwards: list[tuple[str, Item]] = []
    tolerance = config.tolerance
    for item in items:
        if isinstance(item, EventClosed):
            state = None
            continue
        if state is not None and state.alias_of is not None and event_id:
            if not isinstance(item, Retire):
                forwards.append((state.alias_of, _readdressed(item, state.alias_of)))
            continue
        if isinstance(item, Retire):
            raw = state.to_json() if state is not None else None
            forwards.append((item.into, Absorb(item.into, item.event, raw)))
            state = EventState(id=item.event, alias_of=item.into)
            continue
        raised: list[Alert] = []
        revised: list[Update] = []
        if isinstance(item, Merged):
            state = state or EventState(id=item.event)
            state = replace(state, aliases=tuple(dict.fromkeys((*state.aliases, *item.retired))))
            progress.append(Progress("", item.event, (), (), 0, merged=item.retired))
            continue
        if isinstance(item, Absorb):
            retired = EventState.from_json(item.state) if item.state else None
            state, raised, revised = absorb(state, item.event, retired, tolerance=tolerance)
            progress.append(
                Progress(
                    "",
                    item.event,
                    (),
                    tuple(a.id for a in raised),
                    len(revised),
                    absorbed=item.retired,
                )
            )
        elif event_id and item.claims:
            state, raised, revised = apply_claims(
                state, event_id, item.signature, item.claims, tolerance=tolerance
            )
            progress.append(
                Progress(
                    item.article, event_id, item.claims, tuple(a.id for a in raised), len(revised)
                )
            )
        else:
            progress.append(Progress(item.article, event_id, item.claims, (), 0))
        alerts += raised
        updates += revised
    return state, alerts, updates, progress, forwards


def _readdressed(item: Item, event: str) -> Item:
    """``item`` sent on to ``event`` (a retired id's mail goes to the event it answers to)."""
    if isinstance(item, Extracted):
        return item.with_event(event)
    if isinstance(item, Merged):
        return Merged(event, item.retired)
    if isinstance(item, Absorb):
        return Absorb(event, item.retired, item.state)
    return item

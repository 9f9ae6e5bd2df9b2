"""Online event resolution: which open event does a new article belong to?

One resolve-stage partition owns a block (a country, see :func:`block_key`) and keeps
its open events as a tuple of :class:`OpenEvent`. :func:`assign` is a pure function of
(signature, open events, config):

* **deterministic** — candidates are scored and ties broken by event id;
* **idempotent** — an article already assigned gets the same event id and the tuple
  comes back unchanged;
* **bounded** — events close after ``quiet_hours`` without an article, measured in the
  articles' own time: the block's clock is the newest ``received_at`` of a *dated*
  article (one with ``published``); an undated article counts at most as that clock,
  so replaying an archive does not close every event at the first undated article.
  Blocks with no dated article at all run on arrival times. At most
  ``max_open`` events stay open (the stalest are evicted), and every event keeps
  bounded lists of words, figures and article ids;
* **stable ids** — ``f"{block}-{stable_hash(founding article id)}"``.

Scoring (see :func:`score`): places (a shared landmark > town > city > governorate),
incident kind (same kind > same family; different families veto), day (known days
further apart than ``day_lag_days`` veto; a shared day adds), content-word overlap
(the strongest signal for reports in different words) and shared figures (weak: the
same number in different places is not the same event).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from streams.core.model import stable_hash
from streams.core.text import gazetteer, kind_lexicon

from .signature import Signature, block_key

VETO = float("-inf")
MAX_SPAN_STEP_DAYS = 7  # coarser windows (a month from a URL) are checked, never added to a span
# No incident's reports span more days than this: without the cap, recurring incidents of one
# kind in one city (a road where buses overturn every few days) chain into one event, each
# report a couple of days after the last, and the event grows without end.
MAX_EVENT_DAYS = 14


@dataclass(frozen=True)
class TrackerConfig:
    """Knobs of event resolution. ``quiet_hours`` comes from ``Settings.event_quiet_hours``."""

    quiet_hours: float = 72.0
    match_threshold: float = 2.0
    max_open: int = 200
    # Events quiet in the articles' own time but not in arrival time (a replayed archive)
    # stay open only this many per block, the most recent first: enough for a replay of
    # a few hundred mixed reports, and what keeps a long replay's open set small.
    max_quiet_open: int = 20
    day_lag_days: int = 2
    max_words: int = 60
    max_articles: int = 500
    max_figures: int = 40
    max_places: int = 12
    tolerance: float = 0.1  # Settings.tolerance, used by the event stage (apply_claims)

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> TrackerConfig:
        """Built from :class:`streams.settings.Settings` (``event_quiet_hours``, ``tolerance``)."""
        values = {"quiet_hours": settings.event_quiet_hours, "tolerance": settings.tolerance}
        return cls(**{**values, **overrides})


@dataclass(frozen=True)
class OpenEvent:
    """An incident still accepting articles. Immutable; JSON-serializable (``to_json``)."""

    id: str
    block: str
    places: tuple[str, ...]
    kind: str | None
    kinds: tuple[str, ...]
    day_span: tuple[str, str] | None
    words: tuple[str, ...]
    figures: tuple[tuple[str, int], ...]
    articles: tuple[str, ...]
    first_seen: float
    last_seen: float
    word_counts: tuple[int, ...] = ()
    weekdays: tuple[int, ...] = ()
    days: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    last_dated: float | None = None
    last_arrival: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The open event as the tracker table stores it."""
        return {
            "id": self.id,
            "block": self.block,
            "places": list(self.places),
            "kind": self.kind,
            "kinds": list(self.kinds),
            "day_span": list(self.day_span) if self.day_span else None,
            "words": list(self.words),
            "word_counts": list(self.word_counts),
            "figures": [list(f) for f in self.figures],
            "articles": list(self.articles),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "weekdays": list(self.weekdays),
            "days": list(self.days),
            "parties": list(self.parties),
            "last_dated": self.last_dated,
            "last_arrival": self.last_arrival,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OpenEvent:
        """The open event :meth:`to_json` wrote."""
        span = data.get("day_span")
        return cls(
            id=str(data["id"]),
            block=str(data["block"]),
            places=tuple(data.get("places") or ()),
            kind=data.get("kind"),
            kinds=tuple(data.get("kinds") or ()),
            day_span=(str(span[0]), str(span[1])) if span else None,
            words=tuple(data.get("words") or ()),
            word_counts=tuple(int(n) for n in data.get("word_counts") or ()),
            figures=tuple((str(m), int(v)) for m, v in data.get("figures") or ()),
            articles=tuple(data.get("articles") or ()),
            first_seen=float(data["first_seen"]),
            last_seen=float(data["last_seen"]),
            weekdays=tuple(int(w) for w in data.get("weekdays") or ()),
            days=tuple(data.get("days") or ()),
            parties=tuple(data.get("parties") or ()),
            last_dated=None if data.get("last_dated") is None else float(data["last_dated"]),
            last_arrival=None if data.get("last_arrival") is None else float(data["last_arrival"]),
        )


def events_to_json(events: tuple[OpenEvent, ...]) -> list[dict[str, Any]]:
    """A block's open events as the tracker table stores them."""
    return [e.to_json() for e in events]


def events_from_json(data: list[dict[str, Any]] | None) -> tuple[OpenEvent, ...]:
    """A block's open events from the tracker table (none for a missing key)."""
    return tuple(OpenEvent.from_json(d) for d in data or ())


# -- scoring -------------------------------------------------------------------------

PLACE_SCORES = {4: 3.0, 3: 2.0, 2: 1.5, 1: 0.75, 0: 0.0}
MIN_SHARED_WORDS = 0.05  # word overlap below which only a town/landmark or a day can merge
MIN_WORDS_ACROSS_PLACES = 10  # shared words that let two different named places still merge


def _expand(places: tuple[str, ...]) -> dict[str, int]:
    gaz = gazetteer()
    out: dict[str, int] = {}
    for pid in places:
        for anc in gaz.ancestors(pid):
            out[anc] = gaz.places[anc].rank
    return out


def place_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Most specific shared place; a clear mismatch of specific places is a penalty."""
    if not a or not b:
        return 0.0
    ea, eb = _expand(a), _expand(b)
    shared = set(ea) & set(eb)
    best = max((ea[p] for p in shared), default=-1)
    if best >= 2:
        return PLACE_SCORES[best]
    spec_a = {p for p, r in ea.items() if r >= 2}
    spec_b = {p for p, r in eb.items() if r >= 2}
    if spec_a and spec_b:  # both name cities/towns/landmarks, none in common
        return -2.0 if best < 1 else -1.0
    if best < 1 and any(r >= 1 for r in ea.values()) and any(r >= 1 for r in eb.values()):
        return -1.5  # different governorates
    return PLACE_SCORES.get(best, 0.0)


def kind_score(sig: Signature, ev: OpenEvent) -> float:
    """Same kind 1.0, same family 0.25, different families veto; 0 when a kind is unknown."""
    if not sig.kind or not ev.kind:
        return 0.0
    if sig.kind == ev.kind or sig.kind in ev.kinds or ev.kind in sig.kinds:
        return 1.0
    lex = kind_lexicon()
    fam_a = {lex.family(k) for k in (sig.kind, *sig.kinds)}
    fam_b = {lex.family(k) for k in (ev.kind, *ev.kinds)}
    return 0.25 if fam_a & fam_b else VETO


def _d(s: str) -> date:
    return date.fromisoformat(s)


def day_score(sig: Signature, ev: OpenEvent, lag: int) -> float:
    """Known days further apart than ``lag`` veto; windows that overlap (with lag) agree.

    Named weekdays are the incident's day told without a date ("مساء الأربعاء"): two
    weekdays two or more days apart veto, adjacent ones (a night, a multi-day incident)
    weigh against.
    """
    base = 0.0
    if sig.day_window and ev.day_span:
        lo, hi = _d(sig.day_window[0]), _d(sig.day_window[1])
        elo, ehi = _d(ev.day_span[0]), _d(ev.day_span[1])
        slack = timedelta(days=lag)
        if lo > ehi + slack or elo > hi + slack:
            return VETO
        if (hi - lo).days <= MAX_SPAN_STEP_DAYS and (
            max(hi, ehi) - min(lo, elo)
        ).days > MAX_EVENT_DAYS:
            return VETO
        base = 1.0 if sig.day and sig.day in ev.days else 0.25
    if sig.weekday is not None and ev.weekdays and sig.weekday not in ev.weekdays:
        dist = min(min((sig.weekday - w) % 7, (w - sig.weekday) % 7) for w in ev.weekdays)
        if dist > 1:
            return VETO
        base -= 2.0
    return base


def word_overlap(words: tuple[str, ...], ev: OpenEvent) -> float:
    """Share of the article's content words found in the event (0..1)."""
    if not words or not ev.words:
        return 0.0
    ew = set(ev.words)
    return sum(1 for w in words if w in ew) / min(len(words), len(ew))


def score(sig: Signature, ev: OpenEvent, config: TrackerConfig) -> float:
    """How well ``sig`` fits ``ev``; ``-inf`` when it cannot be the same incident."""
    k = kind_score(sig, ev)
    d = day_score(sig, ev, config.day_lag_days)
    if k == VETO or d == VETO:
        return VETO
    if sig.parties and ev.parties and not set(sig.parties) & set(ev.parties):
        return VETO  # clashes between other sides
    p = place_score(sig.places, ev.places)
    w = word_overlap(sig.words, ev)
    shared_figures = len({f for f in sig.figures if f[1] >= 10} & set(ev.figures))
    total = p + k + d + 6.0 * w + 0.25 * min(shared_figures, 2)
    if p < 0 and (w < 0.5 or len(set(sig.words) & set(ev.words)) < MIN_WORDS_ACROSS_PLACES):
        return VETO  # different places: only overwhelming wording could merge
    if p < PLACE_SCORES[3] and d < 1.0 and w < MIN_SHARED_WORDS and not _disaster(sig, ev):
        # a city and a kind alone do not make one incident: shootings, accidents, strikes
        # recur in the same city; disasters (floods, earthquakes) do not
        return VETO
    return total


def _disaster(sig: Signature, ev: OpenEvent) -> bool:
    lex = kind_lexicon()
    return "disaster" in {lex.family(k) for k in (sig.kind, ev.kind) if k}


# -- assignment ----------------------------------------------------------------------


def _found(sig: Signature, block: str, config: TrackerConfig) -> OpenEvent:
    return OpenEvent(
        id=f"{block}-{stable_hash(sig.article_id, length=12)}",
        block=block,
        places=sig.places[: config.max_places],
        kind=sig.kind,
        kinds=sig.kinds,
        day_span=sig.day_window,
        words=sig.words[: config.max_words],
        word_counts=tuple(1 for _ in sig.words[: config.max_words]),
        figures=sig.figures[: config.max_figures],
        articles=(sig.article_id,),
        first_seen=sig.received_at,
        last_seen=sig.received_at,
        weekdays=() if sig.weekday is None else (sig.weekday,),
        days=() if sig.day is None else (sig.day,),
        parties=sig.parties,
        last_dated=sig.received_at if sig.dated else None,
        last_arrival=sig.arrival,
    )


def _merge(ev: OpenEvent, sig: Signature, config: TrackerConfig) -> OpenEvent:
    counts: Counter[str] = Counter(
        dict(zip(ev.words, ev.word_counts or (1,) * len(ev.words), strict=False))
    )
    counts.update(sig.words)
    order = {w: i for i, w in enumerate(ev.words)}
    words = sorted(counts, key=lambda w: (-counts[w], order.get(w, len(order)), w))[
        : config.max_words
    ]
    places = list(ev.places)
    places += [p for p in sig.places if p not in places]
    gaz = gazetteer()
    places.sort(key=lambda p: -gaz.places[p].rank if p in gaz.places else 0)
    span = ev.day_span
    if (
        sig.day_window
        and (_d(sig.day_window[1]) - _d(sig.day_window[0])).days <= MAX_SPAN_STEP_DAYS
    ):
        span = (
            (min(span[0], sig.day_window[0]), max(span[1], sig.day_window[1]))
            if span
            else sig.day_window
        )
    kinds = tuple(dict.fromkeys((*ev.kinds, *sig.kinds)))
    return replace(
        ev,
        places=tuple(places[: config.max_places]),
        kind=ev.kind or sig.kind,
        kinds=kinds,
        day_span=span,
        words=tuple(words),
        word_counts=tuple(counts[w] for w in words),
        figures=tuple(sorted(set(ev.figures) | set(sig.figures)))[: config.max_figures],
        articles=(*ev.articles, sig.article_id)[-config.max_articles :],
        last_arrival=max(ev.last_arrival or sig.arrival, sig.arrival),
        first_seen=min(ev.first_seen, sig.received_at),
        last_seen=max(ev.last_seen, sig.received_at),
        weekdays=tuple(
            sorted(set(ev.weekdays) | ({sig.weekday} if sig.weekday is not None else set()))
        ),
        days=tuple(sorted(set(ev.days) | ({sig.day} if sig.day else set())))[-8:],
        parties=tuple(dict.fromkeys((*ev.parties, *sig.parties)))[:24],
        last_dated=max(
            x for x in (ev.last_dated, sig.received_at if sig.dated else None) if x is not None
        )
        if sig.dated or ev.last_dated is not None
        else None,
    )


def assign(
    sig: Signature, open_events: tuple[OpenEvent, ...], config: TrackerConfig | None = None
) -> tuple[str, tuple[OpenEvent, ...]]:
    """The event id for ``sig`` and the block's new open events (see module docstring)."""
    config = config or TrackerConfig()
    for ev in open_events:
        if sig.article_id in ev.articles:
            return ev.id, open_events
    block = block_key(sig)
    dated_times = [e.last_dated for e in open_events if e.last_dated is not None]
    if sig.dated:
        dated_times.append(sig.received_at)
    if dated_times:
        # the block's clock is the newest *published* time: an undated article's arrival
        # is not its own time (a replayed archive would jump to today and close everything)
        watermark = max(dated_times)
        if not sig.dated and sig.received_at > watermark:
            sig = replace(sig, received_at=watermark)
    else:  # nothing dated in the block: arrival times are all there is (live feeds)
        watermark = max([sig.received_at, *(e.last_seen for e in open_events)])
    horizon = watermark - config.quiet_hours * 3600.0
    # An event closes when it has been quiet both in the articles' own time and in arrival
    # time. Live, the two clocks move together; in a replayed archive (years of reporting
    # arriving within minutes, in any order) articles' time jumps about, and closing on it
    # alone would shut an incident before its undated reports arrive. Only the
    # ``max_quiet_open`` most recent of those stay open, so a long replay's open set stays
    # small (each article is scored against every open event of its block).
    arrival_horizon = (
        max([sig.arrival, *(e.last_arrival or 0.0 for e in open_events)])
        - config.quiet_hours * 3600.0
    )
    alive = [e for e in open_events if e.last_seen >= horizon]
    quiet = [
        e
        for e in open_events
        if e.last_seen < horizon
        and e.last_arrival is not None
        and e.last_arrival >= arrival_horizon
    ]
    alive += sorted(quiet, key=lambda e: (e.last_seen, e.id))[-config.max_quiet_open :]
    best: tuple[float, str] | None = None
    for ev in alive:
        if ev.block != block:
            continue
        s = score(sig, ev, config)
        if s >= config.match_threshold and (best is None or (s, ev.id) > best):
            best = (s, ev.id)
    if best is not None:
        event_id = best[1]
        alive = [_merge(e, sig, config) if e.id == event_id else e for e in alive]
    else:
        new = _found(sig, block, config)
        event_id = new.id
        alive = [e for e in alive if e.id != event_id] + [new]
    if len(alive) > config.max_open:
        keep = sorted(alive, key=lambda e: (e.last_seen, e.id))[-config.max_open :]
        if event_id not in {e.id for e in keep}:
            keep = keep[1:] + [next(e for e in alive if e.id == event_id)]
        alive = keep
    return event_id, tuple(sorted(alive, key=lambda e: e.id))

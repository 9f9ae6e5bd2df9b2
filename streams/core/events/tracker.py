"""Event resolution: events are the connected components of the same-incident relation.

One resolve-stage partition owns a block (the incident's country, :func:`block_key`). It
keeps the block's recent reports (*members*: a compact signature and the event each joined)
and a small header (:class:`Block`): the arrival count, the block's clock, which retired
event ids now answer to which event, and each event's founder. :func:`resolve` is a pure
function of (header, members, signature, config):

* **a report joins every event it is the same incident as**: it is compared with the
  retained members (:func:`streams.core.events.relation.same_incident`, a symmetric relation
  of two signatures); the events of the members it matches become one. So an event is a
  connected component of the relation, whatever order its reports came in: replays in any
  order, on any number of workers, give the same partition (within retention, below);
* **merges only add**: when a report links two events, the one whose founder comes first
  survives and the others are *retired*: their ids stay as aliases of the survivor (the
  event agent moves their claims to it). A report that comes before an event's founder (an
  earlier article arriving late) founds the survivor the same way;
* **ids are a pure function of the members**: ``f"{block}-{stable_hash(founder id)}"``, the
  founder being the first member by (published time, article id), undated articles after
  dated ones (:attr:`Signature.order`);
* **idempotent**: a report already a member gets its event (through aliases) and changes
  nothing;
* **bounded**: a member is retained while it is among the block's last
  ``keep_recent`` arrivals, or its own time is within the retention window of the block's
  clock (``quiet_hours``, or the span of its kind when longer: disasters are reported for
  weeks), at most ``max_members`` (the newest by time). The clock is the newest time of a
  *dated* article: an undated article counts at most as that clock, so replaying an archive
  does not retire every incident at its first undated article. An event none of whose
  members is retained is closed, its aliases with it. Order independence holds while a
  block's reports are retained: a report that arrives after every member of its incident
  was evicted founds a new event.

Candidates are found through an index of the members' places (every ancestor from
governorate down): two reports are compared only when they share a place, or when one of
them names none below its country.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from streams.core.model import stable_hash
from streams.core.text import kind_lexicon
from streams.core.text.geo import gazetteer

from .relation import SPAN_DAYS, same_incident
from .signature import Signature, block_key

__all__ = [
    "Block",
    "Member",
    "Merge",
    "Resolution",
    "TrackerConfig",
    "event_id_of",
    "resolve",
    "retain",
]

DAY = 86400.0


@dataclass(frozen=True)
class TrackerConfig:
    """Knobs of event resolution. ``quiet_hours`` comes from ``Settings.event_quiet_hours``."""

    quiet_hours: float = 72.0
    keep_recent: int = 500
    max_members: int = 2000
    tolerance: float = 0.1  # Settings.tolerance, used by the event stage (apply_claims)

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> TrackerConfig:
        """Built from :class:`streams.settings.Settings` (``event_quiet_hours``, ``tolerance``)."""
        values = {"quiet_hours": settings.event_quiet_hours, "tolerance": settings.tolerance}
        return cls(**{**values, **overrides})


@dataclass(frozen=True)
class Member:
    """A retained report: its signature, the event it joined (its id then: aliases say what
    that id answers to now), its arrival number in the block and its time in the block's clock.
    """

    sig: Signature
    event: str
    seq: int
    time: float

    def to_json(self) -> dict[str, Any]:
        """As the tracker table stores it (one key per member: written once)."""
        return {"sig": self.sig.to_json(), "event": self.event, "seq": self.seq, "time": self.time}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Member:
        """What :meth:`to_json` wrote."""
        return cls(
            Signature.from_json(data["sig"]),
            str(data["event"]),
            int(data["seq"]),
            float(data["time"]),
        )


@dataclass(frozen=True)
class Block:
    """A block's header: small, rewritten once per batch.

    ``members``: article id -> (time, arrival number) of every retained member; ``aliases``:
    retired event id -> the event it answers to (always a live event: chains are resolved);
    ``founders``: live event id -> its founder's order (:attr:`Signature.order`); ``clock``:
    the newest time of a dated article (None before the first).
    """

    block: str
    seq: int = 0
    clock: float | None = None
    members: dict[str, tuple[float, int]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    founders: dict[str, tuple[float, str]] = field(default_factory=dict)

    def event_of(self, event: str) -> str:
        """The live event an id (live or retired) answers to."""
        return self.aliases.get(event, event)

    def to_json(self) -> dict[str, Any]:
        """As the tracker table stores it under the block's key."""
        return {
            "block": self.block,
            "seq": self.seq,
            "clock": self.clock,
            "members": {a: list(v) for a, v in self.members.items()},
            "aliases": dict(self.aliases),
            "founders": {
                e: [None if o[0] == float("inf") else o[0], o[1]] for e, o in self.founders.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None, block: str = "") -> Block:
        """What :meth:`to_json` wrote (an empty header for a missing key)."""
        if not data:
            return cls(block)
        return cls(
            block=str(data.get("block") or block),
            seq=int(data.get("seq") or 0),
            clock=None if data.get("clock") is None else float(data["clock"]),
            members={
                str(a): (float(v[0]), int(v[1])) for a, v in (data.get("members") or {}).items()
            },
            aliases={str(k): str(v) for k, v in (data.get("aliases") or {}).items()},
            founders={
                str(e): (float("inf") if o[0] is None else float(o[0]), str(o[1]))
                for e, o in (data.get("founders") or {}).items()
            },
        )


@dataclass(frozen=True)
class Merge:
    """Events that became one when ``cause`` (an article id) joined them: ``retired`` ids now
    answer to ``survivor``.
    """

    survivor: str
    retired: tuple[str, ...]
    cause: str


@dataclass
class Resolution:
    """What :func:`resolve` and :func:`retain` did to a block (mutable, local to a batch)."""

    block: Block
    added: list[Member] = field(default_factory=list)
    evicted: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)


def event_id_of(block: str, founder: str) -> str:
    """The id of the event ``founder`` (an article id) founds in ``block``."""
    return f"{block}-{stable_hash(founder, length=12)}"


class _Index:
    """Members by place (every ancestor of rank >= 1), and those that name none."""

    def __init__(self, members: Mapping[str, Member]) -> None:
        self.by_place: dict[str, set[str]] = {}
        self.placeless: set[str] = set()
        self.all: set[str] = set()
        for member in members.values():
            self.add(member)

    @staticmethod
    def keys(sig: Signature) -> set[str]:
        gaz = gazetteer()
        return {a for p in sig.places for a in gaz.ancestors(p) if gaz.rank(a) >= 1}

    def add(self, member: Member) -> None:
        aid = member.sig.article_id
        self.all.add(aid)
        keys = self.keys(member.sig)
        if not keys:
            self.placeless.add(aid)
        for key in keys:
            self.by_place.setdefault(key, set()).add(aid)

    def candidates(self, sig: Signature) -> list[str]:
        keys = self.keys(sig)
        if not keys:
            return sorted(self.all)
        found = set(self.placeless)
        for key in keys:
            found |= self.by_place.get(key, set())
        return sorted(found)


def _time_of(sig: Signature, clock: float | None) -> float:
    """The member's time in the block's clock: an undated article counts at most as the clock."""
    if sig.dated or clock is None:
        return sig.received_at
    return min(sig.received_at, clock)


def resolve(
    res: Resolution,
    members: dict[str, Member],
    index: _Index,
    sig: Signature,
) -> str:
    """The event of ``sig`` in the block of ``res`` (module docstring); updates ``res``,
    ``members`` and ``index`` in place.
    """
    block = res.block
    if sig.article_id in members:
        return block.event_of(members[sig.article_id].event)
    linked = sorted(
        {
            block.event_of(members[aid].event)
            for aid in index.candidates(sig)
            if same_incident(sig, members[aid].sig)
        }
    )
    founders = dict(block.founders)
    aliases = dict(block.aliases)
    if not linked:
        survivor = event_id_of(block.block, sig.article_id)
        founders[survivor] = sig.order
    else:
        first = min(linked, key=lambda e: (founders.get(e, sig.order), e))
        order = min(founders.get(first, sig.order), sig.order)
        survivor = first if order != sig.order else event_id_of(block.block, sig.article_id)
        retired = tuple(e for e in linked if e != survivor)
        for event in retired:
            founders.pop(event, None)
            aliases[event] = survivor
        for old, target in aliases.items():
            if target in retired:
                aliases[old] = survivor
        founders[survivor] = order
        if retired:
            res.merges.append(Merge(survivor, retired, sig.article_id))
    clock = block.clock
    if sig.dated:
        clock = sig.received_at if clock is None else max(clock, sig.received_at)
    member = Member(sig, survivor, block.seq, _time_of(sig, block.clock))
    members[sig.article_id] = member
    index.add(member)
    res.added.append(member)
    res.block = replace(
        block,
        seq=block.seq + 1,
        clock=clock,
        members={**block.members, sig.article_id: (member.time, member.seq)},
        aliases=aliases,
        founders=founders,
    )
    return survivor


def _reach(member_kind: str | None, config: TrackerConfig) -> float:
    """How long (seconds of article time) a member stays: the quiet period, or its kind's span."""
    family = kind_lexicon().family(member_kind)
    return max(config.quiet_hours * 3600.0, SPAN_DAYS.get(family or "", 0) * DAY)


def retain(res: Resolution, members: Mapping[str, Member], config: TrackerConfig) -> None:
    """Evict the members the block no longer keeps and close the events left without one
    (module docstring, "bounded"); updates ``res`` in place.
    """
    block = res.block
    clock = block.clock
    recent = block.seq - config.keep_recent

    def kept(aid: str, time: float, seq: int) -> bool:
        if seq >= recent or clock is None:
            return True
        kind = members[aid].sig.kind if aid in members else None
        return time >= clock - _reach(kind, config)

    keep = {a: v for a, v in block.members.items() if kept(a, *v)}
    if len(keep) > config.max_members:
        newest = sorted(keep, key=lambda a: (keep[a][0], keep[a][1]))[-config.max_members :]
        keep = {a: keep[a] for a in newest}
    gone = sorted(set(block.members) - set(keep))
    if not gone:
        return
    live = {block.event_of(members[a].event) for a in keep if a in members}
    closing = sorted(e for e in block.founders if e not in live)
    closed = set(closing)
    aliases = {k: v for k, v in block.aliases.items() if v not in closed}
    retired_closing = sorted(k for k, v in block.aliases.items() if v in closed)
    res.evicted.extend(gone)
    res.closed.extend(closing + retired_closing)
    res.block = replace(
        block,
        members=keep,
        aliases=aliases,
        founders={e: o for e, o in block.founders.items() if e not in closed},
    )


def resolve_all(
    block: Block,
    members: dict[str, Member],
    sigs: Iterable[Signature],
    config: TrackerConfig,
) -> tuple[Resolution, list[str]]:
    """Resolve ``sigs`` in order, then apply retention once: (what changed, each one's event).

    ``members`` (the block's retained members, by article id) is updated in place.
    """
    res = Resolution(block)
    index = _Index(members)
    events = [resolve(res, members, index, sig) for sig in sigs]
    retain(res, members, config)
    return res, events


def block_of(sig: Signature) -> str:
    """The block a signature is resolved in (:func:`block_key`)."""
    return block_key(sig)

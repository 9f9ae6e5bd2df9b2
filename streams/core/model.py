"""Plain data shared by every stage: articles, claims, alerts.

These frozen dataclasses are what the pure logic (extraction, event matching,
contradiction rules) consumes and produces. They never import faust, aiokafka or
httpx; the Faust records in :mod:`streams.records` convert to and from them at
the edges. ``to_json`` produces exactly the fields of the output contract in
docs/ARCHITECTURE.md, "Output contract" (fields may be added, never renamed).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from typing import Any, Literal

Metric = Literal["killed", "injured", "missing", "captured", "bodies", "casualties"]
VictimClass = Literal["civilians", "security_forces", "armed_groups", "mixed", "unknown"]
Scope = Literal["event", "cumulative"]
Severity = Literal["low", "medium", "high"]

METRICS: tuple[str, ...] = ("killed", "injured", "missing", "captured", "bodies", "casualties")
VICTIM_CLASSES: tuple[str, ...] = (
    "civilians",
    "security_forces",
    "armed_groups",
    "mixed",
    "unknown",
)


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of ``parts``; the same parts give the same digest on every machine."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One news article as it enters the pipeline.

    ``id`` is the only identity: replaying the same id twice must change nothing
    downstream. ``source`` is the publisher (outlet name or domain).
    """

    id: str
    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    lang: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        """The article in the input format (its extra fields beside the known ones)."""
        data = asdict(self)
        extra = data.pop("extra") or {}
        return {**data, **extra}


@dataclass(frozen=True)
class Claim:
    """A casualty figure stated in an article, by someone, about some victims.

    ``min``/``max`` are the range the wording allows (``max`` None = open-ended).
    ``attributed_to`` is None when the outlet speaks in its own voice. ``event``
    stays None until the event stage assigns one.
    """

    article: str
    metric: str
    min: int
    max: int | None
    approximate: bool
    victim: str
    victim_class: str
    attributed_to: str | None
    source: str | None
    scope: str
    quote: str
    event: str | None = None
    # Fields the contract grows by (docs/ARCHITECTURE.md, "Output contract"): who relayed the statement, the
    # canonical source behind ``attributed_to`` (or the outlet), and where the claim was
    # read. None until a stage knows them; never part of the claim's identity.
    via: str | None = None
    source_id: str | None = None
    source_type: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None

    @cached_property
    def id(self) -> str:
        """Identity of the claim independent of the event it is later assigned to."""
        return stable_hash(
            self.article,
            self.metric,
            self.min,
            self.max,
            self.victim,
            self.attributed_to,
            self.quote,
        )

    def with_event(self, event: str | None) -> Claim:
        """The same claim assigned to ``event`` (its id unchanged)."""
        claim = replace(self, event=event)
        if "id" in self.__dict__:  # computed already, and the event is not part of it
            claim.__dict__["id"] = self.__dict__["id"]
        return claim

    def to_json(self) -> dict[str, Any]:
        """The output contract's JSON."""
        return {
            "type": "claim",
            "id": self.id,
            "article": self.article,
            "event": self.event,
            "metric": self.metric,
            "min": self.min,
            "max": self.max,
            "approximate": self.approximate,
            "victim": self.victim,
            "victim_class": self.victim_class,
            "attributed_to": self.attributed_to,
            "source": self.source,
            "scope": self.scope,
            "quote": self.quote,
            "via": self.via,
            "source_id": self.source_id,
            "source_type": self.source_type,
            "url": self.url,
            "published": self.published,
            "lang": self.lang,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Claim:
        """The claim ``data`` describes; an ``id`` it carries is kept, not recomputed.

        Claims cross three topics and the event table between extraction and an alert:
        hashing each again at every stage was 3 % of a worker's time. The id travels
        with the claim it was computed for (``to_json``).
        """
        claim = cls(
            article=str(data["article"]),
            metric=str(data["metric"]),
            min=int(data["min"]),
            max=None if data.get("max") is None else int(data["max"]),
            approximate=bool(data.get("approximate", False)),
            victim=str(data.get("victim") or ""),
            victim_class=str(data.get("victim_class") or "unknown"),
            attributed_to=data.get("attributed_to"),
            source=data.get("source"),
            scope=str(data.get("scope") or "event"),
            quote=str(data.get("quote") or ""),
            event=data.get("event"),
            via=data.get("via"),
            source_id=data.get("source_id"),
            source_type=data.get("source_type"),
            url=data.get("url"),
            published=data.get("published"),
            lang=data.get("lang"),
        )
        if isinstance(data.get("id"), str):
            claim.__dict__["id"] = data["id"]
        return claim


@dataclass(frozen=True)
class Alert:
    """A new claim that cannot be true together with claims already on the event's table.

    ``title``, ``place`` and ``day`` describe the incident (its kind, most specific place and
    day, as far as its reports say): added to the contract, None when unknown.
    """

    id: str
    event: str
    metric: str
    victim_class: str
    severity: str
    new: Claim
    conflicts_with: tuple[Claim, ...]
    summary: str
    title: str | None = None
    place: str | None = None
    day: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The output contract's JSON."""
        return {
            "type": "alert",
            "id": self.id,
            "event": self.event,
            "metric": self.metric,
            "victim_class": self.victim_class,
            "severity": self.severity,
            "new": self.new.to_json(),
            "conflicts_with": [c.to_json() for c in self.conflicts_with],
            "summary": self.summary,
            "title": self.title,
            "place": self.place,
            "day": self.day,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Alert:
        """The alert ``data`` describes (:meth:`to_json`'s output)."""
        return cls(
            id=str(data["id"]),
            event=str(data["event"]),
            metric=str(data["metric"]),
            victim_class=str(data["victim_class"]),
            severity=str(data["severity"]),
            new=Claim.from_json(data["new"]),
            conflicts_with=tuple(Claim.from_json(c) for c in data["conflicts_with"]),
            summary=str(data["summary"]),
            title=data.get("title"),
            place=data.get("place"),
            day=data.get("day"),
        )

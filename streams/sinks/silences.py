"""Silences: an operator mutes an event or a source for a while.

A silenced alert is still produced on the alert topic (the record is complete);
it is only not posted to the webhook receivers. Silences are messages on the
``<prefix>silences`` topic, keyed by silence id, so every worker (and the CLI)
sees the same set: a worker reads the whole topic from the beginning and folds
it with :func:`apply_message`. A removal is a message with the same id and
``"removed": true``; the last message for an id wins.

The rules (:class:`Silence`, :func:`apply_message`, :func:`matching_silence` ...) are
pure: no broker, no clock, ``now`` is always passed in. :class:`SilenceFeed` is every
worker's view of the topic: the whole topic read outside the consumer group (silences
must reach every worker, not only the one owning a partition), from the beginning,
folded with :func:`apply_message`. Its ``ready`` is set once the messages present at
start have been read, so the sink agent does not post an alert an existing silence mutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaConsumer

from streams.core.model import Alert
from streams.core.text import normalize
from streams.offsets import end_offsets
from streams.settings import Settings
from streams.sinks.exceptions import SilenceError
from streams.topics import client_options, ensure_topics, topic_partitions

KINDS = ("any", "event", "source")

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_SPACES = re.compile(r"\s+")


def parse_duration(text: str) -> float:
    """``"4h"``, ``"90m"``, ``"1h30m"``, ``"2d"``, ``"45s"`` or plain seconds → seconds (> 0)."""
    raw = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        seconds = float(raw)
    else:
        parts = _DURATION.findall(raw)
        if not parts or _DURATION.sub("", raw).strip():
            raise SilenceError(
                f"cannot read the duration {text!r}: use e.g. 30m, 4h, 1h30m, 2d or 1w"
            )
        seconds = sum(float(n) * _UNIT_SECONDS[u.lower()] for n, u in parts)
    if seconds <= 0:
        raise SilenceError(f"the duration {text!r} must be longer than zero")
    return seconds


def normalize_source(name: str) -> str:
    """How source names are compared: the text layer's Arabic normalization (diacritics,
    tatweel, alef and teh marbuta forms), case, spacing, ``www.``.
    """
    text = normalize(unicodedata.normalize("NFKC", name))
    text = _SPACES.sub(" ", text).strip().casefold()
    for prefix in ("https://", "http://", "www."):
        text = text.removeprefix(prefix)
    return text.rstrip("/")


def alert_sources(alert: Alert) -> set[str]:
    """Normalized ``attributed_to`` and outlet of the new claim and every conflicting claim."""
    names: set[str] = set()
    for claim in (alert.new, *alert.conflicts_with):
        for name in (claim.attributed_to, claim.source):
            if name and (key := normalize_source(name)):
                names.add(key)
    return names


@dataclass(frozen=True)
class Silence:
    """Mute alerts about ``matcher`` (an event id or a source name) until ``ends_at``.

    ``kind`` narrows what ``matcher`` is compared with: ``event`` (the alert's
    event id), ``source`` (any source of the alert's claims) or ``any`` (either).
    Times are POSIX seconds.
    """

    id: str
    matcher: str
    kind: str
    starts_at: float
    ends_at: float
    created_by: str | None = None
    comment: str | None = None

    def active(self, now: float) -> bool:
        """Whether the silence holds at ``now``."""
        return self.starts_at <= now < self.ends_at

    def matches(self, alert: Alert) -> bool:
        """Whether the silence mutes ``alert`` (its event id, or any of its sources)."""
        if self.kind in ("any", "event") and self.matcher == alert.event:
            return True
        return self.kind in ("any", "source") and normalize_source(self.matcher) in alert_sources(
            alert
        )

    def to_message(self) -> dict[str, Any]:
        """The silence as a message of the silences topic."""
        return {
            "type": "silence",
            "id": self.id,
            "matcher": self.matcher,
            "kind": self.kind,
            "starts_at": _iso(self.starts_at),
            "ends_at": _iso(self.ends_at),
            "created_by": self.created_by,
            "comment": self.comment,
        }

    @classmethod
    def from_message(cls, data: Mapping[str, Any]) -> Silence:
        """The silence a message of the silences topic describes."""
        return cls(
            id=str(data["id"]),
            matcher=str(data["matcher"]),
            kind=str(data.get("kind") or "any"),
            starts_at=_epoch(data["starts_at"]),
            ends_at=_epoch(data["ends_at"]),
            created_by=data.get("created_by"),
            comment=data.get("comment"),
        )


def new_silence(
    matcher: str,
    duration: float,
    now: float,
    *,
    kind: str = "any",
    created_by: str | None = None,
    comment: str | None = None,
) -> Silence:
    """A fresh silence starting ``now`` (with a new random id)."""
    if kind not in KINDS:
        raise SilenceError(f"unknown silence kind {kind!r}: use one of {', '.join(KINDS)}")
    if not matcher.strip():
        raise SilenceError("a silence needs an event id or a source name")
    if duration <= 0:
        raise SilenceError("a silence must last longer than zero")
    return Silence(
        id=uuid.uuid4().hex[:12],
        matcher=matcher.strip(),
        kind=kind,
        starts_at=now,
        ends_at=now + duration,
        created_by=created_by,
        comment=comment,
    )


def removal_message(silence_id: str, now: float) -> dict[str, Any]:
    """The message that removes silence ``silence_id``."""
    return {"type": "silence", "id": silence_id, "removed": True, "removed_at": _iso(now)}


def apply_message(silences: Mapping[str, Silence], data: Mapping[str, Any]) -> dict[str, Silence]:
    """Fold one message of the silences topic into ``silences`` (id → silence).

    Malformed messages are ignored (returned state unchanged): a bad record on the
    topic must not take every worker's silences down with it.
    """
    out = dict(silences)
    try:
        silence_id = str(data["id"])
        if data.get("removed"):
            out.pop(silence_id, None)
        else:
            out[silence_id] = Silence.from_message(data)
    except (KeyError, TypeError, ValueError):
        return dict(silences)
    return out


def active_silences(silences: Iterable[Silence], now: float) -> list[Silence]:
    """The silences active at ``now``, the first to end first."""
    return sorted((s for s in silences if s.active(now)), key=lambda s: s.ends_at)


def matching_silence(alert: Alert, silences: Iterable[Silence], now: float) -> Silence | None:
    """The first active silence that mutes ``alert``, or None."""
    for silence in silences:
        if silence.active(now) and silence.matches(alert):
            return silence
    return None


def is_silenced(alert: Alert, silences: Iterable[Silence], now: float) -> bool:
    """True when an active silence matches the alert's event id or one of its sources."""
    return matching_silence(alert, silences, now) is not None


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


def _epoch(value: Any) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = str(value).replace("Z", "+00:00")
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


# -- the feed ---------------------------------------------------------------------------

log = logging.getLogger(__name__)


def silences_topic(settings: Settings) -> str:
    """The silences topic of these settings."""
    return settings.topic("silences")


class SilenceFeed:
    """Every worker's view of the silences: the whole topic, followed (module docstring)."""

    def __init__(self, settings: Settings, broker_url: str) -> None:
        self.settings = settings
        self.broker_url = broker_url
        self.topic = silences_topic(settings)
        self.silences: dict[str, Silence] = {}
        self.ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def current(self) -> list[Silence]:
        """The silences known now."""
        return list(self.silences.values())

    def start(self) -> None:
        """Start following the topic in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="raqib-silences")

    async def stop(self) -> None:
        """Stop following the topic."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self._follow()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("reading %s failed; retrying in 5 s", self.topic)
                await asyncio.sleep(5.0)

    async def _follow(self) -> None:
        await ensure_topics(self.settings, self.broker_url, [self.topic])
        consumer = AIOKafkaConsumer(
            **client_options(self.settings, self.broker_url),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        await consumer.start()
        try:
            partitions = await topic_partitions(consumer, self.topic)
            consumer.assign(partitions)
            await consumer.seek_to_beginning(*partitions)
            ends = await end_offsets(consumer, partitions)
            silences: dict[str, Silence] = {}
            while True:
                batch = await consumer.getmany(timeout_ms=500)
                for records in batch.values():
                    for record in records:
                        try:
                            data = json.loads(record.value)
                        except (TypeError, ValueError):
                            log.warning("undecodable silence at offset %s", record.offset)
                            continue
                        silences = apply_message(silences, data)
                self.silences = silences
                if not self.ready.is_set():
                    positions = [await consumer.position(tp) for tp in partitions]
                    if all(pos >= ends[tp] for pos, tp in zip(positions, partitions, strict=True)):
                        log.info("%d silences loaded from %s", len(silences), self.topic)
                        self.ready.set()
        finally:
            await consumer.stop()

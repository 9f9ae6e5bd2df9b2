"""Talking to raqib's topics from outside the worker (replay, watch, run, tests).

Uses aiokafka directly: no consumer group (partitions are assigned by hand), so
a replay does not wait for a group join and never disturbs the workers' group.

Producers are made by :func:`producer_options`: their request size fits an article at
``RAQIB_MAX_ARTICLE_BYTES`` (aiokafka's default, 1 MiB, is below the 2 MB default
limit), and every article passes :func:`connectors.base.article_payload` before it is
sent, so an article over the limit is dead-lettered with its reason, never a producer
error that ends the replay.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from connectors.base import Rejected, article_message, article_payload
from streams.cli.tally import ReplayTally
from streams.core.model import Alert, Article, Claim
from streams.offsets import end_offsets
from streams.settings import Settings
from streams.topics import (
    RECORD_OVERHEAD,
    client_options,
    ensure_topics,
    seek_to_end,
    topic_partitions,
)

log = logging.getLogger(__name__)

__all__ = [
    "Collector",
    "ReplayResult",
    "TopicMessage",
    "article_message",
    "dead_letter_rejected",
    "producer_options",
    "read_topic",
    "replay",
]

AIOKAFKA_MAX_REQUEST = 1024 * 1024


def producer_options(settings: Settings, broker_url: str) -> dict[str, Any]:
    """Options of a producer of articles: connection, and a request size that always
    takes an article of ``RAQIB_MAX_ARTICLE_BYTES`` (key and value).
    """
    return {
        **client_options(settings, broker_url),
        "max_request_size": max(AIOKAFKA_MAX_REQUEST, settings.max_article_bytes + RECORD_OVERHEAD),
        "linger_ms": 5,
    }


async def dead_letter_rejected(
    producer: AIOKafkaProducer, settings: Settings, item: Rejected, stage: str
) -> None:
    """Send rejected input to the dead-letter topic: its start, origin and reason."""
    await producer.send(
        settings.topic_deadletter,
        value=(item.payload or item.reason.encode("utf-8", "backslashreplace"))[:1000],
        key=item.origin.encode("utf-8", "backslashreplace"),
        headers=[
            ("raqib_stage", stage.encode()),
            ("raqib_reason", item.reason.encode("utf-8", "backslashreplace")[:1000]),
        ],
    )


@dataclass
class ReplayResult:
    """What came back for a replay: claims (with events) and alerts, in arrival order."""

    claims: list[Claim] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    processed: set[str] = field(default_factory=set)
    rejected: list[Rejected] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)
    merges: list[tuple[str, list[str]]] = field(default_factory=list)


class Collector:
    """Reads ``progress`` and ``alerts`` from the offsets they had before a replay started."""

    def __init__(self, settings: Settings, broker_url: str) -> None:
        self.settings = settings
        self.consumer = AIOKafkaConsumer(
            **client_options(settings, broker_url),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )

    async def start(self, from_beginning: bool = False) -> None:
        """Assign every partition of progress and alerts, at their end or beginning."""
        await self.consumer.start()
        partitions = []
        for topic in (self.settings.topic_progress, self.settings.topic_alerts):
            partitions += await topic_partitions(self.consumer, topic)
        self.consumer.assign(partitions)
        if from_beginning:
            await self.consumer.seek_to_beginning(*partitions)
        else:
            await seek_to_end(self.consumer, partitions)

    async def stop(self) -> None:
        """Stop the consumer."""
        await self.consumer.stop()

    async def messages(self, idle: float) -> AsyncIterator[tuple[str, dict[str, Any]]]:
        """(topic, JSON value) pairs; ends when nothing arrives for ``idle`` seconds."""
        while True:
            batch = await self.consumer.getmany(timeout_ms=int(min(idle, 1.0) * 1000))
            if not batch:
                yield "", {}
                continue
            for tp, records in batch.items():
                for record in records:
                    try:
                        yield tp.topic, json.loads(record.value)
                    except (TypeError, ValueError):
                        log.warning(
                            "undecodable message on %s at offset %s", tp.topic, record.offset
                        )


async def replay(
    settings: Settings,
    broker_url: str,
    items: Iterable[Article | Rejected],
    *,
    idle_timeout: float = 60.0,
    on_claim: Callable[[Claim], None] | None = None,
    on_alert: Callable[[Alert], None] | None = None,
    on_reject: Callable[[Rejected], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    alive: Callable[[], bool] | None = None,
    on_merge: Callable[[str, list[str]], None] | None = None,
    pace: float | None = None,
    on_produced: Callable[[int], Awaitable[None]] | None = None,
) -> ReplayResult:
    """Produce articles to the pipeline and collect what it made of them.

    Returns when every copy of every article has been processed by the event stage
    and every alert they raised has been read from the alert topic
    (:class:`streams.cli.tally.ReplayTally`), or when nothing has moved for
    ``idle_timeout`` seconds (then ``missing`` lists the articles a copy of which
    never came through).
    Rejected input is reported through ``on_reject`` and dead-lettered.
    ``alive`` (if given) is polled: when it returns False (the worker we rely on
    died) the wait ends at once. ``pace`` limits production to that many
    articles per second; ``on_produced(n)`` is awaited after the n-th article.
    """
    await ensure_topics(settings, broker_url)
    result = ReplayResult()
    tally = ReplayTally()
    collector = Collector(settings, broker_url)
    await collector.start()
    await _produce(
        settings, broker_url, items, result, tally,
        on_reject=on_reject, pace=pace, on_produced=on_produced,
    )  # fmt: skip
    try:
        await _collect(
            settings, collector, result, tally, idle_timeout,
            on_claim=on_claim, on_alert=on_alert, on_progress=on_progress, alive=alive,
            on_merge=on_merge,
        )  # fmt: skip
    finally:
        await collector.stop()
    result.processed = set(tally.entries)
    result.missing = tally.missing()
    return result


async def _produce(
    settings: Settings,
    broker_url: str,
    items: Iterable[Article | Rejected],
    result: ReplayResult,
    tally: ReplayTally,
    *,
    on_reject: Callable[[Rejected], None] | None,
    pace: float | None,
    on_produced: Callable[[int], Awaitable[None]] | None,
) -> None:
    """Articles to the articles topic (at ``pace`` per second), rejects to the dead letters.

    ``items`` is consumed as it is produced (a replay streams its input); an article over
    ``RAQIB_MAX_ARTICLE_BYTES`` is rejected here, before it reaches the producer.
    """
    producer = AIOKafkaProducer(**producer_options(settings, broker_url))
    await producer.start()
    started = time.monotonic()
    produced = 0

    async def reject(rejected: Rejected) -> None:
        result.rejected.append(rejected)
        if on_reject:
            on_reject(rejected)
        await dead_letter_rejected(producer, settings, rejected, "input")

    try:
        for item in items:
            if isinstance(item, Rejected):
                await reject(item)
                continue
            payload = article_payload(item, settings.max_article_bytes)
            if isinstance(payload, Rejected):
                await reject(payload)
                continue
            tally.produced(item.id)
            await producer.send(settings.topic_articles, value=payload, key=item.id.encode())
            produced += 1
            if on_produced is not None:
                await on_produced(produced)
            if pace:
                delay = started + produced / pace - time.monotonic()
                if delay > 0:
                    await producer.flush()
                    await asyncio.sleep(delay)
        await producer.flush()
    finally:
        await producer.stop()


async def _collect(
    settings: Settings,
    collector: Collector,
    result: ReplayResult,
    tally: ReplayTally,
    idle_timeout: float,
    *,
    on_claim: Callable[[Claim], None] | None,
    on_alert: Callable[[Alert], None] | None,
    on_progress: Callable[[int, int], None] | None,
    alive: Callable[[], bool] | None,
    on_merge: Callable[[str, list[str]], None] | None = None,
) -> None:
    """Progress and alerts read back until the tally is done, nothing moves, or the worker died."""
    last_move = time.monotonic()
    async for topic, value in collector.messages(idle_timeout):
        if topic == settings.topic_progress:
            for entry in value.get("items") or []:
                if entry.get("merged") and entry.get("event"):
                    merge = (str(entry["event"]), [str(e) for e in entry["merged"]])
                    result.merges.append(merge)
                    if on_merge:
                        on_merge(*merge)
                claims = tally.progress(entry)
                if claims is None:
                    continue
                result.claims += claims
                if on_claim:
                    for claim in claims:
                        on_claim(claim)
                if on_progress:
                    on_progress(tally.processed, len(tally.copies))
            last_move = time.monotonic()
        elif topic == settings.topic_alerts:
            tally.alert(Alert.from_json(value))
            last_move = time.monotonic()
        for alert in tally.newly_reported():
            result.alerts.append(alert)
            if on_alert:
                on_alert(alert)
        if tally.done:
            break
        if time.monotonic() - last_move > idle_timeout:
            break
        if alive is not None and not alive():
            log.error("the worker exited; giving up on the replay")
            break


@dataclass(frozen=True)
class TopicMessage:
    """One record of a topic, as :func:`read_topic` returns it."""

    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, bytes]
    timestamp_ms: int


async def read_topic(
    settings: Settings, broker_url: str, topic: str, timeout: float = 10.0
) -> list[TopicMessage]:
    """Every message currently on ``topic`` (from the beginning to the end offsets)."""
    consumer = AIOKafkaConsumer(**client_options(settings, broker_url), enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [
            TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])
        ]
        if not partitions:
            return []
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await end_offsets(consumer, partitions)
        out: list[TopicMessage] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            positions = [await consumer.position(tp) for tp in partitions]
            if all(pos >= ends[tp] for pos, tp in zip(positions, partitions, strict=True)):
                break
            batch = await consumer.getmany(timeout_ms=500)
            for tp, records in batch.items():
                out += [
                    TopicMessage(
                        tp.partition, r.offset, r.key, r.value, dict(r.headers or ()), r.timestamp
                    )
                    for r in records
                ]
        return out
    finally:
        await consumer.stop()

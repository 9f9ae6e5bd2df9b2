"""raqib's topics. Names share one prefix (``RAQIB_TOPIC_PREFIX``, default ``raqib.``).

- ``articles``: input, keyed by article id; raw bytes so that malformed input can
  be dead-lettered with a reason instead of failing in the deserializer.
- ``extracted``: an article's claims and signature, keyed by event-matching block.
- ``claims``: an article's claims with their event id, keyed by event id (so an
  event's claims meet on one partition).
- ``alerts.contradictions``: the public interface, JSON per the contract, keyed by
  event id, with CloudEvents binary-mode headers.
- ``progress``: one record per processed article, for replays to know they are done.
- ``deadletter``: input that could not be processed, with the reason in headers.
- ``silences``: operators' silences (:mod:`streams.sinks.silences`), read by every worker.

Workers read and write them through Faust (:func:`define_topics`); everything outside a
worker (replays, ``raqib watch``, the silences feed, the bench) reads them with aiokafka,
outside any consumer group, through the helpers below.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import faust
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from streams.agents.decoding import DeadLetterSchema
from streams.offsets import end_offsets
from streams.records import EventBatchRecord, ExtractedBatch, ProgressRecord
from streams.settings import Settings


@dataclass
class Topics:
    """raqib's topics as Faust declares them (module docstring)."""

    articles: faust.TopicT
    extracted: faust.TopicT
    claims: faust.TopicT
    alerts: faust.TopicT
    progress: faust.TopicT
    deadletter: faust.TopicT


def define_topics(app: faust.App, settings: Settings) -> Topics:
    """Declare the topics on ``app``, with the settings' names."""
    return Topics(
        articles=app.topic(
            settings.topic_articles, key_type=bytes, value_type=bytes, value_serializer="raw"
        ),
        # values that do not decode arrive as Undecodable, for the agent to dead-letter
        extracted=app.topic(
            settings.topic_extracted,
            schema=DeadLetterSchema(key_type=str, value_type=ExtractedBatch),
        ),
        claims=app.topic(
            settings.topic_claims,
            schema=DeadLetterSchema(key_type=str, value_type=EventBatchRecord),
        ),
        alerts=app.topic(
            settings.topic_alerts, key_type=str, value_type=bytes, value_serializer="raw"
        ),
        progress=app.topic(settings.topic_progress, key_type=str, value_type=ProgressRecord),
        deadletter=app.topic(
            settings.topic_deadletter, key_type=bytes, value_type=bytes, value_serializer="raw"
        ),
    )


def client_options(settings: Settings, broker_url: str) -> dict[str, Any]:
    """Aiokafka connection options (bootstrap, TLS, SASL) from the settings."""
    servers = Settings(broker=broker_url).bootstrap_servers()
    options: dict[str, Any] = {"bootstrap_servers": servers}
    protocol = settings.security_protocol.upper()
    if protocol != "PLAINTEXT":
        options["security_protocol"] = protocol
    if (context := settings.ssl_context()) is not None:
        options["ssl_context"] = context
    if protocol.startswith("SASL"):
        options["sasl_mechanism"] = (settings.sasl_mechanism or "PLAIN").upper()
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = settings.sasl_password
    return options


def topic_names(settings: Settings) -> list[str]:
    """Every topic raqib creates, with the settings' prefix."""
    return [
        settings.topic_articles,
        settings.topic_extracted,
        settings.topic_claims,
        settings.topic_alerts,
        settings.topic_progress,
        settings.topic_deadletter,
        settings.topic("silences"),
    ]


async def topic_partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    """The partitions of ``topic``, waiting up to 10 s for a topic just created to show."""
    for _ in range(100):
        if found := consumer.partitions_for_topic(topic):
            return [TopicPartition(topic, p) for p in sorted(found)]
        # aiokafka refreshes metadata only on its own schedule; a topic just created needs it now
        await consumer._client.force_metadata_update()  # noqa: SLF001
        await asyncio.sleep(0.1)
    return []


async def seek_to_end(consumer: AIOKafkaConsumer, partitions: list[TopicPartition]) -> None:
    """Position assigned ``partitions`` after their last record: only new ones are read."""
    for tp, offset in (await end_offsets(consumer, partitions)).items():
        consumer.seek(tp, offset)


APP_MAX_REQUEST = 4 * 1024 * 1024
"""The workers' producer request size (``streams/app.py``): the largest message they send."""

RECORD_OVERHEAD = 64 * 1024
"""Room in a produce request beyond the article: record batch framing and headers."""


def topic_configs(settings: Settings) -> dict[str, str]:
    """Configs every raqib topic is created with: ``max.message.bytes`` takes the largest
    message any stage sends (an article at ``RAQIB_MAX_ARTICLE_BYTES``, or its dead letter,
    with room for framing), where a Kafka broker's default (1 MB) would refuse an article
    raqib accepts. The embedded broker ignores it (it enforces no limit).
    """
    largest = max(APP_MAX_REQUEST, settings.max_article_bytes + RECORD_OVERHEAD)
    return {"max.message.bytes": str(largest)}


async def ensure_topics(
    settings: Settings, broker_url: str, names: Iterable[str] | None = None
) -> None:
    """Create raqib's topics with the configured partitions, if they do not exist yet."""
    admin = AIOKafkaAdminClient(**client_options(settings, broker_url))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            NewTopic(
                name,
                settings.partitions,
                settings.replication_factor,
                topic_configs=topic_configs(settings),
            )
            for name in (names or topic_names(settings))
            if name not in existing
        ]
        if wanted:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(wanted)
    finally:
        await admin.close()

"""Every worker's view of the silences: the whole ``<prefix>silences`` topic, folded.

Silences must reach every worker, not only the one owning a partition, so this
reads the topic outside the consumer group: an aiokafka consumer assigned all
partitions, from the beginning, folded with :func:`streams.silences.apply_message`.
``ready`` is set once the messages present at start have been read, so the
sink agent does not post an alert that an existing silence mutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from aiokafka import AIOKafkaConsumer

from streams.client import client_options, ensure_topics, topic_partitions
from streams.offsets import end_offsets
from streams.settings import Settings
from streams.silences import Silence, apply_message

log = logging.getLogger(__name__)


def silences_topic(settings: Settings) -> str:
    return settings.topic("silences")


class SilenceFeed:
    def __init__(self, settings: Settings, broker_url: str) -> None:
        self.settings = settings
        self.broker_url = broker_url
        self.topic = silences_topic(settings)
        self.silences: dict[str, Silence] = {}
        self.ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def current(self) -> list[Silence]:
        return list(self.silences.values())

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="raqib-silences")

    async def stop(self) -> None:
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

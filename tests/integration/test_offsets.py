"""End offsets are last offset + 1, even where the broker's ListOffsets says less."""

from __future__ import annotations

import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from streams.offsets import end_offsets

pytestmark = pytest.mark.integration


async def _topic(bootstrap: str, partitions: int) -> str:
    name = f"offsets-{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        await admin.close()
    return name


async def _produce_in_batches(bootstrap: str, topic: str, partition: int, sizes: list[int]) -> None:
    """Each size is one record batch: sent together, then flushed."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=50)
    await producer.start()
    try:
        for size in sizes:
            for _ in range(size):
                await producer.send(topic, b"x" * 20, partition=partition)
            await producer.flush()
    finally:
        await producer.stop()


async def test_the_end_offset_counts_every_record_of_the_last_batch(broker):
    topic = await _topic(broker.bootstrap, 2)
    await _produce_in_batches(broker.bootstrap, topic, 0, [100, 7])
    consumer = AIOKafkaConsumer(bootstrap_servers=broker.bootstrap)
    await consumer.start()
    try:
        full, empty = TopicPartition(topic, 0), TopicPartition(topic, 1)
        assert await end_offsets(consumer, [full, empty]) == {full: 107, empty: 0}

        # and it is where reading stops: nothing is past it, everything is before it
        consumer.assign([full])
        await consumer.seek_to_beginning(full)
        offsets: list[int] = []
        while batch := await consumer.getmany(full, timeout_ms=1000):
            offsets += [record.offset for record in batch[full]]
        assert offsets == list(range(107))
    finally:
        await consumer.stop()

"""A partition's end offset as Kafka defines it (last offset + 1), even on the embedded broker.

The embedded Tansu broker answers ListOffsets(latest) with the base offset of the
partition's last record batch + 1, not with its last offset + 1: when a producer
sent 7 records in one batch at offsets 100-106, it says 101, not 107. Its Fetch
responses carry the true high watermark. Everything that reads "up to the end" is
wrong by the tail of one batch otherwise:

- Faust ends a table's recovery at that offset, so a worker that takes over a
  partition (after a rebalance or a crash) rebuilds the table without the last
  writes of its changelog, and applies them later, out of order, or never;
- a reader that seeks to the end to see only new messages re-reads old ones.

:func:`end_offsets` asks ListOffsets, then asks each partition's leader for the
high watermark with a Fetch at the last listed batch, and keeps the larger. On
Apache Kafka both answers agree and the probe costs one small request per broker.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from aiokafka.protocol.fetch import FetchRequest

log = logging.getLogger(__name__)

TP = TypeVar("TP", bound=tuple)

#: Tansu answers a Fetch with ``max_wait_ms=0`` with no partitions at all.
PROBE_WAIT_MS = 10
#: The broker sends the whole batch at the fetch offset whatever this says (KIP-74).
PROBE_MAX_BYTES = 1
READ_UNCOMMITTED = 0


def highwaters_from_fetch(response: Any) -> dict[tuple[str, int], int]:
    """``(topic, partition) → high watermark`` of the partitions a Fetch response answered."""
    found: dict[tuple[str, int], int] = {}
    for topic, partitions in response.topics:
        for partition, error_code, highwater, *_ in partitions:
            if error_code == 0 and highwater >= 0:
                found[(topic, partition)] = highwater
    return found


def probe_requests(listed: Mapping[TP, int], leader_of: Any) -> dict[int, FetchRequest]:
    """One Fetch per leader, at the base offset of each non-empty partition's last batch."""
    by_node: dict[int, dict[str, list[tuple[int, int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for tp, end in listed.items():
        node = leader_of(tp)
        if end > 0 and node is not None and node >= 0:
            topic, partition = tp[0], tp[1]
            by_node[node][topic].append((partition, end - 1, PROBE_MAX_BYTES))
    return {
        node: FetchRequest(
            PROBE_WAIT_MS, 0, PROBE_MAX_BYTES, READ_UNCOMMITTED, list(topics.items())
        )
        for node, topics in by_node.items()
    }


async def end_offsets(consumer: Any, partitions: Iterable[TP]) -> dict[TP, int]:
    """Last offset + 1 of each partition, for an :class:`aiokafka.AIOKafkaConsumer`.

    A probe that fails leaves ListOffsets' answer: never less than what the
    consumer itself would have said.
    """
    wanted = list(partitions)
    listed: dict[TP, int] = dict(await consumer.end_offsets(wanted))
    # aiokafka sends a raw Fetch only through its client, which it does not expose publicly
    client = consumer._client  # noqa: SLF001
    requests = probe_requests(listed, client.cluster.leader_for_partition)
    highwaters: dict[tuple[str, int], int] = {}
    for node, request in requests.items():
        try:
            highwaters.update(highwaters_from_fetch(await client.send(node, request)))
        except Exception as exc:  # a probe is an improvement, never a new way to fail
            log.warning("end offset probe to broker %s failed: %s", node, exc)
    return {tp: max(end, highwaters.get((tp[0], tp[1]), end)) for tp, end in listed.items()}

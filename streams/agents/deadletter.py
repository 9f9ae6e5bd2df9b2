"""Dead-lettering: bad input is counted, logged with its origin, and kept on a topic.

The dead-letter record carries the reason and where the original sits
(topic, partition, offset) in its headers. Its value is the original bytes, cut
at ``MAX_PAYLOAD`` so that a 10 MB poison message cannot fail the producer; the
full original stays on its topic at the offset named in the headers.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from streams import metrics

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)

MAX_PAYLOAD = 256 * 1024


async def dead_letter(
    runtime: Runtime,
    stage: str,
    key: bytes | None,
    value: bytes | None,
    reason: str,
    message: Any = None,
) -> None:
    """Send ``value`` to the dead-letter topic with the stage, reason and origin in headers.

    Never fails on what the record holds: a null value is sent empty, a reason that is
    not valid text (a lone surrogate) is escaped.
    """
    value = value or b""
    metrics.DEADLETTERED.labels(stage=stage).inc()
    origin = ""
    if message is not None:
        origin = f"{message.topic}/{message.partition}@{message.offset}"
    log.warning(
        "dead-lettered input at %s (%s, key=%r, %d bytes): %s",
        stage,
        origin,
        key,
        len(value),
        reason,
    )
    await runtime.topics.deadletter.send(
        key=key,
        value=value[:MAX_PAYLOAD],
        headers={
            "raqib_stage": stage.encode(),
            "raqib_reason": reason.encode("utf-8", "backslashreplace")[:1000],
            "raqib_origin": origin.encode(),
            "raqib_size": str(len(value)).encode(),
        },
    )

"""Dead-lettering: bad input is counted, logged with its origin, and kept on a topic."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streams.app import Raqib

log = logging.getLogger(__name__)


async def dead_letter(raqib: Raqib, stage: str, key: bytes | None, value: bytes, reason: str) -> None:
    """Send ``value`` to the dead-letter topic with the stage and reason in headers."""
    from streams import metrics

    metrics.DEADLETTERED.labels(stage=stage).inc()
    log.warning("dead-lettered input at %s (key=%r): %s", stage, key, reason)
    await raqib.topics.deadletter.send(
        key=key,
        value=value,
        headers={"raqib_stage": stage.encode(), "raqib_reason": reason.encode("utf-8")[:1000]},
    )

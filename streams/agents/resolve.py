"""Resolve agent: ``extracted`` (keyed by block) → ``claims`` (keyed by event id).

Decides on arrival which event each article's claims belong to
(:func:`streams.core.pipeline.resolve_batch`), with the block's open events kept in
the ``tracker`` table (read and written once per batch). Assignment is idempotent: a
redelivered article gets the event it got the first time. Events the tracker closes
are announced on the claims topic, after the claims sent to them, so the event agent
can drop their state.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from streams.agents.batching import set_current_event
from streams.core.events.tracker import OpenEvent, TrackerConfig
from streams.core.pipeline import BATCH, resolve_batch
from streams.records import (
    EventBatchRecord,
    ExtractedBatch,
    ExtractedRecord,
    as_record,
    extracted_item,
    extracted_record,
)

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)

WITHIN = 0.01


def register(runtime: Runtime) -> None:
    """The resolve agent: each block's batch through :func:`resolve_batch`."""
    app, topics, tracker = runtime.app, runtime.topics, runtime.tables.tracker
    config = TrackerConfig.from_settings(runtime.settings)

    async def resolve_block(block: str, batches: list[ExtractedBatch]) -> None:
        before = tuple(OpenEvent.from_json(e) for e in (tracker.get(block) or []))
        items = [extracted_item(raw) for batch in batches for raw in batch.items]
        after, assignments, closed = resolve_batch(before, items, config)
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "resolve block=%s open_before=%d assigned=%s",
                block,
                len(before),
                [(item.article, e) for e, item in assignments],
            )
        if after != before:
            tracker[block] = [e.to_json() for e in after]
        by_event: dict[str | None, list[ExtractedRecord]] = {}
        for event_id, item in assignments:
            by_event.setdefault(event_id, []).append(extracted_record(item))
        for event_id, records in by_event.items():
            await topics.claims.send(
                key=event_id or block, value=EventBatchRecord(event=event_id, items=records)
            )
        for event_id in closed:
            await topics.claims.send(
                key=event_id, value=EventBatchRecord(event=event_id, items=[], close=True)
            )

    @app.agent(topics.extracted, name="raqib.resolve")
    async def resolve(stream):  # type: ignore[no-untyped-def]
        # Small batches grouped by block: a block's open events are decoded and encoded
        # once per batch, not once per message.
        async for taken in stream.take_events(BATCH, within=WITHIN):
            by_block: dict[str, tuple[Any, list[ExtractedBatch]]] = {}
            for event in taken:
                group = by_block.setdefault(event.key, (event, []))
                group[1].append(as_record(ExtractedBatch, event.value))
            for block, (first, batches) in by_block.items():
                # table writes go to the changelog partition of the current event
                set_current_event(first)
                await resolve_block(block, batches)

"""Resolve agent: ``extracted`` (keyed by block) → ``claims`` (keyed by event id).

Decides on arrival which event each article's claims belong to
(:func:`streams.core.events.tracker.assign`), with the block's open events kept in
the ``tracker`` table (read and written once per batch). Assignment is
idempotent: a redelivered article gets the event it got the first time. Events
the tracker closes are announced on the claims topic, after the claims sent to
them, so the event agent can drop their state.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from streams.agents.batching import set_current_event
from streams.core.events.signature import Signature
from streams.core.events.tracker import OpenEvent, TrackerConfig, assign
from streams.records import (
    EventBatchRecord,
    ExtractedBatch,
    ExtractedRecord,
    as_record,
    claims_to_json,
    claims_to_models,
)

log = logging.getLogger(__name__)

BATCH = 500
WITHIN = 0.01

if TYPE_CHECKING:
    from streams.app import Raqib


def closed_events(
    before: tuple[OpenEvent, ...], assigned: Iterable[str | None], after: tuple[OpenEvent, ...]
) -> list[str]:
    """Ids of events the tracker dropped (closed after their quiet period, or evicted).

    ``assigned``: the events articles of the batch went to. An event founded and dropped
    within one batch was never in ``before``, yet its claims are on their way to the
    event table and its state must leave it too.
    """
    still_open = {e.id for e in after}
    known = {e.id for e in before} | {a for a in assigned if a is not None}
    return sorted(known - still_open)


def register(raqib: Raqib) -> None:
    app, topics, tracker = raqib.app, raqib.topics, raqib.tables.tracker
    config = TrackerConfig.from_settings(raqib.settings)

    async def resolve_block(block: str, batches: list[ExtractedBatch]) -> None:
        before = tuple(OpenEvent.from_json(e) for e in (tracker.get(block) or []))
        open_events = before
        by_event: dict[str | None, list[ExtractedRecord]] = {}
        for batch in batches:
            for raw in batch.items:
                item = as_record(ExtractedRecord, raw)
                claims = claims_to_models(item.claims)
                event_id = None
                if claims:
                    signature = Signature.from_json(item.signature)
                    event_id, open_events = assign(signature, open_events, config)
                by_event.setdefault(event_id, []).append(
                    ExtractedRecord(
                        article=item.article,
                        source=item.source,
                        received_at=item.received_at,
                        claims=claims_to_json([c.with_event(event_id) for c in claims]),
                        signature=item.signature,
                    )
                )
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "resolve block=%s open_before=%d assigned=%s",
                block,
                len(before),
                [(i.article, e) for e, items in by_event.items() for i in items],
            )
        if open_events != before:
            tracker[block] = [e.to_json() for e in open_events]
        for event_id, items in by_event.items():
            await topics.claims.send(
                key=event_id or block, value=EventBatchRecord(event=event_id, items=items)
            )
        for closed in closed_events(before, by_event, open_events):
            await topics.claims.send(
                key=closed, value=EventBatchRecord(event=closed, items=[], close=True)
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

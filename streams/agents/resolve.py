"""Resolve agent: ``extracted`` (keyed by block) → ``claims`` (keyed by event id).

Decides on arrival which event an article's claims belong to
(:func:`streams.events.tracker.assign`), with the block's open events kept in
the ``tracker`` table. Assignment is idempotent: a redelivered article gets the
event it got the first time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from streams.events.signature import Signature
from streams.events.tracker import OpenEvent, TrackerConfig, assign
from streams.records import ClaimBatchRecord, ClaimRecord, claims_to_models

if TYPE_CHECKING:
    from streams.app import Raqib


def register(raqib: Raqib) -> None:
    app, topics, tracker = raqib.app, raqib.topics, raqib.tables.tracker
    config = TrackerConfig(quiet_hours=raqib.settings.event_quiet_hours)

    @app.agent(topics.extracted, name="raqib.resolve")
    async def resolve(stream):  # type: ignore[no-untyped-def]
        async for block, record in stream.items():
            claims = claims_to_models(record.claims)
            event_id = None
            if claims:
                signature = Signature.from_json(record.signature)
                open_events = tuple(OpenEvent.from_json(e) for e in (tracker.get(block) or []))
                event_id, open_events = assign(signature, open_events, config)
                tracker[block] = [e.to_json() for e in open_events]
            await topics.claims.send(
                key=event_id or record.article,
                value=ClaimBatchRecord(
                    article=record.article,
                    event=event_id,
                    source=record.source,
                    received_at=record.received_at,
                    claims=[ClaimRecord.from_model(c.with_event(event_id)) for c in claims],
                    signature=record.signature,
                ),
            )

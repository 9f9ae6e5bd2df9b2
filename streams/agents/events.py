"""Event agent: ``claims`` (keyed by event id) → the ``events`` table, alerts and progress.

Each article's claims are applied to its event's state by the pure
:func:`streams.events.table.apply_claims`, which returns the alerts to raise.
Alerts carry a stable id and the state records the ids already emitted, so a
redelivered batch raises nothing twice. Alerts are sent before the state is
written: a crash between the two repeats the alert (consumers drop it by
``ce_id``) rather than losing it; the producer is flushed right after an alert
so that window stays a few milliseconds wide.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from streams import metrics
from streams.alerts import alert_headers, alert_payload
from streams.events.signature import Signature
from streams.events.table import EventState, apply_claims
from streams.records import (
    ClaimRecord,
    ExtractedRecord,
    ProgressItem,
    ProgressRecord,
    as_record,
    claims_to_models,
)

if TYPE_CHECKING:
    from streams.app import Raqib

log = logging.getLogger(__name__)
alert_log = logging.getLogger("raqib.alerts")


def register(raqib: Raqib) -> None:
    app, topics, table, settings = raqib.app, raqib.topics, raqib.tables.events, raqib.settings

    @app.agent(topics.claims, name="raqib.events")
    async def events(stream):  # type: ignore[no-untyped-def]
        async for batch in stream:
            if batch.close:
                if batch.event in table:
                    del table[batch.event]
                    metrics.EVENTS_OPEN.dec()
                continue
            raw = table.get(batch.event) if batch.event else None
            state = EventState.from_json(raw) if raw else None
            progress: list[ProgressItem] = []
            alerted = False
            for entry in batch.items:
                item = as_record(ExtractedRecord, entry)
                claims = claims_to_models(item.claims)
                alerts, updates = [], []
                if batch.event and claims:
                    signature = Signature.from_json(item.signature)
                    state, alerts, updates = apply_claims(
                        state, batch.event, signature, claims, tolerance=settings.tolerance
                    )
                for alert in alerts:
                    metrics.ALERTS.labels(severity=alert.severity).inc()
                    alert_log.warning("ALERT %s %s", alert.id, alert.summary)
                    await topics.alerts.send(
                        key=alert.event,
                        value=alert_payload(alert),
                        headers=alert_headers(alert, settings),
                    )
                    alerted = True
                for update in updates:
                    log.info("update on event %s: %s", batch.event, update)
                progress.append(
                    ProgressItem(
                        article=item.article,
                        event=batch.event,
                        claims=[ClaimRecord.from_model(c) for c in claims],
                        alerts=[a.id for a in alerts],
                        updates=len(updates),
                    )
                )
            if alerted:
                await app.producer.flush()
            if batch.event and state is not None:
                if raw is None:
                    metrics.EVENTS_OPEN.inc()
                new_raw = state.to_json()
                if new_raw != raw:
                    table[batch.event] = new_raw
            await topics.progress.send(
                key=batch.event or "none", value=ProgressRecord(items=progress)
            )

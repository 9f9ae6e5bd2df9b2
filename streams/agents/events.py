"""Event agent: ``claims`` (keyed by event id) → the ``events`` table, alerts and progress.

Each batch is applied to its event's state by the pure
:func:`streams.events.table.apply_claims`, which returns the alerts to raise.
Alerts carry a stable id and the state records the ids already emitted, so a
redelivered batch raises nothing twice. The alert is sent before the state is
written: a crash between the two repeats the alert (consumers drop it by
``ce_id``) rather than losing it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from streams import metrics
from streams.alerts import alert_headers, alert_payload
from streams.events.signature import Signature
from streams.events.table import EventState, apply_claims
from streams.records import ClaimRecord, ProgressRecord, claims_to_models

if TYPE_CHECKING:
    from streams.app import Raqib

log = logging.getLogger(__name__)
alert_log = logging.getLogger("raqib.alerts")


def register(raqib: Raqib) -> None:
    app, topics, table, settings = raqib.app, raqib.topics, raqib.tables.events, raqib.settings
    config = settings

    @app.agent(topics.claims, name="raqib.events")
    async def events(stream):  # type: ignore[no-untyped-def]
        async for batch in stream:
            claims = claims_to_models(batch.claims)
            alerts, updates = [], []
            if batch.event and claims:
                raw = table.get(batch.event)
                state = EventState.from_json(raw) if raw else None
                signature = Signature.from_json(batch.signature)
                new_state, alerts, updates = apply_claims(
                    state, batch.event, signature, claims, config
                )
                for alert in alerts:
                    metrics.ALERTS.labels(severity=alert.severity).inc()
                    alert_log.warning("ALERT %s %s", alert.id, alert.summary)
                    await topics.alerts.send(
                        key=alert.event,
                        value=alert_payload(alert),
                        headers=alert_headers(alert, settings),
                    )
                for update in updates:
                    log.info("update on event %s: %s", batch.event, update)
                if raw is None or new_state.to_json() != raw:
                    table[batch.event] = new_state.to_json()
            await topics.progress.send(
                key=batch.article,
                value=ProgressRecord(
                    article=batch.article,
                    event=batch.event,
                    claims=[ClaimRecord.from_model(c) for c in claims],
                    alerts=[a.id for a in alerts],
                    updates=len(updates),
                ),
            )

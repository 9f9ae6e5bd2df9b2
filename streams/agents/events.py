"""Event agent: ``claims`` (keyed by event id) → the ``events`` table, alerts and progress.

Messages are taken in small batches and grouped by event. Each article's claims are
applied to its event's state by the pure
:func:`streams.events.table.apply_claims`, which returns the alerts to raise.
Alerts carry a stable id and the state records the ids already emitted, so a
redelivered batch raises nothing twice. A batch's alerts are sent, and the
producer flushed, before any state that records them is written: a crash between
the two repeats the alert (consumers drop it by ``ce_id``) rather than losing it.
One flush and one progress message per batch, not per event: every record batch
costs the broker (the embedded one scans a partition's batches on every fetch).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from streams import metrics
from streams.agents.batching import set_current_event
from streams.alerts import alert_headers, alert_payload
from streams.events.conflicts import Update
from streams.events.signature import Signature
from streams.events.table import EventState, apply_claims
from streams.model import Alert
from streams.records import (
    ClaimRecord,
    EventBatchRecord,
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


BATCH = 500
WITHIN = 0.01


@dataclass
class Applied:
    """What applying one event's batches gave: alerts to send, the state to write, progress."""

    event_id: str | None
    first: Any  # the first Faust event of the group: its partition is the key's partition
    raw: Any  # the state as read from the table (None when the event was new)
    state: EventState | None
    alerts: list[Alert] = field(default_factory=list)
    progress: list[ProgressItem] = field(default_factory=list)


def register(raqib: Raqib) -> None:
    app, topics, table, settings = raqib.app, raqib.topics, raqib.tables.events, raqib.settings

    def apply_to_event(
        event_id: str | None, first: Any, batches: list[EventBatchRecord]
    ) -> Applied:
        """Apply one event's batches in order: its state is read once (written by the caller)."""
        raw = table.get(event_id) if event_id else None
        out = Applied(event_id, first, raw, EventState.from_json(raw) if raw else None)
        for batch in batches:
            if batch.close:
                out.state = None  # the tracker closed it: its state leaves the table
                continue
            for entry in batch.items:
                item = as_record(ExtractedRecord, entry)
                claims = claims_to_models(item.claims)
                alerts: list[Alert] = []
                updates: list[Update] = []
                if event_id and claims:
                    signature = Signature.from_json(item.signature)
                    out.state, alerts, updates = apply_claims(
                        out.state, event_id, signature, claims, tolerance=settings.tolerance
                    )
                out.alerts += alerts
                for update in updates:
                    log.info("update on event %s: %s", event_id, update)
                out.progress.append(
                    ProgressItem(
                        article=item.article,
                        event=event_id,
                        claims=[ClaimRecord.from_model(c) for c in claims],
                        alerts=[a.id for a in alerts],
                        updates=len(updates),
                    )
                )
        return out

    def write_state(applied: Applied) -> None:
        event_id, raw, state = applied.event_id, applied.raw, applied.state
        if not event_id:
            return
        # table writes go to the changelog partition of the current event
        set_current_event(applied.first)
        if state is None and raw is not None:
            del table[event_id]
            metrics.EVENTS_OPEN.dec()
        elif state is not None:
            if raw is None:
                metrics.EVENTS_OPEN.inc()
            new_raw = state.to_json()
            if new_raw != raw:
                table[event_id] = new_raw

    @app.agent(topics.claims, name="raqib.events")
    async def events(stream):  # type: ignore[no-untyped-def]
        # Messages are taken in small batches and grouped by event, so a busy event's
        # state is decoded and encoded once per batch rather than once per message.
        async for taken in stream.take_events(BATCH, within=WITHIN):
            by_event: dict[str | None, tuple[Any, list[EventBatchRecord]]] = {}
            for event in taken:
                batch = as_record(EventBatchRecord, event.value)
                by_event.setdefault(batch.event, (event, []))[1].append(batch)
            applied = [
                apply_to_event(key, first, group) for key, (first, group) in by_event.items()
            ]
            alerts = [alert for a in applied for alert in a.alerts]
            for alert in alerts:
                metrics.ALERTS.labels(severity=alert.severity).inc()
                alert_log.warning("ALERT %s %s", alert.id, alert.summary)
                await topics.alerts.send(
                    key=alert.event,
                    value=alert_payload(alert),
                    headers=alert_headers(alert, settings),
                )
            if alerts:
                # on the topic before the states that record them as sent are written
                await app.producer.flush()
            for a in applied:
                write_state(a)
            progress = [item for a in applied for item in a.progress]
            if progress:
                await topics.progress.send(
                    key=applied[0].event_id or "none", value=ProgressRecord(items=progress)
                )

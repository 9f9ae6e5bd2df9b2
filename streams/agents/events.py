"""Event agent: ``claims`` (keyed by event id) → the ``events`` table, alerts and progress.

A merge (:mod:`streams.core.events.tracker`) retires an event: its agent sends the state on
to the survivor through the claims topic (keyed by the survivor, so it reaches the
survivor's partition) and keeps an alias record; whatever still reaches the retired id is
forwarded the same way.

Messages are taken in small batches and grouped by event; each event's articles go
through :func:`streams.core.pipeline.apply_batch` with the event's state, which
returns the alerts to raise. Alerts carry a stable id and the state records the ids
already emitted, so a redelivered batch raises nothing twice. Alerts are sent before
the state is written: a crash between the two repeats the alert (consumers drop it by
``ce_id``) rather than losing it. So a taken batch is worked in two steps: every
event's state is computed and its alerts sent, the producer is flushed once (the
alerts are on the broker), and only then are the states written to the table. One
flush per batch, not one per alerting event: under load a batch holds hundreds of
events, and each flush waits for a broker round trip.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from streams import metrics
from streams.agents.batching import set_current_event
from streams.agents.decoding import event_batch, guarded, sift
from streams.core.events.state import EventState
from streams.core.events.tracker import TrackerConfig
from streams.core.pipeline import BATCH, Item, apply_batch
from streams.records import (
    EventBatchRecord,
    ProgressItem,
    ProgressRecord,
    event_batches,
    event_items,
    progress_record,
)
from streams.sinks.wire import alert_headers, alert_payload

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)
alert_log = logging.getLogger("raqib.alerts")

WITHIN = 0.01


@dataclass(frozen=True)
class StateWrite:
    """An event's new state, written to the table after the batch's alerts are flushed.

    ``raw`` None deletes it (the event closed).
    """

    event_id: str
    existed: bool
    raw: dict[str, Any] | None


def event_inputs(batches: list[EventBatchRecord]) -> list[Item]:
    """An event's batches as the input of :func:`apply_batch`, in order."""
    return [item for batch in batches for item in event_items(batch)]


def register(runtime: Runtime) -> None:
    """The event agent: each event's batch through :func:`apply_batch`."""
    app, topics, table, settings = (
        runtime.app,
        runtime.topics,
        runtime.tables.events,
        runtime.settings,
    )
    config = TrackerConfig.from_settings(settings)

    async def apply_to_event(
        event_id: str | None, batches: list[EventBatchRecord]
    ) -> tuple[list[ProgressItem], StateWrite | None]:
        """Apply one event's batches, sending its alerts; return what to report and the
        state to write once the alerts are flushed.
        """
        raw = table.get(event_id) if event_id else None
        state = EventState.from_json(raw) if raw else None
        state, alerts, updates, progress, forwards = apply_batch(
            state, event_id, event_inputs(batches), config
        )
        # a retired event's state, or mail for a retired id, goes on to its survivor
        by_target: dict[str, list[Item]] = {}
        for target, item in forwards:
            by_target.setdefault(target, []).append(item)
        for target, items in by_target.items():
            for record in event_batches(target, items):
                await topics.claims.send(key=target, value=record)
        for alert in alerts:
            metrics.ALERTS.labels(severity=alert.severity).inc()
            alert_log.warning("ALERT %s %s", alert.id, alert.summary)
            await topics.alerts.send(
                key=alert.event, value=alert_payload(alert), headers=alert_headers(alert, settings)
            )
        for update in updates:
            log.info("update on event %s: %s", event_id, update)
        reported = [progress_record(p) for p in progress]
        if not event_id:
            return reported, None
        new_raw = state.to_json() if state is not None else None
        if new_raw == raw:
            return reported, None
        return reported, StateWrite(event_id, raw is not None, new_raw)

    def write_state(write: StateWrite) -> None:
        if write.raw is None:
            del table[write.event_id]
            metrics.EVENTS_OPEN.dec()
        else:
            if not write.existed:
                metrics.EVENTS_OPEN.inc()
            table[write.event_id] = write.raw

    @app.agent(topics.claims, name="raqib.events")
    async def events(stream):  # type: ignore[no-untyped-def]
        # Messages are taken in small batches and grouped by event, so a busy event's
        # state is decoded and encoded once per batch rather than once per message.
        async for taken in stream.take_events(BATCH, within=WITHIN):
            # A record that does not decode is dead-lettered alone; an event whose batch
            # raises dead-letters that event's records, and the other events go on.
            by_event: dict[str | None, tuple[list[Any], list[EventBatchRecord]]] = {}
            for event, batch in await sift(runtime, "events", taken, event_batch):
                group = by_event.setdefault(batch.event, ([], []))
                group[0].append(event)
                group[1].append(batch)
            progress: list[ProgressItem] = []
            writes: list[tuple[Any, StateWrite]] = []
            for event_id, (events, batches) in by_event.items():
                # the RocksDB store reads a key from the current event's partition only
                set_current_event(events[0])
                async with guarded(runtime, "events", events):
                    reported, write = await apply_to_event(event_id, batches)
                    progress += reported
                    if write:
                        writes.append((events[0], write))
            if any(item.alerts for item in progress):
                await app.producer.flush()  # the alerts are on the broker before the states
            for first, write in writes:
                # a table write goes to the changelog partition of the current event
                set_current_event(first)
                write_state(write)
            if progress:
                # one message per batch: every record batch costs the embedded broker,
                # which scans a partition's batches on every fetch (README, Benchmark)
                first_key = next(iter(by_event)) or "none"
                await topics.progress.send(key=first_key, value=ProgressRecord(items=progress))

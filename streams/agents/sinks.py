"""Sink agent: ``alerts.contradictions`` → webhook receivers and the dashboard's live feed.

Reads the alert topic as any outside consumer would (raw JSON + CloudEvents
headers). Each alert is published to the dashboard hub and handed to the
dispatcher, which posts it in the background (so a hanging receiver never holds
up the stream) once per receiver, skipping muted alerts. The agent also runs
the consumer-lag timer behind ``raqib_consumer_lag``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from streams import metrics
from streams.agents.deadletter import dead_letter
from streams.sinks import BadAlert, SinkRuntime

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)

LAG_INTERVAL = 5.0


def broker_url_of(app: Any) -> str:
    """The ``kafka://h:p;...`` URL the app's transport connects to."""
    return ";".join(f"kafka://{u.host}:{u.port}" for u in app.conf.broker)


async def update_consumer_lag(app: Any, topics: set[str]) -> None:
    """Set ``raqib_consumer_lag{topic}`` from highwater − committed offset of assigned partitions."""
    consumer = app.consumer
    assigned = [tp for tp in consumer.assignment() if tp.topic in topics]
    lag = dict.fromkeys(topics, 0)
    if assigned:
        highwaters = await consumer.highwaters(*assigned)
        # Faust keeps the committed and read offsets per partition only in private fields
        # (its public API commits, it does not report); the lag gauge reads them.
        committed, read_offsets = consumer._committed_offset, consumer._read_offset  # noqa: SLF001
        for tp in assigned:
            high = highwaters.get(tp)
            done = committed.get(tp)
            if done is None:
                read = read_offsets.get(tp)
                done = None if read is None else read + 1
            if high is not None and done is not None:
                lag[tp.topic] += max(0, high - done)
    for topic, value in lag.items():
        metrics.CONSUMER_LAG.labels(topic=topic).set(value)


def register(runtime: Runtime) -> None:
    """The sink agent and the consumer-lag timer."""
    app, topics, settings = runtime.app, runtime.topics, runtime.settings
    sinks_runtime = SinkRuntime(settings, broker_url_of(app), runtime.hub)
    lag_topics = {
        settings.topic_articles,
        settings.topic_extracted,
        settings.topic_claims,
        settings.topic_alerts,
    }

    @app.agent(topics.alerts, name="raqib.sinks")
    async def sinks(stream):  # type: ignore[no-untyped-def]
        await sinks_runtime.start()
        try:
            async for event in stream.events():
                try:
                    sinks_runtime.handle(event.value, event.headers)
                except BadAlert as exc:
                    key = event.key.encode() if isinstance(event.key, str) else event.key
                    await dead_letter(runtime, "sinks", key, event.value, str(exc), event.message)
        finally:
            await sinks_runtime.stop()

    @app.timer(interval=LAG_INTERVAL)
    async def consumer_lag() -> None:
        try:
            await update_consumer_lag(app, lag_topics)
        except Exception as exc:  # the consumer may be rebalancing; try again next tick
            log.debug("consumer lag not measured: %r", exc)

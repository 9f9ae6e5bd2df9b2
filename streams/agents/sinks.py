"""Sink agent: ``alerts.contradictions`` → webhook receivers and the dashboard's live feed.

Reads the alert topic as any outside consumer would (raw JSON + CloudEvents
headers). Each alert is published to the dashboard hub and handed to the
dispatcher, which posts it in the background (so a hanging receiver never holds
up the stream) once per receiver, skipping muted alerts. (The consumer lag is
measured with the worker's health: :mod:`streams.health`.)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from streams.agents.decoding import PoisonRecord, guarded
from streams.sinks import BadAlert, SinkRuntime

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)


def broker_url_of(app: Any) -> str:
    """The ``kafka://h:p;...`` URL the app's transport connects to."""
    return ";".join(f"kafka://{u.host}:{u.port}" for u in app.conf.broker)


def register(runtime: Runtime) -> None:
    """The sink agent."""
    app, topics, settings = runtime.app, runtime.topics, runtime.settings
    sinks_runtime = SinkRuntime(settings, broker_url_of(app), runtime.hub)

    async def flush_on_shutdown(app: Any, **kwargs: Any) -> None:
        # before the agents stop: a cancelled agent may not get to run its cleanup
        await sinks_runtime.flush()

    app.on_before_shutdown.connect(flush_on_shutdown)  # type: ignore[arg-type]

    @app.agent(topics.alerts, name="raqib.sinks")
    async def sinks(stream):  # type: ignore[no-untyped-def]
        await sinks_runtime.start()
        try:
            async for event in stream.events():
                # an alert that cannot be read, or whose handling raises, is dead-lettered
                # alone: the next alert is still delivered
                async with guarded(runtime, "sinks", [event]):
                    try:
                        sinks_runtime.handle(event.value, event.headers)
                    except BadAlert as exc:
                        raise PoisonRecord(str(exc)) from exc
        finally:
            await sinks_runtime.stop()

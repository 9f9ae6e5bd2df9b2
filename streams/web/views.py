"""HTTP views of a worker: the events API, metrics and health.

Tables are partitioned: a worker answers for the events on its own partitions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from faust import web

from streams import metrics
from streams.core.events.state import EventState
from streams.core.events.views import summary_view, table_view

if TYPE_CHECKING:
    from streams.runtime import Runtime


def register_views(runtime: Runtime) -> None:
    """``/api/events``, ``/api/events/{id}``, ``/metrics`` and ``/healthz``."""
    app, table = runtime.app, runtime.tables.events

    def states() -> list[EventState]:
        return [EventState.from_json(v) for v in table.values() if v]

    @app.page("/api/events")
    class EventList(web.View):
        async def get(self, request: web.Request) -> web.Response:
            views = [summary_view(s) for s in states()]
            views.sort(key=lambda v: str(v.get("last_seen") or ""), reverse=True)
            limit = int(request.query.get("limit", "100"))
            return self.json({"events": views[:limit]})

    @app.page("/api/events/{event_id}")
    class EventDetail(web.View):
        async def get(self, request: web.Request, event_id: str) -> web.Response:
            raw: Any = table.get(event_id)
            if not raw:
                return self.json({"error": f"no event {event_id!r} on this worker"}, status=404)
            state = EventState.from_json(raw)
            return self.json({**table_view(state), "claim_ids": sorted(state.claims)})

    @app.page("/metrics")
    class Metrics(web.View):
        async def get(self, request: web.Request) -> web.Response:
            return self.bytes(metrics.render(), content_type="text/plain; version=0.0.4")

    @app.page("/healthz")
    class Health(web.View):
        async def get(self, request: web.Request) -> web.Response:
            return self.json({"status": "ok"})

"""HTTP views of a worker: the events API, metrics and health.

Tables are partitioned: a worker answers for the events on its own partitions. An event id
that a merge retired answers with a redirect to the event it became part of (``301``,
``Location: /api/events/<survivor>``, and ``{"id", "alias_of"}`` in the body): its records,
claims and alerts are there.
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
        found = (EventState.from_json(v) for v in table.values() if v)
        return [s for s in found if s.alias_of is None]

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
            if state.alias_of is not None:
                return self.json(
                    {"id": state.id, "alias_of": state.alias_of},
                    status=301,
                    headers={"Location": f"/api/events/{state.alias_of}"},
                )
            return self.json({**table_view(state), "claim_ids": sorted(state.claims)})

    @app.page("/metrics")
    class Metrics(web.View):
        async def get(self, request: web.Request) -> web.Response:
            return self.bytes(metrics.render(), content_type="text/plain; version=0.0.4")

    @app.page("/healthz")
    class Health(web.View):
        async def get(self, request: web.Request) -> web.Response:
            return self.json({"status": "ok"})

"""HTTP views of a worker: the events API, metrics and health.

Tables are partitioned: a worker answers for the events on its own partitions. An event id
that a merge retired answers with a redirect to the event it became part of (``301``,
``Location: /api/events/<survivor>``, and ``{"id", "alias_of"}`` in the body): its records,
claims and alerts are there.

Health (:mod:`streams.health`): ``/healthz/live`` (and its alias ``/healthz``) answers
200 while the process and its event loop run; ``/healthz/ready`` answers 200 only when
the broker answered the last check and the worker holds its partitions with its tables
recovered, 503 with the reasons otherwise. Kubernetes probes use them (``deploy/``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from faust import web

from streams import metrics
from streams.core.events.state import EventState
from streams.core.events.views import summary_view, table_view
from streams.health import register_health

if TYPE_CHECKING:
    from streams.runtime import Runtime

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class BadQuery(ValueError):
    """A query parameter that cannot be used as given; the message says why."""


def parse_limit(raw: str | None, default: int = DEFAULT_LIMIT, ceiling: int = MAX_LIMIT) -> int:
    """``?limit=`` as a count: a whole number ≥ 0, at most ``ceiling`` (larger asks get the
    ceiling); raises :class:`BadQuery` for anything else (the view answers 400).
    """
    if raw is None or raw == "":
        return default
    try:
        limit = int(raw)
    except ValueError:
        raise BadQuery(f"limit must be a whole number, not {raw[:40]!r}") from None
    if limit < 0:
        raise BadQuery(f"limit must be 0 or more, not {limit}")
    return min(limit, ceiling)


def register_views(runtime: Runtime) -> None:
    """``/api/events``, ``/api/events/{id}``, ``/metrics``, ``/healthz``, ``/healthz/live``
    and ``/healthz/ready``.
    """
    app, table = runtime.app, runtime.tables.events
    health = register_health(runtime)

    def states() -> list[EventState]:
        found = (EventState.from_json(v) for v in table.values() if v)
        return [s for s in found if s.alias_of is None]

    @app.page("/api/events")
    class EventList(web.View):
        async def get(self, request: web.Request) -> web.Response:
            try:
                limit = parse_limit(request.query.get("limit"))
            except BadQuery as exc:
                return self.json({"error": str(exc)}, status=400)
            views = [summary_view(s) for s in states()]
            views.sort(key=lambda v: str(v.get("last_seen") or ""), reverse=True)
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

    def live() -> dict[str, Any]:
        return {"status": "ok", "pid": os.getpid()}

    @app.page("/healthz")
    class Health(web.View):
        async def get(self, request: web.Request) -> web.Response:
            return self.json(live())

    @app.page("/healthz/live")
    class Live(web.View):
        async def get(self, request: web.Request) -> web.Response:
            return self.json(live())

    @app.page("/healthz/ready")
    class Ready(web.View):
        async def get(self, request: web.Request) -> web.Response:
            body = health.report()
            return self.json(body, status=200 if body["status"] == "ready" else 503)

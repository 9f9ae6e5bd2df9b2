"""The operators' dashboard, served by the worker's web server (no build step).

- ``GET /``: live alerts and the recent events; ``GET /events/{id}``: an event's table.
- ``GET /static/{file}``: the HTML/CSS/JS in ``streams/web/static/``.
- ``GET /api/alerts``: recent alerts seen by this worker, newest first
  (``{"alerts": [{"alert": <contract>, "received_at": <epoch>, "silenced": bool}]}``);
  ``?event=ID``: every alert of that event this deployment read (muted ones flagged);
  ``?limit=N`` (1–1000, default 100; anything else answers 400).
- ``GET /api/alerts/stream``: the same entries as server-sent events
  (``event: alert``, ``id: <alert id>``), as they are read from the alert topic.

``/api/events`` and ``/api/events/{id}`` are in :mod:`streams.web.views`. Like
them, the alert feed covers this worker's partitions (alerts are keyed by event
id, so a worker shows the alerts of the events it holds).
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from aiohttp import web as aioweb
from faust import web

from streams.web.views import BadQuery, parse_limit

if TYPE_CHECKING:
    from streams.runtime import Runtime

STATIC = Path(__file__).resolve().parent / "static"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$")
HEARTBEAT = 15.0


def sse_frame(entry: dict[str, Any]) -> bytes:
    """One server-sent event carrying a hub entry."""
    data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    return f"event: alert\nid: {entry['alert']['id']}\ndata: {data}\n\n".encode()


def static_file(name: str) -> tuple[bytes, str] | None:
    """Bytes and content type of a file in ``static/``, or None (unknown name, traversal)."""
    if not _SAFE_NAME.match(name):
        return None
    path = STATIC / name
    if path.suffix not in CONTENT_TYPES or not path.is_file():
        return None
    return path.read_bytes(), CONTENT_TYPES[path.suffix]


def file_response(name: str) -> aioweb.Response | None:
    """A static file as a response, or None when there is no such file."""
    found = static_file(name)
    if found is None:
        return None
    body, content_type = found
    mime, _, charset = content_type.partition("; charset=")
    return aioweb.Response(
        body=body,
        content_type=mime,
        charset=charset or None,
        headers={"Cache-Control": "no-cache"},
    )


def register_dashboard(runtime: Runtime) -> None:
    """The dashboard pages, its static files and the alert feed (``runtime.hub``)."""
    app, hub = runtime.app, runtime.hub

    def page(name: str) -> Any:
        response = file_response(name)
        assert response is not None, f"{name} missing from {STATIC}"
        return response

    async def close_streams(_: Any) -> None:
        hub.close_subscribers()

    # aiohttp waits for running handlers when it stops: end the alert streams first.
    cast(Any, app.web).web_app.on_shutdown.append(close_streams)

    @app.page("/")
    class Index(web.View):
        async def get(self, request: web.Request) -> Any:
            return page("index.html")

    @app.page("/events/{event_id}")
    class EventPage(web.View):
        async def get(self, request: web.Request, event_id: str) -> Any:
            raw = runtime.tables.events.get(event_id)
            if raw and raw.get("alias_of"):  # merged into another event: go there
                target = f"/events/{raw['alias_of']}"
                return self.text(f"merged into {target}", status=301, headers={"Location": target})
            return page("event.html")

    @app.page("/static/{name}")
    class Static(web.View):
        async def get(self, request: web.Request, name: str) -> Any:
            return file_response(name) or self.text("not found", status=404)

    @app.page("/api/alerts")
    class Alerts(web.View):
        async def get(self, request: web.Request) -> web.Response:
            try:
                limit = parse_limit(request.query.get("limit"))
            except BadQuery as exc:
                return self.json({"error": str(exc)}, status=400)
            event = request.query.get("event")
            entries = hub.for_event(event) if event else hub.recent(limit)
            return self.json({"alerts": entries[:limit]})

    @app.page("/api/alerts/stream")
    class AlertStream(web.View):
        async def get(self, request: web.Request) -> Any:
            response = aioweb.StreamResponse(
                headers={
                    "Content-Type": "text/event-stream; charset=utf-8",
                    "Cache-Control": "no-cache",
                    "X-Accel-Buffering": "no",
                }
            )
            await response.prepare(request)  # type: ignore[arg-type]
            queue = hub.subscribe()
            try:
                await response.write(b"retry: 3000\n\n")
                while True:
                    try:
                        entry = await asyncio.wait_for(queue.get(), HEARTBEAT)
                    except TimeoutError:
                        await response.write(b": ping\n\n")
                        continue
                    if entry is None:
                        break
                    await response.write(sse_frame(entry))
            except (ConnectionResetError, RuntimeError):
                pass  # the browser went away
            finally:
                hub.unsubscribe(queue)
            return response

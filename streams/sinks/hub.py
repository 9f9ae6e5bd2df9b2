"""The in-process feed of alerts for the dashboard: recent list plus live subscribers.

The sink agent publishes every alert it reads (muted ones too, flagged); each
open ``/api/alerts/stream`` connection holds a small queue. A subscriber too
slow to keep up loses its oldest entries, never blocks the agent. With the delivery
outbox attached, an event's alerts (and which were muted) are answered from it, so an
event page marks its muted alerts however old they are.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from streams.sinks.store import DeliveryStore

RECENT = 200
SUBSCRIBER_QUEUE = 100


class AlertHub:
    """Recent alerts and live subscribers of one worker's dashboard."""

    def __init__(self, recent: int = RECENT) -> None:
        self._recent: deque[dict[str, Any]] = deque(maxlen=recent)
        self._recent_ids: dict[str, int] = {}
        self._subscribers: set[asyncio.Queue[dict[str, Any] | None]] = set()
        self._store: DeliveryStore | None = None

    def recent(self, limit: int = RECENT) -> list[dict[str, Any]]:
        """Newest first."""
        return list(reversed(self._recent))[:limit]

    def attach(self, store: DeliveryStore | None) -> None:
        """Answer :meth:`for_event` from the delivery outbox (None: from the recent list)."""
        self._store = store

    def for_event(self, event: str) -> list[dict[str, Any]]:
        """The entries of one event's alerts, newest first: ``alert``, ``received_at``,
        ``silenced``.
        """
        if self._store is None:
            return [e for e in self.recent() if e["alert"].get("event") == event]
        return [
            {"alert": a.payload, "received_at": a.received_at, "silenced": a.silenced}
            for a in reversed(self._store.event_alerts(event))
        ]

    def load(self, entries: Iterable[dict[str, Any]]) -> None:
        """Seed the recent list (oldest first), e.g. from the delivery store after a restart."""
        for entry in entries:
            self._add(entry)

    def publish(self, entry: dict[str, Any]) -> bool:
        """Add an entry ``{"alert": {...}, "received_at": ..., "silenced": ...}``; False if known."""
        if not self._add(entry):
            return False
        for queue in list(self._subscribers):
            if queue.full():
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(entry)
        return True

    def _add(self, entry: dict[str, Any]) -> bool:
        alert_id = entry["alert"]["id"]
        if alert_id in self._recent_ids:
            return False
        if len(self._recent) == self._recent.maxlen:
            oldest = self._recent[0]["alert"]["id"]
            self._recent_ids.pop(oldest, None)
        self._recent.append(entry)
        self._recent_ids[alert_id] = 1
        return True

    def subscribe(self) -> asyncio.Queue[dict[str, Any] | None]:
        """A queue of new entries; ``None`` in it means the server is shutting down."""
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(maxsize=SUBSCRIBER_QUEUE)
        self._subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any] | None]) -> None:
        """Drop a subscriber's queue (its stream ended)."""
        self._subscribers.discard(queue)

    def close_subscribers(self) -> None:
        """End every open stream (the web server is stopping and waits for its handlers)."""
        for queue in list(self._subscribers):
            if queue.full():
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(None)

    @property
    def subscribers(self) -> int:
        """Open live streams."""
        return len(self._subscribers)

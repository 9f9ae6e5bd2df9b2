"""Background posting: one bounded queue and one task per receiver.

The alert agent never waits for a receiver: :meth:`Dispatcher.handle` writes the
alert and its pending deliveries to the store (a few SQLite inserts) and puts
the ids on the receivers' queues. Each receiver's task posts in order, with the
retry policy, so a slow or dead receiver delays only itself. A full queue
drops nothing: the row stays ``pending`` and the periodic sweep (and the next
start) queues it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from typing import Any

import httpx

from streams import metrics
from streams.core.model import Alert
from streams.sinks.exceptions import DeliveryError
from streams.sinks.formats import event_url, format_alert
from streams.sinks.receivers import Receiver
from streams.sinks.store import DELIVERED, FAILED, PENDING, SILENCED, DeliveryStore
from streams.sinks.webhook import DEFAULT_RETRY, RetryPolicy, post_alert
from streams.sinks.wire import CE_TYPE

log = logging.getLogger(__name__)


class Dispatcher:
    """Posts each alert once per receiver, in the background."""

    def __init__(
        self,
        receivers: Sequence[Receiver],
        client: httpx.AsyncClient,
        store: DeliveryStore,
        *,
        dashboard_url: str | None = None,
        ce_source: str = "urn:raqib",
        policy: RetryPolicy = DEFAULT_RETRY,
        queue_size: int = 1000,
        sweep_interval: float = 30.0,
    ) -> None:
        self.receivers = list(receivers)
        self.client = client
        self.store = store
        self.dashboard_url = dashboard_url
        self.ce_source = ce_source
        self.policy = policy
        self.sweep_interval = sweep_interval
        self._queues: dict[str, asyncio.Queue[str]] = {
            r.key: asyncio.Queue(maxsize=queue_size) for r in self.receivers
        }
        self._queued: dict[str, set[str]] = {r.key: set() for r in self.receivers}
        self._tasks: list[asyncio.Task[None]] = []
        self._idle: dict[str, asyncio.Event] = {r.key: asyncio.Event() for r in self.receivers}

    async def start(self) -> None:
        """Start one task per receiver; deliveries left pending by a previous run go first."""
        for receiver in self.receivers:
            self._sweep(receiver)
            self._tasks.append(
                asyncio.create_task(self._run(receiver), name=f"raqib-sink-{receiver.name}")
            )

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    async def drained(self, timeout: float) -> bool:
        """Wait until every queue is empty and no post is in flight (for tests and shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(not q for q in self._queued.values()):
                return True
            await asyncio.sleep(0.05)
        return False

    def handle(
        self, alert: Alert, raw: dict[str, Any], *, silenced: bool = False
    ) -> dict[str, str]:
        """Record ``alert`` and queue it for every receiver that has not had it yet.

        Returns receiver name → ``queued``, ``silenced`` or ``duplicate``.
        """
        self.store.record_alert(alert.id, alert.event, raw, silenced=silenced)
        outcome: dict[str, str] = {}
        for receiver in self.receivers:
            if not self.store.claim(alert.id, receiver.key, SILENCED if silenced else PENDING):
                outcome[receiver.name] = "duplicate"
                metrics.SINK_DELIVERIES.labels(sink=receiver.name, outcome="duplicate").inc()
                continue
            if silenced:
                outcome[receiver.name] = "silenced"
                metrics.SINK_DELIVERIES.labels(sink=receiver.name, outcome="silenced").inc()
                continue
            self._enqueue(receiver, alert.id)
            outcome[receiver.name] = "queued"
        return outcome

    def _enqueue(self, receiver: Receiver, alert_id: str) -> None:
        queued = self._queued[receiver.key]
        if alert_id in queued:
            return
        try:
            self._queues[receiver.key].put_nowait(alert_id)
        except asyncio.QueueFull:
            metrics.SINK_FAILURES.labels(sink=receiver.name).inc()
            log.warning(
                "queue of %s is full; alert %s stays pending and is retried by the next sweep",
                receiver.name,
                alert_id,
            )
            return
        queued.add(alert_id)

    def _sweep(self, receiver: Receiver) -> None:
        for alert_id in self.store.pending(receiver.key):
            self._enqueue(receiver, alert_id)

    async def _run(self, receiver: Receiver) -> None:
        queue = self._queues[receiver.key]
        while True:
            try:
                alert_id = await asyncio.wait_for(queue.get(), timeout=self.sweep_interval)
            except TimeoutError:
                self._sweep(receiver)
                continue
            try:
                await self._deliver(receiver, alert_id)
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug here must not kill the receiver's task
                log.exception("delivering alert %s to %s failed", alert_id, receiver.name)
                self.store.finish(alert_id, receiver.key, FAILED, 0, "internal error")
            finally:
                self._queued[receiver.key].discard(alert_id)

    async def _deliver(self, receiver: Receiver, alert_id: str) -> None:
        if self.store.status(alert_id, receiver.key) != PENDING:
            return
        stored = self.store.alert(alert_id)
        if stored is None:
            self.store.finish(alert_id, receiver.key, FAILED, 0, "alert not in the store")
            return
        alert = Alert.from_json(stored.payload)
        body = format_alert(
            receiver.format, alert, event_url(self.dashboard_url, alert.event), stored.payload
        )
        extra = {}
        if receiver.format == "json":  # CloudEvents HTTP binary mode
            extra = {
                "ce-specversion": "1.0",
                "ce-id": alert.id,
                "ce-source": self.ce_source,
                "ce-type": CE_TYPE,
                "ce-subject": alert.event,
            }
        try:
            attempts = await post_alert(
                self.client, receiver, body, alert.id, policy=self.policy, extra_headers=extra
            )
        except DeliveryError as exc:
            self.store.finish(alert_id, receiver.key, FAILED, self.policy.attempts, exc.reason)
            metrics.SINK_DELIVERIES.labels(sink=receiver.name, outcome="failed").inc()
            return
        self.store.finish(alert_id, receiver.key, DELIVERED, attempts)
        metrics.SINK_DELIVERIES.labels(sink=receiver.name, outcome="delivered").inc()

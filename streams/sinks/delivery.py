"""Delivering alerts to webhook receivers: in the background, once per receiver, retried.

Delivery guarantee: each alert is posted at most once per receiver per delivery store
(``<data_dir>/sinks.sqlite``, :mod:`streams.sinks.store`) and at least once while the
receiver accepts it within the retry policy. An attempt is retried on a transport error,
a timeout, 408, 425, 429 or a 5xx, after the policy's capped backoff or the receiver's
``Retry-After`` (seconds or an HTTP-date; :mod:`connectors.http`, the one HTTP client
module); any other 4xx is a permanent refusal. Every request carries ``Idempotency-Key:
<alert id>`` so a receiver that sees the same alert twice (two workers racing after a
rebalance) can drop the second. Each failed attempt is counted in
``raqib_sink_failures_total{sink=...}``.

The alert agent never waits for a receiver: :meth:`Dispatcher.handle` writes the alert
and its pending deliveries to the store (a few SQLite inserts) and puts the ids on the
receivers' queues. Each receiver's task posts in order, so a slow or dead receiver
delays only itself. A full queue drops nothing: the row stays ``pending`` and the
periodic sweep (and the next start) queues it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import httpx

from connectors.http import RetryPolicy, parse_retry_after
from streams import metrics
from streams.core.model import Alert
from streams.sinks.exceptions import DeliveryError
from streams.sinks.formats import event_url, format_alert
from streams.sinks.receivers import Receiver
from streams.sinks.store import DELIVERED, FAILED, PENDING, SILENCED, DeliveryStore
from streams.sinks.wire import http_headers

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({408, 425, 429})
DEFAULT_RETRY = RetryPolicy()


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
        """Cancel the receivers' tasks (pending deliveries stay in the store)."""
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
        extra = http_headers(alert, self.ce_source) if receiver.format == "json" else {}
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


async def post_alert(
    client: httpx.AsyncClient,
    receiver: Receiver,
    body: Mapping[str, Any],
    alert_id: str,
    *,
    policy: RetryPolicy = DEFAULT_RETRY,
    extra_headers: Mapping[str, str] | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> int:
    """POST ``body`` to ``receiver`` until it answers 2xx; return the number of attempts.

    Raises :class:`DeliveryError` when the receiver refuses for good or every
    attempt failed. Never logs the receiver's URL (it is a secret).
    """
    content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": alert_id,
        **(extra_headers or {}),
    }
    for attempt in range(1, policy.attempts + 1):
        started = time.monotonic()
        retry_after: float | None = None
        try:
            response = await client.post(receiver.url, content=content, headers=headers)
        except httpx.HTTPError as exc:
            reason, retryable = f"{type(exc).__name__}: {exc}"[:300], True
        else:
            if response.is_success:
                log.info(
                    "alert %s posted to %s (attempt %d, %.0f ms)",
                    alert_id,
                    receiver.name,
                    attempt,
                    (time.monotonic() - started) * 1000,
                )
                return attempt
            status = response.status_code
            retryable = status in RETRYABLE_STATUS or status >= 500
            reason = f"HTTP {status}: {response.text[:200]!r}"
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
        metrics.SINK_FAILURES.labels(sink=receiver.name).inc()
        if not retryable:
            log.error("alert %s refused by %s: %s (not retried)", alert_id, receiver.name, reason)
            raise DeliveryError(receiver.name, reason)
        if attempt == policy.attempts:
            log.error(
                "alert %s not delivered to %s after %d attempts: %s",
                alert_id,
                receiver.name,
                attempt,
                reason,
            )
            raise DeliveryError(receiver.name, reason, retryable=True)
        wait = policy.delay(attempt, retry_after)
        log.warning(
            "alert %s to %s failed (attempt %d/%d): %s; retrying in %.1fs",
            alert_id,
            receiver.name,
            attempt,
            policy.attempts,
            reason,
            wait,
        )
        await sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover

"""Delivering alerts to webhook receivers: from the outbox, grouped per incident, retried
with backoff until a horizon, once per receiver.

Delivery guarantee: each alert reaches each receiver at most once per outbox
(:mod:`streams.sinks.store`: one per deployment) and at least once while the receiver
accepts it within ``RAQIB_DELIVERY_HORIZON`` (24 h by default). A crash between a
receiver's answer and its record in the outbox repeats one notification: every request
carries ``Idempotency-Key`` (the alert id, or the update's id) for receivers that drop
repeats.

:meth:`Dispatcher.handle` only writes to the outbox (a few SQLite statements) and wakes the
receivers' tasks, so the alert agent never waits for a receiver. One task per receiver
takes the next notification due (:meth:`DeliveryStore.take`) and posts it once:

- 2xx: delivered;
- a transport error, a timeout, 408, 425, 429 or a 5xx: the receiver pauses for the
  backoff (``RAQIB_DELIVERY_BACKOFF`` doubling up to ``RAQIB_DELIVERY_BACKOFF_CAP``, ±10 %
  jitter, or the receiver's ``Retry-After`` within the cap), then the same notification is
  tried again; past its horizon it is given up (``failed``, kept for ``raqib deliveries
  retry``);
- any other 4xx: refused for good (``failed``).

Notifications per incident follow Alertmanager's grouping: the first alert of an event
goes at once; the event's further alerts within ``RAQIB_GROUP_INTERVAL`` go together as one
update when the interval ends. A slow or dead receiver delays only itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from connectors.http import RetryPolicy, parse_retry_after
from streams import metrics
from streams.core.model import Alert
from streams.settings import Settings
from streams.sinks.formats import event_url, format_alert, format_group
from streams.sinks.receivers import Receiver
from streams.sinks.store import FAILED, Batch, DeliveryStore, StoredAlert
from streams.sinks.wire import group_http_headers, http_headers

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({408, 425, 429})
POLL = 2.0  # seconds between looks at the outbox when nothing is due (other processes write it)
LEASE = 60.0  # a notification being posted is left alone this long by other workers
FLUSH_TIMEOUT = 5.0  # a stopping worker posts its groups' updates within this (shutdown: 8 s)


@dataclass(frozen=True)
class DeliveryPolicy:
    """When notifications go and how failures are retried (``RAQIB_GROUP_INTERVAL`` ...)."""

    group_interval: float = 300.0
    horizon: float = 86400.0
    backoff: RetryPolicy = RetryPolicy(base=1.0, factor=2.0, cap=300.0, jitter=0.1)

    @classmethod
    def from_settings(cls, settings: Settings) -> DeliveryPolicy:
        """The policy the settings describe."""
        return cls(
            group_interval=settings.group_interval,
            horizon=settings.delivery_horizon,
            backoff=RetryPolicy(
                base=settings.delivery_backoff, cap=settings.delivery_backoff_cap, jitter=0.1
            ),
        )


@dataclass(frozen=True)
class Outcome:
    """How one POST went: accepted, or why not and whether to try again (and when)."""

    ok: bool
    reason: str = ""
    retryable: bool = False
    retry_after: float | None = None


async def post_once(
    client: httpx.AsyncClient, url: str, body: dict[str, Any], headers: dict[str, str]
) -> Outcome:
    """POST ``body`` once. Never raises for the receiver's sake, never logs the URL."""
    content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    try:
        response = await client.post(
            url,
            content=content,
            headers={"Content-Type": "application/json; charset=utf-8", **headers},
        )
    except httpx.HTTPError as exc:
        return Outcome(False, f"{type(exc).__name__}: {exc}"[:300], retryable=True)
    if response.is_success:
        return Outcome(True)
    status = response.status_code
    return Outcome(
        False,
        f"HTTP {status}: {response.text[:200]!r}",
        retryable=status in RETRYABLE_STATUS or status >= 500,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
    )


class Dispatcher:
    """Posts the outbox's notifications to the receivers, one background task each."""

    def __init__(
        self,
        receivers: Sequence[Receiver],
        client: httpx.AsyncClient,
        store: DeliveryStore,
        *,
        dashboard_url: str | None = None,
        ce_source: str = "urn:raqib",
        policy: DeliveryPolicy | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.receivers = list(receivers)
        self.client = client
        self.store = store
        self.dashboard_url = dashboard_url
        self.ce_source = ce_source
        self.policy = policy or DeliveryPolicy()
        self.clock = clock
        self._wake = {r.key: asyncio.Event() for r in self.receivers}
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Start one task per receiver; what earlier runs left in the outbox goes first."""
        for receiver in self.receivers:
            self.store.register_receiver(receiver.key, receiver.name)
            self._tasks.append(
                asyncio.create_task(self._run(receiver), name=f"raqib-sink-{receiver.name}")
            )
        self._refresh_backlog()

    async def stop(self) -> None:
        """Cancel the receivers' tasks (what is not delivered stays in the outbox)."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    async def flush_groups(self, timeout: float = FLUSH_TIMEOUT) -> None:
        """Post, within ``timeout`` seconds, the updates that wait only for their group
        slot: grouping batches an incident's alerts while the stream flows, and a worker
        that stops ends its stream (a one-shot ``replay`` stops its worker once its alerts
        are in). The receivers' own tasks may run meanwhile: leases keep each notification
        to one poster.
        """
        if self.policy.group_interval <= 0 or timeout <= 0:
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                for receiver in self.receivers:
                    await self._flush(receiver)

    async def _flush(self, receiver: Receiver) -> None:
        """Post every notification of ``receiver`` that waits only for its group slot."""
        while True:
            batch = self.store.take(receiver.key, now=self.clock(), lease=LEASE, early=True)
            if batch is None:
                return
            await self._send(receiver, batch)

    async def drained(self, timeout: float, alert_ids: Iterable[str] = ()) -> bool:
        """Wait until nothing is due now or being posted (:meth:`DeliveryStore.drained`)."""
        wanted = list(alert_ids)
        deadline = time.monotonic() + timeout
        while not self.store.drained(wanted, now=self.clock()):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    def handle(
        self, alert: Alert, raw: dict[str, Any], *, silenced: bool = False,
        raised_at: str | None = None,
    ) -> dict[str, str]:  # fmt: skip
        """Record ``alert`` in the outbox for every receiver that has not had it.

        Returns receiver name → ``queued``, ``silenced`` or ``duplicate``.
        """
        now = self.clock()
        self.store.record_alert(
            alert.id, alert.event, raw, silenced=silenced, raised_at=raised_at, now=now
        )
        outcome: dict[str, str] = {}
        for receiver in self.receivers:
            new = self.store.enqueue(
                alert.id, alert.event, receiver.key, sink=receiver.name, now=now,
                group_interval=self.policy.group_interval, horizon=self.policy.horizon,
                silenced=silenced,
            )  # fmt: skip
            outcome[receiver.name] = (
                "duplicate" if not new else "silenced" if silenced else "queued"
            )
            if outcome[receiver.name] != "queued":
                metrics.SINK_DELIVERIES.labels(
                    sink=receiver.name, outcome=outcome[receiver.name]
                ).inc()
            self._wake[receiver.key].set()
        self._refresh_backlog()
        return outcome

    def _refresh_backlog(self) -> None:
        now = self.clock()
        for receiver in self.receivers:
            count, oldest = self.store.backlog(receiver.key, now=now)
            metrics.DELIVERIES_PENDING.labels(sink=receiver.name).set(count)
            metrics.DELIVERIES_OLDEST.labels(sink=receiver.name).set(oldest)

    async def _run(self, receiver: Receiver) -> None:
        wake = self._wake[receiver.key]
        while True:
            try:
                batch = self._next(receiver)
                if batch is not None:
                    await self._send(receiver, batch)
                    continue
                due = self.store.next_due(receiver.key)
                wait = POLL if due is None else min(POLL, max(0.01, due - self.clock()))
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug (or a locked file) must not end the receiver's task
                log.exception("delivering to %s failed; trying again shortly", receiver.name)
                wait = POLL
            self._refresh_backlog()
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a
            # cancellation that arrives as the event is set, and stop() would wait forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    await wake.wait()
            wake.clear()

    def _next(self, receiver: Receiver) -> Batch | None:
        now = self.clock()
        for sink, count in self.store.expire(now=now).items():
            log.error("%d deliveries to %s given up: not accepted within the horizon", count, sink)
            metrics.DELIVERIES_FAILED.labels(sink=sink).inc(count)
        return self.store.take(
            receiver.key, now=now, lease=LEASE, group=self.policy.group_interval > 0
        )

    def request(
        self, receiver: Receiver, batch: Batch, alerts: Sequence[StoredAlert]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """The body and headers of ``batch`` for ``receiver`` (one alert, or an update)."""
        link = event_url(self.dashboard_url, batch.event)
        if len(alerts) == 1:
            (stored,) = alerts
            alert = Alert.from_json(stored.payload)
            body = format_alert(receiver.format, alert, link, stored.payload)
            headers = {"Idempotency-Key": alert.id}
            if receiver.format == "json":
                headers |= http_headers(alert, self.ce_source, stored.raised_at)
            return body, headers
        payloads = [a.payload for a in alerts]
        body = format_group(receiver.format, payloads, link, batch.notification)
        headers = {"Idempotency-Key": batch.notification}
        if receiver.format == "json":
            headers |= group_http_headers(batch.notification, batch.event, self.ce_source)
        return body, headers

    async def _send(self, receiver: Receiver, batch: Batch) -> None:
        alerts = self.store.alerts(batch.alert_ids)
        if len(alerts) < len(batch.alert_ids):
            self.store.refused(batch, "alert not in the outbox", now=self.clock())
            metrics.DELIVERIES_FAILED.labels(sink=receiver.name).inc(len(batch.alert_ids))
            return
        body, headers = self.request(receiver, batch, alerts)
        what = f"alert {alerts[0].id}" if len(alerts) == 1 else (
            f"update {batch.notification} ({len(alerts)} alerts of {batch.event})"
        )  # fmt: skip
        started = time.monotonic()
        outcome = await post_once(self.client, receiver.url, body, headers)
        now, attempt = self.clock(), batch.attempts + 1
        if outcome.ok:
            self.store.delivered(batch, now=now)
            log.info("%s posted to %s (attempt %d, %.0f ms)", what, receiver.name, attempt,
                     (time.monotonic() - started) * 1000)  # fmt: skip
            metrics.SINK_DELIVERIES.labels(sink=receiver.name, outcome="delivered").inc(len(alerts))
            kind = "alert" if len(alerts) == 1 else "update"
            metrics.NOTIFICATIONS.labels(sink=receiver.name, kind=kind).inc()
            return
        metrics.SINK_FAILURES.labels(sink=receiver.name).inc()
        if not outcome.retryable:
            self.store.refused(batch, outcome.reason, now=now)
            log.error("%s refused by %s: %s (not retried; `raqib deliveries retry` sends it "
                      "again)", what, receiver.name, outcome.reason)  # fmt: skip
            self._failed(receiver, len(alerts))
            return
        wait = self.policy.backoff.delay(attempt, outcome.retry_after)
        status = self.store.retry_later(batch, outcome.reason, now=now, delay=wait)
        if status == FAILED:
            log.error("%s not delivered to %s after %d attempts: %s (horizon passed)",
                      what, receiver.name, attempt, outcome.reason)  # fmt: skip
            self._failed(receiver, len(alerts))
            return
        log.warning("%s to %s failed (attempt %d): %s; retrying in %.1fs",
                    what, receiver.name, attempt, outcome.reason, wait)  # fmt: skip

    def _failed(self, receiver: Receiver, count: int) -> None:
        metrics.SINK_DELIVERIES.labels(sink=receiver.name, outcome="failed").inc(count)
        metrics.DELIVERIES_FAILED.labels(sink=receiver.name).inc(count)

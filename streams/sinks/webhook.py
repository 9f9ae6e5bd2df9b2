"""Posting to a webhook: one configured httpx client, retries with capped backoff.

Delivery guarantee: an attempt is retried on a transport error, a timeout, 408,
425, 429 or a 5xx, after ``base * factor**n`` seconds (with jitter, capped at
``cap``, or the receiver's ``Retry-After`` when it gives one, also capped), at
most ``attempts`` times in all. Any other 4xx is a permanent refusal. Every
request carries ``Idempotency-Key: <alert id>`` so a receiver that sees the
same alert twice (two workers racing after a rebalance) can drop the second.
Each failed attempt is counted in ``raqib_sink_failures_total{sink=...}``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import httpx

from streams import metrics
from streams.sinks.exceptions import DeliveryError
from streams.sinks.receivers import Receiver

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({408, 425, 429})


def user_agent() -> str:
    try:
        ver = version("raqib")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout
        ver = "dev"
    return f"raqib/{ver} (alert webhook; +https://github.com/raqib)"


def make_client(
    *, timeout: float = 5.0, connect_timeout: float = 3.0, max_connections: int = 10
) -> httpx.AsyncClient:
    """The one HTTP client of the sinks: tight timeouts, small pool, raqib's User-Agent."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=5),
        headers={"User-Agent": user_agent()},
        follow_redirects=False,
        trust_env=False,
    )


@dataclass(frozen=True)
class RetryPolicy:
    """At most ``attempts`` tries; waits ``base * factor**n`` (± ``jitter``), capped at ``cap``."""

    attempts: int = 6
    base: float = 0.5
    factor: float = 2.0
    cap: float = 30.0
    jitter: float = 0.1

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``failures``-th failed attempt (1-based)."""
        if retry_after is not None:
            return max(0.0, min(retry_after, self.cap))
        raw = min(self.base * self.factor ** (failures - 1), self.cap)
        spread = raw * self.jitter
        return max(0.0, min(self.cap, raw + random.uniform(-spread, spread)))


DEFAULT_RETRY = RetryPolicy()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return None


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
            retry_after = _retry_after(response)
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

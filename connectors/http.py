"""THE HTTP client module: one configured client, its User-Agent, retries, ``Retry-After``.

Everything raqib fetches (feeds, pages: :mod:`connectors.fetch`) or posts (alert webhooks:
:mod:`streams.sinks.delivery`) goes through an :class:`httpx.AsyncClient` built here by
:func:`make_client`, once, and passed in: timeouts, connection limits, a User-Agent naming
raqib and how to reach whoever runs it, gzip/deflate/br, no redirects followed by httpx
(the caller decides), no proxy variables from the environment (they could route around
the address checks of :func:`connectors.fetch.check_url`).

Retrying: :class:`RetryPolicy` (a request retried within one delivery: exponential, with
jitter, capped) and :func:`backoff_delay` (a failing feed's next poll: exponential, full
jitter); a server's ``Retry-After`` (:func:`parse_retry_after`, delta-seconds or an
HTTP-date) overrides both, within the cap. :class:`HostLimiter` bounds requests per host.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

import httpx

__all__ = [
    "DEFAULT_CONTACT_URL",
    "DEFAULT_USER_AGENT",
    "HostLimiter",
    "RetryPolicy",
    "backoff_delay",
    "make_client",
    "parse_retry_after",
    "user_agent",
    "user_agent_for",
]

DEFAULT_CONTACT_URL = "https://github.com/raqib/raqib"
ACCEPT_ENCODING = "gzip, deflate, br"
_SECONDS = re.compile(r"\d+(?:\.\d+)?")


def _version() -> str:
    try:
        return version("raqib")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "dev"


def user_agent(contact: str | None = None, purpose: str = "Arabic news monitor") -> str:
    """The User-Agent: raqib, its version, how to reach this deployment, what it does."""
    return f"raqib/{_version()} (+{contact or DEFAULT_CONTACT_URL}; {purpose})"


def user_agent_for(contact: str | None) -> str:
    """The feed poller's User-Agent with the operator's contact URL (``RAQIB_CONTACT_URL``)."""
    return user_agent(contact)


DEFAULT_USER_AGENT = user_agent()
WEBHOOK_USER_AGENT = user_agent(purpose="alert webhook")


def make_client(
    *,
    timeout: float = 15.0,
    connect_timeout: float = 5.0,
    max_connections: int = 20,
    max_keepalive: int = 10,
    user_agent: str = DEFAULT_USER_AGENT,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """The configured client. Redirects are off: :func:`connectors.fetch.fetch` follows
    them itself, checking every hop; a webhook never follows one.

    ``trust_env`` is off so that proxy variables cannot route around the address checks.
    """
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        limits=httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_keepalive
        ),
        headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        follow_redirects=False,
        trust_env=False,
        transport=transport,
    )


def make_webhook_client(
    *, timeout: float = 5.0, connect_timeout: float = 3.0, max_connections: int = 10
) -> httpx.AsyncClient:
    """The alert sinks' client: tight timeouts, a small pool (a receiver is one host)."""
    return make_client(
        timeout=timeout,
        connect_timeout=connect_timeout,
        max_connections=max_connections,
        max_keepalive=5,
        user_agent=WEBHOOK_USER_AGENT,
    )


class HostLimiter:
    """At most ``per_host`` concurrent requests to any one host."""

    def __init__(self, per_host: int = 2) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._in_flight: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of ``host``'s slots for the duration of a request."""
        semaphore = self._semaphores.setdefault(host, asyncio.Semaphore(self.per_host))
        async with semaphore:
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            try:
                yield
            finally:
                self._in_flight[host] -= 1

    def in_flight(self, host: str) -> int:
        """Requests to ``host`` in flight now."""
        return self._in_flight.get(host, 0)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds ("120", "1.5") or an
    HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT", counted from ``now``); None when absent
    or unreadable.
    """
    if not value:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


@dataclass(frozen=True)
class RetryPolicy:
    """At most ``attempts`` tries; waits ``base * factor**n`` (± ``jitter``), capped at ``cap``."""

    attempts: int = 6
    base: float = 0.5
    factor: float = 2.0
    cap: float = 30.0
    jitter: float = 0.1

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after the ``failures``-th failed attempt (1-based); a server's
        ``Retry-After`` wins, within the cap.
        """
        if retry_after is not None:
            return max(0.0, min(retry_after, self.cap))
        raw = min(self.base * self.factor ** (failures - 1), self.cap)
        spread = raw * self.jitter
        return max(0.0, min(self.cap, raw + random.uniform(-spread, spread)))


def backoff_delay(
    attempt: int, *, base: float = 1.0, cap: float = 3600.0, rng: random.Random | None = None
) -> float:
    """Exponential backoff with jitter: uniform in [d/2, d] with d = min(cap, base * 2**attempt)."""
    delay = min(cap, base * (2 ** max(0, attempt)))
    return (rng or random).uniform(delay / 2, delay)

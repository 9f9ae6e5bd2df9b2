"""What a worker knows about its own health, measured, never assumed.

A timer on the worker's event loop (every ``RAQIB_HEALTH_INTERVAL`` seconds) asks the
broker for its Metadata, with ``RAQIB_HEALTH_TIMEOUT`` to answer: a broker that is
gone, frozen or unreachable counts as down. The same tick measures the consumer lag
from the broker (high watermark, :mod:`streams.offsets`) minus this worker's committed
offsets, and the embedded broker's memory. What it found backs:

- ``/healthz/live`` (and ``/healthz``): the process and its event loop answer;
- ``/healthz/ready``: 200 only when the broker answered the last check, the worker has
  joined its group and finished recovering its tables, and no rebalance is under way;
  503 with the reasons otherwise;
- the gauges ``raqib_broker_up``, ``raqib_ready``, ``raqib_consumer_lag{topic}`` and
  ``raqib_consumer_lag_known``: a lag that cannot be measured is NaN with
  ``raqib_consumer_lag_known 0``, never 0 (which would read "all caught up");
  ``raqib_embedded_broker_rss_bytes`` when the broker is an embedded Tansu on this
  machine, with a warning in the log when it passes ``RAQIB_BROKER_MEMORY_WARN_MB``.

A broker that answers with another cluster id than the one the worker started against
has been replaced (an embedded broker restarted on the same port): the worker's tables
belong to the old one, so the worker stops (a supervisor or ``raqib run`` reports it;
at the next start the tables are discarded, :mod:`streams.cli.identity`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import signal
import time
from typing import TYPE_CHECKING, Any

from streams import metrics
from streams.settings import Settings

if TYPE_CHECKING:
    from streams.runtime import Runtime

log = logging.getLogger(__name__)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
EMBEDDED_BROKER_BINARY = "tansu"
RESCAN_EMBEDDED = 60.0


class Health:
    """The worker's health, refreshed by :meth:`check` (module docstring)."""

    def __init__(self, app: Any, settings: Settings, lag_topics: set[str]) -> None:
        self.app = app
        self.settings = settings
        self.lag_topics = set(lag_topics)
        self.broker_ok = False
        self.broker_error: str | None = "not checked yet"
        self.checked_at: float | None = None
        self.cluster_id: str | None = None
        self.lag_known = False
        self.broker_rss: int | None = None
        self._admin: Any = None
        self._embedded_pid: int | None = None
        self._embedded_scanned_at: float | None = None
        self._memory_over = False
        self._stopping = False
        self.set_lag_unknown()
        metrics.EMBEDDED_BROKER_RSS.set(math.nan)
        metrics.EMBEDDED_BROKER_RSS_LIMIT.set(settings.broker_memory_warn_mb * 2**20)
        if settings.store.startswith("rocksdb"):  # the broker the tables were built against
            from streams.cli.identity import recorded_cluster, tables_dir

            self.cluster_id = recorded_cluster(tables_dir(settings))

    # -- the tick ---------------------------------------------------------------

    async def check(self) -> None:
        """Probe the broker, measure the lag and the embedded broker's memory."""
        await self.probe_broker()
        if self.broker_ok:
            await self.measure_lag()
        else:
            self.set_lag_unknown()
        self.measure_embedded_broker()
        metrics.READY.set(1 if self.ready()[0] else 0)

    async def probe_broker(self) -> None:
        """Ask the broker for its Metadata within ``RAQIB_HEALTH_TIMEOUT``."""
        timeout = self.settings.health_timeout
        try:
            described = await asyncio.wait_for(self._describe_cluster(), timeout)
        except Exception as exc:
            await self._drop_admin()
            reason = (
                f"the broker did not answer within {timeout:g} s"
                if isinstance(exc, TimeoutError)
                else f"the broker did not answer: {type(exc).__name__}: {exc}"
            )
            if self.broker_ok or self.checked_at is None:
                log.error("%s (%s)", reason, self.broker_url)
            self.broker_ok, self.broker_error = False, reason
        else:
            if not self.broker_ok and self.checked_at is not None:
                log.warning("the broker answers again (%s)", self.broker_url)
            self.broker_ok, self.broker_error = True, None
            self._check_cluster(described.get("cluster_id"))
        self.checked_at = time.monotonic()
        metrics.BROKER_UP.set(1 if self.broker_ok else 0)

    async def _describe_cluster(self) -> dict[str, Any]:
        if self._admin is None:
            from aiokafka.admin import AIOKafkaAdminClient

            from streams.topics import client_options

            admin = AIOKafkaAdminClient(
                **client_options(self.settings, self.broker_url),
                request_timeout_ms=int(self.settings.health_timeout * 1000),
            )
            self._admin = admin
            await admin.start()
        described: dict[str, Any] = await self._admin.describe_cluster()
        return described

    async def _drop_admin(self) -> None:
        admin, self._admin = self._admin, None
        if admin is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(admin.close(), self.settings.health_timeout)

    async def close(self) -> None:
        """Close the probe's client."""
        await self._drop_admin()

    def _check_cluster(self, cluster: Any) -> None:
        if not cluster:
            return
        if self.cluster_id is None:
            self.cluster_id = str(cluster)
            return
        if str(cluster) != self.cluster_id and not self._stopping:
            self._stopping = True
            self.broker_ok, self.broker_error = False, "the broker was replaced"
            log.error(
                "the broker at %s is another broker now (cluster %s, was %s): this worker's "
                "tables belong to the old one. Stopping; at the next start they are "
                "discarded and rebuilt from the new broker's changelogs.",
                self.broker_url,
                cluster,
                self.cluster_id,
            )
            os.kill(os.getpid(), signal.SIGTERM)

    @property
    def broker_url(self) -> str:
        """The ``kafka://h:p;...`` URL the app's transport connects to."""
        return ";".join(f"kafka://{u.host}:{u.port}" for u in self.app.conf.broker)

    # -- lag ----------------------------------------------------------------------

    def set_lag_unknown(self) -> None:
        """Export the lag as unknown: NaN per topic, ``raqib_consumer_lag_known 0``."""
        self.lag_known = False
        metrics.CONSUMER_LAG_KNOWN.set(0)
        for topic in self.lag_topics:
            metrics.CONSUMER_LAG.labels(topic=topic).set(math.nan)

    async def measure_lag(self) -> None:
        """``raqib_consumer_lag{topic}``: high watermark (asked of the broker) − committed
        offset, over the partitions this worker holds; unknown when it cannot be measured.
        """
        try:
            lag = await asyncio.wait_for(self._lag(), self.settings.health_timeout)
        except Exception as exc:  # rebalancing, broker gone: unknown, not 0
            log.debug("consumer lag not measured: %r", exc)
            self.set_lag_unknown()
            return
        if lag is None:
            self.set_lag_unknown()
            return
        for topic, value in lag.items():
            metrics.CONSUMER_LAG.labels(topic=topic).set(value)
        self.lag_known = True
        metrics.CONSUMER_LAG_KNOWN.set(1)

    async def _lag(self) -> dict[str, float] | None:
        consumer = self.app.consumer
        assigned = [tp for tp in consumer.assignment() if tp.topic in self.lag_topics]
        lag = dict.fromkeys(self.lag_topics, 0.0)
        if not assigned:
            return lag if self._recovered() else None
        highwaters = await consumer.highwaters(*assigned)
        # Faust keeps the committed and read offsets per partition only in private fields
        # (its public API commits, it does not report); the lag gauge reads them.
        committed, read_offsets = consumer._committed_offset, consumer._read_offset  # noqa: SLF001
        for tp in assigned:
            high = highwaters.get(tp)
            done = committed.get(tp)
            if done is None:
                read = read_offsets.get(tp)
                done = None if read is None else read + 1
            if high is None:
                return None
            lag[tp.topic] += max(0, high - (done or 0))
        return lag

    # -- the embedded broker's memory -------------------------------------------------

    def measure_embedded_broker(self) -> None:
        """RSS of the embedded broker on this machine (when it is one); warn past the limit."""
        from streams.cli.processes import resident_bytes

        pid = self._embedded_broker_pid()
        rss = resident_bytes(pid) if pid else None
        if rss is None:
            self._embedded_pid = None
            self.broker_rss = None
            metrics.EMBEDDED_BROKER_RSS.set(math.nan)
            return
        self.broker_rss = rss
        metrics.EMBEDDED_BROKER_RSS.set(rss)
        limit = self.settings.broker_memory_warn_mb * 2**20
        over = rss > limit
        if over and not self._memory_over:
            log.warning(
                "the embedded broker (pid %s) uses %.0f MB of memory, over "
                "RAQIB_BROKER_MEMORY_WARN_MB=%.0f: it keeps every record in memory and cannot "
                "delete old ones. Restart it (a new `raqib run` starts a fresh one; tables are "
                "rebuilt) or use Kafka (RAQIB_BROKER) for long runs.",
                pid,
                rss / 2**20,
                self.settings.broker_memory_warn_mb,
            )
        self._memory_over = over

    def _embedded_broker_pid(self) -> int | None:
        from streams.cli.processes import command_line, start_time, who_listens

        if self._embedded_pid is not None and start_time(self._embedded_pid) is not None:
            return self._embedded_pid
        now = time.monotonic()
        if self._embedded_scanned_at is not None and now - self._embedded_scanned_at < (
            RESCAN_EMBEDDED
        ):
            return None
        self._embedded_scanned_at = now
        for server in self.app.conf.broker:
            if server.host in LOOPBACK and server.port:
                pid = who_listens(int(server.port))
                if pid and EMBEDDED_BROKER_BINARY in command_line(pid):
                    self._embedded_pid = pid
                    return pid
        return None

    # -- readiness ----------------------------------------------------------------------

    def _recovered(self) -> bool:
        recovery = getattr(self.app.tables, "recovery", None)
        completed = getattr(recovery, "completed", None)
        return bool(completed is not None and completed.is_set())

    def ready(self) -> tuple[bool, list[str]]:
        """Whether the worker can do its job now, and if not, why (``/healthz/ready``)."""
        reasons = []
        if not self.broker_ok:
            reasons.append(self.broker_error or "the broker does not answer")
        if not self._recovered():
            reasons.append("the worker has not joined its group and recovered its tables yet")
        elif getattr(self.app, "rebalancing", False):
            reasons.append("a rebalance is under way")
        elif getattr(self.app, "in_recovery", False):
            reasons.append("the worker is recovering its tables")
        return not reasons, reasons

    def report(self) -> dict[str, Any]:
        """The readiness answer's body."""
        ready, reasons = self.ready()
        age = None if self.checked_at is None else round(time.monotonic() - self.checked_at, 1)
        body: dict[str, Any] = {
            "status": "ready" if ready else "not ready",
            "broker": {
                "url": self.broker_url,
                "answers": self.broker_ok,
                "checked_seconds_ago": age,
                "cluster_id": self.cluster_id,
            },
            "partitions": len(_assignment(self.app)),
            "lag_known": self.lag_known,
        }
        if reasons:
            body["reasons"] = reasons
        if self.broker_rss is not None:
            body["embedded_broker_rss_bytes"] = self.broker_rss
        return body


def _assignment(app: Any) -> set[Any]:
    try:
        return set(app.consumer.assignment())
    except Exception:  # the consumer is not started yet
        return set()


def register_health(runtime: Runtime) -> Health:
    """The health object of ``runtime``'s worker and its timer; the views read it."""
    settings = runtime.settings
    health = Health(
        runtime.app,
        settings,
        {
            settings.topic_articles,
            settings.topic_extracted,
            settings.topic_claims,
            settings.topic_alerts,
        },
    )

    @runtime.app.timer(interval=settings.health_interval)
    async def health_check() -> None:
        try:
            await health.check()
        except Exception:  # a bug here must not stop the timer
            log.exception("health check failed")

    async def close_health(app: Any, **kwargs: Any) -> None:
        await health.close()

    runtime.app.on_before_shutdown.connect(close_health)  # type: ignore[arg-type]

    return health

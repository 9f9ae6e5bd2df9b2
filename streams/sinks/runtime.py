"""Everything a worker needs to deliver alerts: receivers, store, client, queues, silences.

Built once per worker by :mod:`streams.agents.sinks`; started by the sink agent
when it first runs. :meth:`SinkRuntime.handle` is what the agent calls for each
message of the alert topic: it returns at once (posting happens in the
dispatcher's background tasks).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from connectors.http import make_webhook_client
from streams.core.wording import alert_text
from streams.settings import Settings
from streams.sinks.delivery import DeliveryPolicy, Dispatcher
from streams.sinks.hub import AlertHub
from streams.sinks.receivers import parse_receivers
from streams.sinks.silences import SilenceFeed, matching_silence
from streams.sinks.store import DeliveryStore
from streams.sinks.wire import ce_source, decode_alert_message, header

log = logging.getLogger(__name__)

SILENCES_WAIT = 10.0


class SinkRuntime:
    """The delivery side of one worker: receivers, store, HTTP client, queues, silences."""

    def __init__(
        self,
        settings: Settings,
        broker_url: str,
        hub: AlertHub,
        *,
        client: httpx.AsyncClient | None = None,
        policy: DeliveryPolicy | None = None,
    ) -> None:
        self.settings = settings
        self.broker_url = broker_url
        self.hub = hub
        self.receivers = parse_receivers(settings.webhook_url, settings.webhook_format)
        self.policy = policy or DeliveryPolicy.from_settings(settings)
        self._client = client
        self.dispatcher: Dispatcher | None = None
        self.store: DeliveryStore | None = None
        self.silences = SilenceFeed(settings, broker_url)
        self._lock = asyncio.Lock()

    @property
    def dashboard_url(self) -> str:
        """Where the alerts' "Open event page" links point."""
        return self.settings.dashboard_url or (
            f"http://{self.settings.web_host}:{self.settings.web_port}"
        )

    async def start(self) -> None:
        """Open the store, start the queues and the silences feed (once; later calls return)."""
        async with self._lock:
            if self.dispatcher is not None:
                return
            self.store = DeliveryStore(self.settings.delivery_store_path)
            self.hub.attach(self.store)
            self.hub.load(
                {
                    "alert": a.payload,
                    "text": alert_text(a.payload),
                    "received_at": a.received_at,
                    "silenced": a.silenced,
                }
                for a in self.store.recent_alerts()
            )
            self._client = self._client or make_webhook_client()
            self.dispatcher = Dispatcher(
                self.receivers,
                self._client,
                self.store,
                dashboard_url=self.dashboard_url,
                ce_source=ce_source(self.settings),
                policy=self.policy,
            )
            await self.dispatcher.start()
            self.silences.start()
            try:
                await asyncio.wait_for(self.silences.ready.wait(), SILENCES_WAIT)
            except TimeoutError:
                log.warning(
                    "silences not loaded within %.0fs; alerts are posted meanwhile", SILENCES_WAIT
                )
            log.info(
                "alert sinks: %s",
                ", ".join(r.name for r in self.receivers) or "no webhook receivers configured",
            )

    async def flush(self) -> None:
        """Post the incidents' updates that wait for their group slot (a stopping worker:
        :meth:`streams.sinks.delivery.Dispatcher.flush_groups`).
        """
        if self.dispatcher is not None:
            await self.dispatcher.flush_groups()

    async def stop(self) -> None:
        """Stop the feed and the queues, close the client and the store."""
        async with self._lock:
            await self.silences.stop()
            if self.dispatcher is not None:
                await self.dispatcher.stop()
                self.dispatcher = None
            if self._client is not None:
                await self._client.aclose()
                self._client = None
            if self.store is not None:
                self.hub.attach(None)
                self.store.close()
                self.store = None

    def handle(
        self, value: bytes, headers: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None
    ) -> dict[str, str]:
        """Publish one alert-topic message to the dashboard and queue it for the receivers."""
        if self.dispatcher is None:
            raise RuntimeError("SinkRuntime.handle before start()")
        alert, raw = decode_alert_message(value)
        ce_id = header(headers, "ce_id")
        if ce_id and ce_id != alert.id:
            log.warning("alert %s carries ce_id %s; using the alert id", alert.id, ce_id)
        now = time.time()
        silence = matching_silence(alert, self.silences.current(), now)
        if silence is not None:
            log.info("alert %s muted by silence %s (%s)", alert.id, silence.id, silence.matcher)
        self.hub.publish(
            {
                "alert": raw,
                "text": alert_text(alert),
                "received_at": now,
                "silenced": silence is not None,
                "silence": silence.id if silence else None,
            }
        )
        return self.dispatcher.handle(
            alert, raw, silenced=silence is not None, raised_at=header(headers, "ce_time")
        )


def deliveries_drained(settings: Settings, alert_ids: Iterable[str] = ()) -> bool:
    """Whether the deployment's outbox has nothing due now or in flight, and has recorded
    ``alert_ids`` (true at once when no receiver is configured: nothing is to be posted).
    """
    if not parse_receivers(settings.webhook_url, settings.webhook_format):
        return True
    path = settings.delivery_store_path
    if not path.exists():
        return False
    with DeliveryStore(path) as store:
        return store.drained(alert_ids, now=time.time())

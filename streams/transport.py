"""Faust's aiokafka transport with a short fetch wait and true end offsets, as ``raqib://``.

Faust hard-codes ``fetch_max_wait_ms=1500`` for its consumers. A broker that
does not answer a long poll as soon as data arrives (the embedded Tansu broker
answers only when the wait expires or its own poll tick comes) then adds up to
that much latency at every hop of the pipeline. The wait is ``RAQIB_FETCH_WAIT_MS``
(:attr:`Settings.fetch_wait_ms`, set on the app by :func:`use_fetch_wait`): short
enough that a three-hop alert takes tens of milliseconds, long enough that an
idle worker does not spin. On Apache Kafka, which answers long polls on arrival,
it changes nothing but the idle polling rate.

Faust pauses a partition by leaving it out of the set it asks aiokafka for; aiokafka still
fetches it. A table's own changelog partitions stay assigned after recovery and paused, so the
records the worker writes to them come back, are never read, and aiokafka holds back every
other fetch from that broker for its ``prefetch_backoff`` (100 ms) each time: on one embedded
broker that is every topic, and it was the slowest 1 % of alerts' wait at a hop. The hold is
``RAQIB_PREFETCH_BACKOFF_MS`` (:attr:`Settings.prefetch_backoff_ms`, 5 ms by default).

Table recovery reads a changelog up to the end offsets ``highwaters`` gives;
those come from :func:`streams.offsets.end_offsets`, which corrects the embedded
broker's answer.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

import faust
from faust.transport.drivers import aiokafka as driver
from faust.types import TP

from streams.offsets import end_offsets
from streams.settings import Settings

_FETCHING: weakref.WeakKeyDictionary[Any, Settings] = weakref.WeakKeyDictionary()


def use_fetch_wait(app: faust.App, settings: Settings) -> None:
    """Make ``app``'s consumers wait at most ``settings.fetch_wait_ms`` per fetch and hold
    back for at most ``settings.prefetch_backoff_ms`` (module docstring).

    Faust's configuration has no such options and the transport is built from a URL, so the
    settings are kept here, by app, for :class:`ConsumerThread` to read.
    """
    _FETCHING[app] = settings


def _fetching(app: Any) -> Settings:
    return _FETCHING.get(app) or Settings.model_construct()


class ConsumerThread(driver.AIOKafkaConsumerThread):
    """Faust's aiokafka consumer thread with the short fetch wait and true end offsets."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # Faust lets no fetch wait through to aiokafka: set the consumer's own before it
        # starts (module docstring)
        consumer._fetch_max_wait_ms = _fetching(self.app).fetch_wait_ms  # noqa: SLF001
        return consumer

    async def on_start(self) -> None:
        """Start the consumer, then shorten its fetcher's hold (module docstring).

        aiokafka takes no such argument: its fetcher, built by ``start()``, keeps the value.
        """
        await super().on_start()
        backoff = _fetching(self.app).prefetch_backoff_ms / 1000
        self._ensure_consumer()._fetcher._prefetch_backoff = backoff  # noqa: SLF001

    async def _highwaters(self, partitions: list[TP]) -> Mapping[TP, int]:
        """True end offsets: table recovery stops there (see :mod:`streams.offsets`)."""
        if self.consumer.in_transaction:
            return await super()._highwaters(partitions)
        return await end_offsets(self._ensure_consumer(), partitions)


class Consumer(driver.Consumer):
    """Faust's aiokafka consumer on :class:`ConsumerThread`."""

    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    """Faust's aiokafka transport on :class:`Consumer` (``raqib://``)."""

    Consumer = Consumer


def faust_broker_url(url: str) -> str:
    """``kafka://h1:9092;h2:9092`` → the same servers through this transport."""
    servers = [part.strip() for part in url.replace(",", ";").split(";") if part.strip()]
    return ";".join("raqib://" + s.split("://", 1)[-1] for s in servers)


def broker_credentials(settings: Settings) -> faust.auth.Credentials | None:
    """TLS and SASL settings for a production cluster, or None for plaintext."""
    protocol = settings.security_protocol.upper()
    ssl_context = settings.ssl_context()
    if protocol.startswith("SASL"):
        mechanism = (settings.sasl_mechanism or "PLAIN").upper()
        if mechanism.startswith("SCRAM"):
            return faust.SASLCredentials(
                username=settings.sasl_username,
                password=settings.sasl_password,
                mechanism=mechanism,
                ssl_context=ssl_context,
            )
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            ssl_context=ssl_context,
        )
    if ssl_context is not None:
        return faust.SSLCredentials(ssl_context)
    return None

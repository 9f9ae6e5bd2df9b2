"""Faust's aiokafka transport with a short fetch wait and true end offsets, as ``raqib://``.

Faust hard-codes ``fetch_max_wait_ms=1500`` for its consumers. A broker that
does not answer a long poll as soon as data arrives (the embedded Tansu broker
answers only when the wait expires or its own poll tick comes) then adds up to
that much latency at every hop of the pipeline. The wait is ``RAQIB_FETCH_WAIT_MS``
(:attr:`Settings.fetch_wait_ms`, set on the app by :func:`use_fetch_wait`): short
enough that a three-hop alert takes tens of milliseconds, long enough that an
idle worker does not spin. On Apache Kafka, which answers long polls on arrival,
it changes nothing but the idle polling rate.

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

_FETCH_WAIT: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def use_fetch_wait(app: faust.App, settings: Settings) -> None:
    """Make ``app``'s consumers wait at most ``settings.fetch_wait_ms`` per fetch.

    Faust's configuration has no such option and the transport is built from a URL, so the
    value is kept here, by app, for :class:`ConsumerThread` to read.
    """
    _FETCH_WAIT[app] = settings.fetch_wait_ms


class ConsumerThread(driver.AIOKafkaConsumerThread):
    """Faust's aiokafka consumer thread with the short fetch wait and true end offsets."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # Faust lets no fetch wait through to aiokafka: set the consumer's own before it
        # starts (module docstring)
        wait = _FETCH_WAIT.get(self.app, Settings.model_fields["fetch_wait_ms"].default)
        consumer._fetch_max_wait_ms = wait  # noqa: SLF001
        return consumer

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

"""Faust's aiokafka transport with a short fetch wait and true end offsets, as ``raqib://``.

Faust hard-codes ``fetch_max_wait_ms=1500`` for its consumers. A broker that
does not answer a long poll as soon as data arrives (the embedded Tansu broker
answers only when the wait expires or its own poll tick comes) then adds up to
that much latency at every hop of the pipeline. 100 ms keeps an idle consumer
cheap and makes a three-hop alert take tens of milliseconds instead of seconds.
On Apache Kafka, which answers long polls on arrival, it changes nothing but
the idle polling rate.

Table recovery reads a changelog up to the end offsets ``highwaters`` gives;
those come from :func:`streams.offsets.end_offsets`, which corrects the embedded
broker's answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import faust
from faust.transport.drivers import aiokafka as driver
from faust.types import TP

from streams.offsets import end_offsets
from streams.settings import Settings

FETCH_MAX_WAIT_MS = 100


class ConsumerThread(driver.AIOKafkaConsumerThread):
    """Faust's aiokafka consumer thread with the short fetch wait and true end offsets."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # Faust passes no fetch wait to aiokafka: set the consumer's own (module docstring)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS  # noqa: SLF001
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

"""Faust's aiokafka transport with a short fetch wait, registered as ``raqib://``.

Faust hard-codes ``fetch_max_wait_ms=1500`` for its consumers. A broker that
does not answer a long poll as soon as data arrives (the embedded Tansu broker
answers only when the wait expires or its own poll tick comes) then adds up to
that much latency at every hop of the pipeline. 100 ms keeps an idle consumer
cheap and makes a three-hop alert take tens of milliseconds instead of seconds.
On Apache Kafka, which answers long polls on arrival, it changes nothing but
the idle polling rate.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers import aiokafka as driver

FETCH_MAX_WAIT_MS = 100


class ConsumerThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        return consumer


class Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    Consumer = Consumer


def faust_broker_url(url: str) -> str:
    """``kafka://h1:9092;h2:9092`` → the same servers through this transport."""
    servers = [part.strip() for part in url.replace(",", ";").split(";") if part.strip()]
    return ";".join("raqib://" + s.split("://", 1)[-1] for s in servers)

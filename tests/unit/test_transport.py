"""The worker's fetch wait is the setting's, not a constant."""

from __future__ import annotations

import asyncio

from streams.app import create_app
from streams.settings import Settings


def _worker_fetch_wait(settings: Settings) -> int:
    async def build() -> int:
        app = create_app(settings).app
        thread = app.consumer._thread  # noqa: SLF001 - Faust builds the consumer here
        consumer = thread._create_worker_consumer(app.transport)  # noqa: SLF001
        try:
            return int(consumer._fetch_max_wait_ms)  # noqa: SLF001 - what aiokafka waits
        finally:
            await consumer.stop()

    return asyncio.run(build())


def test_the_worker_consumer_waits_as_long_as_raqib_fetch_wait_ms_says(tmp_path, monkeypatch):
    monkeypatch.setenv("RAQIB_FETCH_WAIT_MS", "7")
    settings = Settings(broker="kafka://127.0.0.1:1", data_dir=tmp_path)
    assert _worker_fetch_wait(settings) == 7


def test_the_default_fetch_wait_is_short_enough_for_three_hops_within_150_ms():
    assert 3 * Settings().fetch_wait_ms < 150

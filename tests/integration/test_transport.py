"""The worker's consumer, started on the real broker, fetches as the settings say."""

from __future__ import annotations

import asyncio
from pathlib import Path

from streams.app import create_app
from streams.cli.broker import EmbeddedBroker
from streams.settings import Settings


def _started_fetcher(settings: Settings) -> tuple[float, int]:
    """(prefetch hold in seconds, fetch wait in ms) of a worker consumer after its start."""

    async def start() -> tuple[float, int]:
        app = create_app(settings).app
        thread = app.consumer._thread  # noqa: SLF001 - Faust builds the consumer here
        await thread.on_start()  # what the thread runs first, on its own loop
        try:
            fetcher = thread._consumer._fetcher  # noqa: SLF001
            return fetcher._prefetch_backoff, fetcher._fetch_max_wait_ms  # noqa: SLF001
        finally:
            await thread._consumer.stop()  # noqa: SLF001

    return asyncio.run(start())


def test_a_started_worker_consumer_holds_back_no_longer_than_raqib_prefetch_backoff_ms(
    broker: EmbeddedBroker, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("RAQIB_PREFETCH_BACKOFF_MS", "3")
    monkeypatch.setenv("RAQIB_FETCH_WAIT_MS", "7")
    settings = Settings(broker=broker.url, data_dir=tmp_path)
    assert _started_fetcher(settings) == (0.003, 7)


def test_by_default_the_hold_is_far_below_aiokafkas_100_ms(broker: EmbeddedBroker, tmp_path):
    settings = Settings(broker=broker.url, data_dir=tmp_path)
    hold, _ = _started_fetcher(settings)
    assert hold == Settings().prefetch_backoff_ms / 1000 < 0.1

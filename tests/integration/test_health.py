"""Health that tells the truth: with the broker stopped, a worker says it is not ready, its
lag is unknown (not 0), its log says so once per interval, and SIGTERM still ends it
within 10 s; once the broker is back, it is ready again."""

from __future__ import annotations

import asyncio
import math
import re
import signal
import subprocess
import time

import httpx
import pytest

from streams.cli.broker import EmbeddedBroker

from .test_sinks import metric, scrape, wait_until

pytestmark = pytest.mark.integration

FAST_HEALTH = {
    "RAQIB_HEALTH_INTERVAL": "1",
    "RAQIB_HEALTH_TIMEOUT": "1",
    "RAQIB_LOG_REPEAT_INTERVAL": "5",
}


async def get(port: int, path: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=5.0) as client:
        return await client.get(f"http://127.0.0.1:{port}{path}")


async def status(port: int, path: str) -> int | None:
    try:
        return (await get(port, path)).status_code
    except httpx.HTTPError:
        return None


def own_broker_pipeline(make_pipeline, broker: EmbeddedBroker, **env: str):
    pipeline = make_pipeline(**FAST_HEALTH, **env)
    pipeline.broker = broker
    pipeline.settings = pipeline.settings.model_copy(update={"broker": broker.url})
    return pipeline


async def started_and_ready(pipeline) -> tuple[subprocess.Popen, int]:
    worker = pipeline.start_worker()
    port = pipeline.web_ports[0]

    async def ready() -> bool:
        return await status(port, "/healthz/ready") == 200

    await wait_until(ready, 120, f"never ready\n{pipeline.worker_log()[-3000:]}")
    return worker, port


def error_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "[ERROR]" in line]


async def test_a_frozen_broker_makes_the_worker_unready_with_lag_unknown_then_ready_again(
    make_pipeline, tmp_path
):
    with EmbeddedBroker(log_path=tmp_path / "broker.log") as broker:
        pipeline = own_broker_pipeline(make_pipeline, broker, RAQIB_BROKER_MEMORY_WARN_MB="1")
        worker, port = await started_and_ready(pipeline)
        assert (await get(port, "/healthz/ready")).json()["status"] == "ready"
        await wait_until(
            lambda: "RAQIB_BROKER_MEMORY_WARN_MB=1" in pipeline.worker_log(),
            10,
            "no warning about the embedded broker's memory",
        )
        samples = await scrape(port)
        assert metric(samples, "raqib_consumer_lag_known") == 1
        assert metric(samples, "raqib_consumer_lag", topic=pipeline.settings.topic_articles) == 0
        assert metric(samples, "raqib_embedded_broker_rss_bytes") > 0
        assert await status(port, "/api/events?limit=abc") == 400
        assert await status(port, "/api/alerts?limit=-3") == 400
        assert await status(port, "/api/events?limit=99999999") == 200
        for faust_view in ("/router/", "/table/events/", "/stats/"):
            assert await status(port, faust_view) == 404, faust_view

        broker.pause()
        frozen_at = time.monotonic()
        try:

            async def unready() -> bool:
                return await status(port, "/healthz/ready") == 503

            await wait_until(unready, 30, "still ready with the broker frozen")
            detected = time.monotonic() - frozen_at
            answer = (await get(port, "/healthz/ready")).json()
            assert answer["status"] == "not ready"
            assert any("broker" in reason for reason in answer["reasons"]), answer
            assert await status(port, "/healthz/live") == 200
            assert await status(port, "/healthz") == 200
            samples = await scrape(port)
            assert metric(samples, "raqib_broker_up") == 0
            assert metric(samples, "raqib_consumer_lag_known") == 0
            lag = metric(samples, "raqib_consumer_lag", topic=pipeline.settings.topic_articles)
            assert math.isnan(lag), "a lag that cannot be measured is unknown, not a number"
            await asyncio.sleep(max(0.0, 20 - (time.monotonic() - frozen_at)))
            assert worker.poll() is None
        finally:
            broker.resume()
        resumed_at = time.monotonic()

        async def ready_again() -> bool:
            return await status(port, "/healthz/ready") == 200

        await wait_until(ready_again, 120, f"not ready again\n{pipeline.worker_log()[-3000:]}")
        print(  # the figures quoted in the report (pytest -s)
            f"unready {detected:.1f} s after the freeze; "
            f"ready {time.monotonic() - resumed_at:.1f} s after the broker came back"
        )
        assert metric(await scrape(port), "raqib_broker_up") == 1


@pytest.mark.parametrize("outage", ["killed", "frozen"])
async def test_sigterm_ends_a_worker_within_10_s_with_the_broker_gone(
    make_pipeline, tmp_path, outage
):
    with EmbeddedBroker(log_path=tmp_path / "broker.log") as broker:
        pipeline = own_broker_pipeline(make_pipeline, broker)
        worker, port = await started_and_ready(pipeline)
        if outage == "killed":
            broker.stop()
        else:
            broker.pause()
        try:

            async def unready() -> bool:
                return await status(port, "/healthz/ready") == 503

            await wait_until(unready, 30, "still ready with the broker gone")
            sent = time.monotonic()
            worker.send_signal(signal.SIGTERM)
            code = await asyncio.to_thread(worker.wait, 10)  # TimeoutExpired fails the test
            print(
                f"SIGTERM with the broker {outage}: exited {code} in {time.monotonic() - sent:.1f} s"
            )
        finally:
            broker.resume()


async def test_a_dead_broker_is_logged_once_per_interval_with_a_count(make_pipeline, tmp_path):
    with EmbeddedBroker(log_path=tmp_path / "broker.log") as broker:
        pipeline = own_broker_pipeline(make_pipeline, broker)
        _, port = await started_and_ready(pipeline)
        before = len(error_lines(pipeline.worker_log()))
        broker.stop()

        def counted() -> bool:
            return bool(
                re.search(r"\(repeated \d+ times in the last \d+ s\)", pipeline.worker_log())
            )

        await wait_until(counted, 60, f"no repeat count\n{pipeline.worker_log()[-3000:]}")
        await asyncio.sleep(5)  # one more interval of the storm
        during = error_lines(pipeline.worker_log())[before:]
        kinds = {
            re.sub(r"\d+", "#", line.split("[ERROR]", 1)[1]).split(" (repeated")[0]
            for line in during
        }
        # each kind of error at most once per 5 s interval (and its count), not ~130 a second
        assert len(during) <= 4 * len(kinds), "\n".join(during)
        assert not any("Traceback" in line for line in during)

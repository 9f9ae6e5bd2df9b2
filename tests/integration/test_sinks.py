"""Alert sinks against the real broker and worker: webhooks, redelivery, failures, silences, metrics.

The webhook receiver is a real aiohttp server on 127.0.0.1 in the test process;
the worker posts to it over loopback.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web
from aiokafka import AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

from connectors.files import read_paths
from streams.cli.client import read_topic, replay
from streams.core.model import Alert
from streams.topics import client_options

pytestmark = pytest.mark.integration

SEED_OUTLET = "seeds.example"


# -- helpers (shared with test_dashboard.py) -----------------------------------------------


@dataclass
class Hook:
    """A loopback webhook receiver: answers ``statuses`` in turn, then 200; keeps every request."""

    url: str = ""
    statuses: list[int] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def sink(self, fmt: str) -> str:
        """The receiver's name in metric labels (format@host:port)."""
        return f"{fmt}@127.0.0.1:{self.port}"

    def accepted(self, path: str | None = None) -> list[dict[str, Any]]:
        return [
            r for r in self.requests if r["status"] < 300 and (path is None or r["path"] == path)
        ]


async def start_hook(statuses: list[int] | None = None) -> tuple[Hook, web.AppRunner]:
    hook = Hook(statuses=list(statuses or []))

    async def handle(request: web.Request) -> web.Response:
        status = hook.statuses.pop(0) if hook.statuses else 200
        raw = await request.read()
        hook.requests.append(
            {
                "status": status,
                "path": request.path,
                "headers": dict(request.headers),
                "body": json.loads(raw),
            }
        )
        return web.Response(status=status, text="ok" if status < 300 else "nope")

    app = web.Application()
    app.router.add_post("/{tail:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]  # noqa: SLF001 - aiohttp tells the bound port only there
    hook.url = f"http://127.0.0.1:{port}"
    return hook, runner


@pytest.fixture
async def make_hook() -> AsyncIterator[Callable[..., Any]]:
    runners: list[web.AppRunner] = []

    async def make(statuses: list[int] | None = None) -> Hook:
        hook, runner = await start_hook(statuses)
        runners.append(runner)
        return hook

    yield make
    for runner in runners:
        await runner.cleanup()


async def wait_until(predicate: Callable[[], Any], timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(message)


async def wait_for_web(port: int, pipeline: Any, timeout: float = 60.0) -> None:
    async def up() -> bool:
        try:
            async with httpx.AsyncClient(timeout=1.0) as client:
                return (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
        except httpx.HTTPError:
            return False

    await wait_until(up, timeout, f"worker web server not up\n{pipeline.worker_log()[-3000:]}")


async def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """``GET /metrics`` parsed: (sample name, sorted labels) → value."""
    async with httpx.AsyncClient(timeout=5.0) as client:
        response = await client.get(f"http://127.0.0.1:{port}/metrics")
    response.raise_for_status()
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def metric(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def seeds_with_outlet(seeds_dir: Path, tmp: Path, outlet: str = SEED_OUTLET) -> Path:
    """The seed articles as JSON lines with a publisher, so silences can name the outlet."""
    path = tmp / "seeds.jsonl"
    lines = [
        json.dumps(
            {"id": p.stem, "text": p.read_text(encoding="utf-8"), "source": outlet},
            ensure_ascii=False,
        )
        for p in sorted(seeds_dir.glob("*.txt"))
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def redeliver_alerts(settings: Any, url: str) -> int:
    """Produce every message of the alert topic again, same key, value and headers."""
    messages = await read_topic(settings, url, settings.topic_alerts)
    producer = AIOKafkaProducer(**client_options(settings, url))
    await producer.start()
    try:
        for m in messages:
            await producer.send_and_wait(
                settings.topic_alerts,
                key=m.key,
                value=m.value,
                headers=list(m.headers.items()),
                partition=m.partition,
            )
    finally:
        await producer.stop()
    return len(messages)


def the_80_vs_62(alerts: list[Alert]) -> list[Alert]:
    def figures(a: Alert) -> set[tuple[str, int]]:
        return {(c.metric, c.min) for c in (a.new, *a.conflicts_with)}

    return [a for a in alerts if {("killed", 80), ("killed", 62)} <= figures(a)]


def cli_env(pipeline: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    return {**env, **pipeline.env, "RAQIB_BROKER": pipeline.broker.url}


# -- tests -----------------------------------------------------------------------------------


async def test_each_alert_is_posted_once_per_receiver_despite_replays_redelivery_and_restart(
    make_pipeline, make_hook, seeds_dir
):
    hook = await make_hook()
    pipeline = make_pipeline(
        RAQIB_WEBHOOK_URL=f"json+{hook.url}/json;slack+{hook.url}/slack;teams+{hook.url}/teams",
        RAQIB_DASHBOARD_URL="https://raqib.example",
        RAQIB_GROUP_INTERVAL="0",  # one alert per post (grouping: tests/integration/test_deliveries.py)
    )
    settings, url = pipeline.settings, pipeline.broker.url
    pipeline.start_worker()
    first = await replay(
        settings, url, read_paths([seeds_dir]), idle_timeout=90, alive=pipeline.alive
    )
    assert not first.missing, pipeline.worker_log()
    assert the_80_vs_62(first.alerts), [a.summary for a in first.alerts]
    ids = {a.id for a in first.alerts}
    paths = ("/json", "/slack", "/teams")
    await wait_until(
        lambda: all(len(hook.accepted(p)) >= len(ids) for p in paths),
        60,
        f"not every alert posted: {[(r['path'], r['status']) for r in hook.requests]}\n"
        + pipeline.worker_log()[-3000:],
    )

    await replay(settings, url, read_paths([seeds_dir]), idle_timeout=90, alive=pipeline.alive)
    port = pipeline.web_ports[0]
    before = await scrape(port)
    produced = await redeliver_alerts(settings, url)
    assert produced >= len(ids)

    async def duplicates_seen() -> bool:
        now = await scrape(port)
        labels = {"sink": hook.sink("json"), "outcome": "duplicate"}
        seen = metric(now, "raqib_sink_deliveries_total", **labels)
        return seen >= metric(before, "raqib_sink_deliveries_total", **labels) + produced

    await wait_until(duplicates_seen, 60, "the redelivered alerts were not read")

    pipeline.stop()  # a restart: the delivery store on disk must remember what was posted
    pipeline.workers[0] = pipeline.spawn_again(0)
    await wait_for_web(port, pipeline)
    await redeliver_alerts(settings, url)
    await wait_until(
        lambda: _sink_started(pipeline), 60, "the restarted worker did not start its sinks"
    )
    await asyncio.sleep(5)

    for path in paths:
        got = [r["headers"]["Idempotency-Key"] for r in hook.accepted(path)]
        assert sorted(got) == sorted(ids), (path, got)
    for r in hook.accepted("/json"):
        alert = Alert.from_json(r["body"])
        assert alert.to_json() == {k: r["body"][k] for k in alert.to_json()}
        assert r["headers"]["ce-id"] == alert.id and r["headers"]["ce-specversion"] == "1.0"
    for r in hook.accepted("/slack"):
        assert r["body"]["text"] and 0 < len(r["body"]["blocks"]) <= 50
        assert "https://raqib.example/events/" in json.dumps(r["body"])
    for r in hook.accepted("/teams"):
        (attachment,) = r["body"]["attachments"]
        assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
        assert attachment["content"]["type"] == "AdaptiveCard"
    assert all("raqib" in r["headers"]["User-Agent"] for r in hook.requests)


def _sink_started(pipeline: Any) -> bool:
    return pipeline.worker_log().count("alert sinks:") >= 2


async def test_a_receiver_failing_then_recovering_gets_each_alert_once_and_failures_are_counted(
    make_pipeline, make_hook, seeds_dir
):
    hook = await make_hook([500])
    pipeline = make_pipeline(
        RAQIB_WEBHOOK_URL=f"json+{hook.url}/hook", RAQIB_GROUP_INTERVAL="0",
        RAQIB_DELIVERY_BACKOFF="0.2",
    )  # fmt: skip
    settings, url = pipeline.settings, pipeline.broker.url
    pipeline.start_worker()
    result = await replay(
        settings, url, read_paths([seeds_dir]), idle_timeout=90, alive=pipeline.alive
    )
    assert not result.missing and result.alerts, pipeline.worker_log()
    ids = sorted(a.id for a in result.alerts)
    await wait_until(lambda: len(hook.accepted()) >= len(ids), 60, pipeline.worker_log()[-3000:])
    await asyncio.sleep(2)
    assert hook.requests[0]["status"] == 500
    assert sorted(r["headers"]["Idempotency-Key"] for r in hook.accepted()) == ids
    assert len(hook.requests) == len(ids) + 1
    samples = await scrape(pipeline.web_ports[0])
    name = hook.sink("json")
    assert metric(samples, "raqib_sink_failures_total", sink=name) == 1
    assert metric(samples, "raqib_sink_deliveries_total", sink=name, outcome="delivered") == len(
        ids
    )
    assert "not retried" not in pipeline.worker_log()
    assert "failed (attempt 1)" in pipeline.worker_log()


async def test_a_receiver_that_is_down_never_stops_the_pipeline(make_pipeline, seeds_dir):
    from streams.cli.broker import free_port

    dead_port = free_port()
    dead = f"http://127.0.0.1:{dead_port}/nobody"
    pipeline = make_pipeline(RAQIB_WEBHOOK_URL=dead, RAQIB_WEBHOOK_FORMAT="slack")
    pipeline.start_worker()
    result = await replay(
        pipeline.settings, pipeline.broker.url, read_paths([seeds_dir]), idle_timeout=90,
        alive=pipeline.alive,
    )  # fmt: skip
    assert not result.missing and the_80_vs_62(result.alerts)
    samples = await scrape(pipeline.web_ports[0])
    await wait_until(
        lambda: "failed (attempt" in pipeline.worker_log(), 30, "the failure was not logged"
    )
    samples = await scrape(pipeline.web_ports[0])
    assert (
        metric(
            samples,
            "raqib_sink_failures_total",
            sink=f"slack@127.0.0.1:{dead_port}",
        )
        >= 1
    )
    assert "nobody" not in pipeline.worker_log(), "webhook URLs are secrets: never logged"


async def test_a_silenced_source_is_recorded_on_the_topic_but_not_posted(
    make_pipeline, make_hook, seeds_dir, tmp_path
):
    hook = await make_hook()
    pipeline = make_pipeline(RAQIB_WEBHOOK_URL=f"json+{hook.url}/hook")
    env = cli_env(pipeline)
    cli = [sys.executable, "-m", "streams.cli", "silence"]
    made = subprocess.run(
        [*cli, SEED_OUTLET, "--kind", "source", "--for", "1h", "--comment", "test", "--jsonl"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    silence_id = json.loads(made.stdout)["id"]
    listed = subprocess.run([*cli, "--list"], env=env, capture_output=True, text=True, timeout=60)
    assert silence_id in listed.stdout and SEED_OUTLET in listed.stdout

    pipeline.start_worker()
    result = await replay(
        pipeline.settings, pipeline.broker.url, [*read_paths([seeds_with_outlet(seeds_dir, tmp_path)])],
        idle_timeout=90, alive=pipeline.alive,
    )  # fmt: skip
    assert not result.missing and the_80_vs_62(result.alerts), pipeline.worker_log()[-3000:]
    on_topic = await read_topic(
        pipeline.settings, pipeline.broker.url, pipeline.settings.topic_alerts
    )
    assert {m.headers["ce_id"].decode() for m in on_topic} >= {a.id for a in result.alerts}
    port = pipeline.web_ports[0]

    async def recorded() -> bool:
        async with httpx.AsyncClient() as client:
            entries = (await client.get(f"http://127.0.0.1:{port}/api/alerts")).json()["alerts"]
        return len(entries) >= len(result.alerts) and all(e["silenced"] for e in entries)

    await wait_until(recorded, 30, "muted alerts missing from /api/alerts")
    await asyncio.sleep(2)
    assert hook.requests == []
    watch = [sys.executable, "-m", "streams.cli", "watch", "--from-beginning", "--idle", "5"]
    watched = subprocess.run(watch, env=env, capture_output=True, text=True, timeout=90)
    assert watched.returncode == 0, watched.stderr
    assert watched.stdout.count("MUTED ALERT") == len(result.alerts), watched.stdout
    assert f"muted by silence {silence_id}" in watched.stdout

    removed = subprocess.run(
        [*cli, "--remove", silence_id], env=env, capture_output=True, text=True, timeout=60
    )
    assert removed.returncode == 0, removed.stderr
    listed = subprocess.run([*cli, "--list"], env=env, capture_output=True, text=True, timeout=60)
    assert silence_id not in listed.stdout


async def test_metrics_counters_move_when_articles_are_replayed(make_pipeline, seeds_dir):
    pipeline = make_pipeline()
    pipeline.start_worker()
    port = pipeline.web_ports[0]
    await wait_for_web(port, pipeline)
    before = await scrape(port)
    result = await replay(
        pipeline.settings, pipeline.broker.url, read_paths([seeds_dir]), idle_timeout=90,
        alive=pipeline.alive,
    )  # fmt: skip
    assert not result.missing and result.alerts
    await asyncio.sleep(6)  # one consumer-lag tick
    after = await scrape(port)
    grew = lambda name, **labels: metric(after, name, **labels) - metric(before, name, **labels)  # noqa: E731
    assert grew("raqib_articles_ingested_total") == 2
    assert grew("raqib_claims_extracted_total") == len(result.claims) > 0
    assert sum(
        grew("raqib_alerts_fired_total", severity=s) for s in ("low", "medium", "high")
    ) == len(result.alerts)
    assert metric(after, "raqib_events_open") >= 1
    assert grew("raqib_extract_seconds_count") == 2
    lag_topics = {dict(labels)["topic"] for name, labels in after if name == "raqib_consumer_lag"}
    assert pipeline.settings.topic_articles in lag_topics
    assert metric(after, "raqib_consumer_lag", topic=pipeline.settings.topic_articles) == 0


async def test_watch_prints_each_alert_once_even_when_redelivered(make_pipeline, seeds_dir):
    pipeline = make_pipeline()
    pipeline.start_worker()
    settings, url = pipeline.settings, pipeline.broker.url
    result = await replay(
        settings, url, read_paths([seeds_dir]), idle_timeout=90, alive=pipeline.alive
    )
    assert result.alerts
    await redeliver_alerts(settings, url)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "streams.cli", "watch", "--jsonl", "--from-beginning", "--idle", "5",
        env=cli_env(pipeline), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), 90)
    assert proc.returncode == 0, err.decode()[-2000:]
    printed = [json.loads(line) for line in out.decode().splitlines()]
    assert sorted(p["id"] for p in printed) == sorted(a.id for a in result.alerts)
    assert all(p["type"] == "alert" and "conflicts_with" in p for p in printed)

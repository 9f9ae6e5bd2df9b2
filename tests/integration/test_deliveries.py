"""Webhook deliveries as an operator meets them: nothing lost, nothing repeated, no storm.

Real processes and real HTTP on loopback: `raqib replay` as a user runs it, a worker
against the session's broker, and aiohttp receivers in the test process. Delays are made
short through settings (backoff, horizon, group interval) so each test takes seconds; the
defaults (1 s first retry, 5 min cap, 24 h horizon, 5 min group interval) are the
README's.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from connectors.files import read_paths
from streams.cli.broker import free_port
from streams.cli.client import replay
from streams.core.model import Article
from streams.sinks.store import GROUP_LIMIT
from tests.integration.test_sinks import metric, scrape, wait_for_web, wait_until

pytestmark = pytest.mark.integration


class Receiver:
    """A JSON webhook receiver on a fixed loopback port that can be taken down and back up."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.requests: list[dict[str, Any]] = []
        self._runner: web.AppRunner | None = None

    async def up(self) -> None:
        async def handle(request: web.Request) -> web.Response:
            self.requests.append(
                {"headers": dict(request.headers), "body": json.loads(await request.read())}
            )
            return web.Response(text="ok")

        app = web.Application()
        app.router.add_post("/{tail:.*}", handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True).start()

    async def down(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def alert_ids(self) -> list[str]:
        """The alert ids of every accepted notification: one alert, or a group's list."""
        ids: list[str] = []
        for r in self.requests:
            body = r["body"]
            ids += (
                [a["id"] for a in body["alerts"]]
                if body.get("type") == "alert_group"
                else [body["id"]]
            )
        return ids


@pytest.fixture
async def make_receiver():
    made: list[Receiver] = []

    async def make(*, started: bool = True) -> Receiver:
        receiver = Receiver(free_port())
        if started:
            await receiver.up()
        made.append(receiver)
        return receiver

    yield make
    for receiver in made:
        await receiver.down()


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    return {**env, **extra}


async def _raqib(env: dict[str, str], *args: str, timeout: float = 180) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "streams.cli", *args,
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    return int(proc.returncode or 0), out.decode(), err.decode()


async def test_six_replays_of_the_seeds_post_each_alert_exactly_once(
    make_receiver, seeds_dir, tmp_path
):
    receiver = await make_receiver()
    env = _clean_env(
        RAQIB_DATA_DIR=str(tmp_path / "deployment"),
        RAQIB_WEBHOOK_URL=f"json+{receiver.url}/hook",
        RAQIB_GROUP_INTERVAL="0",
    )
    raised: set[str] = set()
    for run in range(6):
        code, out, err = await _raqib(env, "replay", str(seeds_dir), "--jsonl")
        assert code == 0, f"replay {run + 1}: {err[-2000:]}"
        raised |= {
            line["id"] for line in map(json.loads, out.splitlines()) if line["type"] == "alert"
        }
    assert raised
    posted = Counter(receiver.alert_ids())
    assert set(posted) == raised, "every alert raised reached the receiver"
    assert [a for a, n in posted.items() if n > 1] == [], "no alert posted twice"


async def test_a_receiver_down_then_back_gets_every_alert_once_and_the_outbox_shows_it(
    make_pipeline, make_receiver, seeds_dir
):
    receiver = await make_receiver(started=False)
    pipeline = make_pipeline(
        RAQIB_WEBHOOK_URL=f"json+{receiver.url}/hook",
        RAQIB_GROUP_INTERVAL="0",
        RAQIB_DELIVERY_BACKOFF="0.2",
        RAQIB_DELIVERY_BACKOFF_CAP="2",
        RAQIB_DELIVERY_HORIZON="120",
    )
    store = pipeline.tmp / "deliveries.sqlite"
    pipeline.start_worker(RAQIB_DELIVERY_STORE=str(store))
    port = pipeline.web_ports[0]
    result = await pipeline.replay([seeds_dir])
    assert not result.missing and result.alerts, pipeline.worker_log()[-3000:]
    ids = sorted(a.id for a in result.alerts)
    sink = f"json@127.0.0.1:{receiver.port}"

    async def all_pending() -> bool:
        return metric(await scrape(port), "raqib_deliveries_pending", sink=sink) == len(ids)

    await wait_until(all_pending, 30, "the undelivered alerts are not pending")
    await asyncio.sleep(20)  # longer than the old policy's whole retry budget (~16 s)
    samples = await scrape(port)
    assert metric(samples, "raqib_deliveries_pending", sink=sink) == len(ids)
    assert metric(samples, "raqib_deliveries_oldest_pending_seconds", sink=sink) > 10
    assert metric(samples, "raqib_deliveries_failed_total", sink=sink) == 0
    env = _clean_env(**pipeline.env, RAQIB_DELIVERY_STORE=str(store))
    code, listed, err = await _raqib(env, "deliveries", "list", "--jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in listed.splitlines()]
    assert sorted(r["alert"] for r in rows if r["status"] == "pending") == ids
    assert {r["sink"] for r in rows} == {sink}
    tried = [r for r in rows if r["attempts"]]
    assert tried and all(r["attempts"] >= 2 and r["error"] for r in tried), (
        "the receiver is retried (oldest first), not given up"
    )

    await receiver.up()
    await wait_until(lambda: len(receiver.requests) >= len(ids), 30, pipeline.worker_log()[-3000:])
    await asyncio.sleep(3)
    assert sorted(receiver.alert_ids()) == ids, "each alert once, none lost"
    assert metric(await scrape(port), "raqib_deliveries_pending", sink=sink) == 0


def _burst(tmp: Path, reports: int) -> Path:
    """``reports`` reports of one air strike, each from an outlet's unnamed medical source
    with a higher toll than the last: every report after the first contradicts the others.
    """
    lines = []
    for n in range(reports):
        text = (
            f"قتل {30 + 7 * n} شخصا في قصف جوي استهدف سوقا شعبية في مدينة معرة النعمان "
            "بريف إدلب يوم الثلاثاء، حسبما أفاد مصدر طبي. وقال المصدر إن فرق الدفاع المدني "
            "ما زالت تبحث عن ناجين تحت الأنقاض."
        )
        article = Article(
            id=f"burst-{n:02d}", text=text, source=f"outlet{n:02d}.example",
            url=f"https://outlet{n:02d}.example/news/{n}", published=f"2026-03-03T08:{n:02d}:00Z",
        )  # fmt: skip
        lines.append(json.dumps(article.to_json(), ensure_ascii=False))
    path = tmp / "burst.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_a_burst_of_20_reports_of_one_incident_is_one_notification_then_one_update_per_interval(
    make_pipeline, make_receiver, tmp_path
):
    receiver = await make_receiver()
    pipeline = make_pipeline(
        # an interval longer than the replay takes on a loaded machine: one update
        RAQIB_WEBHOOK_URL=f"json+{receiver.url}/hook",
        RAQIB_GROUP_INTERVAL="40",
    )
    pipeline.start_worker()
    await wait_for_web(pipeline.web_ports[0], pipeline)
    result = await replay(
        pipeline.settings, pipeline.broker.url, read_paths([_burst(tmp_path, 20)]),
        idle_timeout=90, alive=pipeline.alive,
    )  # fmt: skip
    assert not result.missing, pipeline.worker_log()[-3000:]
    assert len({a.event for a in result.alerts}) == 1 and len(result.alerts) >= 10
    # every pair of disagreeing voices is an alert on the topic (20 tolls: 190); the
    # receiver gets the first at once, the rest as the interval's update, cut only by the
    # size cap of one notification
    await wait_until(
        lambda: sorted(receiver.alert_ids()) == sorted(a.id for a in result.alerts),
        90,
        pipeline.worker_log()[-3000:],
    )
    await asyncio.sleep(2)
    first, *updates = (r["body"] for r in receiver.requests)
    assert first["type"] == "alert", "the first alert of the incident goes out at once, alone"
    assert len(updates) == math.ceil((len(result.alerts) - 1) / GROUP_LIMIT)
    assert all(u["type"] == "alert_group" and u["event"] == first["event"] for u in updates)
    assert sorted(receiver.alert_ids()) == sorted(a.id for a in result.alerts)
    update = updates[0]
    headers = receiver.requests[1]["headers"]
    assert headers["ce-type"] == "org.raqib.contradiction.group.v1" and headers["ce-time"]
    assert headers["Idempotency-Key"] == update["id"] == headers["ce-id"]

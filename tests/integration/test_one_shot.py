"""One-shot commands never lose or repeat work: ``poll --once`` marks an article seen only once
the pipeline took it, a replay that started its own worker lets it post its alerts before
stopping it, and a command that could not do what was asked says so and exits non-zero."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from .test_fail_loudly import raqib, raqib_env

pytestmark = pytest.mark.integration


@dataclass
class Site:
    """A loopback outlet (an RSS feed of the two seed pages) and a slow JSON webhook."""

    base: str = ""
    posted: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 0.0

    def feeds_file(self, path: Path) -> Path:
        path.write_text(
            f'[[feeds]]\nurl = "{self.base}/feed.xml"\nname = "loopback-outlet"\nlang = "ar"\n'
            'interval = "1m"\ninternal = true\n'
        )
        return path

    @property
    def webhook(self) -> str:
        return f"json+{self.base}/hook"

    def alerts(self) -> list[dict]:
        """The alerts posted, alone or in an incident's update."""
        return [
            alert
            for post in self.posted
            for alert in (post["alerts"] if post.get("type") == "alert_group" else [post])
        ]

    def alerts_posted(self) -> set[str]:
        """The ids of the alerts posted."""
        return {alert["id"] for alert in self.alerts()}


@pytest.fixture
async def site(fixtures_dir: Path) -> AsyncIterator[Site]:
    state = Site()

    async def feed(request: web.Request) -> web.Response:
        body = (fixtures_dir / "feeds" / "rss2.xml").read_text().replace("{{BASE}}", state.base)
        return web.Response(text=body, content_type="application/rss+xml")

    async def page(request: web.Request) -> web.Response:
        raw = (fixtures_dir / "pages" / request.match_info["name"]).read_bytes()
        return web.Response(body=raw, content_type="text/html")

    async def hook(request: web.Request) -> web.Response:
        await asyncio.sleep(state.delay)  # a receiver that takes its time
        state.posted.append(json.loads(await request.read()))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/pages/{name}", page)
    app.router.add_post("/hook", hook)
    async with serve(app) as address:
        state.base = f"http://{address}"
        yield state


@contextlib.asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """``app`` served on a free loopback port for the duration; yields ``host:port``."""
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"{host}:{port}"
    finally:
        await runner.cleanup()


async def raqib_async(
    *args: str, env: dict[str, str], timeout: float = 240
) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "streams.cli", *args, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def start_async(*args: str, env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "streams.cli", *args, env=env, stdout=out, stderr=out
        )


async def stop_async(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            proc.kill()
            await proc.wait()


async def test_poll_once_without_a_worker_marks_nothing_seen_and_says_so(site, tmp_path):
    env = raqib_env(tmp_path, RAQIB_POLL_PROGRESS_TIMEOUT="5", RAQIB_PARTITIONS="2")
    feeds = site.feeds_file(tmp_path / "feeds.toml")
    broker = await start_async("broker", env=env, log=tmp_path / "broker.log")
    worker = None
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "state" / "broker.json").exists() and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        code, out, err = await raqib_async("poll", "--once", "--jsonl", str(feeds), env=env)
        assert code == 3, err
        assert "not processed" in err and "is a worker running?" in err
        assert out == ""  # nothing announced as ingested

        worker = await start_async("worker", env=env, log=tmp_path / "worker.log")
        env_later = {**env, "RAQIB_POLL_PROGRESS_TIMEOUT": "180"}
        code, out, err = await raqib_async("poll", "--once", "--jsonl", str(feeds), env=env_later)
        assert code == 0, err + (tmp_path / "worker.log").read_text()[-3000:]
        assert len(out.splitlines()) == 2  # the two articles the first poll did not hand over
    finally:
        for proc in (worker, broker):
            if proc is not None:
                await stop_async(proc)


async def test_poll_once_with_no_broker_runs_the_pipeline_until_its_alerts_are_posted(
    site, tmp_path
):
    site.delay = 1.0
    env = raqib_env(tmp_path, RAQIB_WEBHOOK_URL=site.webhook, RAQIB_PARTITIONS="2")
    feeds = site.feeds_file(tmp_path / "feeds.toml")
    code, out, err = await raqib_async("poll", "--once", "--jsonl", str(feeds), env=env)
    assert code == 0, err
    assert len(out.splitlines()) == 2
    posted = site.alerts()
    figures = [{(c["metric"], c["min"]) for c in (p["new"], *p["conflicts_with"])} for p in posted]
    assert any({("killed", 80), ("killed", 62)} <= f for f in figures), err

    again, out, err = await raqib_async("poll", "--once", "--jsonl", str(feeds), env=env)
    assert again == 0 and out == "", err  # seen: nothing sent twice
    assert len(site.alerts()) == len(posted)


async def test_a_standalone_replay_stops_its_worker_only_once_its_alerts_are_posted(
    site, seeds_dir, tmp_path
):
    site.delay = 1.0
    env = raqib_env(tmp_path, RAQIB_WEBHOOK_URL=site.webhook, RAQIB_PARTITIONS="2")
    code, out, err = await raqib_async("replay", "--jsonl", str(seeds_dir), env=env)
    assert code == 0, err
    alerts = {json.loads(line)["id"] for line in out.splitlines() if '"type": "alert"' in line}
    assert alerts
    assert site.alerts_posted() == alerts

    code, out, err = await raqib_async("replay", "--jsonl", str(seeds_dir), env=env)
    assert code == 0, err
    again = {json.loads(line)["id"] for line in out.splitlines() if '"type": "alert"' in line}
    assert site.alerts_posted() == alerts | again
    ids = [alert["id"] for alert in site.alerts()]
    assert len(ids) == len(set(ids)), "an alert already posted was posted again"


@pytest.mark.parametrize(
    "args", [["silence", "sy-0123456789ab", "--for", "1h"], ["silence", "--list"], ["watch"]]
)
def test_commands_that_need_a_broker_refuse_when_there_is_none(args, tmp_path):
    env = raqib_env(tmp_path)
    done = raqib(*args, env=env, timeout=60)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "no broker" in done.stderr
    assert "silenced:" not in done.stdout
    assert not (tmp_path / "state" / "broker.json").exists()


def test_raqib_version():
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "--version"],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith("raqib ")

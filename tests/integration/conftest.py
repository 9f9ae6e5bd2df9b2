"""The real embedded broker, started once per session, and workers per test.

These tests never skip: the broker is part of the install, so a missing or
broken broker is a failure. Each test gets its own topic prefix and app id
(uuid) so tests never see each other's messages or consumer groups.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from connectors.base import Rejected
from connectors.files import read_paths
from streams.cli.broker import EmbeddedBroker, free_port
from streams.cli.client import ReplayResult, replay
from streams.cli.worker import spawn_worker, stop_process
from streams.core.model import Article
from streams.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    log_path = tmp_path_factory.mktemp("broker") / "tansu.log"
    with EmbeddedBroker(log_path=log_path) as running:
        yield running


@dataclass
class Pipeline:
    """One isolated raqib deployment on the shared broker: settings plus its workers."""

    broker: EmbeddedBroker
    settings: Settings
    env: dict[str, str]
    tmp: Path
    workers: list[subprocess.Popen] = field(default_factory=list)
    web_ports: list[int] = field(default_factory=list)

    def start_worker(self, **extra_env: str) -> subprocess.Popen:
        index = len(self.workers)
        port = free_port()
        self.web_ports.append(port)
        proc = self._spawn(index, port, extra_env)
        self.workers.append(proc)
        return proc

    def spawn_again(self, index: int, **extra_env: str) -> subprocess.Popen:
        """Start worker ``index`` again with its data dir and web port (after a crash)."""
        return self._spawn(index, self.web_ports[index], extra_env)

    def _spawn(self, index: int, port: int, extra_env: dict[str, str]) -> subprocess.Popen:
        return spawn_worker(
            self.broker.url,
            web_port=port,
            data_dir=self.tmp / f"worker-{index}",
            log_path=self.tmp / f"worker-{index}.log",
            extra_env={**self.env, **extra_env},
        )

    def worker_log(self, index: int = 0) -> str:
        path = self.tmp / f"worker-{index}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    async def replay(self, paths: list[Path], **options: Any) -> ReplayResult:
        """Replay files through this deployment (see :func:`streams.cli.client.replay`)."""
        options.setdefault("idle_timeout", 90)
        return await replay(
            self.settings, self.broker.url, read_paths(paths), alive=self.alive, **options
        )

    async def replay_items(self, items: list[Article | Rejected], **options: Any) -> ReplayResult:
        """Replay articles (or rejections) through this deployment."""
        options.setdefault("idle_timeout", 90)
        return await replay(self.settings, self.broker.url, items, alive=self.alive, **options)

    def alive(self) -> bool:
        """True while every worker started runs (replays stop waiting when one dies)."""
        return all(proc.poll() is None for proc in self.workers)

    def stop(self) -> None:
        for proc in self.workers:
            stop_process(proc)


@pytest.fixture
def make_pipeline(broker: EmbeddedBroker, tmp_path: Path) -> Iterator[Callable[..., Pipeline]]:
    created: list[Pipeline] = []

    def make(**overrides: str) -> Pipeline:
        name = uuid.uuid4().hex[:10]
        env = {
            "RAQIB_APP_ID": f"raqib-test-{name}",
            "RAQIB_TOPIC_PREFIX": f"test.{name}.",
            "RAQIB_PARTITIONS": "2",
            **overrides,
        }
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            settings = Settings(broker=broker.url)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        pipeline = Pipeline(broker=broker, settings=settings, env=env, tmp=tmp_path / name)
        pipeline.tmp.mkdir(parents=True)
        created.append(pipeline)
        return pipeline

    yield make
    for pipeline in created:
        pipeline.stop()


@contextlib.asynccontextmanager
async def serving(app: web.Application, state: dict[str, str]) -> AsyncIterator[str]:
    """``app`` served on a free loopback port; its base URL in ``state["base"]`` and yielded."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - aiohttp tells the bound port only there
    state["base"] = f"http://127.0.0.1:{port}"
    try:
        yield state["base"]
    finally:
        await runner.cleanup()


def wait_for(predicate: Callable[[], bool], timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(message)

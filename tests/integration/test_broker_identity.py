"""No state outlives its broker: a worker restarted against a restarted embedded broker
discards the tables it built against the old one (an embedded broker keeps nothing), so a
replay raises its alerts again and the dashboard shows no event of the old broker."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from streams.cli.broker import free_port

from .test_fail_loudly import raqib, raqib_env

pytestmark = pytest.mark.integration


def start(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "streams.cli", *args], env=env, stdout=out, stderr=out
        )


def get_json(port: int, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=3) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def wait_ready(port: int, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if get_json(port, "/healthz/ready")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"worker not ready\n{log.read_text()[-3000:]}")


def wait_broker(state: Path, proc: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if (state / "broker.json").exists():
            return
        time.sleep(0.1)
    raise AssertionError(f"broker not up\n{log.read_text()}")


def alerts_of(replayed: subprocess.CompletedProcess) -> set[str]:
    assert replayed.returncode == 0, replayed.stderr
    lines = [json.loads(line) for line in replayed.stdout.splitlines()]
    return {line["id"] for line in lines if line["type"] == "alert"}


def test_a_restarted_embedded_broker_means_rebuilt_tables(seeds_dir, tmp_path):
    env = raqib_env(
        tmp_path,
        RAQIB_BROKER_PORT=str(free_port()),
        RAQIB_HEALTH_INTERVAL="1",
        RAQIB_PARTITIONS="2",
    )
    state, web = tmp_path / "state", int(env["RAQIB_WEB_PORT"])
    running: list[subprocess.Popen] = []

    def up() -> tuple[subprocess.Popen, subprocess.Popen]:
        broker = start("broker", env=env, log=tmp_path / "broker.log")
        running.append(broker)
        wait_broker(state, broker, tmp_path / "broker.log")
        worker = start("worker", env=env, log=tmp_path / "worker.log")
        running.append(worker)
        wait_ready(web, worker, tmp_path / "worker.log")
        return broker, worker

    def down(broker: subprocess.Popen, worker: subprocess.Popen) -> None:
        for proc in (worker, broker):
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)

    try:
        broker, worker = up()
        first = alerts_of(raqib("replay", str(seeds_dir), "--jsonl", env=env, timeout=180))
        assert first
        assert get_json(web, "/api/events")[1]["events"]
        down(broker, worker)

        broker, worker = up()
        assert get_json(web, "/api/events")[1]["events"] == [], "events of the old broker"
        assert "discarding the tables" in (tmp_path / "worker.log").read_text()
        again = alerts_of(raqib("replay", str(seeds_dir), "--jsonl", env=env, timeout=180))
        assert again == first
        down(broker, worker)
    finally:
        for proc in running:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)

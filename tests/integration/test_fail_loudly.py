"""Fail loudly: a command that cannot run says why and exits non-zero before it starts
anything; a worker that dies is reported with its own error; nothing a command started
outlives it, even when it is killed with SIGKILL; what an earlier command left behind is
found and stopped."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from streams.cli.broker import EmbeddedBroker, free_port, running_embedded
from streams.cli.processes import ProcessRef, port_is_free

from .test_cli_run import _alive, _read_until, running_run

pytestmark = pytest.mark.integration


def raqib_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    env["RAQIB_DATA_DIR"] = str(tmp_path / "state")
    env["RAQIB_WEB_PORT"] = str(free_port())
    env.update(extra)
    return env


def raqib(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wait_gone(pids: list[int], timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def test_raqib_run_with_its_web_port_taken_says_so_and_starts_nothing(seeds_dir, tmp_path):
    env = raqib_env(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", int(env["RAQIB_WEB_PORT"])))
        taken.listen()
        done = raqib("run", str(seeds_dir), env=env)
    assert done.returncode == 4, done.stdout + done.stderr
    assert f"RAQIB_WEB_PORT {env['RAQIB_WEB_PORT']}" in done.stderr
    assert f"pid {os.getpid()}" in done.stderr  # who holds it
    assert "dashboard at" not in done.stdout
    assert running_embedded(tmp_path / "state") is None


@pytest.mark.parametrize("command", ["run", "worker", "replay"])
def test_a_malformed_webhook_url_is_refused_before_anything_starts(command, seeds_dir, tmp_path):
    env = raqib_env(tmp_path, RAQIB_WEBHOOK_URL="hooks.slack.com/services/T0/B0/x")
    args = [command] + ([str(seeds_dir)] if command != "worker" else [])
    done = raqib(*args, env=env, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "RAQIB_WEBHOOK_URL entry 1 is not an http(s) URL" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "state" / "worker.log").exists()


@pytest.mark.parametrize(
    "victim, said", [("worker", "the worker"), ("broker", "the embedded broker")]
)
def test_raqib_run_reports_what_died_with_its_error_and_exits_non_zero(
    victim, said, seeds_dir, tmp_path
):
    with running_run(seeds_dir, raqib_env(tmp_path)) as (proc, started):
        state = json.loads((tmp_path / "state" / "broker.json").read_text())
        pid = state["workers"][0]["pid"] if victim == "worker" else state["broker"]["pid"]
        os.kill(pid, signal.SIGKILL)  # the OOM killer, say
        rest = _read_until(proc, "killed by SIGKILL", timeout=30)
        assert proc.wait(30) == 4, rest
        assert f"raqib: error: {said} was killed by SIGKILL" in rest
        assert "the last lines of its log" in rest
        assert "Watching" not in rest
        assert not wait_gone(started, 20), "a process outlived the run"


def test_a_sigkilled_raqib_run_leaves_no_process_holding_its_ports(seeds_dir, tmp_path):
    env = raqib_env(tmp_path)
    with running_run(seeds_dir, env) as (proc, started):
        assert len(started) >= 2, f"expected a broker and a worker, found {started}"
        url = json.loads((tmp_path / "state" / "broker.json").read_text())["url"]
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        left = wait_gone(started, 20)
        assert not left, f"left running after SIGKILL: {left}"
        assert port_is_free("127.0.0.1", int(env["RAQIB_WEB_PORT"]))
        assert port_is_free("127.0.0.1", int(url.rsplit(":", 1)[1]))


def test_a_broker_left_by_a_dead_command_is_stopped_not_reused(seeds_dir, tmp_path):
    state_dir = tmp_path / "state"
    state_dir.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    with EmbeddedBroker(log_path=tmp_path / "orphan.log") as orphan:  # no longer anyone's
        assert orphan.pid is not None
        (state_dir / "broker.json").write_text(
            json.dumps(
                {
                    "url": orphan.url,
                    "pid": dead.pid,
                    "owner": {"pid": dead.pid, "started": 1},
                    "broker": ProcessRef.of(orphan.pid).to_json(),
                    "workers": [],
                }
            )
        )
        done = raqib("replay", str(seeds_dir / "000_68668790cc261656.txt"), env=raqib_env(tmp_path))
        assert done.returncode == 0, done.stderr
        assert (
            f"stopped the broker (pid {orphan.pid}) left running by an earlier raqib command"
            in done.stderr
        )
        assert not ProcessRef.of(orphan.pid).alive()
        assert orphan.url not in done.stderr.split("stopped the broker")[0]
    assert not (state_dir / "broker.json").exists()

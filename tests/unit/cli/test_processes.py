"""Processes a command starts die with it, are recorded by pid and start time, and are
stopped by the next command when a dead one left them behind."""

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

from streams.cli.broker import EmbeddedBroker, reap_orphans, record_worker, write_state
from streams.cli.processes import (
    ProcessRef,
    child_options,
    describe_port_holder,
    port_is_free,
    who_listens,
)

PARENT = """
import subprocess, sys, time
from streams.cli.processes import child_options
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], **child_options())
print(child.pid, flush=True)
time.sleep(120)
"""


def _gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not ProcessRef(pid, None).alive():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_child_dies_when_its_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert ProcessRef.of(child).alive()
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert _gone(child), "the child outlived its SIGKILLed parent"
    finally:
        if parent.poll() is None:
            parent.kill()


def test_a_process_is_known_by_pid_and_start_time():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        ref = ProcessRef.of(proc.pid)
        assert ref.alive()
        assert not ProcessRef(proc.pid, (ref.started or 0) + 1).alive(), "a reused pid"
        assert ref.stop(timeout=5)
        assert not ref.alive()
    finally:
        proc.kill()
        proc.wait()


def test_who_holds_a_port_is_named():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)
        assert who_listens(port) == os.getpid()
        assert f"pid {os.getpid()}" in describe_port_holder(port)
    assert port_is_free("127.0.0.1", port)


class _Stub(EmbeddedBroker):
    """A 'broker' that is any process: the state file only needs its url and pid."""

    def __init__(self, proc: subprocess.Popen) -> None:
        super().__init__(port=1)
        self._proc = proc


def _sleeper() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], **child_options()
    )


def test_what_a_dead_command_left_running_is_stopped_and_forgotten(tmp_path: Path):
    broker, worker = _sleeper(), _sleeper()
    try:
        write_state(tmp_path, _Stub(broker))
        record_worker(tmp_path, worker.pid)
        state = json.loads((tmp_path / "broker.json").read_text())
        dead = subprocess.Popen(["true"])
        dead.wait()
        state["owner"] = {"pid": dead.pid, "started": 1}
        (tmp_path / "broker.json").write_text(json.dumps(state))

        done = reap_orphans(tmp_path)
        assert len(done) == 2 and "the broker" in done[0] and "the worker" in done[1]
        for proc in (broker, worker):
            proc.wait(10)
        assert not (tmp_path / "broker.json").exists()
    finally:
        for proc in (broker, worker):
            proc.kill()
            proc.wait()


def test_what_a_running_command_started_is_left_alone(tmp_path: Path):
    broker = _sleeper()
    try:
        write_state(tmp_path, _Stub(broker))  # owned by this (running) process
        assert reap_orphans(tmp_path) == []
        assert broker.poll() is None and (tmp_path / "broker.json").exists()
    finally:
        broker.kill()
        broker.wait()

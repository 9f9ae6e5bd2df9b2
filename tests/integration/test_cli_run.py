"""``raqib run`` as a service manager runs it: started, shows the seeds' alerts, stopped
with SIGTERM, and nothing it started outlives it."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.cli.broker import free_port

pytestmark = pytest.mark.integration

RUN_STARTED = "Watching for more alerts"


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc: the broker and the worker)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _read_until(proc: subprocess.Popen, marker: str, timeout: float) -> str:
    """stdout up to the line containing ``marker``; what came if the process ends first.

    Reads the pipe's file descriptor itself: a buffered reader can hold the last lines
    where ``select`` does not see them."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    out = b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            out += chunk
    return out.decode(errors="replace")


def kill_all(pids: set[int]) -> None:
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def running_run(
    seeds_dir: Path, env: dict[str, str]
) -> Iterator[tuple[subprocess.Popen, list[int]]]:
    """``raqib run`` started and watching (its seeds' alerts shown), with its children;
    whatever happens, nothing of it stays running after the test.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "run", str(seeds_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    started: list[int] = []
    try:
        out = _read_until(proc, RUN_STARTED, timeout=240)
        assert RUN_STARTED in out, out
        assert "ALERT" in out  # the seeds' contradictions were shown
        started = _children(proc.pid)
        yield proc, started
    finally:
        kill_all({*started, proc.pid})
        proc.wait(10)


def test_raqib_run_stopped_with_sigterm_stops_its_broker_and_worker(seeds_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAQIB_")}
    env["RAQIB_DATA_DIR"] = str(tmp_path / "state")
    env["RAQIB_WEB_PORT"] = str(free_port())
    with running_run(seeds_dir, env) as (proc, started):
        assert len(started) >= 2, f"expected a broker and a worker, found {started}"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
        assert proc.stdout is not None
        assert b"raqib: stopped" in proc.stdout.read()
        assert not [pid for pid in started if _alive(pid)], "left running after SIGTERM"

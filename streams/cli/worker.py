"""Running a Faust worker, in this process or as a child process."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from streams.cli.common import EXIT_OK
from streams.settings import Settings

if TYPE_CHECKING:
    import faust

log = logging.getLogger(__name__)


def build_worker(settings: Settings, broker_url: str) -> faust.Worker:
    """The Faust worker for the app built from ``settings``, not yet started."""
    import faust

    from streams.app import create_app

    raqib = create_app(settings, broker_url)
    worker = faust.Worker(raqib.app, loglevel=settings.log_level.upper())
    # Faust's start-up spinner, at log levels of WARNING and above, sets the root logger to
    # DEBUG so that every record turns it, and never sets it back: every debug call in
    # aiokafka and Faust then builds a record that the handlers drop (4 % of a worker's
    # CPU in `raqib bench --profile`). The log level alone decides what is logged.
    worker.spinner = None
    return worker


def run_worker(settings: Settings, broker_url: str) -> None:
    """Run the worker in this process until SIGINT/SIGTERM (blocks).

    With ``RAQIB_PROFILE=path`` set, the worker runs under cProfile and writes its
    statistics there when it stops (``raqib bench --profile`` uses this).
    """
    worker = build_worker(settings, broker_url)
    profile_path = os.environ.get("RAQIB_PROFILE")
    if not profile_path:
        worker.execute_from_commandline()
        return
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        worker.execute_from_commandline()
    finally:
        profiler.disable()
        profiler.dump_stats(profile_path)


def spawn_worker(
    broker_url: str,
    *,
    web_port: int,
    data_dir: Path,
    log_path: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.Popen:
    """Start ``raqib worker`` as a child process against ``broker_url``."""
    env = {
        **os.environ,
        "RAQIB_BROKER": broker_url,
        "RAQIB_WEB_PORT": str(web_port),
        "RAQIB_DATA_DIR": str(data_dir),
        **(extra_env or {}),
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    log.info("starting worker (web port %s, log %s)", web_port, log_path)
    return subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "worker"],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_process(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """Stop a child process: SIGTERM, then SIGKILL after ``timeout``."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


# -- ``raqib worker``: a worker in this process until Ctrl-C --------------------------------


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib worker`` to the command line."""
    p = sub.add_parser("worker", help="run a stream-processing worker until Ctrl-C")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run a worker in this process until Ctrl-C."""
    from streams.cli.broker import ensure_broker
    from streams.topics import ensure_topics

    notice = "no RAQIB_BROKER set; started an embedded broker at {url}"
    with ensure_broker(settings.broker, settings.data_dir, notice=notice) as (url, _started):
        asyncio.run(ensure_topics(settings, url))
        run_worker(settings, url)
    return EXIT_OK

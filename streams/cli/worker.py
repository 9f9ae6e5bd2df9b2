"""Running a Faust worker, in this process or as a child process.

A worker started here:

- logs through the redacting and repeat filters (:mod:`streams.logs`) on every handler,
  prints (Faust's banner, an uncaught traceback) go to the real stderr as whole lines
  (not one log record per ``write`` call, which turned a traceback into a record per
  character), and creates its files owner-only;
- discards tables that belong to another broker before it opens them
  (:mod:`streams.cli.identity`);
- stops within ``RAQIB_SHUTDOWN_TIMEOUT`` of SIGTERM or Ctrl-C even when its broker is
  gone: Faust's last commit and group leave wait for the broker for minutes, so after the
  deadline the worker exits anyway (the next owner of its partitions redoes what it did
  not commit: delivery is at least once, every effect idempotent);
- as a child (:func:`spawn_worker`), dies with its parent (:mod:`streams.cli.processes`).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from streams.cli.common import EXIT_OK
from streams.cli.processes import child_options
from streams.logs import private_dir, private_file, redact_std_streams
from streams.settings import Settings

if TYPE_CHECKING:
    import faust

log = logging.getLogger(__name__)

LOG_TAIL_LINES = 15
_EXCEPTION_LINE = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit)\b.*")


def build_worker(settings: Settings, broker_url: str) -> faust.Worker:
    """The Faust worker for the app built from ``settings``, not yet started."""
    from streams.app import create_app
    from streams.cli.faust_worker import RaqibWorker

    raqib = create_app(settings, broker_url)
    worker = RaqibWorker(raqib.app, settings=settings, loglevel=settings.log_level.upper())
    # Faust's start-up spinner, at log levels of WARNING and above, sets the root logger to
    # DEBUG so that every record turns it, and never sets it back: every debug call in
    # aiokafka and Faust then builds a record that the handlers drop (4 % of a worker's
    # CPU in `raqib bench --profile`). The log level alone decides what is logged.
    worker.spinner = None
    return worker


def prepare_worker_process(settings: Settings, broker_url: str) -> None:
    """What a worker process does before Faust starts: private files, redacted output,
    tables checked against the broker (:mod:`streams.cli.identity`).
    """
    from streams.cli.identity import check_tables, cluster_id, tables_dir

    os.umask(0o077)
    private_dir(settings.data_dir)
    redact_std_streams(settings)
    if settings.store.startswith("rocksdb"):
        cluster = asyncio.run(cluster_id(settings, broker_url, settings.health_timeout * 3))
        check_tables(tables_dir(settings), cluster, broker_url)


def run_worker(settings: Settings, broker_url: str) -> None:
    """Run the worker in this process until SIGINT/SIGTERM (blocks).

    With ``RAQIB_PROFILE=path`` set, the worker runs under cProfile and writes its
    statistics there when it stops (``raqib bench --profile`` uses this).
    """
    prepare_worker_process(settings, broker_url)
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
    """Start ``raqib worker`` as a child process against ``broker_url``; it dies with this
    process (:func:`streams.cli.processes.child_options`). Its log file is owner-only.
    """
    env = {
        **os.environ,
        "RAQIB_BROKER": broker_url,
        "RAQIB_WEB_PORT": str(web_port),
        "RAQIB_DATA_DIR": str(data_dir),
        **(extra_env or {}),
    }
    private_dir(data_dir)
    out = private_file(log_path) if log_path else subprocess.DEVNULL
    log.info("starting worker (web port %s, log %s)", web_port, log_path)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "streams.cli", "worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            **child_options(),
        )
    finally:
        if not isinstance(out, int):
            out.close()  # the child has its own copy


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


def exit_description(code: int | None) -> str:
    """``exited with code 1`` / ``was killed by SIGKILL`` for a child's return code."""
    if code is None:
        return "is running"
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with code {code}"


def log_lines(path: Path | None, window: int = 64 * 1024) -> list[str]:
    """The non-empty lines of the last ``window`` bytes of a log file."""
    if path is None:
        return []
    try:
        with path.open("rb") as file:
            file.seek(0, os.SEEK_END)
            file.seek(max(0, file.tell() - window))
            text = file.read().decode("utf-8", "replace")
    except OSError:
        return []
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def last_error(lines: list[str]) -> str | None:
    """The worker's own last word on what went wrong: the last exception line of a
    traceback, else the last ERROR or CRITICAL record.
    """
    for line in reversed(lines):
        if _EXCEPTION_LINE.match(line.strip()):
            return line.strip()
    for line in reversed(lines):
        if "[ERROR]" in line or "[CRITICAL]" in line:
            return line.strip()
    return None


def worker_failure(proc: subprocess.Popen, log_path: Path | None) -> str:
    """What to tell the operator when a worker this command started has died: how it
    ended, its own error (from its log), and the log's last lines.
    """
    lines = log_lines(log_path)
    text = f"raqib: error: the worker {exit_description(proc.poll())}"
    if error := last_error(lines):
        text += f": {error}"
    if lines:
        where = f" ({log_path})" if log_path else ""
        text += f"\nraqib: the last lines of its log{where}:\n" + "\n".join(
            "    " + line for line in lines[-LOG_TAIL_LINES:]
        )
    return text


# -- ``raqib worker``: a worker in this process until Ctrl-C --------------------------------


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib worker`` to the command line."""
    p = sub.add_parser("worker", help="run a stream-processing worker until Ctrl-C")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run a worker in this process until Ctrl-C (after the preflight checks)."""
    from streams.cli.broker import ensure_broker
    from streams.cli.preflight import preflight
    from streams.topics import ensure_topics

    if code := preflight(settings, web_port=True):
        return code
    notice = "no RAQIB_BROKER set; started an embedded broker at {url}"
    with ensure_broker(
        settings.broker, settings.data_dir, notice=notice, port=settings.broker_port
    ) as (url, _started):
        asyncio.run(ensure_topics(settings, url))
        run_worker(settings, url)
    return EXIT_OK

"""Running a Faust worker, in this process or as a child process."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from streams.settings import Settings

log = logging.getLogger(__name__)


def run_worker(settings: Settings, broker_url: str) -> None:
    """Run the worker in this process until SIGINT/SIGTERM (blocks).

    With ``RAQIB_PROFILE=path`` set, the worker runs under cProfile and writes its
    statistics there when it stops (``raqib bench --profile`` uses this).
    """
    import faust

    from streams.app import create_app

    raqib = create_app(settings, broker_url)
    worker = faust.Worker(
        raqib.app,
        loglevel=settings.log_level.upper(),
    )
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
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)

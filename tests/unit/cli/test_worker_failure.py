"""A dead worker is reported with how it ended and its own last error, not just 'exited'."""

from __future__ import annotations

import subprocess
import sys

from streams.cli.worker import exit_description, last_error, worker_failure

LOG = """\
[2026-12-04 16:56:58,739] [30874] [INFO] [^Worker]: Starting...
[2026-12-04 16:56:58,739] [30874] [ERROR] [^Worker]: Error: OSError(98, "address already in use")
Traceback (most recent call last):
  File "/x/aiohttp/web_runner.py", line 119, in start
    raise OSError(err.errno, 'error while attempting '
OSError: [Errno 98] error while attempting to bind on address ('127.0.0.1', 6066): address already in use
""" + "".join(
    f"[2026-12-04 16:56:58,746] [30874] [INFO] [^--S{i}]: Stopping...\n" for i in range(40)
)


def test_the_last_exception_line_is_the_workers_error():
    assert last_error(LOG.splitlines()) == (
        "OSError: [Errno 98] error while attempting to bind on address ('127.0.0.1', 6066): "
        "address already in use"
    )


def test_without_a_traceback_the_last_error_record_is():
    assert last_error(["[x] [ERROR] broker gone", "[x] [INFO] fine"]) == "[x] [ERROR] broker gone"
    assert last_error(["[x] [INFO] fine"]) is None


def test_how_a_process_ended_is_said_in_words():
    assert exit_description(1) == "exited with code 1"
    assert exit_description(-9) == "was killed by SIGKILL"
    assert exit_description(None) == "is running"


def test_the_failure_names_the_error_and_shows_the_logs_end(tmp_path):
    log = tmp_path / "worker.log"
    log.write_text(LOG)
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])
    proc.wait()
    text = worker_failure(proc, log)
    first, *rest = text.splitlines()
    assert first.startswith("raqib: error: the worker exited with code 1: OSError: [Errno 98]")
    assert f"the last lines of its log ({log})" in rest[0]
    assert rest[-1].endswith("Stopping...")

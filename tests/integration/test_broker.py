"""The embedded broker command: starts, answers, is found by other commands, stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from streams.cli.broker import running_embedded, wait_until_listening

pytestmark = pytest.mark.integration


def test_raqib_broker_answers_records_its_address_and_stops_on_ctrl_c(tmp_path):
    env = {**os.environ, "RAQIB_DATA_DIR": str(tmp_path)}
    env.pop("RAQIB_BROKER", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "broker"], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = proc.stdout.readline()
        assert "ready at kafka://127.0.0.1:" in line
        url = running_embedded(tmp_path)
        assert url and url in line
        host, port = url.removeprefix("kafka://").split(":")
        wait_until_listening(host, int(port), timeout=5)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
        assert running_embedded(tmp_path) is None
    finally:
        if proc.poll() is None:
            proc.kill()

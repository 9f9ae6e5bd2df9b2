"""The worker process: what it logs is decided by RAQIB_LOG_LEVEL alone."""

from __future__ import annotations

import logging

import pytest

from streams.cli.worker import build_worker
from streams.settings import Settings


@pytest.fixture
def root_logger_restored():
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield root
    root.setLevel(level)
    root.handlers[:] = handlers


@pytest.mark.parametrize("level", ["warning", "error"])
def test_a_quiet_worker_does_not_build_debug_records(level, tmp_path, root_logger_restored):
    # Faust's spinner would set the root logger to DEBUG at these levels, and every debug
    # call in aiokafka would then cost a record the handlers drop.
    settings = Settings(log_level=level, data_dir=tmp_path)
    worker = build_worker(settings, "kafka://127.0.0.1:1")
    worker._setup_logging()  # noqa: SLF001 - what execute_from_commandline does first
    assert root_logger_restored.level == getattr(logging, level.upper())
    assert not logging.getLogger("aiokafka.producer.producer").isEnabledFor(logging.DEBUG)

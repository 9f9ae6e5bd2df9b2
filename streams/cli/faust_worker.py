"""raqib's Faust worker class (kept apart so that ``raqib`` commands that run no worker
do not import Faust): the log filters on Faust's handlers, prints as whole lines, and a
bounded shutdown. :mod:`streams.cli.worker` builds and runs it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from logging import Logger
from typing import Any

import faust

from streams.cli.common import EXIT_INCOMPLETE
from streams.logs import install
from streams.settings import Settings

log = logging.getLogger(__name__)


class RaqibWorker(faust.Worker):
    """Faust's worker with raqib's log filters and a bounded shutdown.

    Faust (mode) would turn stdout and stderr into loggers, one record per ``write``
    call: a traceback printed a piece at a time became hundreds of records. Here they
    stay streams (redacted, :func:`streams.logs.redact_std_streams`).
    """

    def __init__(self, app: faust.App, *, settings: Settings, **options: Any) -> None:
        super().__init__(app, redirect_stdouts=False, **options)
        self.settings = settings
        self._deadline: threading.Timer | None = None

    def on_setup_root_logger(self, logger: Logger, level: int) -> None:
        """Faust has set up logging: filter its handlers (``streams.logs``)."""
        super().on_setup_root_logger(logger, level)
        install(self.settings, logger.handlers)

    def _schedule_shutdown(self, signal: signal.Signals) -> None:
        if self._deadline is None:
            self._deadline = threading.Timer(self.settings.shutdown_timeout, self._give_up)
            self._deadline.daemon = True
            self._deadline.start()
        super()._schedule_shutdown(signal)

    def _give_up(self) -> None:
        log.error(
            "the worker did not stop within RAQIB_SHUTDOWN_TIMEOUT=%.0f s of the stop signal "
            "(is the broker gone?): exiting now. What it did not commit is processed again by "
            "the next owner of its partitions.",
            self.settings.shutdown_timeout,
        )
        for handler in logging.getLogger().handlers:
            with contextlib.suppress(Exception):  # exiting anyway
                handler.flush()
        os._exit(EXIT_INCOMPLETE)

"""``raqib broker``: the embedded Tansu broker in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import time
from typing import Any

from streams.commands._common import EXIT_OK
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
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
        while not self.received:
            time.sleep(0.1)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from streams.broker import EmbeddedBroker, clear_state, write_state

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

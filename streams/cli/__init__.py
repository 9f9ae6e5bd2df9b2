"""``raqib``: the command line. One module per command in this package (``register`` adds
its arguments, ``run`` runs it), beside what they share: the embedded broker
(:mod:`.broker`), the topic client (:mod:`.client`, :mod:`.tally`), workers
(:mod:`.worker`) and the terminal rendering of alerts (:mod:`.render`).

Every command that needs a broker uses ``RAQIB_BROKER`` when it is set, else an
embedded broker another raqib command runs on this machine (``raqib broker`` /
``raqib run``), else starts its own embedded broker for its lifetime.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Sequence

from streams.cli.common import EXIT_INTERRUPTED, EXIT_USAGE, raqib_version
from streams.settings import Settings

# The commands, in the order ``raqib --help`` shows them.
COMMANDS = (
    "run",
    "replay",
    "extract",
    "poll",
    "watch",
    "silence",
    "deliveries",
    "worker",
    "broker",
    "bench",
)


def build_parser() -> argparse.ArgumentParser:
    """The ``raqib`` argument parser, one sub-command per module of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="raqib",
        description="Watch Arabic news and alert when sources contradict casualty figures.",
        epilog="Configuration: RAQIB_* environment variables (see README).",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (to stderr)")
    parser.add_argument("--version", action="version", version=f"raqib {raqib_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"streams.cli.{name}").register(sub)
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``raqib`` command; return its exit code."""
    from streams.logs import configure_command_logging

    args = build_parser().parse_args(argv)
    if args.command != "worker":  # the worker is Faust's: it handles its own signals
        # SIGTERM (a service manager's stop, `timeout`, `kill`) unwinds a command as
        # Ctrl-C does, so the embedded broker and worker it started are stopped with it
        # rather than left running.
        signal.signal(signal.SIGTERM, _interrupt)
    os.umask(0o077)  # logs, state, tables: owner-only (README, "For the ops team")
    try:
        settings = Settings()
    except Exception as exc:
        print(f"raqib: error: invalid settings: {exc}", file=sys.stderr)
        return EXIT_USAGE
    configure_command_logging(settings, verbose=args.verbose)
    try:
        return int(args.func(args, settings) or 0)
    except KeyboardInterrupt:  # what a command started is stopped on the way out
        print("raqib: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED

"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from connectors.base import Rejected

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3
# Something the command needs is not there or died: no broker, a port in use, the worker.
EXIT_UNAVAILABLE = 4
EXIT_INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C
SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


def raqib_version() -> str:
    """The installed raqib's version ("dev" in a checkout that is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("raqib")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "dev"


def print_json(obj: dict[str, Any]) -> None:
    """Print one JSON line (Arabic kept readable) and flush."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def report_reject(item: Rejected) -> None:
    """Tell the user on stderr which input was rejected and why."""
    print(f"raqib: error: {item.origin}: {item.reason}", file=sys.stderr)

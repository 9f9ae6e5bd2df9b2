"""Checks a command makes before it starts a broker or a worker, so that it fails at once,
with the reason, instead of starting something that dies in a log file.

- settings a worker would refuse: the webhook receivers (the sinks' own parser,
  :func:`streams.sinks.receivers.parse_receivers`), the table store, the log level;
- ports: the web port the worker will serve on, the embedded broker's port when fixed.

Each check returns a message an operator can act on, or None.
"""

from __future__ import annotations

import sys

from streams.cli.common import EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE
from streams.cli.processes import describe_port_holder, port_is_free
from streams.settings import Settings

STORES = ("rocksdb://", "memory://")
LOG_LEVELS = ("debug", "info", "warning", "warn", "error", "critical")


def check_settings(settings: Settings) -> list[str]:
    """What in ``settings`` a worker would fail on."""
    from streams.sinks.exceptions import ReceiverConfigError
    from streams.sinks.receivers import parse_receivers

    problems = []
    try:
        parse_receivers(settings.webhook_url, settings.webhook_format)
    except ReceiverConfigError as exc:
        problems.append(str(exc))
    if not settings.store.startswith(STORES):
        problems.append(f"RAQIB_STORE={settings.store!r}: use {' or '.join(STORES)}")
    if settings.log_level.lower() not in LOG_LEVELS:
        problems.append(
            f"RAQIB_LOG_LEVEL={settings.log_level!r}: use one of {', '.join(LOG_LEVELS)}"
        )
    return problems


def check_web_port(settings: Settings) -> str | None:
    """Whether the worker's web server can listen on ``RAQIB_WEB_HOST:RAQIB_WEB_PORT``."""
    host, port = settings.web_host, settings.web_port
    if port_is_free(host, port):
        return None
    return (
        f"RAQIB_WEB_PORT {port} on {host} is in use{describe_port_holder(port)}: the "
        "worker's web server (dashboard, /healthz, /metrics) cannot start there. Stop that "
        "process or set RAQIB_WEB_PORT to a free port."
    )


def check_broker_port(port: int, host: str = "127.0.0.1") -> str | None:
    """Whether an embedded broker can listen on ``port`` (0, any free port, always can)."""
    if not port or port_is_free(host, port):
        return None
    return (
        f"RAQIB_BROKER_PORT {port} on {host} is in use{describe_port_holder(port)}: the "
        "embedded broker cannot start there. Stop that process, set RAQIB_BROKER_PORT=0 "
        "(any free port) or point RAQIB_BROKER at a running broker."
    )


def starts_broker(settings: Settings, *, reuse: bool) -> bool:
    """Whether a command will start an embedded broker: no ``RAQIB_BROKER``, and (when it
    would ``reuse`` one) none running here.
    """
    from streams.cli.broker import running_embedded

    return not settings.broker and not (reuse and running_embedded(settings.data_dir))


def preflight(settings: Settings, *, web_port: bool, reuse_broker: bool = True) -> int:
    """Run the checks; print each problem on stderr. Returns the exit code to fail with, or
    0 when the command may start. ``web_port``: whether this command will listen on the
    configured web port (a replay's worker takes any free one); ``reuse_broker``: whether
    it would use an embedded broker already running here rather than start its own.
    """
    problems = check_settings(settings)
    if problems:
        for problem in problems:
            print(f"raqib: error: invalid settings: {problem}", file=sys.stderr)
        return EXIT_USAGE
    unavailable = [
        problem
        for problem in (
            check_web_port(settings) if web_port else None,
            check_broker_port(settings.broker_port)
            if starts_broker(settings, reuse=reuse_broker)
            else None,
        )
        if problem
    ]
    for problem in unavailable:
        print(f"raqib: error: {problem}", file=sys.stderr)
    return EXIT_UNAVAILABLE if unavailable else EXIT_OK

"""Logging for every raqib process: no secret in a record, no storm of one error.

Two filters go on every handler raqib configures (the commands' stderr handler, the
worker's handlers once Faust has set them up, :func:`install`):

- :class:`RedactingFilter` rewrites each record's message, arguments, traceback and
  stack text through :func:`redact`: credentials in URLs (``user:password@``), the
  values of secret-looking query parameters (``sig=``, ``token=``, ``key=``,
  ``password=`` ...), the path of known webhook hosts (Slack, Teams/Power Automate,
  Discord ...), and every secret the settings hold (each webhook URL and its path, the
  SASL password) wherever it appears. It runs before any formatter sees the record.
- :class:`RepeatFilter` lets a warning or error through once per interval
  (``RAQIB_LOG_REPEAT_INTERVAL``): repeats of it in that interval (the same logger,
  level and message, numbers aside) are counted, not written, and the next one that
  passes says how many there were: ``... (repeated 312 times in the last 60 s)``. A
  broker that is down for a minute costs a few lines, not thousands.

httpx and httpcore log every request's URL at INFO and DEBUG (a webhook URL is a
secret): their loggers are held at WARNING whatever the log level. Files raqib writes
its logs to are created owner-only (0600), the data directory owner-only (0700).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from streams.settings import Settings

MASK = "***"
#: Loggers that write request URLs (with their secrets) at INFO and DEBUG.
QUIET_LOGGERS = ("httpx", "httpcore", "hpack")
#: Query parameters whose values are credentials.
SECRET_PARAMS = (
    "sig",
    "signature",
    "token",
    "access_token",
    "api_key",
    "apikey",
    "api-key",
    "key",
    "password",
    "passwd",
    "pwd",
    "secret",
    "client_secret",
    "auth",
    "code",
)
#: Hosts whose webhook URLs carry the credential in the path: the whole path is masked.
WEBHOOK_HOSTS = (
    r"hooks\.slack\.com",
    r"[\w.-]*\.logic\.azure\.com(?::\d+)?",
    r"[\w.-]*\.webhook\.office\.com",
    r"outlook\.office(?:365)?\.com",
    r"(?:discord|discordapp)\.com/api/webhooks",
    r"[\w.-]*\.environment\.api\.powerplatform\.com(?::\d+)?",
    r"chat\.googleapis\.com",
    r"api\.telegram\.org",
)
_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@'\"<>]+@")
_PARAM = re.compile(
    r"(?P<name>[?&;](?:" + "|".join(re.escape(p) for p in SECRET_PARAMS) + r")=)[^&#\s'\"<>]+",
    re.IGNORECASE,
)
_WEBHOOK_PATH = re.compile(
    r"(?P<host>\b(?:" + "|".join(WEBHOOK_HOSTS) + r"))/[^\s'\"<>]*", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every credential it carries replaced by ``***`` (module docstring)."""
    for secret in secrets:
        if secret and secret in text:
            text = text.replace(secret, MASK)
    text = _USERINFO.sub(lambda m: m.group("scheme") + MASK + "@", text)
    text = _PARAM.sub(lambda m: m.group("name") + MASK, text)
    return _WEBHOOK_PATH.sub(lambda m: m.group("host") + "/" + MASK, text)


def secrets_of(settings: Settings) -> list[str]:
    """Every secret value ``settings`` hold, longest first: the SASL password, each webhook
    URL (with and without its format prefix), and each URL's path and query.
    """
    found: set[str] = set()
    if settings.sasl_password and len(settings.sasl_password) >= 4:
        found.add(settings.sasl_password)
    for entry in re.split(r"[;,]", settings.webhook_url or ""):
        url = entry.strip()
        if not url:
            continue
        found.add(url)
        bare = url.split("+", 1)[1] if re.match(r"^\w+\+https?://", url) else url
        found.add(bare)
        parts = urlsplit(bare)
        tail = parts.path + (f"?{parts.query}" if parts.query else "")
        if len(parts.path.strip("/")) >= 4:
            found.update((tail, parts.path, parts.path.lstrip("/")))
        found.update(s for s in parts.path.split("/") if _looks_like_token(s))
        if parts.password:
            found.add(parts.password)
    return sorted(found, key=len, reverse=True)


def _looks_like_token(segment: str) -> bool:
    """A path segment that is a credential rather than a word: long, with digits or mixed case."""
    return len(segment) >= 8 and (
        any(c.isdigit() for c in segment) or (segment.lower() != segment != segment.upper())
    )


class RedactingFilter(logging.Filter):
    """Rewrites a record so that no credential reaches a handler (module docstring)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message, the traceback and the stack; always let the record through."""
        if getattr(record, "raqib_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a record with bad arguments: keep what can be read
            message = str(record.msg)
        record.msg, record.args = redact(message, self.secrets), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        record.raqib_redacted = True
        return True


class RepeatFilter(logging.Filter):
    """Passes a warning or error once per ``interval`` seconds; counts the repeats between.

    Two records are repeats when they come from the same logger at the same level with
    the same message once every run of digits is ignored (ports, ids, counts differ
    between the repeats of one failure). Records below ``level`` always pass.
    """

    def __init__(
        self, interval: float = 60.0, level: int = logging.WARNING, clock: Any = time.monotonic
    ) -> None:
        super().__init__()
        self.interval = interval
        self.level = level
        self.clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, int, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        """True for the first record of its kind in an interval (with the count of the
        repeats of the interval before, when there were any); False for a repeat.
        """
        if record.levelno < self.level or self.interval <= 0:
            return True
        key = (record.name, record.levelno, _DIGITS.sub("#", record.getMessage()))
        now = self.clock()
        with self._lock:
            started, repeats = self._windows.get(key, (None, 0))
            if started is not None and now - started < self.interval:
                self._windows[key] = (started, repeats + 1)
                return False
            self._windows[key] = (now, 0)
            if len(self._windows) > 10_000:  # forget kinds not seen for an interval
                self._windows = {
                    k: v for k, v in self._windows.items() if now - v[0] < self.interval
                }
        if repeats:
            assert started is not None
            record.msg = (
                f"{record.getMessage()} (repeated {repeats} times in the last "
                f"{now - started:.0f} s)"
            )
            record.args = ()
        return True


class RedactingStream:
    """A text stream that writes through :func:`redact`: what a library prints (Faust's
    banner, an uncaught traceback) reaches the log file as a log record would.
    """

    def __init__(self, stream: IO[str], secrets: Iterable[str] = ()) -> None:
        self._stream = stream
        self._secrets = [s for s in secrets if s]

    def write(self, text: str) -> int:
        """Write ``text`` redacted; returns the length of ``text`` as given."""
        self._stream.write(redact(text, self._secrets))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        """Write each line redacted."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def quiet_noisy_loggers() -> None:
    """Hold the loggers that print request URLs at WARNING (module docstring)."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def install(settings: Settings, handlers: Iterable[logging.Handler] | None = None) -> None:
    """Put the redacting and repeat filters on ``handlers`` (default: the root logger's),
    once each, and quiet the loggers that print URLs.
    """
    quiet_noisy_loggers()
    secrets = secrets_of(settings)
    for handler in handlers if handlers is not None else logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(secrets))
        if not any(isinstance(f, RepeatFilter) for f in handler.filters):
            handler.addFilter(RepeatFilter(settings.log_repeat_interval))


def redact_std_streams(settings: Settings) -> None:
    """Wrap this process's stdout and stderr in :class:`RedactingStream`."""
    secrets = secrets_of(settings)
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout, secrets)  # type: ignore[assignment]
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr, secrets)  # type: ignore[assignment]


def configure_command_logging(settings: Settings, *, verbose: bool) -> None:
    """Logging of a ``raqib`` command (not the worker): stderr, WARNING (INFO with -v)."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    install(settings)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) owner-only (0700); tighten it when this user owns it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_uid == os.getuid():
            path.chmod(0o700)
    except OSError:  # a mounted volume owned by someone else: its owner decides
        pass
    return path


def private_file(path: Path) -> IO[bytes]:
    """Open ``path`` for appending, created owner-only (0600), tightened if it exists."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with contextlib.suppress(OSError):
        os.fchmod(fd, 0o600)
    return os.fdopen(fd, "ab")

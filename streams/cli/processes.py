"""The processes a raqib command starts (the embedded broker, workers): tied to their parent,
recorded, found again, and stopped when an earlier command left them behind.

- :func:`child_options` gives :class:`subprocess.Popen` what makes a child die with its
  parent: its own session (a Ctrl-C in the terminal reaches the command, which stops
  its children in order), and on Linux ``PR_SET_PDEATHSIG`` (``prctl`` through ctypes),
  so that a command killed with SIGKILL takes its broker and workers with it. Elsewhere
  (no ``prctl``) the state file is the fallback: the next command finds the orphans.
- :class:`ProcessRef` names a process by pid *and* start time, so that a pid reused by
  another program is never mistaken for one of ours.
- :func:`who_listens` tells which process holds a TCP port (Linux ``/proc``), for
  messages an operator can act on.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


# Loaded once, in the parent: the child calls it between fork and exec, where loading a
# library is not safe.
_PRCTL = _prctl()


def die_with_parent(sig: int = signal.SIGTERM) -> Callable[[], None] | None:
    """A ``preexec_fn`` that has the kernel send ``sig`` to the child when its parent dies
    (Linux), or None where that is not available.

    If the parent died between the fork and the ``prctl`` call the signal would never
    come: the child then exits at once.
    """
    if _PRCTL is None:
        return None
    parent, prctl = os.getpid(), _PRCTL

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return preexec


def child_options(sig: int = signal.SIGTERM) -> dict[str, Any]:
    """Keyword arguments for :class:`subprocess.Popen`: a session of its own and, on Linux,
    death with the parent (module docstring).
    """
    options: dict[str, Any] = {"start_new_session": True}
    if (preexec := die_with_parent(sig)) is not None:
        options["preexec_fn"] = preexec
    return options


def start_time(pid: int) -> int | None:
    """When ``pid`` started (clock ticks since boot, Linux), or None when it is not running."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if fields[0] == "Z":  # a zombie has ended; only its parent has not reaped it yet
        return None
    return int(fields[19])


@dataclass(frozen=True)
class ProcessRef:
    """A process as recorded in the state file: pid and start time."""

    pid: int
    started: int | None

    @classmethod
    def of(cls, pid: int) -> ProcessRef:
        """The running process ``pid``."""
        return cls(pid, start_time(pid))

    @classmethod
    def from_json(cls, raw: Any) -> ProcessRef | None:
        """A reference read back from the state file, or None when it is not one."""
        if isinstance(raw, dict) and isinstance(raw.get("pid"), int):
            started = raw.get("started")
            return cls(raw["pid"], started if isinstance(started, int) else None)
        return None

    def to_json(self) -> dict[str, Any]:
        """The reference as the state file keeps it."""
        return {"pid": self.pid, "started": self.started}

    def alive(self) -> bool:
        """True while this very process runs (not another one that got its pid)."""
        if sys.platform.startswith("linux"):
            now = start_time(self.pid)
            return now is not None and (self.started is None or now == self.started)
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def stop(self, timeout: float = 10.0) -> bool:
        """SIGTERM, then SIGKILL after ``timeout``; True once it is gone."""
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
            if not self.alive():
                return True
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.pid, sig)
            deadline = time.monotonic() + wait
            while self.alive() and time.monotonic() < deadline:
                time.sleep(0.05)
        return not self.alive()


def command_line(pid: int) -> str:
    """The command line of ``pid`` (Linux), shortened for a message; '' when unknown."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    text = " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)
    return text if len(text) <= 120 else text[:117] + "..."


def port_is_free(host: str, port: int) -> bool:
    """True when a server could listen on ``host:port`` now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _listening_inodes(port: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                    inodes.add(inode)
    return inodes


def who_listens(port: int) -> int | None:
    """The pid of a process of this user listening on TCP ``port`` (Linux), or None."""
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    wanted = {f"socket:[{inode}]" for inode in inodes}
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):
            for fd in fd_dir.iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in wanted:
                        return int(fd_dir.parent.name)
    return None


def describe_port_holder(port: int) -> str:
    """``" (pid 123: python -m streams.cli worker)"`` for the listener on ``port``, or ''."""
    pid = who_listens(port)
    if pid is None:
        return ""
    cmdline = command_line(pid)
    return f" (pid {pid}: {cmdline})" if cmdline else f" (pid {pid})"


def resident_bytes(pid: int) -> int | None:
    """Resident memory of ``pid`` in bytes (Linux), or None."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return None

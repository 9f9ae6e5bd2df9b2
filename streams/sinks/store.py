"""The delivery outbox: which alert goes to which receiver, in which notification, and how
it went. One SQLite file per deployment (``RAQIB_DELIVERY_STORE``, by default
``<RAQIB_DATA_DIR>/deliveries.sqlite``), shared by every worker and command of it.

Why one file per deployment: an alert replayed next week, or read again by a worker that
took over a partition, must find the record of its first delivery. A worker's own state
directory does not outlive its broker (``raqib run`` and ``raqib replay`` start a worker
per embedded broker), so the outbox lives beside the deployment's other state, and SQLite
(WAL, ``BEGIN IMMEDIATE``) lets several processes of one machine share it safely. Workers
on several machines need the file on each, or receivers that drop repeats by
``Idempotency-Key`` (README, "Alert channels").

Tables:

- ``alerts``: each alert read from the alert topic (id → JSON, when received, muted?);
  it also backs the dashboard's recent alerts after a restart.
- ``deliveries``: one row per (alert, receiver), created once (``INSERT OR IGNORE``): a
  redelivered or replayed alert finds its row and is never posted again. Its state::

      pending ──posted──► delivered
         │  └─ refused (4xx) / horizon passed ──► failed ──retry──► pending
         └──── drop ──► dropped          silenced (muted when it arrived; never posted)

  ``due_at`` is when its notification may go (grouping), ``next_attempt_at`` when it may be
  tried again (backoff), ``deadline`` when it is given up (the horizon), ``lease_until``
  that a worker is posting it now, ``notification`` the POST it travels in.
- ``groups``: per (event, receiver) the latest notification slot (Alertmanager's
  grouping): the first alert of an event goes at once; alerts of the same event within
  the group interval wait for the next slot and go together, as one update.
- ``receivers``: per receiver, until when it is paused after a failed attempt (backoff
  applies to the receiver, so a dead one is not hammered once per pending alert).

Receivers are identified by a hash of their URL and named ``format@host``: URLs are
secrets and are never written here. Every method takes ``now`` (epoch seconds) so the
state machine is tested without clocks.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from streams.core.model import stable_hash
from streams.sinks.outbox_rows import (
    ADDED_COLUMNS,
    ALERT_COLUMNS,
    DELIVERED,
    DELIVERY_COLUMNS,
    DROPPED,
    FAILED,
    GROUP_LIMIT,
    INDEXES,
    NO_HORIZON,
    PENDING,
    SCHEMA,
    SILENCED,
    STATUSES,
    Batch,
    Delivery,
    StoredAlert,
    delivery_row,
    stored_alert,
)

__all__ = [
    "DELIVERED", "DROPPED", "FAILED", "PENDING", "SILENCED", "STATUSES", "Batch", "Delivery",
    "DeliveryStore", "StoredAlert",
]  # fmt: skip


class DeliveryStore:
    """The SQLite outbox. One instance per process; several processes may share the file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)  # each statement idempotent; executescript commits
        with self._write():
            self._upgrade()
        self._db.executescript(INDEXES)

    def _upgrade(self) -> None:
        for table, columns in ADDED_COLUMNS.items():
            have = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns.items():
                if name not in have:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        self._db.execute(
            "UPDATE deliveries SET event = COALESCE((SELECT event FROM alerts WHERE id = "
            "deliveries.alert_id), '') WHERE event = ''"
        )

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One transaction that holds the write lock from its first statement."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> DeliveryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- alerts ---------------------------------------------------------------
    def record_alert(
        self, alert_id: str, event: str, payload: dict[str, Any], *, silenced: bool = False,
        raised_at: str | None = None, now: float | None = None,
    ) -> bool:  # fmt: skip
        """Remember an alert; True the first time this id is seen."""
        cur = self._db.execute(
            "INSERT OR IGNORE INTO alerts (id, event, received_at, silenced, payload, raised_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                alert_id,
                event,
                time.time() if now is None else now,
                int(silenced),
                json.dumps(payload, ensure_ascii=False),
                raised_at,
            ),
        )
        return cur.rowcount == 1

    def alert(self, alert_id: str) -> StoredAlert | None:
        """The stored alert ``alert_id``, or None."""
        found = self.alerts([alert_id])
        return found[0] if found else None

    def alerts(self, alert_ids: Sequence[str]) -> list[StoredAlert]:
        """The stored alerts of ``alert_ids``, in that order (unknown ids left out)."""
        found: dict[str, StoredAlert] = {}
        for chunk in _chunks(list(alert_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT {ALERT_COLUMNS} FROM alerts WHERE id IN ({marks})", chunk
            ):
                found[str(row[0])] = stored_alert(row)
        return [found[a] for a in alert_ids if a in found]

    def recent_alerts(self, limit: int = 100) -> list[StoredAlert]:
        """The latest alerts, oldest first."""
        rows = self._db.execute(
            f"SELECT {ALERT_COLUMNS} FROM alerts ORDER BY received_at DESC, rowid DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [stored_alert(r) for r in reversed(rows)]

    def event_alerts(self, event: str) -> list[StoredAlert]:
        """Every alert of ``event`` this deployment read, oldest first."""
        rows = self._db.execute(
            f"SELECT {ALERT_COLUMNS} FROM alerts WHERE event = ? ORDER BY received_at, rowid",
            (event,),
        ).fetchall()
        return [stored_alert(r) for r in rows]

    # -- deliveries: the state machine ------------------------------------------
    def register_receiver(self, receiver: str, sink: str) -> None:
        """Make ``receiver`` known under its display name (``format@host``)."""
        self._db.execute(
            "INSERT INTO receivers (receiver, sink) VALUES (?, ?) "
            "ON CONFLICT (receiver) DO UPDATE SET sink = excluded.sink",
            (receiver, sink),
        )

    def enqueue(
        self, alert_id: str, event: str, receiver: str, *, sink: str = "", now: float,
        group_interval: float = 0.0, horizon: float = NO_HORIZON, silenced: bool = False,
    ) -> bool:  # fmt: skip
        """Create the (alert, receiver) row, once; True if it is new (it will be posted).

        A new pending row takes its event's notification slot for this receiver: now when
        the last slot is at least ``group_interval`` old, the slot already waiting in the
        future when there is one, else the next slot (last + interval).
        """
        with self._write():
            exists = self._db.execute(
                "SELECT 1 FROM deliveries WHERE alert_id = ? AND receiver = ?",
                (alert_id, receiver),
            ).fetchone()
            if exists:
                return False
            due = now if silenced else self._slot(event, receiver, now, group_interval)
            self._db.execute(
                "INSERT INTO deliveries (alert_id, receiver, sink, event, status, created_at, "
                "updated_at, due_at, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    alert_id, receiver, sink, event, SILENCED if silenced else PENDING, now,
                    now, due, None if horizon == NO_HORIZON else now + horizon,
                ),
            )  # fmt: skip
        return True

    def _slot(self, event: str, receiver: str, now: float, interval: float) -> float:
        row = self._db.execute(
            "SELECT slot FROM groups WHERE event = ? AND receiver = ?", (event, receiver)
        ).fetchone()
        last = None if row is None else float(row[0])
        if last is None or now >= last + interval:
            slot = now
        elif last > now:
            slot = last
        else:
            slot = last + interval
        self._db.execute(
            "INSERT INTO groups (event, receiver, slot) VALUES (?, ?, ?) "
            "ON CONFLICT (event, receiver) DO UPDATE SET slot = excluded.slot",
            (event, receiver, slot),
        )
        return slot

    def take(
        self,
        receiver: str,
        *,
        now: float,
        lease: float = 60.0,
        group: bool = True,
        early: bool = False,
    ) -> Batch | None:
        """The next notification due for ``receiver``, leased to the caller for ``lease`` s.

        A notification tried before keeps its alerts (its retries post the same body and
        ``Idempotency-Key``); otherwise every alert of the oldest due one's event that is
        due too joins it (one alert when ``group`` is false), up to :data:`GROUP_LIMIT`.
        ``early``: alerts waiting only for their group slot count as due (a stopping
        worker posts its incidents' updates rather than leaving them for a worker that may
        never run); backoff and a paused receiver still hold. None when nothing is due, or
        the receiver is paused.
        """
        due_by = float("inf") if early else now
        with self._write():
            paused = self._db.execute(
                "SELECT paused_until FROM receivers WHERE receiver = ?", (receiver,)
            ).fetchone()
            if paused is not None and float(paused[0]) > now:
                return None
            head = self._db.execute(
                "SELECT alert_id, event, notification FROM deliveries WHERE receiver = ? AND "
                "status = ? AND due_at <= ? AND next_attempt_at <= ? AND lease_until <= ? "
                "ORDER BY due_at, created_at, alert_id LIMIT 1",
                (receiver, PENDING, due_by, now, now),
            ).fetchone()
            if head is None:
                return None
            event, notification = str(head[1]), head[2]
            if notification is None:
                members = [
                    str(r[0])
                    for r in self._db.execute(
                        "SELECT alert_id FROM deliveries WHERE receiver = ? AND status = ? AND "
                        "event = ? AND notification IS NULL AND due_at <= ? AND "
                        "next_attempt_at <= ? AND lease_until <= ? "
                        "ORDER BY due_at, created_at, alert_id LIMIT ?",
                        (receiver, PENDING, event, due_by, now, now, GROUP_LIMIT if group else 1),
                    )
                ]
                notification = stable_hash("notification", receiver, sorted(members))
                self._db.executemany(
                    "UPDATE deliveries SET notification = ? WHERE alert_id = ? AND receiver = ?",
                    [(notification, a, receiver) for a in members],
                )
            rows = self._db.execute(
                "SELECT alert_id, attempts FROM deliveries WHERE receiver = ? AND "
                "notification = ? AND status = ? ORDER BY due_at, created_at, alert_id",
                (receiver, notification, PENDING),
            ).fetchall()
            self._db.execute(
                "UPDATE deliveries SET lease_until = ? WHERE receiver = ? AND notification = ? "
                "AND status = ?",
                (now + lease, receiver, notification, PENDING),
            )
        return Batch(
            notification=str(notification),
            receiver=receiver,
            event=event,
            alert_ids=tuple(str(r[0]) for r in rows),
            attempts=max(int(r[1]) for r in rows),
        )

    def delivered(self, batch: Batch, *, now: float) -> None:
        """The receiver accepted the notification."""
        self._finish(batch, DELIVERED, now, error=None)

    def refused(self, batch: Batch, error: str, *, now: float) -> None:
        """The receiver refused the notification for good (a 4xx other than 408/425/429)."""
        self._finish(batch, FAILED, now, error=error)

    def retry_later(self, batch: Batch, error: str, *, now: float, delay: float) -> str:
        """A failed attempt: try again in ``delay`` seconds (the receiver pauses as long),
        unless that is past the deadline. Returns the status the rows now have.
        """
        when = now + delay
        with self._write():
            deadline = self._db.execute(
                "SELECT MIN(deadline) FROM deliveries WHERE receiver = ? AND notification = ?",
                (batch.receiver, batch.notification),
            ).fetchone()[0]
            status = FAILED if deadline is not None and when > float(deadline) else PENDING
            self._db.execute(
                "UPDATE deliveries SET status = ?, attempts = attempts + 1, updated_at = ?, "
                "next_attempt_at = ?, lease_until = 0, last_error = ? "
                "WHERE receiver = ? AND notification = ? AND status = ?",
                (status, now, when, error, batch.receiver, batch.notification, PENDING),
            )
            if status == PENDING:
                self._db.execute(
                    "UPDATE receivers SET paused_until = ? WHERE receiver = ?",
                    (when, batch.receiver),
                )
        return status

    def _finish(self, batch: Batch, status: str, now: float, error: str | None) -> None:
        with self._write():
            self._db.execute(
                "UPDATE deliveries SET status = ?, attempts = attempts + 1, updated_at = ?, "
                "lease_until = 0, last_error = ? WHERE receiver = ? AND notification = ? "
                "AND status = ?",
                (status, now, error, batch.receiver, batch.notification, PENDING),
            )
            self._db.execute(
                "UPDATE receivers SET paused_until = 0 WHERE receiver = ?", (batch.receiver,)
            )

    def expire(self, *, now: float) -> dict[str, int]:
        """Give up pending deliveries whose deadline has passed; failed rows per sink."""
        with self._write():
            rows = self._db.execute(
                "SELECT sink, COUNT(*) FROM deliveries WHERE status = ? AND deadline < ? "
                "AND lease_until <= ? GROUP BY sink",
                (PENDING, now, now),
            ).fetchall()
            if rows:
                self._db.execute(
                    "UPDATE deliveries SET status = ?, updated_at = ?, last_error = "
                    "COALESCE(last_error, '') || ' (gave up: delivery horizon passed)' "
                    "WHERE status = ? AND deadline < ? AND lease_until <= ?",
                    (FAILED, now, PENDING, now, now),
                )
        return {str(sink): int(n) for sink, n in rows}

    def next_due(self, receiver: str) -> float | None:
        """When the next pending notification of ``receiver`` may be tried (None: none)."""
        row = self._db.execute(
            "SELECT MIN(MAX(d.due_at, d.next_attempt_at, d.lease_until, "
            "COALESCE(r.paused_until, 0))) FROM deliveries d "
            "LEFT JOIN receivers r ON r.receiver = d.receiver "
            "WHERE d.receiver = ? AND d.status = ?",
            (receiver, PENDING),
        ).fetchone()
        return None if row[0] is None else float(row[0])

    def drained(self, alert_ids: Iterable[str] = (), *, now: float) -> bool:
        """No delivery due now or being posted, and every one of ``alert_ids`` recorded.

        What a command that stops its worker waits for (``raqib replay``): deliveries
        waiting for their group slot or for a paused receiver stay in the outbox for the
        next worker; nothing that could go now is cut off.
        """
        wanted = list(dict.fromkeys(alert_ids))
        if wanted and len(self.alerts(wanted)) < len(wanted):
            return False
        busy = self._db.execute(
            "SELECT 1 FROM deliveries d LEFT JOIN receivers r ON r.receiver = d.receiver "
            "WHERE d.status = ? AND (d.lease_until > ? OR (d.due_at <= ? AND "
            "d.next_attempt_at <= ? AND COALESCE(r.paused_until, 0) <= ?)) LIMIT 1",
            (PENDING, now, now, now, now),
        ).fetchone()
        return busy is None

    # -- operators: list, retry, drop -----------------------------------------
    def deliveries(self, status: str | None = None, limit: int = 1000) -> list[Delivery]:
        """Rows of the outbox, oldest first (of one status, or all)."""
        where, args = ("WHERE status = ?", [status]) if status else ("", [])
        rows = self._db.execute(
            f"SELECT {DELIVERY_COLUMNS} FROM deliveries {where} "
            "ORDER BY created_at, alert_id, sink LIMIT ?",
            (*args, limit),
        ).fetchall()
        return [delivery_row(r) for r in rows]

    def retry(self, ids: Sequence[str] | None, *, now: float, horizon: float = NO_HORIZON) -> int:
        """Make failed or waiting deliveries due now, with a new horizon. ``ids`` are alert
        or notification ids; None means every failed or pending delivery. Returns the count.
        """
        match, args = self._match(ids)
        deadline = None if horizon == NO_HORIZON else now + horizon
        with self._write():
            receivers = [
                r[0]
                for r in self._db.execute(
                    f"SELECT DISTINCT receiver FROM deliveries WHERE status IN (?, ?) {match}",
                    (FAILED, PENDING, *args),
                )
            ]
            cur = self._db.execute(
                "UPDATE deliveries SET notification = CASE WHEN status = ? THEN NULL ELSE "
                "notification END, status = ?, next_attempt_at = 0, lease_until = 0, "
                f"deadline = ?, updated_at = ? WHERE status IN (?, ?) {match}",
                (FAILED, PENDING, deadline, now, FAILED, PENDING, *args),
            )
            self._db.executemany(
                "UPDATE receivers SET paused_until = 0 WHERE receiver = ?",
                [(r,) for r in receivers],
            )
        return cur.rowcount

    def drop(self, ids: Sequence[str], *, now: float) -> int:
        """Never post these (pending or failed) deliveries; alert or notification ids."""
        match, args = self._match(ids)
        with self._write():
            cur = self._db.execute(
                f"UPDATE deliveries SET status = ?, updated_at = ?, lease_until = 0 "
                f"WHERE status IN (?, ?) {match}",
                (DROPPED, now, FAILED, PENDING, *args),
            )
        return cur.rowcount

    @staticmethod
    def _match(ids: Sequence[str] | None) -> tuple[str, list[str]]:
        if ids is None:
            return "", []
        marks = ",".join("?" * len(ids)) or "NULL"
        return f"AND (alert_id IN ({marks}) OR notification IN ({marks}))", [*ids, *ids]

    # -- what metrics and tests read --------------------------------------------
    def status(self, alert_id: str, receiver: str) -> str | None:
        """The delivery's status, or None when there is no such row."""
        row = self._db.execute(
            "SELECT status FROM deliveries WHERE alert_id = ? AND receiver = ?",
            (alert_id, receiver),
        ).fetchone()
        return str(row[0]) if row else None

    def pending(self, receiver: str) -> list[str]:
        """Alert ids still to post to ``receiver``, oldest first."""
        rows = self._db.execute(
            "SELECT alert_id FROM deliveries WHERE receiver = ? AND status = ? "
            "ORDER BY created_at, alert_id",
            (receiver, PENDING),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Deliveries by status."""
        rows = self._db.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status")
        return {str(s): int(n) for s, n in rows}

    def backlog(self, receiver: str, *, now: float) -> tuple[int, float]:
        """(pending deliveries, age in seconds of the oldest) for ``receiver``."""
        count, oldest = self._db.execute(
            "SELECT COUNT(*), MIN(created_at) FROM deliveries WHERE receiver = ? AND status = ?",
            (receiver, PENDING),
        ).fetchone()
        return int(count), 0.0 if oldest is None else max(0.0, now - float(oldest))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

"""The delivery store: which alert went to which receiver, kept across restarts.

A small SQLite file (``<data_dir>/sinks.sqlite``). It is the sinks' outbox:

- ``alerts``: each alert seen on the alert topic (id → JSON, time received),
  which also backs the dashboard's list of recent alerts after a restart.
- ``deliveries``: one row per (alert id, receiver key) with its status:
  ``pending`` (to post), ``delivered``, ``failed`` (gave up), ``silenced``.

A row is created once (``INSERT OR IGNORE``): a redelivered alert finds its row
and is not posted again, whatever process restarts happened in between.
Pending rows left by a crash are posted when the worker comes back. Receivers
are identified by a hash of their URL; URLs (secrets) are never written here.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS alerts (
    id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    received_at REAL NOT NULL,
    silenced INTEGER NOT NULL DEFAULT 0,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_received ON alerts (received_at);
CREATE TABLE IF NOT EXISTS deliveries (
    alert_id TEXT NOT NULL,
    receiver TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    last_error TEXT,
    PRIMARY KEY (alert_id, receiver)
);
CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (status, receiver);
"""

PENDING, DELIVERED, FAILED, SILENCED = "pending", "delivered", "failed", "silenced"


@dataclass(frozen=True)
class StoredAlert:
    """An alert as the store keeps it."""

    id: str
    event: str
    received_at: float
    silenced: bool
    payload: dict[str, Any]


class DeliveryStore:
    """SQLite-backed record of alerts and deliveries. One instance per process."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=10.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

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
        now: float | None = None,
    ) -> bool:  # fmt: skip
        """Remember an alert; True the first time this id is seen."""
        cur = self._db.execute(
            "INSERT OR IGNORE INTO alerts (id, event, received_at, silenced, payload) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                alert_id,
                event,
                time.time() if now is None else now,
                int(silenced),
                json.dumps(payload, ensure_ascii=False),
            ),
        )
        return cur.rowcount == 1

    def alert(self, alert_id: str) -> StoredAlert | None:
        """The stored alert ``alert_id``, or None."""
        row = self._db.execute(
            "SELECT id, event, received_at, silenced, payload FROM alerts WHERE id = ?",
            (alert_id,),
        ).fetchone()
        return _stored(row) if row else None

    def recent_alerts(self, limit: int = 100) -> list[StoredAlert]:
        """The latest alerts, oldest first."""
        rows = self._db.execute(
            "SELECT id, event, received_at, silenced, payload FROM alerts "
            "ORDER BY received_at DESC, rowid DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [_stored(r) for r in reversed(rows)]

    # -- deliveries -----------------------------------------------------------
    def claim(
        self, alert_id: str, receiver: str, status: str = PENDING, now: float | None = None
    ) -> bool:
        """Create the (alert, receiver) row; True if it did not exist (post it), else False."""
        ts = time.time() if now is None else now
        cur = self._db.execute(
            "INSERT OR IGNORE INTO deliveries (alert_id, receiver, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (alert_id, receiver, status, ts, ts),
        )
        return cur.rowcount == 1

    def status(self, alert_id: str, receiver: str) -> str | None:
        """The delivery's status (pending, delivered, failed, silenced), or None."""
        row = self._db.execute(
            "SELECT status FROM deliveries WHERE alert_id = ? AND receiver = ?",
            (alert_id, receiver),
        ).fetchone()
        return str(row[0]) if row else None

    def is_delivered(self, alert_id: str, receiver: str) -> bool:
        """Whether the receiver accepted the alert."""
        return self.status(alert_id, receiver) == DELIVERED

    def finish(
        self, alert_id: str, receiver: str, status: str, attempts: int, error: str | None = None
    ) -> None:
        """Record how a delivery ended, and after how many attempts."""
        self._db.execute(
            "UPDATE deliveries SET status = ?, attempts = attempts + ?, updated_at = ?, "
            "last_error = ? WHERE alert_id = ? AND receiver = ?",
            (status, attempts, time.time(), error, alert_id, receiver),
        )

    def mark_delivered(self, alert_id: str, receiver: str, attempts: int = 1) -> None:
        """Record a delivery as done (tests, manual fixes)."""
        self.claim(alert_id, receiver)
        self.finish(alert_id, receiver, DELIVERED, attempts)

    def pending(self, receiver: str, limit: int = 1000) -> list[str]:
        """Alert ids still to post to ``receiver``, oldest first."""
        rows = self._db.execute(
            "SELECT alert_id FROM deliveries WHERE receiver = ? AND status = ? "
            "ORDER BY created_at LIMIT ?",
            (receiver, PENDING, limit),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Deliveries by status."""
        rows = self._db.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status")
        return {str(s): int(n) for s, n in rows}


def _stored(row: tuple[Any, ...]) -> StoredAlert:
    return StoredAlert(
        id=str(row[0]),
        event=str(row[1]),
        received_at=float(row[2]),
        silenced=bool(row[3]),
        payload=json.loads(row[4]),
    )

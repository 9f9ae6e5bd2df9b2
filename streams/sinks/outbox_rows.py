"""The outbox's rows: its SQLite schema, the statuses of a delivery, and the records its
queries return (:mod:`streams.sinks.store` holds the state machine that moves them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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
CREATE TABLE IF NOT EXISTS groups (
    event TEXT NOT NULL,
    receiver TEXT NOT NULL,
    slot REAL NOT NULL,
    PRIMARY KEY (event, receiver)
);
CREATE TABLE IF NOT EXISTS receivers (
    receiver TEXT PRIMARY KEY,
    sink TEXT NOT NULL,
    paused_until REAL NOT NULL DEFAULT 0
);
"""
# Columns added since the first version of the file (an older file is upgraded in place).
ADDED_COLUMNS = {
    "alerts": {"raised_at": "TEXT"},
    "deliveries": {
        "sink": "TEXT NOT NULL DEFAULT ''",
        "event": "TEXT NOT NULL DEFAULT ''",
        "due_at": "REAL NOT NULL DEFAULT 0",
        "next_attempt_at": "REAL NOT NULL DEFAULT 0",
        "deadline": "REAL",
        "lease_until": "REAL NOT NULL DEFAULT 0",
        "notification": "TEXT",
    },
}
INDEXES = """
CREATE INDEX IF NOT EXISTS alerts_event ON alerts (event);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (receiver, status, due_at);
CREATE INDEX IF NOT EXISTS deliveries_notification ON deliveries (notification);
"""

PENDING, DELIVERED, FAILED, SILENCED, DROPPED = (
    "pending", "delivered", "failed", "silenced", "dropped",
)  # fmt: skip
STATUSES = (PENDING, DELIVERED, FAILED, SILENCED, DROPPED)
GROUP_LIMIT = 100  # alerts in one notification at most; the rest go in the next one
NO_HORIZON = float("inf")


@dataclass(frozen=True)
class StoredAlert:
    """An alert as the store keeps it."""

    id: str
    event: str
    received_at: float
    silenced: bool
    payload: dict[str, Any]
    raised_at: str | None = None


@dataclass(frozen=True)
class Batch:
    """One notification to post: its id, the receiver, the event and its alerts (in order)."""

    notification: str
    receiver: str
    event: str
    alert_ids: tuple[str, ...]
    attempts: int


@dataclass(frozen=True)
class Delivery:
    """A row of the outbox, as ``raqib deliveries list`` shows it."""

    alert_id: str
    receiver: str
    sink: str
    event: str
    status: str
    attempts: int
    created_at: float
    updated_at: float
    due_at: float
    next_attempt_at: float
    deadline: float | None
    notification: str | None
    last_error: str | None

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON object (``raqib deliveries list --jsonl``)."""
        return {
            "alert": self.alert_id, "sink": self.sink, "event": self.event,
            "status": self.status, "attempts": self.attempts, "created_at": self.created_at,
            "updated_at": self.updated_at, "due_at": self.due_at,
            "next_attempt_at": self.next_attempt_at, "deadline": self.deadline,
            "notification": self.notification, "error": self.last_error,
        }  # fmt: skip


DELIVERY_COLUMNS = (
    "alert_id, receiver, sink, event, status, attempts, created_at, updated_at, due_at, "
    "next_attempt_at, deadline, notification, last_error"
)


ALERT_COLUMNS = "id, event, received_at, silenced, payload, raised_at"


def stored_alert(row: tuple[Any, ...]) -> StoredAlert:
    """A row of ``alerts`` (columns :data:`ALERT_COLUMNS`) as a :class:`StoredAlert`."""
    return StoredAlert(
        id=str(row[0]),
        event=str(row[1]),
        received_at=float(row[2]),
        silenced=bool(row[3]),
        payload=json.loads(row[4]),
        raised_at=row[5],
    )


def delivery_row(row: tuple[Any, ...]) -> Delivery:
    """A row of ``deliveries`` (columns :data:`DELIVERY_COLUMNS`) as a :class:`Delivery`."""
    return Delivery(
        alert_id=str(row[0]), receiver=str(row[1]), sink=str(row[2]), event=str(row[3]),
        status=str(row[4]), attempts=int(row[5]), created_at=float(row[6]),
        updated_at=float(row[7]), due_at=float(row[8]), next_attempt_at=float(row[9]),
        deadline=None if row[10] is None else float(row[10]), notification=row[11],
        last_error=row[12],
    )  # fmt: skip

"""The delivery outbox as a state machine: once per (alert, receiver), grouped per incident,
retried with backoff until a horizon, never lost across a reopen of the file.
"""

from __future__ import annotations

import sqlite3

import pytest

from streams.sinks.store import DELIVERED, DROPPED, FAILED, PENDING, SILENCED, DeliveryStore

R = "receiver-1"


@pytest.fixture
def store(tmp_path):
    with DeliveryStore(tmp_path / "deliveries.sqlite") as opened:
        opened.register_receiver(R, "json@hooks.example")
        yield opened


def _add(store: DeliveryStore, alert_id: str, *, event: str = "sy-1", now: float = 0.0,
         interval: float = 300.0, horizon: float = 86400.0) -> bool:  # fmt: skip
    store.record_alert(alert_id, event, {"id": alert_id, "event": event}, now=now)
    return store.enqueue(
        alert_id, event, R, sink="json@hooks.example", now=now, group_interval=interval,
        horizon=horizon,
    )  # fmt: skip


def test_a_delivery_is_created_once_per_alert_and_receiver(store):
    assert _add(store, "a1") is True
    assert _add(store, "a1", now=50.0) is False
    assert store.enqueue("a1", "sy-1", "receiver-2", now=50.0) is True


def test_the_outbox_survives_reopening_the_file(tmp_path):
    path = tmp_path / "state" / "deliveries.sqlite"
    with DeliveryStore(path) as store:
        _add(store, "a1")
        store.delivered(store.take(R, now=0.0), now=1.0)  # type: ignore[arg-type]
        _add(store, "a2", event="sy-2")
    with DeliveryStore(path) as again:
        assert again.status("a1", R) == DELIVERED
        assert again.enqueue("a1", "sy-1", R, now=2.0) is False
        assert again.pending(R) == ["a2"]
        assert again.alert("a1").payload == {"id": "a1", "event": "sy-1"}  # type: ignore[union-attr]


def test_the_first_alert_of_an_incident_goes_at_once_and_the_rest_wait_for_one_update(store):
    _add(store, "first", now=0.0)
    for n in range(5):
        _add(store, f"later{n}", now=1.0 + n)
    _add(store, "elsewhere", event="iq-9", now=2.0)
    first = store.take(R, now=6.0)
    assert first is not None and first.alert_ids == ("first",)
    store.delivered(first, now=6.0)
    other = store.take(R, now=6.0)
    assert other is not None and other.alert_ids == ("elsewhere",)
    store.delivered(other, now=6.0)
    assert store.take(R, now=299.0) is None, "the update waits for the group interval"
    update = store.take(R, now=300.0)
    assert update is not None and update.alert_ids == tuple(f"later{n}" for n in range(5))


def test_an_alert_after_the_update_slot_waits_for_the_next_one(store):
    _add(store, "a0", now=0.0)
    _add(store, "a1", now=10.0)  # slot 300
    _add(store, "a2", now=310.0)  # slot 300 has passed: slot 600
    _add(store, "a3", event="sy-2", now=1000.0)
    _add(store, "a4", now=1000.0)  # quiet for more than an interval: at once

    def sent(now: float) -> tuple[str, ...] | None:
        batch = store.take(R, now=now)
        if batch is None:
            return None
        store.delivered(batch, now=now)
        return batch.alert_ids

    assert [sent(0.0), sent(299.0), sent(300.0), sent(599.0), sent(600.0)] == [
        ("a0",), None, ("a1",), None, ("a2",),
    ]  # fmt: skip
    assert [sent(1000.0), sent(1000.0)] == [("a3",), ("a4",)]


def test_without_a_group_interval_each_alert_is_its_own_notification(store):
    for n in range(3):
        _add(store, f"a{n}", now=0.0, interval=0.0)
    batches = []
    while (batch := store.take(R, now=0.0, group=False)) is not None:
        batches.append(batch.alert_ids)
        store.delivered(batch, now=0.0)
    assert batches == [("a0",), ("a1",), ("a2",)]


def test_a_failed_attempt_pauses_the_receiver_and_the_retry_posts_the_same_notification(store):
    _add(store, "a1", now=0.0)
    _add(store, "b1", event="sy-2", now=0.0)
    batch = store.take(R, now=0.0)
    assert batch is not None
    assert store.retry_later(batch, "HTTP 503", now=0.0, delay=5.0) == PENDING
    assert store.take(R, now=4.9) is None, "a paused receiver is not tried"
    again = store.take(R, now=5.0)
    assert again is not None
    assert (again.notification, again.alert_ids, again.attempts) == (
        batch.notification, batch.alert_ids, 1,
    )  # fmt: skip


def test_a_leased_notification_is_not_taken_twice(tmp_path):
    path = tmp_path / "deliveries.sqlite"
    with DeliveryStore(path) as one, DeliveryStore(path) as two:
        _add(one, "a1")
        assert one.take(R, now=0.0, lease=60.0) is not None
        assert two.take(R, now=30.0) is None, "another worker is posting it"
        assert two.take(R, now=61.0) is not None, "the lease of a crashed worker runs out"


def test_a_delivery_that_cannot_succeed_within_its_horizon_fails(store):
    _add(store, "a1", now=0.0, horizon=100.0)
    batch = store.take(R, now=0.0)
    assert store.retry_later(batch, "HTTP 500", now=0.0, delay=60.0) == PENDING  # type: ignore[arg-type]
    batch = store.take(R, now=60.0)
    assert store.retry_later(batch, "HTTP 500", now=60.0, delay=60.0) == FAILED  # type: ignore[arg-type]
    assert store.status("a1", R) == FAILED and store.take(R, now=500.0) is None


def test_pending_deliveries_past_their_horizon_expire_when_nobody_ran(store):
    _add(store, "a1", now=0.0, horizon=100.0)
    _add(store, "a2", event="sy-2", now=50.0, horizon=100.0)
    assert store.expire(now=120.0) == {"json@hooks.example": 1}
    assert store.status("a1", R) == FAILED and store.status("a2", R) == PENDING


def test_a_refused_notification_fails_at_once(store):
    _add(store, "a1")
    store.refused(store.take(R, now=0.0), "HTTP 404", now=0.0)  # type: ignore[arg-type]
    [row] = store.deliveries()
    assert (row.status, row.attempts, row.last_error) == (FAILED, 1, "HTTP 404")


def test_retry_makes_failed_deliveries_due_now_with_a_new_horizon(store):
    _add(store, "a1", now=0.0, horizon=10.0)
    store.expire(now=20.0)
    assert store.retry(["a1"], now=30.0, horizon=10.0) == 1
    batch = store.take(R, now=30.0)
    assert batch is not None and batch.alert_ids == ("a1",)
    assert store.deliveries()[0].deadline == 40.0


def test_retry_all_ends_a_receivers_pause(store):
    _add(store, "a1")
    store.retry_later(store.take(R, now=0.0), "timeout", now=0.0, delay=300.0)  # type: ignore[arg-type]
    assert store.take(R, now=1.0) is None
    assert store.retry(None, now=1.0) == 1
    assert store.take(R, now=1.0) is not None


def test_a_dropped_delivery_is_never_posted_nor_created_again(store):
    _add(store, "a1")
    assert store.drop(["a1"], now=1.0) == 1
    assert store.status("a1", R) == DROPPED and store.take(R, now=2.0) is None
    assert _add(store, "a1", now=3.0) is False


def test_a_muted_alert_is_recorded_but_never_due(store):
    store.record_alert("a1", "sy-1", {"id": "a1"}, silenced=True, now=0.0)
    assert store.enqueue("a1", "sy-1", R, now=0.0, silenced=True)
    assert store.status("a1", R) == SILENCED and store.take(R, now=1.0) is None
    assert store.drained(["a1"], now=1.0)


def test_drained_means_nothing_due_now_nothing_in_flight_and_every_alert_recorded(store):
    assert not store.drained(["a1"], now=0.0), "the alert has not been read yet"
    _add(store, "a1", now=0.0)
    assert not store.drained(["a1"], now=0.0), "due now"
    batch = store.take(R, now=0.0)
    assert not store.drained(["a1"], now=1.0), "being posted"
    store.delivered(batch, now=1.0)  # type: ignore[arg-type]
    _add(store, "a2", now=2.0)  # waits for the group slot at 300
    assert store.drained(["a1", "a2"], now=3.0)
    assert not store.drained(now=300.0)
    store.retry_later(store.take(R, now=300.0), "HTTP 503", now=300.0, delay=30.0)  # type: ignore[arg-type]
    assert store.drained(now=301.0), "a paused receiver's backlog waits for the next worker"


def test_backlog_counts_pending_deliveries_and_the_age_of_the_oldest(store):
    _add(store, "a1", now=10.0)
    _add(store, "a2", event="sy-2", now=40.0)
    assert store.backlog(R, now=100.0) == (2, 90.0)


def test_a_file_of_the_first_version_is_upgraded_in_place(tmp_path):
    path = tmp_path / "sinks.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE alerts (id TEXT PRIMARY KEY, event TEXT NOT NULL, received_at REAL NOT NULL,"
        " silenced INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL);"
        "CREATE TABLE deliveries (alert_id TEXT NOT NULL, receiver TEXT NOT NULL, status TEXT"
        " NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, created_at REAL NOT NULL, updated_at"
        " REAL NOT NULL, last_error TEXT, PRIMARY KEY (alert_id, receiver));"
        "INSERT INTO alerts VALUES ('a1', 'sy-1', 0, 0, '{\"id\": \"a1\"}');"
        "INSERT INTO deliveries VALUES ('a1', 'receiver-1', 'pending', 0, 0, 0, NULL);"
    )
    old.commit()
    old.close()
    with DeliveryStore(path) as store:
        batch = store.take(R, now=1.0)
        assert batch is not None and (batch.event, batch.alert_ids) == ("sy-1", ("a1",))


def test_recent_alerts_are_oldest_first_and_recorded_once(store):
    assert store.record_alert("a1", "e", {"id": "a1"}, now=1.0)
    assert store.record_alert("a2", "e", {"id": "a2"}, now=2.0, silenced=True)
    assert not store.record_alert("a1", "e", {"id": "a1"}, now=3.0)
    recent = store.recent_alerts()
    assert [a.id for a in recent] == ["a1", "a2"] and recent[1].silenced
    assert [a.id for a in store.event_alerts("e")] == ["a1", "a2"]


def test_taken_early_an_update_waiting_for_its_slot_goes_but_a_paused_receiver_still_holds(
    store,
):
    _add(store, "a0", now=0.0)
    _add(store, "a1", now=1.0)
    store.delivered(store.take(R, now=1.0), now=1.0)  # type: ignore[arg-type]
    assert store.take(R, now=2.0) is None, "a1 waits for its slot"
    batch = store.take(R, now=2.0, early=True)
    assert batch is not None and batch.alert_ids == ("a1",)
    store.retry_later(batch, "HTTP 503", now=2.0, delay=5.0)
    assert store.take(R, now=3.0, early=True) is None, "backoff still applies"

"""The delivery store: each (alert, receiver) once, surviving a reopen of the file."""

from __future__ import annotations

from streams.sinks.store import DELIVERED, PENDING, SILENCED, DeliveryStore


def test_a_delivery_is_claimed_once(tmp_path):
    with DeliveryStore(tmp_path / "sinks.sqlite") as store:
        assert store.claim("a1", "r1") is True
        assert store.claim("a1", "r1") is False
        assert store.claim("a1", "r2") is True


def test_delivered_state_survives_reopening_the_store(tmp_path):
    path = tmp_path / "state" / "sinks.sqlite"
    with DeliveryStore(path) as store:
        store.record_alert("a1", "sy-1", {"id": "a1", "event": "sy-1"})
        store.claim("a1", "r1")
        store.finish("a1", "r1", DELIVERED, attempts=2)
        store.claim("a2", "r1")
    with DeliveryStore(path) as again:
        assert again.is_delivered("a1", "r1")
        assert again.claim("a1", "r1") is False
        assert again.pending("r1") == ["a2"]
        assert again.alert("a1").payload == {"id": "a1", "event": "sy-1"}  # type: ignore[union-attr]


def test_recent_alerts_are_oldest_first_and_recorded_once(tmp_path):
    with DeliveryStore(tmp_path / "s.sqlite") as store:
        assert store.record_alert("a1", "e", {"id": "a1"}, now=1.0)
        assert store.record_alert("a2", "e", {"id": "a2"}, now=2.0, silenced=True)
        assert not store.record_alert("a1", "e", {"id": "a1"}, now=3.0)
        recent = store.recent_alerts()
        assert [a.id for a in recent] == ["a1", "a2"] and recent[1].silenced


def test_silenced_and_delivered_rows_are_not_pending(tmp_path):
    with DeliveryStore(tmp_path / "s.sqlite") as store:
        store.claim("a1", "r", SILENCED)
        store.mark_delivered("a2", "r")
        store.claim("a3", "r")
        assert store.pending("r") == ["a3"]
        assert store.counts() == {SILENCED: 1, DELIVERED: 1, PENDING: 1}

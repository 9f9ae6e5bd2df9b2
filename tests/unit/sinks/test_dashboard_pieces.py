"""Dashboard pieces that need no server: the SSE frame, static files, the alert hub."""

from __future__ import annotations

import json

from streams.sinks.hub import AlertHub
from streams.web.dashboard import STATIC, sse_frame, static_file
from tests.unit.sinks.conftest import make_alert


def _entry(alert_id: str) -> dict:
    return {"alert": make_alert(alert_id=alert_id).to_json(), "received_at": 1.0, "silenced": False}


def test_sse_frame_is_one_alert_event_with_its_id():
    frame = sse_frame(_entry("a1")).decode()
    assert frame.startswith("event: alert\nid: a1\ndata: ") and frame.endswith("\n\n")
    data = frame.split("data: ", 1)[1].strip()
    assert json.loads(data)["alert"]["id"] == "a1"
    assert "مصدر" in data  # Arabic kept readable


def test_static_files_ship_and_traversal_is_refused():
    for name in ("index.html", "event.html", "app.js", "style.css"):
        assert (STATIC / name).is_file()
        assert static_file(name) is not None
    assert static_file("../dashboard.py") is None
    assert static_file(".hidden") is None
    assert static_file("nope.html") is None


def test_hub_keeps_recent_alerts_newest_first_and_drops_repeats():
    hub = AlertHub(recent=3)
    assert hub.publish(_entry("a1")) and hub.publish(_entry("a2"))
    assert not hub.publish(_entry("a1"))
    hub.publish(_entry("a3"))
    hub.publish(_entry("a4"))
    assert [e["alert"]["id"] for e in hub.recent()] == ["a4", "a3", "a2"]


async def test_hub_feeds_subscribers_and_a_slow_one_loses_its_oldest_entries():
    hub = AlertHub(recent=1000)
    queue = hub.subscribe()
    for n in range(150):
        hub.publish(_entry(f"a{n}"))
    assert queue.qsize() == 100
    assert queue.get_nowait()["alert"]["id"] == "a50"
    hub.unsubscribe(queue)
    assert hub.subscribers == 0


async def test_closing_the_hub_ends_every_open_stream_even_a_full_one():
    hub = AlertHub(recent=1000)
    idle, full = hub.subscribe(), hub.subscribe()  # both fill up to the cap
    for n in range(100):
        hub.publish(_entry(f"a{n}"))
    hub.close_subscribers()
    assert idle.qsize() == 100 and full.qsize() == 100
    drained = [full.get_nowait() for _ in range(100)]
    assert drained[-1] is None and drained[0] is not None


def test_an_event_s_alerts_come_from_the_outbox_with_their_muted_flags(tmp_path):
    from streams.sinks.store import DeliveryStore

    hub = AlertHub()
    hub.publish({**_entry("a1"), "silenced": True})
    assert [e["alert"]["id"] for e in hub.for_event("sy-1")] == ["a1"]
    with DeliveryStore(tmp_path / "d.sqlite") as store:
        store.record_alert("old", "sy-1", {"id": "old", "event": "sy-1"}, silenced=True, now=1.0)
        store.record_alert("new", "sy-1", {"id": "new", "event": "sy-1"}, now=2.0)
        store.record_alert("x", "iq-2", {"id": "x", "event": "iq-2"}, now=3.0)
        hub.attach(store)
        found = [(e["alert"]["id"], e["silenced"]) for e in hub.for_event("sy-1")]
    assert found == [("new", False), ("old", True)]

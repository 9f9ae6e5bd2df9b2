"""Which events the resolve stage announces as closed (their state leaves the event table)."""

from __future__ import annotations

from streams.core.events.tracker import OpenEvent
from streams.core.pipeline import closed_events


def _event(event_id: str) -> OpenEvent:
    return OpenEvent(
        id=event_id, block="sy", places=(), kind=None, kinds=(), day_span=None, words=(),
        figures=(), articles=(), first_seen=0.0, last_seen=0.0,
    )  # fmt: skip


def test_an_event_dropped_by_the_tracker_is_closed():
    assert closed_events((_event("a"), _event("b")), [], (_event("b"),)) == ["a"]


def test_an_event_founded_and_dropped_within_one_batch_is_closed_too():
    # its claims were sent to the event table, so its state must leave the table as well
    assert closed_events((), ["new", None], ()) == ["new"]


def test_open_events_are_not_closed():
    assert closed_events((_event("a"),), ["a", "b"], (_event("a"), _event("b"))) == []

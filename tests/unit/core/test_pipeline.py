"""The batch steps and the offline runner: what the agents run, checked without a broker."""

from __future__ import annotations

from connectors.files import read_paths
from streams.core.events.tracker import OpenEvent, TrackerConfig
from streams.core.model import Article
from streams.core.pipeline import (
    EventClosed,
    apply_batch,
    closed_events,
    extract_article,
    resolve_batch,
    run_offline,
)
from tests.conftest import FIXTURES, SEEDS

T0 = 1_700_000_000.0
CHECK = FIXTURES / "events_check" / "articles.jsonl"


def _seeds():
    return run_offline(read_paths([SEEDS]), received_at=lambda a: T0)


def test_the_seeds_form_one_event():
    assert len({c.event for c in _seeds().claims}) == 1


def test_the_seeds_raise_the_80_vs_62_family_and_nothing_else():
    alerts = _seeds().alerts
    assert all(a.metric == "killed" and a.victim_class == "security_forces" for a in alerts)
    pairs = {frozenset({a.new.min, c.min}) for a in alerts for c in a.conflicts_with}
    assert frozenset({80, 62}) in pairs
    assert all(80 in p or 62 in p for p in pairs)


def test_no_alert_pairs_the_12_bodies_with_a_death_toll():
    for a in _seeds().alerts:
        assert a.new.metric != "bodies"
        assert all(c.metric != "bodies" for c in a.conflicts_with)


def test_redelivering_every_article_emits_no_new_alert():
    articles = list(read_paths([SEEDS, CHECK]))
    once = run_offline(articles, received_at=lambda a: T0)
    twice = run_offline(articles + articles, received_at=lambda a: T0)
    assert [a.id for a in twice.alerts] == [a.id for a in once.alerts]
    assert twice.events == once.events


def test_batches_of_one_and_of_many_give_the_same_events_and_alerts():
    articles = list(read_paths([CHECK]))
    whole = run_offline(articles, received_at=lambda a: T0)
    single = run_offline(articles, received_at=lambda a: T0, batch=1)
    assert [(c.id, c.event) for c in single.claims] == [(c.id, c.event) for c in whole.claims]
    assert [a.id for a in single.alerts] == [a.id for a in whole.alerts]


def test_the_steps_compose_as_the_runner_composes_them():
    config = TrackerConfig()
    reports = [
        ("p1", "a.example", "قتل 14 شخصا في غارة جوية على سوق مدينة إدلب صباح اليوم"),
        (
            "p2",
            "b.example",
            "قال الدفاع المدني إن 30 شخصا قتلوا في الغارة الجوية على سوق مدينة إدلب",
        ),
    ]
    items = [extract_article(Article(id=i, text=t, source=s), T0) for i, s, t in reports]
    open_events, assignments, closed = resolve_batch((), items, config)
    [event_id] = {e for e, _ in assignments}
    assert [e.id for e in open_events] == [event_id] and closed == []
    resolved = [item for _, item in assignments]
    state, alerts, _, progress = apply_batch(None, event_id, resolved, config)
    assert state is not None and len(alerts) == 1
    assert [p.alerts for p in progress] == [(), (alerts[0].id,)]
    state, again, _, _ = apply_batch(state, event_id, resolved, config)
    assert again == []
    closed_state, _, _, _ = apply_batch(state, event_id, [EventClosed(event_id)], config)
    assert closed_state is None


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

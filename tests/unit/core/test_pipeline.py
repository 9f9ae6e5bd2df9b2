"""The batch steps and the offline runner: what the agents run, checked without a broker."""

from __future__ import annotations

import json

import pytest

from connectors.files import read_paths
from streams.core.events.tracker import Block, TrackerConfig
from streams.core.model import Article
from streams.core.offline import run_offline
from streams.core.pipeline import (
    EventClosed,
    apply_batch,
    extract_article,
    resolve_batch,
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
        ("p1", "a.example", "قتل 14 شخصا في غارة جوية على سوق الهال في مدينة إدلب صباح الثلاثاء"),
        (
            "p2",
            "b.example",
            "قال الدفاع المدني إن 30 شخصا قتلوا في الغارة الجوية على سوق الهال في إدلب يوم الثلاثاء",
        ),
    ]
    items = [extract_article(Article(id=i, text=t, source=s), T0) for i, s, t in reports]
    done = resolve_batch(Block("sy"), {}, items, config)
    [event_id] = {e for e, _ in done.routed}
    assert event_id is not None and list(done.block.founders) == [event_id]
    resolved = [item for _, item in done.routed]
    state, alerts, _, progress, forwards = apply_batch(None, event_id, resolved, config)
    assert state is not None and len(alerts) == 1 and forwards == []
    assert [p.alerts for p in progress] == [(), (alerts[0].id,)]
    state, again, _, _, _ = apply_batch(state, event_id, resolved, config)
    assert again == []
    closed_state, _, _, _, _ = apply_batch(state, event_id, [EventClosed(event_id)], config)
    assert closed_state is None


BRIDGED = [
    (
        "a",
        "مقتل 8 مدنيين بغارة طائرة مسيرة على حفل زفاف في مديرية صرواح غربي محافظة مأرب مساء الجمعة",
    ),
    (
        "c",
        "وصل 40 جريحا إلى مستشفى مأرب العام بعد غارة بطائرة مسيرة في محافظة مأرب، وقالت السلطة "
        "المحلية إن القتلى 11",
    ),
    (
        "b",
        "ارتفع إلى 11 عدد قتلى الغارة بطائرة مسيرة على حفل الزفاف في صرواح بمحافظة مأرب مساء "
        "الجمعة، ووصل 40 جريحا إلى مستشفى مأرب العام",
    ),
]


def _bridged(batch: int):
    articles = [Article(id=i, text=t, source=f"{i}.example") for i, t in BRIDGED]
    return run_offline(articles, received_at=lambda a: T0, batch=batch)


def test_a_merge_is_printed_and_the_retired_id_answers_as_an_alias():
    result = _bridged(batch=1)
    merges = [line for line in result.lines() if line["type"] == "merge"]
    [merge] = merges
    survivor, [retired] = merge["event"], merge["merged"]
    assert result.events[retired].alias_of == survivor
    assert retired in result.events[survivor].aliases
    assert {c.article for c in result.events[survivor].claims.values()} == {"a", "b", "c"}


def test_claims_merged_in_one_batch_or_article_by_article_end_in_one_event():
    for batch in (1, 500):
        result = _bridged(batch)
        live = [e for e in result.events.values() if e.alias_of is None]
        assert len(live) == 1


@pytest.mark.parametrize("batch", ["events_en_batch", "events_en_batch2"])
def test_the_team_written_english_batches_group_each_incident_across_languages(batch):
    batch = FIXTURES / batch
    gold = {
        a: e["event"]
        for e in map(json.loads, (batch / "events.jsonl").read_text().splitlines())
        for a in e["articles"]
    }
    result = run_offline(read_paths([batch / "articles.jsonl"]), received_at=lambda a: T0)
    final = {k: v.alias_of for k, v in result.events.items() if v.alias_of}
    event = {p.article: final.get(str(p.event), p.event) for p in result.progress if p.article}
    for a in gold:
        for b in gold:
            assert (event[a] == event[b]) == (gold[a] == gold[b]), (a, b)

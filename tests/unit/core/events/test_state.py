from __future__ import annotations

import json

from streams.core.events.signature import signature_of
from streams.core.events.state import EventState, apply_claims
from streams.core.events.views import summary_view, table_view
from tests.unit.core.conftest import make_article, make_claim


def _sig(aid: str, source: str | None = None):
    return signature_of(make_article(aid, "غارات على دير الزور", source=source), [], 0.0)


def _first_two():
    a = [make_claim(lo=62, article="A", source="x", victim_class="security_forces")]
    b = [
        make_claim(
            lo=80,
            article="B",
            source="y",
            attributed_to="مصدر في مطار دير الزور",
            victim_class="security_forces",
        ),  # fmt: skip
        make_claim(
            metric="bodies",
            lo=12,
            article="B",
            source="y",
            attributed_to="مراسلنا",
            victim_class="security_forces",
        ),  # fmt: skip
    ]
    state, alerts1, _ = apply_claims(None, "sy-1", _sig("A", "x"), a)
    state, alerts2, _ = apply_claims(state, "sy-1", _sig("B", "y"), b)
    return state, alerts1 + alerts2, b


def test_a_new_conflicting_claim_raises_one_alert():
    state, alerts, _ = _first_two()
    assert len(alerts) == 1 and alerts[0].new.min == 80
    assert state.alert_ids == (alerts[0].id,)


def test_replaying_an_article_changes_nothing_and_emits_nothing():
    state, _, b = _first_two()
    again, alerts, updates = apply_claims(state, "sy-1", _sig("B", "y"), b)
    assert again == state and alerts == [] and updates == []


def test_contradictions_inside_one_article_count():
    claims = [
        make_claim(lo=62, article="S", source=None, victim_class="security_forces"),
        make_claim(
            lo=80,
            article="S",
            source=None,
            attributed_to="مصدر في المطار",
            victim_class="security_forces",
        ),
    ]
    _, alerts, _ = apply_claims(None, "sy-1", _sig("S"), claims)
    assert len(alerts) == 1


def test_a_source_raising_its_own_toll_is_an_update_not_an_alert():
    first = [make_claim(lo=27, article="A", attributed_to="مركز طب الطوارئ والدعم الليبي")]
    later = [make_claim(lo=55, article="B", attributed_to="مركز طب الطوارئ والدعم")]
    state, _, _ = apply_claims(None, "ly-1", _sig("A"), first)
    state, alerts, updates = apply_claims(state, "ly-1", _sig("B"), later)
    assert alerts == [] and len(updates) == 1 and updates[0].direction == "raised"


def test_state_round_trips_through_json():
    state, _, _ = _first_two()
    assert EventState.from_json(json.loads(json.dumps(state.to_json()))) == state


def test_views_are_json_ready_and_flag_contradictions():
    state, alerts, _ = _first_two()
    summary = summary_view(state)
    assert summary["alerts"] == 1 and summary["articles"] == 2
    view = json.loads(json.dumps(table_view(state)))
    names = {row["name"] for row in view["sources"]}
    assert any("«مصدر في مطار دير الزور»" in n for n in names)
    flagged = [
        f
        for row in view["sources"]
        for figs in row["figures"].values()
        for f in figs
        if f["contradicted"]
    ]
    assert {f["min"] for f in flagged} == {62, 80}
    assert view["contradictions"][0]["id"] == alerts[0].id


def _report(article: str, outlet: str, figure: int, said_by: str | None = None):
    return [make_claim(lo=figure, article=article, source=outlet, attributed_to=said_by)]


def _apply_all(reports):
    state, alerts = None, []
    for article, outlet, figure, said_by in reports:
        state, raised, _ = apply_claims(
            state, "ly-1", _sig(article, outlet), _report(article, outlet, figure, said_by)
        )
        alerts += raised
    return state, alerts


def test_a_claim_contradicting_several_sources_raises_one_alert_listing_them_all():
    _, alerts = _apply_all(
        [("A", "x", 60, None), ("B", "y", 62, None), ("C", "z", 90, "وزارة الصحة")]
    )
    last = alerts[-1]
    assert last.new.min == 90
    assert sorted(c.min for c in last.conflicts_with) == [60, 62]
    assert "60 from" in last.summary and "62 from" in last.summary


def test_an_outlet_relaying_a_contradiction_already_alerted_raises_nothing_new():
    # the ministry's 90 against the outlet x's 60 is alerted once; outlet w relaying the
    # ministry's 90 again is the same two statements
    _, alerts = _apply_all(
        [("A", "x", 60, None), ("B", "y", 90, "وزارة الصحة"), ("C", "w", 90, "وزارة الصحة")]
    )
    assert [a.new.article for a in alerts] == ["B"]


def test_a_relayed_figure_still_alerts_when_it_contradicts_a_new_statement():
    _, alerts = _apply_all(
        [
            ("A", "x", 60, None),
            ("B", "y", 90, "وزارة الصحة"),
            ("C", "v", 40, "الدفاع المدني"),
            ("D", "w", 90, "وزارة الصحة"),
        ]
    )
    assert [a.new.article for a in alerts] == ["B", "C"]  # D adds no new pair of statements
    assert {c.article for c in alerts[1].conflicts_with} == {"A", "B"}


def test_every_contradicting_pair_of_statements_is_alerted_in_any_arrival_order():
    from itertools import permutations

    from streams.core.alerts import conflict_key

    reports = [
        ("A", "x", 60, None),
        ("B", "y", 90, "وزارة الصحة"),
        ("C", "v", 40, "الدفاع المدني"),
        ("D", "w", 90, "وزارة الصحة"),
    ]
    covered = set()
    for order in permutations(reports):
        _, alerts = _apply_all(order)
        pairs = frozenset(conflict_key(a.new, c) for a in alerts for c in a.conflicts_with)
        covered.add(pairs)
    assert len(covered) == 1 and len(next(iter(covered))) == 3

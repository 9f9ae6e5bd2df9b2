from __future__ import annotations

import json

from streams.core.events.signature import signature_of
from streams.core.events.state import EventState, absorb, apply_claims
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


def test_a_claim_contradicting_several_sources_raises_one_alert_per_source():
    _, alerts = _apply_all(
        [("A", "x", 60, None), ("B", "y", 62, None), ("C", "z", 90, "وزارة الصحة")]
    )
    ministry = [a for a in alerts if a.new.min == 90]
    assert [[c.min for c in a.conflicts_with] for a in ministry] == [[60], [62]]
    assert "60 from" in ministry[0].summary and "62 from" in ministry[1].summary


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
    # D relays the ministry: no new pair of statements
    pairs = [(a.new.article, a.conflicts_with[0].article) for a in alerts]
    assert pairs == [("B", "A"), ("C", "A"), ("C", "B")]


REPORTS = [
    ("A", "x", 60, None),
    ("B", "y", 90, "وزارة الصحة"),
    ("C", "v", 40, "الدفاع المدني"),
    ("D", "w", 90, "وزارة الصحة"),
]


def test_alert_ids_do_not_depend_on_the_arrival_order():
    from itertools import permutations

    ids = {frozenset(a.id for a in _apply_all(order)[1]) for order in permutations(REPORTS)}
    assert len(ids) == 1 and len(next(iter(ids))) == 3


def test_the_new_claim_of_an_alert_is_the_later_report():
    from dataclasses import replace

    def dated(article: str, outlet: str, published: str):
        s = signature_of(make_article(article, "غارات على دير الزور", source=outlet), [], 0.0)
        return replace(s, received_at=float(published), dated=True)

    first = _report("A", "x", 60)
    later = _report("B", "y", 90, "وزارة الصحة")
    state, _, _ = apply_claims(None, "ly-1", dated("B", "y", "200"), later)
    _, alerts, _ = apply_claims(state, "ly-1", dated("A", "x", "100"), first)
    [alert] = alerts
    assert alert.new.article == "B" and alert.conflicts_with[0].article == "A"


def test_every_contradicting_pair_of_statements_is_alerted_in_any_arrival_order():
    from itertools import permutations

    from streams.core.alerts import conflict_key

    covered = set()
    for order in permutations(REPORTS):
        _, alerts = _apply_all(order)
        pairs = frozenset(conflict_key(a.new, c) for a in alerts for c in a.conflicts_with)
        covered.add(pairs)
    assert len(covered) == 1 and len(next(iter(covered))) == 3


def _apply_to(event_id: str, reports):
    state, alerts = None, []
    for article, outlet, figure, said_by in reports:
        state, raised, _ = apply_claims(
            state, event_id, _sig(article, outlet), _report(article, outlet, figure, said_by)
        )
        alerts += raised
    return state, alerts


def test_a_merge_moves_the_claims_and_alerts_only_the_pairs_across_it():
    survivor, before = _apply_to("ly-1", REPORTS[:2])  # 60 vs 90: alerted in ly-1
    retired, elsewhere = _apply_to("ly-2", REPORTS[2:])  # 40 vs 90: alerted in ly-2
    merged, alerts, _ = absorb(survivor, "ly-1", retired)
    assert set(merged.claims) == set(survivor.claims) | set(retired.claims)
    assert all(c.event == "ly-1" for c in merged.claims.values())
    assert merged.aliases == ("ly-2",)
    # across the merge only 40 vs 60 is new: 60 vs 90 and 40 vs 90 were alerted already
    assert [(a.new.min, a.conflicts_with[0].min) for a in alerts] == [(40, 60)]
    assert set(merged.alert_ids) == {a.id for a in before + elsewhere + alerts}


def test_merging_gives_the_alert_ids_one_event_would_have_raised():
    _, whole = _apply_to("ly-1", REPORTS)
    survivor, before = _apply_to("ly-1", REPORTS[:2])
    retired, elsewhere = _apply_to("ly-2", REPORTS[2:])
    _, across, _ = absorb(survivor, "ly-1", retired)
    assert {a.id for a in before + elsewhere + across} == {a.id for a in whole}


def test_absorbing_the_same_state_twice_raises_nothing_new():
    survivor, _ = _apply_to("ly-1", REPORTS[:2])
    retired, _ = _apply_to("ly-2", REPORTS[2:])
    merged, _, _ = absorb(survivor, "ly-1", retired)
    again, alerts, _ = absorb(merged, "ly-1", retired)
    assert alerts == [] and again.claims == merged.claims


def test_an_alias_record_round_trips_and_holds_nothing_else():
    alias = EventState(id="ly-2", alias_of="ly-1")
    assert alias.to_json() == {"id": "ly-2", "alias_of": "ly-1"}
    assert EventState.from_json(alias.to_json()) == alias


def test_a_running_toll_that_still_disagrees_with_the_same_rival_raises_nothing_new():
    # the ministry's toll rises 30 -> 70 (an update); the Red Cross said 100 all along
    _, alerts = _apply_all(
        [
            ("A", "x", 30, "وزارة الصحة"),
            ("B", "y", 100, "الصليب الأحمر"),
            ("C", "z", 70, "وزارة الصحة"),
        ]
    )
    assert [(a.new.min, a.conflicts_with[0].min) for a in alerts] == [(100, 30)]

from __future__ import annotations

import json

from streams.events.signature import signature_of
from streams.events.table import EventState, apply_claims, summary_view, table_view

from .conftest import make_article, make_claim


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
    assert any(n.startswith("a source at Deir ez-Zor") for n in names)
    flagged = [
        f
        for row in view["sources"]
        for figs in row["figures"].values()
        for f in figs
        if f["contradicted"]
    ]
    assert {f["min"] for f in flagged} == {62, 80}
    assert view["contradictions"][0]["id"] == alerts[0].id

"""An event's figures per metric and victim group: a sub-count never drags a range down."""

from __future__ import annotations

from streams.core.events.ranges import figure_ranges
from tests.unit.core.conftest import make_claim as c


def test_a_count_of_children_is_ranged_apart_from_the_toll_every_source_gives():
    claims = [
        c(lo=60, attributed_to="وزارة الصحة", article="a1"),
        c(lo=120, attributed_to="المرصد السوري لحقوق الإنسان", article="a2"),
        c(lo=90, approximate=True, article="a3", source="outlet-b"),
        c(lo=5, victim="أطفال", victim_class="civilians", attributed_to="مصدر طبي", article="a4"),
    ]
    killed = figure_ranges(claims)["killed"]
    assert [(r["victims"], r["subgroup"], r["text"]) for r in killed] == [
        ("unknown", None, "60–120"),
        ("civilians", "children", "5"),
    ]
    assert killed[0]["sources"] == 3 and killed[0]["claims"] == 3


def test_each_victim_class_has_its_own_range_per_metric():
    claims = [
        c(lo=62, victim_class="security_forces"),
        c(lo=80, victim_class="security_forces", attributed_to="مصدر", article="a2"),
        c(lo=5, victim_class="armed_groups", article="a3"),
        c(metric="injured", lo=100, hi=None, article="a4"),
    ]
    ranges = figure_ranges(claims)
    assert [(r["victims"], r["text"]) for r in ranges["killed"]] == [
        ("armed_groups", "5"), ("security_forces", "62–80"),
    ]  # fmt: skip
    assert ranges["injured"][0]["text"] == "at least 100" and ranges["injured"][0]["high"] is None


def test_cumulative_totals_are_left_out():
    assert figure_ranges([c(lo=5000, scope="cumulative")]) == {}

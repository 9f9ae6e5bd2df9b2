"""Severity separates what matters: high only for a large gap between two named,
authoritative sources with definite figures; low for unnamed sources, vague quantities or
small gaps; medium otherwise.
"""

from __future__ import annotations

from dataclasses import replace

from streams.core.severity import pair_severity, relative_gap, severity, standing

from .conftest import make_claim as c

MINISTRY = "وزارة الصحة السورية"
OBSERVATORY = "المرصد السوري لحقوق الإنسان"
UN_OFFICE = "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية"
MEDICAL = "مصدر طبي"
ANONYMOUS = "مصدر في المطار"


def test_a_large_gap_between_two_authoritative_named_sources_is_high():
    assert (
        severity(c(lo=120, attributed_to=OBSERVATORY), [c(lo=60, attributed_to=MINISTRY)]) == "high"
    )
    assert severity(c(lo=45, attributed_to=UN_OFFICE), [c(lo=12, attributed_to=MINISTRY)]) == "high"


def test_a_large_gap_is_only_medium_when_one_side_is_an_outlet_or_an_unknown_name():
    outlet_voice = c(lo=60, attributed_to=None, source="outlet.example")
    assert severity(c(lo=120, attributed_to=OBSERVATORY), [outlet_voice]) == "medium"
    stranger = c(lo=60, attributed_to="بيان من الحركة")
    assert severity(c(lo=120, attributed_to=MINISTRY), [stranger]) == "medium"


def test_an_unnamed_source_on_either_side_makes_the_alert_low():
    assert severity(c(lo=163, attributed_to=MEDICAL), [c(lo=30, attributed_to=MINISTRY)]) == "low"
    assert (
        severity(c(lo=80, attributed_to=ANONYMOUS), [c(lo=20, attributed_to=OBSERVATORY)]) == "low"
    )


def test_a_vague_quantity_on_either_side_makes_the_alert_low():
    dozens = c(lo=20, hi=99, approximate=True, attributed_to=OBSERVATORY)
    assert severity(c(lo=300, attributed_to=MINISTRY), [dozens]) == "low"


def test_an_approximate_point_or_an_open_floor_is_not_vague():
    about = c(lo=60, approximate=True, attributed_to=OBSERVATORY)
    floor = c(lo=121, hi=None, attributed_to=OBSERVATORY)
    assert severity(c(lo=150, attributed_to=MINISTRY), [about]) == "high"
    assert severity(c(lo=40, attributed_to=MINISTRY), [floor]) == "high"


def test_a_small_gap_is_low_whoever_says_it():
    assert (
        severity(c(lo=68, attributed_to=OBSERVATORY), [c(lo=62, attributed_to=MINISTRY)]) == "low"
    )


def test_a_moderate_gap_between_authorities_is_medium():
    assert (
        severity(c(lo=80, attributed_to=OBSERVATORY), [c(lo=62, attributed_to=MINISTRY)])
        == "medium"
    )


def test_the_alert_takes_the_most_severe_of_its_pairs():
    new = c(lo=120, attributed_to=OBSERVATORY)
    others = [c(lo=60, attributed_to=MEDICAL), c(lo=58, attributed_to=MINISTRY)]
    assert [pair_severity(new, o) for o in others] == ["low", "high"]
    assert severity(new, others) == "high"


def test_a_claim_that_carries_its_registry_type_is_judged_by_it():
    claim = c(lo=60, attributed_to="جهة ما")
    assert standing(claim) == "named"
    assert standing(replace(claim, source_id="un.ocha", source_type="un_agency")) == "authoritative"
    assert (
        standing(replace(claim, source_id="anon:medical@x", source_type="medical_source"))
        == "unnamed"
    )


def test_relative_gap_is_the_distance_over_the_larger_bound_and_zero_when_ranges_meet():
    assert relative_gap(c(lo=100), c(lo=60)) == 0.4
    assert relative_gap(c(lo=60), c(lo=100)) == 0.4
    assert relative_gap(c(lo=60, hi=100), c(lo=80)) == 0.0
    assert relative_gap(c(lo=60, approximate=True), c(lo=66), tolerance=0.1) == 0.0


def test_one_source_disagreeing_with_itself_is_low():
    earlier, later = (
        c(lo=30, attributed_to=MINISTRY),
        c(lo=70, attributed_to=MINISTRY, article="a2"),
    )
    assert severity(later, [earlier]) == "low"

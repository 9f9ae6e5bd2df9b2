from __future__ import annotations

from streams.core.alerts import build_alert
from streams.core.conflicts import conflicts, contradicts, is_update

from .conftest import make_claim as c

TOL = 0.1


def test_different_sources_exact_figures_that_differ_conflict():
    new = c(lo=80, attributed_to="مصدر في مطار دير الزور", victim_class="security_forces")
    old = c(lo=62, attributed_to=None, victim_class="security_forces", article="art-0")
    assert conflicts(new, [old], TOL) == [old]


def test_overlapping_ranges_do_not_conflict():
    assert not contradicts(
        c(lo=62), c(lo=61, hi=None, attributed_to="المرصد السوري لحقوق الإنسان"), TOL
    )


def test_approximate_values_are_widened_by_the_tolerance():
    approx = c(lo=60, approximate=True, attributed_to="مصدر طبي")
    assert not contradicts(approx, c(lo=65), TOL)
    assert contradicts(approx, c(lo=70), TOL)
    assert not contradicts(approx, c(lo=70), 0.2)


def test_open_ended_floor_is_a_rounded_figure():
    more_than_60 = c(lo=61, hi=None, attributed_to="الجيش الروسي")
    assert not contradicts(more_than_60, c(lo=60, attributed_to="وزارة الدفاع"), TOL)
    assert contradicts(
        c(lo=101, hi=None, attributed_to="المرصد"), c(lo=67, attributed_to="وزارة الصحة"), TOL
    )


def test_same_source_is_never_a_contradiction_but_an_update():
    old = c(lo=27, attributed_to="مركز طب الطوارئ والدعم الليبي", article="a1")
    new = c(lo=55, attributed_to="مركز طب الطوارئ والدعم", article="a2")
    assert not contradicts(new, old, TOL)
    assert is_update(new, old)


def test_outlet_voice_claims_of_one_outlet_are_one_source():
    assert not contradicts(c(lo=5, article="a1"), c(lo=9, article="a2"), TOL)
    assert contradicts(c(lo=5, source="x"), c(lo=9, source="y"), TOL)


def test_anonymous_sources_of_two_outlets_are_two_sources():
    assert contradicts(
        c(lo=5, attributed_to="مصادر طبية", source="x"),
        c(lo=9, attributed_to="مصادر طبية", source="y"),
        TOL,
    )


def test_bodies_conflict_with_killed_only_when_above_the_death_toll():
    bodies = c(metric="bodies", lo=12, attributed_to="مراسلنا", victim_class="security_forces")
    killed = c(lo=60, attributed_to="وزارة الدفاع الروسية", victim_class="security_forces")
    assert not contradicts(bodies, killed, TOL)
    assert contradicts(
        c(metric="bodies", lo=70, attributed_to="مراسلنا", victim_class="security_forces"),
        killed,
        TOL,
    )
    assert not contradicts(
        c(metric="killed", lo=5, attributed_to="مراسلنا"), c(metric="bodies", lo=3), TOL
    )


def test_two_body_counts_never_conflict():
    assert not contradicts(
        c(metric="bodies", lo=12), c(metric="bodies", lo=200, source="other"), TOL
    )


def test_killed_above_casualties_conflicts_but_below_does_not():
    casualties = c(metric="casualties", lo=20, attributed_to="وزارة الصحة")
    assert contradicts(c(lo=36, attributed_to="الاتحاد"), casualties, TOL)
    assert not contradicts(c(lo=9, attributed_to="الاتحاد"), casualties, TOL)


def test_different_metrics_do_not_conflict():
    assert not contradicts(c(metric="injured", lo=100), c(metric="killed", lo=5, source="y"), TOL)


def test_cumulative_totals_are_ignored():
    assert not contradicts(c(lo=5000, scope="cumulative"), c(lo=5, source="y"), TOL)


def test_different_victim_classes_do_not_conflict():
    militia = c(
        lo=5, victim="عناصر المليشيات المحلية", victim_class="armed_groups", attributed_to="مصدر"
    )
    soldiers = c(lo=62, victim="جيش النظام", victim_class="security_forces", source="y")
    assert not contradicts(militia, soldiers, TOL)


def test_same_class_in_other_words_conflicts():
    soldiers = c(lo=62, victim="جيش النظام", victim_class="security_forces")
    assad = c(
        lo=80, victim="جيش الأسد", victim_class="security_forces", attributed_to="مصدر في المطار"
    )
    assert contradicts(assad, soldiers, TOL)


def test_differently_named_armed_groups_do_not_conflict():
    a = c(lo=5, victim="عناصر المليشيات المحلية", victim_class="armed_groups", attributed_to="مصدر")
    b = c(
        lo=7,
        victim="مليشيا حركة شباب العودة الفلسطينية",
        victim_class="armed_groups",
        attributed_to="بيان",
    )
    assert not contradicts(a, b, TOL)


def test_a_subcount_below_the_total_is_not_a_contradiction():
    total = c(lo=116, attributed_to="المرصد السوري لحقوق الإنسان")
    graduates = c(lo=59, hi=None, victim="الخريجين الجدد", victim_class="security_forces",
                  attributed_to="المرصد", quote="قتل 116 شخصا، بينهم ما لا يقل عن 59 من الخريجين")  # fmt: skip
    other_total = c(lo=50, attributed_to="وكالة تاس")
    assert not contradicts(graduates, c(lo=80, attributed_to="وزير الصحة"), TOL)
    assert contradicts(graduates, other_total, TOL)  # a part above another source's whole
    assert not contradicts(total, graduates, TOL)


def test_unknown_victims_compare_with_the_only_class_reported():
    stampede_total = c(lo=78, hi=None, source="anzipress")
    citizens = c(
        lo=10,
        approximate=True,
        victim="مواطنين",
        victim_class="civilians",
        attributed_to="مصادر محلية",
    )
    assert conflicts(citizens, [stampede_total], TOL) == [stampede_total]
    soldiers = c(lo=60, victim_class="security_forces", attributed_to="وزارة الدفاع الروسية")
    militia = c(lo=5, victim_class="armed_groups", victim="المليشيات المحلية", attributed_to="مصدر")
    total = c(lo=61, hi=None, attributed_to="المرصد")
    assert conflicts(militia, [soldiers, total], TOL) == []


def test_alert_id_is_stable_and_order_independent():
    new = c(lo=80, attributed_to="مصدر في مطار دير الزور")
    a, b = c(lo=62, article="x"), c(lo=60, attributed_to="وزارة الدفاع الروسية", article="y")
    assert build_alert("sy-1", new, [a, b]).id == build_alert("sy-1", new, [b, a]).id
    assert build_alert("sy-1", new, [a]).id != build_alert("sy-1", new, [a, b]).id
    assert build_alert("sy-2", new, [a]).id == build_alert("sy-1", new, [a]).id


def test_a_conflict_has_the_same_id_whichever_claim_arrived_last():
    x = c(lo=80, attributed_to="مصدر في مطار دير الزور")
    y = c(lo=62, article="x")
    assert build_alert("sy-1", x, [y]).id == build_alert("sy-9", y, [x]).id


def test_alert_summary_reads_aloud_in_english():
    new = c(lo=80, attributed_to="مصدر في مطار دير الزور", victim_class="security_forces")
    old = c(lo=62, victim_class="security_forces", source=None)
    alert = build_alert("sy-abc", new, [old])
    assert alert.summary.startswith(
        "Killed (security forces): an unnamed source, quoted by outlet-a (unnamed source)"
        " «مصدر في مطار دير الزور»"
    )
    assert "says 80, contradicting 62 from the outlet (own report)" in alert.summary
    assert alert.summary.endswith("event sy-abc")
    assert alert.new.event == "sy-abc" and alert.conflicts_with[0].event == "sy-abc"


def test_members_and_officers_together_are_the_whole_force_not_a_subgroup():
    whole = c(
        lo=60,
        victim="عنصر و ضابط من هذه القوات",
        victim_class="security_forces",
        attributed_to="وزارة الدفاع الروسية",
    )
    other = c(lo=80, victim="من جيش الأسد", victim_class="security_forces", attributed_to="مصدر")
    assert contradicts(whole, other, 0.1)


def test_officers_alone_are_a_part_of_the_force():
    officers = c(lo=6, victim="ضباط", victim_class="security_forces", attributed_to="مصدر")
    force = c(lo=80, victim="من جيش الأسد", victim_class="security_forces", attributed_to="المرصد")
    assert not contradicts(officers, force, 0.1)

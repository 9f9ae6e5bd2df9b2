"""Who the victims are: phrase, class, sub-counts and lists."""

from __future__ import annotations

from .conftest import one, run


def test_civilians_class():
    assert one("قتل 4 مدنيين في قصف مدفعي.").victim_class == "civilians"


def test_security_forces_class():
    assert one("قتل 6 جنود في هجوم على نقطة تفتيش.").victim_class == "security_forces"


def test_armed_groups_class():
    assert one("قتل 11 مسلحا في الاشتباكات.").victim_class == "armed_groups"


def test_mixed_class_when_civilians_and_soldiers_are_counted_together():
    assert one("قتل 30 من المدنيين والعسكريين في التفجير.").victim_class == "mixed"


def test_unknown_class_for_persons():
    assert one("قتل 5 أشخاص في الحادث.").victim_class == "unknown"


def test_victim_phrase_is_taken_from_the_text():
    c = one("مقتل 17 من عناصر الشرطة في كمين.")
    assert "عناصر الشرطة" in c.victim
    assert c.victim_class == "security_forces"


def test_others_refers_back_to_the_previous_group():
    found = run("قتل 3 جنود وأصيب 7 آخرون في الهجوم.")
    assert [c.victim_class for c in found] == ["security_forces", "security_forces"]


def test_sub_count_is_a_claim_of_its_own():
    found = run("قتل 40 شخصا بينهم 22 مدنيا في الغارات.")
    assert [(c.min, c.victim_class) for c in found] == [(40, "unknown"), (22, "civilians")]


def test_list_items_are_claims_of_their_own():
    found = run("قتل 12 شخصا، بينهم 3 أطفال و4 نساء.")
    assert [(c.metric, c.min) for c in found] == [("killed", 12), ("killed", 3), ("killed", 4)]

"""Figures that raised false contradiction alerts when read as tolls (issue 16, EV2): a feared
toll, a count of shots, a scale word repeated after a figure in the thousands, and fighters
of a named armed group counted as unknown victims.
"""

from __future__ import annotations

from .conftest import one, run


def test_a_feared_rise_is_not_a_claim():
    found = run(
        "قال المحافظ إن 12 شخصا قتلوا، معربا عن خشيته من ارتفاع العدد إلى أكثر من 40 قتيلا."
    )
    assert [(c.metric, c.min) for c in found] == [("killed", 12)]


def test_fears_voiced_by_an_institution_are_not_a_claim():
    assert run("وأبدت الوزارة خشيتها من أن يصل عدد الضحايا إلى 200.") == []


def test_fears_about_something_else_do_not_block_the_toll_before_them():
    assert one("قتل 15 شخصا في الانفجار وسط مخاوف من انهيار المبنى.").min == 15


def test_shots_fired_are_not_people_killed():
    text = "قال المهاجم إنه دخل السوق وقتل حارسا ثم أطلق من ثلاث إلى أربع رصاصات في الهواء."
    assert [c for c in run(text) if c.min == 3] == []


def test_a_scale_word_after_a_figure_in_the_thousands_repeats_it():
    claim = one("قالت الوزارة إن عدد الجرحى تجاوز 2500 آلاف جريح.")
    assert (claim.metric, claim.min) == ("injured", 2501)


def test_a_scale_word_after_a_small_figure_still_multiplies():
    assert one("أصيب 5 آلاف شخص في الزلزال.").min == 5000


def test_members_of_a_named_armed_group_are_armed_groups():
    assert one("أعلن الجيش مقتل 14 عنصرا من حزب الله في الغارات.").victim_class == "armed_groups"


def test_the_taliban_are_an_armed_group():
    assert one("وأعلن المتحدث مقتل 9 عناصر من طالبان.").victim_class == "armed_groups"


def test_a_named_group_after_the_victims_names_who_fired_not_who_died():
    assert one("قتل 5 مدنيين بقصف الحوثي على حي سكني.").victim_class == "civilians"


def test_persons_killed_by_a_named_group_stay_unknown():
    assert one("قتل 14 شخصا بقصف الحوثي.").victim_class == "unknown"

"""same_incident: a symmetric relation of two signatures (team-written sentences).

Look-alikes (one kind of incident in one city, days or years apart; two schools two days
apart) stay apart with and without dates; one incident named at village, district and
governorate level, or in other words, is one.
"""

from __future__ import annotations

import itertools

from streams.core.events.relation import explain, same_incident

from .helpers import sig

SCHOOL_A = (
    "استشهاد 30 فلسطينيا في قصف إسرائيلي على مدرسة الأمل التي تؤوي نازحين في حي الشجاعية "
    "بمدينة غزة فجر اليوم السبت"
)
SCHOOL_A_AGAIN = (
    "الدفاع المدني: 34 شهيدا في الغارة على مدرسة الأمل في الشجاعية شرق مدينة غزة فجر السبت"
)
SCHOOL_B = (
    "استشهاد 12 فلسطينيا في قصف إسرائيلي على مدرسة النور التي تؤوي نازحين في حي الشجاعية "
    "بمدينة غزة صباح اليوم الخميس"
)


def test_the_relation_is_symmetric():
    texts = [SCHOOL_A, SCHOOL_A_AGAIN, SCHOOL_B]
    sigs = [sig(f"s{i}", t) for i, t in enumerate(texts)]
    for a, b in itertools.permutations(sigs, 2):
        assert explain(a, b) == explain(b, a)


def test_two_reports_of_one_school_strike_in_other_words_are_one_incident():
    assert same_incident(sig("a", SCHOOL_A), sig("b", SCHOOL_A_AGAIN))


def test_two_schools_two_days_apart_stay_apart_with_dates():
    a = sig("a", SCHOOL_A, published="2024-08-10T08:00:00Z")
    b = sig("b", SCHOOL_B, published="2024-08-08T09:00:00Z")
    assert not same_incident(a, b)
    assert explain(a, b).veto is not None


def test_two_schools_stay_apart_without_dates_by_weekday():
    verdict = explain(sig("a", SCHOOL_A), sig("b", SCHOOL_B))
    assert not verdict.same and verdict.veto is not None and "weekday" in verdict.veto


def test_two_schools_stay_apart_by_name_when_nothing_dates_them():
    a = sig("a", "قصف إسرائيلي على مدرسة الأمل في حي الشجاعية بمدينة غزة يقتل 30 نازحا")
    b = sig("b", "قصف إسرائيلي على مدرسة النور في حي الشجاعية بمدينة غزة يقتل 12 نازحا")
    assert not same_incident(a, b)


def test_one_city_one_kind_years_apart_stays_apart():
    a = sig("a", "مقتل 9 أشخاص بانفجار سيارة مفخخة في سوق مدينة الباب في 3 آذار 2021")
    b = sig("b", "مقتل 7 أشخاص بانفجار سيارة مفخخة في سوق مدينة الباب في 5 آذار 2023")
    assert explain(a, b).veto is not None


def test_a_city_and_a_kind_alone_are_not_one_incident():
    a = sig("a", "مقتل 4 أشخاص في غارة جوية على مدينة إدلب")
    b = sig("b", "غارة جوية على مدينة إدلب توقع 6 قتلى")
    assert not same_incident(a, b)


def test_village_district_and_governorate_are_one_place():
    village = sig(
        "v",
        "مقتل 8 مدنيين بقصف طائرة مسيرة على حفل زفاف في مديرية صرواح غربي محافظة مأرب مساء الجمعة",
    )
    governorate = sig(
        "g", "قال مصدر طبي إن 11 شخصا قتلوا في غارة بطائرة مسيرة على حفل زفاف في مأرب يوم الجمعة"
    )
    assert explain(village, governorate).veto is None
    assert same_incident(village, governorate)


def test_different_towns_far_apart_cannot_be_one_incident():
    a = sig("a", "غرق 12 مهاجرا قبالة سواحل صبراتة فجر الأربعاء")
    b = sig("b", "غرق 5 مهاجرين قبالة سواحل طبرق فجر الأربعاء")
    assert explain(a, b).veto is not None


def test_a_place_said_to_be_near_the_incident_does_not_rule_out_the_town_it_lies_by():
    a = sig("a", "غرق قارب مهاجرين قبالة سواحل مدينة زوارة يوم السبت ومصرع 11")
    b = sig("b", "غرق قارب مهاجرين غرب طرابلس يوم السبت ومصرع 15 مهاجرا")
    assert explain(a, b).veto is None


def test_clashes_between_other_sides_in_one_city_stay_apart():
    a = sig("a", "اشتباكات بين جهاز الردع واللواء 444 في طرابلس الليبية الاثنين")
    b = sig("b", "اشتباكات بين قوة حماية طرابلس واللواء السابع جنوب طرابلس الليبية الاثنين")
    assert explain(a, b).veto == "parties"


def test_different_kinds_of_incident_are_never_one():
    a = sig("a", "مقتل 5 أشخاص في غارة جوية على مدينة حمص يوم الأحد")
    b = sig("b", "مقتل 5 أشخاص في حادث سير على طريق في مدينة حمص يوم الأحد")
    assert not same_incident(a, b)


def test_contradicting_figures_are_no_veto():
    a = sig("a", SCHOOL_A, figure=30)
    b = sig("b", SCHOOL_A_AGAIN, figure=90)
    assert same_incident(a, b)


def test_a_disaster_in_one_place_is_one_incident_without_a_day():
    a = sig("a", "ارتفاع حصيلة ضحايا الفيضانات في مدينة درنة إلى 5300")
    b = sig("b", "الأمم المتحدة: أكثر من 11 ألف وفاة جراء السيول في درنة")
    assert same_incident(a, b)


def test_without_time_a_recurring_incident_needs_more_than_place_and_target():
    # the same market, shelled again and again: nothing here tells the two days apart
    a = sig("a", "مقتل 20 شخصا في قصف على سوق الهال في مدينة إدلب", figure=20)
    b = sig("b", "إصابة 15 شخصا في قصف على سوق الهال في مدينة إدلب يوم الأربعاء")
    assert not same_incident(a, b)


CAR_BOMB_SPRING = (
    "قتل ستة مدنيين بانفجار سيارة مفخخة قرب دوار المدينة في الباب في الرابع عشر من آذار"
)
CAR_BOMB_SPRING_AGAIN = (
    "أدى تفجير سيارة مفخخة في الباب منتصف آذار إلى مقتل ستة مدنيين قرب دوار المدينة"
)
CAR_BOMB_AUTUMN = (
    "انفجرت سيارة مفخخة قرب دوار المدينة في الباب أواخر تشرين الأول فقتلت أربعة مدنيين"
)


def test_undated_look_alikes_months_apart_by_their_month_words_stay_apart():
    spring = sig("a", CAR_BOMB_SPRING, figure=6)
    autumn = sig("b", CAR_BOMB_AUTUMN, figure=4)
    verdict = explain(spring, autumn)
    assert not verdict.same and str(verdict.veto).startswith("months")


def test_a_day_of_a_month_and_the_middle_of_that_month_may_be_one_incident():
    one, two = sig("a", CAR_BOMB_SPRING, figure=6), sig("b", CAR_BOMB_SPRING_AGAIN, figure=6)
    assert explain(one, two).veto is None


def test_a_dated_report_and_an_undated_one_compare_on_the_month():
    text = "قتل ستة مدنيين بانفجار سيارة مفخخة قرب دوار المدينة في الباب"
    dated = sig("a", text, figure=6, published="2023-03-16T10:00:00")
    assert explain(dated, sig("b", CAR_BOMB_SPRING, figure=6)).veto is None
    assert str(explain(dated, sig("c", CAR_BOMB_AUTUMN, figure=4)).veto).startswith("months")


def test_stretches_of_the_year_meet_across_new_year():
    late = sig("a", "انفجار سيارة مفخخة في الباب أواخر كانون الأول")
    early = sig("b", "انفجار سيارة مفخخة في الباب مطلع كانون الثاني")
    assert late.month_span and early.month_span
    assert explain(late, early).veto is None


def test_the_month_veto_is_symmetric():
    texts = [CAR_BOMB_SPRING, CAR_BOMB_SPRING_AGAIN, CAR_BOMB_AUTUMN]
    sigs = [sig(f"m{i}", t) for i, t in enumerate(texts)]
    for a, b in itertools.permutations(sigs, 2):
        assert explain(a, b) == explain(b, a)

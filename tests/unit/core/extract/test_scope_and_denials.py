"""Totals over a period, denials, forecasts, and numbers that are not casualties."""

from __future__ import annotations

import pytest

from .conftest import one, run


def test_event_scope_by_default():
    assert one("قتل 7 أشخاص في الهجوم.").scope == "event"


def test_total_since_the_start_of_the_war_is_cumulative():
    assert one("قتل أكثر من 500 ألف شخص منذ اندلاع الحرب.").scope == "cumulative"


def test_total_over_the_year_is_cumulative():
    assert one("قتل 3200 مدني خلال العام الماضي.").scope == "cumulative"


def test_period_in_another_clause_does_not_make_it_cumulative():
    c = one("قتل 7 من عناصر الفصيل، والفصيل يقاتل في المنطقة منذ عام.")
    assert c.scope == "event"


def test_denial_is_not_a_claim():
    assert run("ونفى الجيش مقتل 40 جنديا في الهجوم.") == []


def test_negated_result_is_not_a_claim():
    assert run("لم يسفر الحادث عن سقوط 5 قتلى كما أشيع.") == []


def test_forecast_is_not_a_claim():
    assert run("حذر مسؤولون من أن عدد القتلى قد يصل إلى 10 آلاف.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل رجل يبلغ من العمر 45 عاما في الحادث.",
        "وقع الانفجار في الساعة 17:00 وأدى إلى مقتل شخص.",
        "قتل شخص في حادث يوم 12 مارس 2023.",
        "دمرت الغارات 35 منزلا وقتل فيها شخص.",
        "أسقطت الدفاعات 6 طائرات مسيرة ولم تقع إصابات.",
        "تم الدفع بـ40 سيارة إسعاف لنقل المصابين.",
        "خصصت الحكومة 200 ألف دولار لأسر الضحايا.",
        "ارتفعت نسبة الإصابات بنسبة 15% في المدينة.",
        "تم إجلاء 300 عائلة من مواقع الاشتباكات.",
        "أنقذت فرق الإنقاذ 25 شخصا من تحت الأنقاض.",
        "نزح أكثر من 40 ألف شخص بعد مقتل العشرات.",
        "اندلعت اشتباكات مع اللواء 444 أسفرت عن قتلى.",
    ],
)
def test_numbers_that_are_not_casualty_counts(sentence):
    assert all(
        c.min not in (45, 17, 12, 2023, 35, 6, 40, 200000, 15, 300, 25, 40000, 444)
        for c in run(sentence)
    )


def test_a_cue_in_an_earlier_clause_does_not_make_a_crowd_a_toll():
    assert run("عقب مقتل الرئيس، خرج 5000 متظاهر إلى الشوارع.") == []


def test_a_toll_predicate_links_a_cue_across_a_comma():
    c = one("أكد المسؤول أن العدد الإجمالي لمن قتل في الكمين، قد بلغ 23 عنصرا.")
    assert (c.metric, c.min) == ("killed", 23)

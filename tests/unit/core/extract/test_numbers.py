"""How figures are read: digits, words, duals, hedges, ranges, vague quantities."""

from __future__ import annotations

import pytest

from .conftest import one, run


def test_western_digits_give_an_exact_figure():
    c = one("قتل 14 شخصا في انفجار سيارة مفخخة بسوق شعبي.")
    assert (c.min, c.max, c.approximate) == (14, 14, False)


def test_arabic_indic_digits_are_numbers():
    assert one("لقي ٣٧ شخصاً مصرعهم في حريق بمصنع.").min == 37


def test_persian_digits_are_numbers():
    assert one("قتل ۱۵ شخصا في هجوم على حافلة.").min == 15


def test_thousands_separator_is_not_a_decimal():
    assert one("قتل 1,250 شخصا في الزلزال بحسب الأرقام الرسمية.").min == 1250


def test_arabic_thousands_separator():
    assert one("ارتفعت حصيلة القتلى إلى ٣٬٤٠٠ قتيل.").min == 3400


def test_digits_with_thousand_word():
    assert one("قتل 4 آلاف شخص في المجاعة.").min == 4000


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ثلاثة", 3),
        ("سبعة", 7),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("خمسة عشر", 15),
        ("ثلاثة وعشرين", 23),
        ("خمسين", 50),
        ("مئة", 100),
        ("مائة", 100),
        ("مئة وخمسين", 150),
        ("مئتين", 200),
        ("ثلاثمئة", 300),
        ("ألف", 1000),
        ("ألفين", 2000),
        ("ثلاثة آلاف", 3000),
        ("ثلاثة آلاف وخمسمئة", 3500),
    ],
)
def test_number_words_and_compounds(phrase, value):
    c = one(f"وأسفر الهجوم عن مقتل {phrase} أشخاص في البلدة.")
    assert (c.min, c.max) == (value, value)


def test_number_word_with_conjunction_prefix_in_a_list():
    found = run("قتل خمسة جنود وثلاثة مدنيين في الكمين.")
    assert [c.min for c in found] == [5, 3]


def test_dual_noun_counts_two():
    c = one("أعلن الجيش مقتل جنديين في اشتباك على الحدود.")
    assert (c.min, c.metric, c.victim_class) == (2, "killed", "security_forces")


def test_dual_casualty_noun_carries_its_metric():
    c = one("سقط قتيلان في تبادل لإطلاق النار.")
    assert (c.metric, c.min) == ("killed", 2)


def test_more_than_is_open_ended_above_the_figure():
    c = one("قتل أكثر من 40 شخصا في الفيضانات.")
    assert (c.min, c.max, c.approximate) == (41, None, False)


def test_no_fewer_than_is_open_ended_from_the_figure():
    c = one("لقي ما لا يقل عن 12 شخصا حتفهم في الحادث.")
    assert (c.min, c.max) == (12, None)


def test_at_least_after_the_noun():
    c = one("مقتل 9 أشخاص على الأقل في غارة على السوق.")
    assert (c.min, c.max) == (9, None)


@pytest.mark.parametrize("hedge", ["نحو", "حوالي", "قرابة", "زهاء", "ما يقارب"])
def test_approximate_hedges_keep_the_figure_and_flag_it(hedge):
    c = one(f"قتل {hedge} 30 شخصا في المواجهات.")
    assert (c.min, c.max, c.approximate) == (30, 30, True)


def test_exceeded_means_more_than():
    c = one("وقال المسؤول إن عدد القتلى تجاوز الـ200.")
    assert (c.min, c.max) == (201, None)


def test_between_a_and_b_is_a_range():
    c = one("قتل بين 10 و15 شخصا في الاشتباكات.")
    assert (c.min, c.max) == (10, 15)


def test_a_to_b_is_a_range():
    c = one("أصيب من 20 إلى 25 شخصا في التدافع.")
    assert (c.metric, c.min, c.max) == ("injured", 20, 25)


def test_dozens_is_twenty_to_ninety_nine():
    c = one("أصيب العشرات في التدافع أمام الملعب.")
    assert (c.metric, c.min, c.max, c.approximate) == ("injured", 20, 99, True)


def test_hundreds_is_two_hundred_to_nine_hundred_ninety_nine():
    c = one("قتل مئات المدنيين في القصف على المدينة.")
    assert (c.min, c.max, c.approximate) == (200, 999, True)


def test_thousands_is_two_thousand_to_9999():
    c = one("لا يزال آلاف الأشخاص في عداد المفقودين.")
    assert (c.metric, c.min, c.max) == ("missing", 2000, 9999)


def test_tens_of_thousands():
    c = one("قتل عشرات الآلاف من المدنيين خلال الحصار.")
    assert (c.min, c.max) == (20000, 99999)


def test_a_rising_toll_gives_the_new_figure():
    c = one("ارتفع عدد القتلى إلى 45 شخصا بعد وفاة مصابين متأثرين بجراحهم.")
    assert (c.metric, c.min) == ("killed", 45)


def test_rise_from_a_to_b_keeps_only_b():
    found = run("ارتفعت حصيلة الضحايا من 30 إلى 52 قتيلا.")
    assert [(c.metric, c.min) for c in found] == [("killed", 52)]

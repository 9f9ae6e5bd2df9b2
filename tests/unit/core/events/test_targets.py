"""Named targets and localities: what tells two attacks in one city apart."""

from __future__ import annotations

from streams.core.events.signature import STOP_STEMS
from streams.core.events.targets import targets


def found(text: str) -> tuple[str, ...]:
    return targets(text, STOP_STEMS)


def test_a_school_is_named_by_the_word_after_it_quotes_read_through():
    assert found("قصف على مدرسة «الأمل» التي تؤوي نازحين") == ("school:امل",)


def test_describing_words_are_skipped():
    assert found("غارة على مدرسة تؤوي نازحين في المدينة") == ()
    assert found("انفجار في سوق شعبي مزدحم") == ()


def test_a_compound_name_and_a_list_of_names():
    assert found("قصف مدرستي عبد الفتاح حمود والزهراء") == (
        "school:فتاح",
        "school:حمود",
        "school:زهراء",
    )


def test_a_noun_with_the_article_refers_back_and_names_nothing():
    assert found("واتخذ المسلحون من المدرسة مقرا لهم") == ()


def test_a_hospital_counts_only_when_it_was_hit():
    assert found("نقل الجرحى إلى مستشفى الشفاء") == ()
    assert found("قصف مستشفى الشفاء في المدينة") == ("hospital:شفاء",)


def test_localities_the_gazetteer_does_not_know():
    assert found("انهيار عقار في حي العصافرة شرق المدينة") == ("locality:عصافر",)


def test_a_ceremony_is_a_target():
    assert found("غارة على حفل زفاف في القرية") == ("ceremony:زفاف",)


def test_a_hospital_that_burned_or_whose_ward_burned_is_the_target():
    assert found("اشتعل حريق مستشفى الرحمة في المدينة") == ("hospital:رحم",)
    assert found("اندلعت النيران في جناح الولادة بمستشفى الرحمة") == ("hospital:رحم",)


def test_a_ward_the_wounded_were_carried_to_names_no_target():
    assert found("نقل الجرحى إلى قسم الطوارئ في مستشفى الرحمة") == ()


def test_a_word_describing_the_hospital_is_not_its_name():
    assert found("حريق في قسم الأطفال بمستشفى الرحمة التعليمي") == ("hospital:رحم",)

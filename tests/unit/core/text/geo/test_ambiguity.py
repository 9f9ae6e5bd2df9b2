"""Names that are also ordinary words fire only with a locative context; namesakes resolve to
the country the text is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.core.text.geo import Gazetteer

from .conftest import found, spans

HERE = Path(__file__).parent


def _sentences(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [s for s in lines if s.strip() and not s.startswith("#")]


@pytest.mark.parametrize("sentence", _sentences("common_words.txt"))
def test_common_arabic_words_do_not_fire(gaz: Gazetteer, sentence: str) -> None:
    assert spans(gaz, sentence) == []


@pytest.mark.parametrize("sentence", _sentences("common_words_en.txt"))
def test_common_english_words_do_not_fire(gaz: Gazetteer, sentence: str) -> None:
    assert spans(gaz, sentence) == []


def test_a_common_word_fires_after_a_word_for_a_kind_of_place(gaz: Gazetteer) -> None:
    assert found(gaz, "فتح الباب") == []
    assert found(gaz, "سيطرت القوات على مدينة الباب") == ["sy.aleppo.albab"]


def test_a_small_village_needs_its_province_or_its_kind_and_country(gaz: Gazetteer) -> None:
    assert found(gaz, "قتل ثلاثة في سرمين") == []
    assert found(gaz, "قتل ثلاثة في سرمين بريف إدلب")[0].startswith("gn:")
    assert found(gaz, "قتل ثلاثة في بلدة سرمين") == []  # which country's Sarmin?
    assert found(gaz, "قتل ثلاثة في بلدة سرمين السورية")[0].startswith("gn:")


def test_a_namesake_goes_to_the_country_the_text_is_about(gaz: Gazetteer) -> None:
    assert found(gaz, "اشتباكات في طرابلس الليبية بين مجموعات مسلحة في ليبيا")[0] == "ly.tripoli"
    lebanon = found(gaz, "اشتباكات في طرابلس شمال لبنان، وقال الجيش اللبناني")
    assert lebanon[0] == "lb.tripoli"


def test_a_caller_can_say_which_country_the_text_is_about(gaz: Gazetteer) -> None:
    assert gaz.country(found(gaz, "في طرابلس", prefer=("lb",))[0]) == "lb"
    assert gaz.country(found(gaz, "في طرابلس", prefer=("ly",))[0]) == "ly"


def test_a_namesake_word_in_a_foreign_small_town_does_not_fire(gaz: Gazetteer) -> None:
    # "ريدينغ" is a town in the United States, but nothing else in the text is
    text = "نقل الجرحى إلى مستشفى ليدي ريدينغ في بيشاور"
    assert [gaz.country(p) for p in found(gaz, text)] == ["pk"]


def test_a_proclitic_does_not_turn_a_word_into_a_short_place_name(gaz: Gazetteer) -> None:
    assert found(gaz, "وكالة الأنباء الرسمية") == []
    assert found(gaz, "وقالت السلطات في بيان") == []

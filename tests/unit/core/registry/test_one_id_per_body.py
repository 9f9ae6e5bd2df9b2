"""The ways a body is named, in Arabic and English, resolve to one canonical id."""

from __future__ import annotations

import pytest

from streams.core.registry import resolve_source


def ids(*phrases: str, country: str | None = None, outlet: str | None = None) -> set[str]:
    return {resolve_source(p, outlet=outlet, country=country).id for p in phrases}


def test_the_syrian_health_ministry_named_three_ways_in_arabic_and_in_english_is_one_source():
    found = ids(
        "وزارة الصحة السورية",
        "وزارة الصحة التابعة للنظام السوري",
        "الصحة السورية",
        "وزير الصحة السوري",
        "the Syrian Health Ministry",
        "Syria's health ministry",
        "the Ministry of Health of Syria",
    )
    assert found == {"sy.health_ministry"}


def test_the_gaza_health_ministry_named_by_place_by_demonym_and_by_its_rulers_is_one_source():
    found = ids(
        "وزارة الصحة في غزة",
        "وزارة الصحة بغزة",
        "وزارة الصحة الفلسطينية في قطاع غزة",
        "وزارة الصحة التي تديرها حماس",
        "Gaza's Health Ministry",
        "the Health Ministry in Gaza",
        "the Hamas-run health ministry",
    )
    assert found == {"ps.health_ministry"}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (("أطباء بلا حدود", "منظمة أطباء بلا حدود", "MSF", "Doctors Without Borders"), "msf"),
        (
            (
                "المرصد السوري لحقوق الإنسان",
                "المرصد السوري",
                "the Syrian Observatory for Human Rights",
                "SOHR",
                "the Britain-based Syrian Observatory",
            ),
            "sohr",
        ),
        (("الأمم المتحدة", "المنظمة الدولية", "the UN", "the United Nations"), "un"),
        (("منظمة الصحة العالمية", "the World Health Organization", "WHO"), "un.who"),
        (("الأونروا", "وكالة غوث وتشغيل اللاجئين الفلسطينيين", "UNRWA"), "un.unrwa"),
        (("قوات الدعم السريع", "الدعم السريع", "the Rapid Support Forces", "RSF"), "rsf"),
        (("داعش", "تنظيم الدولة", "Islamic State", "ISIS"), "isis"),
        (("الحوثيون", "جماعة أنصار الله", "the Houthis", "Huthi rebels"), "houthis"),
    ],
)
def test_an_organisation_has_one_id_in_both_languages(names, expected):
    assert ids(*names) == {expected}


def test_a_spokesman_or_minister_speaks_for_the_body_the_phrase_names():
    assert ids(
        "المتحدث باسم وزارة الصحة في غزة",
        "وزيرة الصحة الفلسطينية",
        "a spokesman for the Gaza health ministry",
    ) == {"ps.health_ministry"}


def test_the_longest_name_inside_a_phrase_wins():
    assert ids("ممثل منظمة الصحة العالمية في اليمن") == {"un.who"}
    assert ids("مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية") == {"un.ocha"}
    assert ids("مصدر أمني والمرصد السوري لحقوق الإنسان") == {"sohr"}


def test_an_army_and_its_defence_ministry_are_one_source():
    assert ids(
        "الجيش الروسي", "وزارة الدفاع الروسية", "Russia's Defense Ministry", "the Russian military"
    ) == {"ru.military"}


def test_a_groups_forces_are_the_group_not_the_countrys_army():
    assert ids("قوات الحوثي", "Houthi military spokesman", country="ye") == {"houthis"}
    assert ids("الجيش اليمني", country="ye") == {"ye.military"}


def test_a_national_red_cross_or_red_crescent_is_not_the_icrc():
    assert ids("الصليب الأحمر اللبناني", "the Lebanese Red Cross") == {"lb.red_crescent"}
    assert ids("الصليب الأحمر", "اللجنة الدولية للصليب الأحمر", "the Red Cross") == {"icrc"}


def test_clitics_and_the_article_do_not_change_the_source():
    assert ids("ووزارة الصحة السورية", "لوزارة الصحة السورية", "وزارة صحة سورية") == {
        "sy.health_ministry"
    }


def test_a_name_that_is_also_an_ordinary_word_counts_only_alone_or_beside_a_framing_word():
    assert ids("العربية", "قناة العربية", "مراسل العربية") == {"outlet:alarabiya"}
    assert resolve_source("الشبكة العربية للرصد").id.startswith("name:")

"""A body named without its country takes the incident's country; a different one is not it."""

from __future__ import annotations

from streams.core.registry import country_code, resolve_source


def test_a_ministry_named_without_country_resolves_to_the_incident_countrys_ministry():
    assert resolve_source("وزارة الصحة", country="sy").id == "sy.health_ministry"
    assert resolve_source("the Health Ministry", country="ye").id == "ye.health_ministry"
    assert resolve_source("وزارة الداخلية", country="ma").id == "ma.interior_ministry"


def test_a_ministry_without_country_or_hint_keeps_a_distinct_stable_id():
    first = resolve_source("وزارة الصحة")
    assert first.id == "kind:health_ministry"
    assert not first.known
    assert resolve_source("the Ministry of Health").id == first.id


def test_a_country_named_in_the_phrase_wins_over_the_incidents():
    assert resolve_source("وزارة الدفاع الروسية", country="sy").id == "ru.military"
    assert resolve_source("Turkey's interior ministry", country="sy").id == "tr.interior_ministry"


def test_a_body_no_row_lists_is_named_from_its_kind_and_country():
    police = resolve_source("الشرطة البحرينية")
    assert (police.id, police.type, police.known) == ("bh.police", "government", True)
    assert police.name_en == "Bahraini police"


def test_a_war_monitor_is_the_incident_countrys_monitor_wherever_it_sits():
    assert resolve_source("a UK-based war monitor", country="sy").id == "sohr"
    assert resolve_source("المرصد", country="sy").id == "sohr"


def test_a_country_alone_is_its_government():
    assert resolve_source("إسرائيل").id == resolve_source("Israel").id == "il.government"


def test_the_hint_may_be_a_code_or_a_name():
    assert country_code("SY") == country_code("Syria") == country_code("سوريا") == "sy"
    assert country_code("Atlantis") is None

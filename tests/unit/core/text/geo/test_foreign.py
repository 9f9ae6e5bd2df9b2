"""Statements from abroad are found as places in another country: the signature code uses
this to keep the incident where it happened."""

from __future__ import annotations

from streams.core.text.geo import Gazetteer

from .conftest import found


def test_a_statement_from_washington_is_a_place_in_the_united_states(gaz: Gazetteer) -> None:
    places = found(gaz, "قتل 12 في قصف على مدينة إدلب، وقالت الخارجية في واشنطن إنها تتابع")
    assert [gaz.country(p) for p in places] == ["sy", "us"]


def test_a_un_agency_in_geneva_is_a_place_in_switzerland(gaz: Gazetteer) -> None:
    places = found(gaz, "قال متحدث باسم المفوضية في جنيف إن القصف على خان يونس قتل 20")
    assert [gaz.country(p) for p in places] == ["ch", "ps"]
    assert gaz.name_en(places[0]) == "Geneva"


def test_a_neighbouring_countrys_rescue_team_points_to_that_country(gaz: Gazetteer) -> None:
    places = found(gaz, "وصلت فرق الإنقاذ التركية إلى مدينة حلب بعد الزلزال")
    assert places == ["tr~adj", "sy.aleppo"]
    assert gaz.level("tr~adj") == "demonym"


def test_an_english_wire_dateline_is_a_place_abroad(gaz: Gazetteer) -> None:
    places = found(gaz, "GENEVA (Reuters) - The UN said strikes on Gaza City killed 30")
    assert [gaz.country(p) for p in places] == ["ch", "ps"]

"""One place hierarchy: a village (GeoNames), its city and its governorate (curated) share it."""

from __future__ import annotations

from streams.core.text.geo import Gazetteer

from .conftest import found


def test_a_village_its_city_and_its_governorate_resolve_to_one_hierarchy(gaz: Gazetteer) -> None:
    village, governorate = found(gaz, "قصفت الطائرات بلدة التمانعة في ريف إدلب الجنوبي")
    (city,) = found(gaz, "وسقط قتلى في مدينة إدلب")
    assert village.startswith("gn:")  # a GeoNames village under a curated governorate
    assert governorate == "sy.idlib_gov"
    assert governorate in gaz.ancestors(village)
    assert governorate in gaz.ancestors(city)
    assert gaz.country(village) == gaz.country(city) == gaz.country(governorate) == "sy"


def test_ranks_run_from_country_to_landmark(gaz: Gazetteer) -> None:
    (village,) = found(gaz, "في بلدة التمانعة بريف إدلب")[:1]
    assert [gaz.rank(p) for p in gaz.ancestors(village)] == [3, 1, 0]
    assert gaz.rank("sy.idlib") == 2
    assert gaz.level("sy") == "country"


def test_a_geonames_town_that_is_also_curated_keeps_the_curated_id(gaz: Gazetteer) -> None:
    assert found(gaz, "قتلى في دير الزور") == ["sy.deir_ez_zor"]
    alias = next(a for a, pid in gaz.aliases.items() if pid == "sy.deir_ez_zor")
    assert gaz.resolve(alias) == "sy.deir_ez_zor"
    assert gaz.ancestors(alias) == gaz.ancestors("sy.deir_ez_zor")


def test_a_geonames_place_outside_the_curated_areas_hangs_under_a_division(
    gaz: Gazetteer,
) -> None:
    (peshawar,) = found(gaz, "تفجير في مدينة بيشاور")
    parent = gaz.ancestors(peshawar)[1]
    assert gaz.level(parent) == "admin1"
    assert gaz.country(peshawar) == "pk"
    assert gaz.name_en(peshawar) == "Peshawar"


def test_spelling_variants_resolve_to_one_place(gaz: Gazetteer) -> None:
    assert found(gaz, "في الإسكندرية") == found(gaz, "في الاسكندريه") == ["eg.alexandria"]
    assert found(gaz, "في دير الزور") == found(gaz, "في ديرالزور")
    assert found(gaz, "في مدينة حماة") == found(gaz, "في مدينة حماه")

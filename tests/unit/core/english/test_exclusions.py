"""Numbers that are no casualty claims."""

from __future__ import annotations

from .conftest import values


def test_age_with_year_old():
    assert values("A 12-year-old boy was among those killed.") == []


def test_age_in_apposition():
    assert values("Resident Ali Hassan, 52, said the jets struck twice.") == []


def test_dates_and_years():
    assert values("The attack on 7 October 2023 was the deadliest since 2014.") == []


def test_times():
    assert values("The blast at 10:30 pm killed nobody, police said.") == []


def test_money():
    assert values("Families of those killed will receive $5,000 each.") == []


def test_percentages():
    assert values("About 40% of the injured were children.") == []


def test_evacuated_and_rescued():
    assert values("Civil defence teams evacuated 120 people and rescued 15 others.") == []


def test_displaced_and_arrested():
    assert values("The fighting displaced 3,000 families and police arrested 12 suspects.") == []


def test_forecast():
    found = values("At least 25 people died and officials said the toll could rise to 40.")
    assert found == [("killed", 25, None)]


def test_could_die_is_a_forecast():
    assert values("Aid groups warned that 500 children could die of hunger.") == []


def test_may_still_be_missing_is_an_estimate():
    assert values("Up to 90 people may still be missing under the rubble.") == [("missing", 90, 90)]


def test_denial():
    assert values("The army denied reports that 60 civilians had been killed.") == []


def test_vehicles_and_buildings():
    assert values("The strike destroyed 14 homes and 3 ambulances.") == []


def test_images_are_no_toll():
    assert values("Footage showed dozens of bodies lying in the street.") == []


def test_hypothetical():
    assert values("If the dam breaks, 2,000 people could be killed.") == []


def test_ordinals_are_no_figures():
    assert values("The 5th brigade said its 3rd battalion was hit.") == []

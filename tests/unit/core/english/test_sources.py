"""English source names: one source whatever the wording."""

from __future__ import annotations

from streams.core.english.sources import (
    attribution_agrees,
    compatible_sources,
    is_relay,
    same_source,
)


def test_case_and_articles_are_ignored():
    assert same_source("The Health Ministry", "the health ministry")


def test_ministry_of_health_is_health_ministry():
    assert same_source("the Ministry of Health", "Health Ministry")


def test_curly_and_straight_possessives_agree():
    assert same_source("Gaza’s health ministry", "Gaza's health ministry")


def test_a_name_contained_in_a_longer_one():
    assert same_source("the ministry", "the Ministry of Health in Gaza")


def test_different_bodies_differ():
    assert not same_source("the interior ministry", "the health ministry")


def test_null_agrees_only_with_null():
    assert attribution_agrees(None, None)
    assert not attribution_agrees(None, "police")


def test_description_and_name_of_the_same_kind_are_compatible():
    assert compatible_sources("a war monitor", "the Syrian Observatory for Human Rights")


def test_two_named_bodies_of_one_kind_are_not_merged():
    assert not compatible_sources(
        "the Syrian Observatory for Human Rights", "the Kurdistan Monitor"
    )


def test_agencies_are_relays():
    assert is_relay("the state news agency SANA")
    assert is_relay("AFP")
    assert not is_relay("the UN humanitarian agency")

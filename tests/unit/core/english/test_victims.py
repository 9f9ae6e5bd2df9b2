"""Victim phrases as written, and their class."""

from __future__ import annotations

from .conftest import one, run


def test_victim_phrase_as_written():
    assert one("Seven Syrian border guards were killed overnight.").victim == "Syrian border guards"


def test_soldiers_are_security_forces():
    assert one("The ambush killed 9 soldiers.").victim_class == "security_forces"


def test_militants_are_armed_groups():
    assert one("Air strikes killed 30 militants in the hills.").victim_class == "armed_groups"


def test_children_are_civilians():
    assert one("Shelling killed 4 children near the school.").victim_class == "civilians"


def test_soldiers_and_civilians_are_mixed():
    assert one("The bombing killed 17 soldiers and civilians.").victim_class == "mixed"


def test_people_is_unknown():
    assert one("The explosion killed 10 people.").victim_class == "unknown"


def test_others_takes_the_class_of_the_figure_before():
    found = run("The attack killed 6 policemen and wounded 9 others.")
    assert [c.victim_class for c in found] == ["security_forces", "security_forces"]

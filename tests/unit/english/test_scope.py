"""Event or cumulative scope."""

from __future__ import annotations

from .conftest import one, run


def test_incident_toll_is_event():
    assert one("The bombing killed 22 people on Sunday.").scope == "event"


def test_since_the_war_began_is_cumulative():
    assert one("More than 9,000 people have been killed since the war began.").scope == "cumulative"


def test_since_a_month_is_cumulative():
    assert one("The clashes have killed 400 people since April.").scope == "cumulative"


def test_so_far_this_year_is_cumulative():
    assert one("So far this year, 1,100 migrants have drowned.").scope == "cumulative"


def test_the_war_as_subject_is_cumulative():
    assert one("The war has killed more than 30,000 people.").scope == "cumulative"


def test_since_dawn_is_event():
    assert one("Strikes have killed 48 people since dawn.").scope == "event"


def test_a_comparison_with_the_war_is_event():
    c = one("The strike killed 45 people, the deadliest attack since the war began.")
    assert c.scope == "event"


def test_incident_inside_a_war_is_event():
    found = run("In the latest violence of the war, a strike on a school killed 12 people.")
    assert [c.scope for c in found] == ["event"]

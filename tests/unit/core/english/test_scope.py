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


def test_since_after_a_superlative_is_a_comparison():
    c = one("It was the deadliest crash since 2002, when a fire killed 361 people.")
    assert c.scope == "event"


def test_a_war_in_a_prepositional_phrase_did_no_killing():
    c = one("A group that tracks abuses in the war said 47 people died in the raid.")
    assert c.scope == "event"


def test_a_period_phrase_belongs_to_its_clause():
    text = "The bodies of 13 migrants were found, bringing to 290 the number who died so far this year."
    assert [(c.min, c.scope) for c in run(text)] == [(13, "event"), (290, "cumulative")]


def test_between_two_dates_is_cumulative():
    c = one("Between 1 March and 30 June, at least 1,200 civilians were killed.")
    assert c.scope == "cumulative"

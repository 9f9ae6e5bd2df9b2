"""Values and hedges (eval-dev-en README conventions)."""

from __future__ import annotations

from .conftest import one, values


def test_digits_are_exact():
    c = one("A roadside bomb killed 14 people in the town on Monday.")
    assert (c.min, c.max, c.approximate) == (14, 14, False)


def test_thousands_separator():
    assert one("The earthquake killed 1,240 people, officials said.").min == 1240


def test_number_word():
    assert one("Nine people were killed in the blast.").min == 9


def test_hyphenated_number_word():
    assert one("Thirty-four people died when the bus overturned.").min == 34


def test_number_words_with_hundred_and():
    assert one("The floods killed one hundred and twelve people.").min == 112


def test_a_dozen_is_twelve():
    c = one("A dozen fishermen drowned when the boat sank.")
    assert (c.min, c.max) == (12, 12)


def test_two_dozen_is_twenty_four():
    assert one("Two dozen workers were injured in the fire.").min == 24


def test_more_than_opens_the_range_above():
    c = one("More than 40 people were killed in the strike.")
    assert (c.min, c.max) == (41, None)


def test_over_is_more_than():
    c = one("The shelling wounded over 60 residents.")
    assert (c.min, c.max) == (61, None)


def test_at_least_keeps_the_number_as_lower_bound():
    c = one("At least 23 civilians were killed in the raid.")
    assert (c.min, c.max) == (23, None)


def test_about_is_approximate():
    c = one("About 70 people died in the landslide.")
    assert (c.min, c.max, c.approximate) == (70, 70, True)


def test_nearly_and_some_are_approximate():
    assert one("Nearly 300 people were injured in the blast.").approximate
    assert one("Some 45 pilgrims were killed in the crush.").approximate


def test_as_many_as_is_approximate():
    c = one("As many as 3,000 people may have died in the floods.")
    assert (c.min, c.max, c.approximate) == (3000, 3000, True)


def test_dozens_is_twenty_to_ninety_nine():
    c = one("Dozens of people were wounded in the bombing.")
    assert (c.min, c.max, c.approximate) == (20, 99, True)


def test_scores_of():
    c = one("Scores of villagers were killed in the attack.")
    assert (c.min, c.max) == (20, 99)


def test_scores_before_a_cue():
    assert ("injured", 20, 99) in values("Six people were killed and scores wounded.")


def test_hundreds_and_thousands():
    assert one("Hundreds of people were injured.").min == 200
    assert one("Thousands of people are missing after the floods.").max == 9999


def test_tens_of_thousands():
    c = one("The war has killed tens of thousands of people.")
    assert (c.min, c.max) == (20000, 99999)


def test_between_a_and_b_is_a_range():
    c = one("Between 30 and 50 people were killed in the clashes.")
    assert (c.min, c.max) == (30, 50)


def test_rose_to_takes_the_new_figure():
    c = one("The death toll from the bombing rose to 38 on Sunday.")
    assert (c.metric, c.min, c.max) == ("killed", 38, 38)


def test_rose_from_a_to_b_keeps_only_b():
    assert values("The toll rose from 20 to 27 overnight.") == [("killed", 27, 27)]


def test_a_million_scale():
    assert one("The famine has killed 1.5 million people, the agency said.").min == 1_500_000


def test_over_a_hundred():
    c = one("Over a hundred people were wounded in the stampede.")
    assert (c.min, c.max) == (101, None)

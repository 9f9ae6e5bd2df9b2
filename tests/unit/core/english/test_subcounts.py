"""Sub-counts are claims of their own, with the metric of the figure they belong to."""

from __future__ import annotations

from .conftest import run


def test_including_children():
    found = run("The strike killed 26 people, including 9 children.")
    assert [(c.metric, c.min, c.victim_class) for c in found] == [
        ("killed", 26, "unknown"),
        ("killed", 9, "civilians"),
    ]


def test_among_them_women():
    found = run("Eleven people were wounded, among them four women.")
    assert [(c.metric, c.min) for c in found] == [("injured", 11), ("injured", 4)]


def test_n_of_them():
    found = run("Thirty people were injured, 12 of them seriously.")
    assert [(c.metric, c.min) for c in found] == [("injured", 30), ("injured", 12)]


def test_n_of_whom_with_own_cue():
    found = run("The clinic received 52 patients, 7 of whom died.")
    assert ("killed", 7) in [(c.metric, c.min) for c in found]


def test_the_dead_included():
    found = run("The army said 20 soldiers were wounded and that the dead included six women.")
    assert ("killed", 6) in [(c.metric, c.min) for c in found]


def test_list_of_victims_continues_the_metric():
    found = run("The raid killed 14 fighters and 3 civilians.")
    assert [(c.metric, c.min, c.victim_class) for c in found] == [
        ("killed", 14, "armed_groups"),
        ("killed", 3, "civilians"),
    ]


def test_a_verb_of_its_own_ends_the_list():
    found = run("Five guards were killed and two managed to escape.")
    assert [(c.metric, c.min) for c in found] == [("killed", 5)]


def test_part_of_a_larger_figure():
    found = run("At least 8 children were among 25 people killed in the strike.")
    assert sorted((c.metric, c.min) for c in found) == [("killed", 8), ("killed", 25)]


def test_list_after_a_colon():
    found = run("Nine people were killed: five farmers, three Sudanese and one Chadian.")
    assert [(c.metric, c.min) for c in found] == [
        ("killed", 9),
        ("killed", 5),
        ("killed", 3),
        ("killed", 1),
    ]


def test_one_as_a_pronoun_is_no_figure():
    text = "Fires have hit several markets, including one in the capital that killed 40 people."
    assert [(c.metric, c.min) for c in run(text)] == [("killed", 40)]

"""What a figure counts: the casualty cue bound to it."""

from __future__ import annotations

from .conftest import one, run, values


def test_killed_after_the_figure():
    assert one("Twelve soldiers were killed in the ambush.").metric == "killed"


def test_killing_before_the_figure():
    assert one("Gunmen attacked the market, killing 16 people.").metric == "killed"


def test_injured_and_wounded():
    assert values("The blast killed five people and wounded 22 others.") == [
        ("killed", 5, 5),
        ("injured", 22, 22),
    ]


def test_dead_after_the_figure():
    assert one("Rescuers said 31 dead had been counted.").metric == "killed"


def test_missing():
    assert one("Forty migrants are still missing after the boat capsized.").metric == "missing"


def test_searching_for_people_is_missing():
    assert one("Divers were searching for three people on Tuesday.").metric == "missing"


def test_kidnapped_is_captured():
    assert one("Armed men kidnapped 11 aid workers near the border.").metric == "captured"


def test_taken_hostage_is_captured():
    assert one("Nine passengers were taken hostage by the hijackers.").metric == "captured"


def test_bodies_recovered():
    assert one("Teams recovered 27 bodies from the river.").metric == "bodies"


def test_bodies_of():
    c = one("The coast guard retrieved the bodies of 8 migrants.")
    assert (c.metric, c.min) == ("bodies", 8)


def test_killed_or_injured_is_casualties():
    assert one("At least 50 people were killed or injured in the shelling.").metric == "casualties"


def test_casualties_noun():
    assert one("The hospital reported 75 casualties after the raid.").metric == "casualties"


def test_death_toll_noun_links_to_its_figure():
    assert one("The death toll in the province has reached 64.").metric == "killed"


def test_put_the_toll_at():
    c = one("Local officials put the toll at 19.")
    assert (c.metric, c.min) == ("killed", 19)


def test_number_of_injured_climbed_to():
    assert one("The number of injured has climbed to 140.").metric == "injured"


def test_lost_their_lives():
    assert one("Seventeen people lost their lives in the collision.").metric == "killed"


def test_claimed_the_lives_of():
    assert one("The fire claimed the lives of 13 patients.").metric == "killed"


def test_critical_condition_is_injured_subcount():
    found = run("Forty people were hospitalised, six of them in a critical condition.")
    assert [(c.metric, c.min) for c in found] == [("injured", 40), ("injured", 6)]


def test_figure_without_cue_is_no_claim():
    assert run("The convoy of 40 trucks reached the town on Sunday.") == []


def test_in_hospital_is_injured():
    assert [c.metric for c in run("Two people died and 18 are in hospital.")] == [
        "killed",
        "injured",
    ]


def test_treated_with_wounds_is_injured():
    assert one("The clinic treated 64 people with shrapnel wounds.").metric == "injured"

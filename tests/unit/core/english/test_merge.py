"""A figure restated in one article is one claim."""

from __future__ import annotations

from .conftest import run


def test_headline_figure_restated_in_the_body():
    text = "Blast kills 15 in northern town\n\nAt least 15 people were killed, police said."
    found = run(text)
    assert [(c.min, c.max, c.attributed_to) for c in found] == [(15, 15, "police")]


def test_own_voice_repeating_a_named_source():
    text = "The ministry said 40 people were killed. The 40 killed were mostly farmers."
    assert [(c.min, c.attributed_to) for c in run(text)] == [(40, "The ministry")]


def test_description_and_name_of_one_source():
    text = (
        "Nine soldiers were killed, a war monitor said. "
        '"Nine soldiers died," said the Syrian Observatory for Human Rights.'
    )
    assert [(c.min, c.attributed_to) for c in run(text)] == [(9, "a war monitor")]


def test_same_figure_from_two_sources_is_two_claims():
    text = "Witnesses said 20 people were killed. The governor Ali Salem said 20 people died."
    assert [c.attributed_to for c in run(text)] == ["Witnesses", "The governor Ali Salem"]


def test_every_claim_is_english_with_its_sentence_as_quote():
    text = "The floods killed 33 people, officials said. Roads were cut."
    (c,) = run(text)
    assert (c.lang, c.quote) == ("en", "The floods killed 33 people, officials said.")

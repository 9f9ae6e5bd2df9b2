"""Who stated a figure (issue 17's rules, in English)."""

from __future__ import annotations

from .conftest import one, run


def test_own_voice_has_no_attribution():
    assert one("A car bomb killed 8 people in the capital on Friday.").attributed_to is None


def test_trailing_said():
    c = one("A drone strike killed 11 people near the town, local officials said.")
    assert c.attributed_to == "local officials"


def test_leading_said_that():
    c = one("The health ministry said that 27 people had been killed.")
    assert c.attributed_to == "The health ministry"


def test_according_to_after_the_clause():
    c = one("Shelling killed 15 civilians in the district, according to the regional governor.")
    assert c.attributed_to == "the regional governor"


def test_according_to_before_the_clause():
    c = one("According to hospital sources, 33 people were injured.")
    assert c.attributed_to == "hospital sources"


def test_said_in_a_statement():
    c = one("The Red Crescent said in a statement that 41 people were wounded.")
    assert c.attributed_to == "The Red Crescent"


def test_inverted_after_a_quote():
    c = one('"We have counted 18 dead," said the head of the rescue service.')
    assert c.attributed_to == "the head of the rescue service"


def test_apposition_between_speaker_and_verb_is_skipped():
    c = one(
        "The Kurdistan Monitor, a group that tracks the conflict, said 12 fighters were killed."
    )
    assert c.attributed_to == "The Kurdistan Monitor"


def test_relative_clause_between_speaker_and_verb_is_skipped():
    c = one("Nine people were killed, the official, who asked not to be named, told reporters.")
    assert c.attributed_to == "the official"


def test_told_an_agency_keeps_the_agency_as_via():
    c = one("A police officer told Reuters that 13 people had been killed.")
    assert (c.attributed_to, c.via) == ("A police officer", "Reuters")


def test_agency_citing_a_source_relays_it():
    c = one("The state news agency, citing a medical source, said 21 people were killed.")
    assert (c.attributed_to, c.via) == ("a medical source", "The state news agency")


def test_monitor_citing_its_informants_stays_the_source():
    c = one("The observatory said 44 soldiers were killed, citing sources at the base.")
    assert (c.attributed_to, c.via) == ("The observatory", None)


def test_quoted_as_saying():
    c = one(
        '"Nineteen people were killed," the channel quoted the provincial police chief as saying.'
    )
    assert (c.attributed_to, c.via) == ("the provincial police chief", "the channel")


def test_pronoun_resolves_to_the_last_speaker():
    found = run("The civil defence said 10 people were killed. It said 25 were injured.")
    assert [c.attributed_to for c in found] == ["The civil defence", "The civil defence"]


def test_he_added_continues_the_statement():
    found = run(
        "Hospital director Samir Haddad said 40 people were admitted. He added that 6 had died."
    )
    assert [c.attributed_to for c in found] == ["Hospital director Samir Haddad"] * 2


def test_next_sentence_of_the_same_quote_keeps_the_speaker():
    text = '"We received 35 wounded," said the camp doctor. "Four of them died overnight."'
    assert [c.attributed_to for c in run(text)] == ["the camp doctor", "the camp doctor"]


def test_continuation_with_also_keeps_the_speaker():
    text = "The monitor said 7 soldiers were killed in the east. Three civilians were also killed in the north."
    assert [c.attributed_to for c in run(text)] == ["The monitor", "The monitor"]


def test_narration_after_a_statement_is_the_outlet():
    text = "The ministry said 12 people were killed. In 2019, a similar blast killed 30 people."
    assert [c.attributed_to for c in run(text)] == ["The ministry", None]


def test_saying_after_a_claim_of_responsibility_names_the_claimant():
    c = one(
        "The Ansar Brigade claimed responsibility for the raid, saying it had killed 9 soldiers."
    )
    assert c.attributed_to == "The Ansar Brigade"


def test_claiming_responsibility_is_no_statement_of_a_toll():
    c = one("The Ansar Brigade claimed responsibility for the bombing, which killed 14 people.")
    assert c.attributed_to is None


def test_content_phrase_is_no_speaker():
    c = one("Preliminary information said that 16 people were killed.")
    assert c.attributed_to is None


def test_passive_agent_names_the_speaker():
    c = one("The figure announced by the interior ministry was 23 dead.")
    assert c.attributed_to == "the interior ministry"


def test_headline_prefix_names_the_speaker():
    found = run(
        "Yemen: Health Ministry - 17 Killed In Market Blast\n\nThe blast hit the market at noon."
    )
    assert [(c.min, c.attributed_to) for c in found] == [(17, "Health Ministry")]


def test_two_speakers_in_one_sentence():
    text = "The governor put the toll at 31, while medics at the hospital said 36 had died."
    assert [(c.min, c.attributed_to) for c in run(text)] == [
        (31, "The governor"),
        (36, "medics at the hospital"),
    ]


def test_relative_clause_inside_the_speaker():
    c = one("The floods killed 61 people, the committee that runs the camps said.")
    assert c.attributed_to == "the committee"


def test_reports_as_a_speaker_noun():
    c = one("Earlier reports had put the toll at 15.")
    assert c.attributed_to == "reports"


def test_the_accused_party_is_not_the_speaker():
    c = one("The medical charity accused the militia of killing 30 patients at the clinic.")
    assert c.attributed_to == "The medical charity"


def test_told_an_agency_without_that():
    c = one("The deputy governor told AFP the death toll stood at 113.")
    assert (c.attributed_to, c.via) == ("The deputy governor", "AFP")

"""Fuzz: English sentences of the team, mutated, keep the Arabic extractor's guarantees.

Every claim has ``min <= max``, both within the one plausibility bound
(:data:`streams.core.extract.figures.MAX_FIGURE`), and a quote that is in the text (bidi
controls aside); extraction never raises. ``FUZZ_EXAMPLES`` runs more cases.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from streams.core.english import extract_claims_en
from streams.core.model import Article
from tests.unit.core.fuzzing import EXAMPLES, check_claims, mutated

SENTENCES = [
    "Fourteen people were killed and 31 wounded when a car bomb exploded in central Mosul on Tuesday.",
    "The health ministry said the toll from the shelling rose to 52 dead, including 9 children.",
    "Civil defence teams recovered at least 23 bodies from the rubble in Saraqib.",
    "A medical source said about 40 civilians were killed and dozens injured in a strike on a market.",
    "The monitor said between 60 and 75 government soldiers died in the attack.",
    "More than a hundred people drowned and twenty-three are missing after the boat sank.",
    "Two soldiers were killed and five others hurt by a roadside bomb on the airport road.",
    "The army said it had captured 3,000 fighters since the start of the campaign.",
]
INSERTIONS = [
    "0", "7", "80", "999999999999", "3.5", "1,200", "more than", "at least", "about",
    "between", "and", "to", "-", "million", "billion", "thousand", "hundreds", "dozens of",
    "scores of", "killed", "wounded", "dead", ",", ".", ":", "\n", "\u00ad", "\u200b",
    "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b",
    "\u202e", "\u2066", "\u2067", "\u2069",
]  # fmt: skip


def check(text: str) -> None:
    """The guarantees every claim of ``text`` keeps (:func:`tests.unit.core.fuzzing.check_claims`)."""
    check_claims(extract_claims_en(Article(id="fuzz", text=text, lang="en")), text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(SENTENCES, INSERTIONS))
def test_mutated_english_sentences_never_give_an_insane_figure_or_a_lost_quote(text):
    check(text)


def test_a_serial_number_is_never_a_toll():
    check("Police said 999999999999 people were killed.")


def test_invisible_characters_inside_a_number_do_not_make_a_toll_out_of_range():
    check("At least 1\u200b200 people were killed and 5\u00ad000 injured.")


def test_one_sentence_of_thousands_of_figures_gives_a_claim_per_figure():
    text = "12 killed 30 wounded said police in Mosul " * 3000
    claims = extract_claims_en(Article(id="long", text=text, lang="en"))
    assert len(claims) == 6000
    assert all(c.quote for c in claims)

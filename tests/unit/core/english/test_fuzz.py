"""Fuzz: English sentences of the team, mutated, keep the Arabic extractor's guarantees.

Every claim has ``min <= max``, both within the one plausibility bound
(:data:`streams.core.extract.figures.MAX_FIGURE`), and a quote that is in the text (bidi
controls aside); extraction never raises. ``FUZZ_EXAMPLES`` runs more cases.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.core.english import extract_claims_en
from streams.core.extract.figures import MAX_FIGURE
from streams.core.model import Article
from streams.core.text import without_bidi_controls

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))

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


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """One to three team sentences with up to a dozen insertions at random places."""
    text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
    for _ in range(draw(st.integers(0, 12))):
        where = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(INSERTIONS))
        pad = draw(st.sampled_from(["", " "]))
        text = text[:where] + pad + piece + pad + text[where:]
    return text


def check(text: str) -> None:
    """The guarantees every English claim of ``text`` keeps."""
    shown = without_bidi_controls(text)
    for claim in extract_claims_en(Article(id="fuzz", text=text, lang="en")):
        assert 0 <= claim.min <= MAX_FIGURE, claim
        assert claim.max is None or claim.min <= claim.max <= MAX_FIGURE, claim
        assert claim.quote and claim.quote in shown, claim


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
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

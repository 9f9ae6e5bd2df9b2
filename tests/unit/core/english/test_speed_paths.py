"""The shortcuts English extraction takes for speed give what the general path gives.

Each shortcut (plain string tests before the token regex, the cue scan from cue to cue, one
lookup for one-word phrases, bidi cleaning only for texts that hold a control) must never
change a claim; these tests hold each to the slow path it replaces, on word shapes of wire copy.
"""

from __future__ import annotations

import pytest

from streams.core.english.claims import bidi_controls
from streams.core.english.gate import CUE_RE, candidate_sentences, first_cue
from streams.core.english.lexicon import PhraseTable
from streams.core.english.tokens import TOKEN_RE, lowercase, split_sentences, tokenize
from streams.core.text.normalize import BIDI_RE
from tests.unit.core.english.conftest import one

WORDS = [
    "killed", "killed,", "said.", "U.S.", "U.N.", "(RSF)", "(RSF", "“terrorist", "terrorist”",
    "Yemen's", "country’s", "Huthis'", "El-Fasher,", "al-Marouni.", "55", "1,234", "11,300.",
    "20,", "40-60", "12-year-old", "1990s", "444th", "$", "£5", "—", "-", "x", "٣٤", "١٢,",
    "²5", "½.", "Ⅻ,", "a_b,", "_a", "abc-", "-abc", "'abc", "abc'", "abc’", "[x", "x]",
    "ab!", "ab?", "Σ.", "aé;", "said:", "dead)",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_tokenize_shortcuts_agree_with_the_token_regex(word: str) -> None:
    assert tokenize(word).words == TOKEN_RE.findall(word)


TEXT = (
    "Strike Kills 12 In Gaza\n"
    "The ministry said 12 people were killed on Tuesday. Officials met Gen. Smith in the "
    "afternoon. Dozens were wounded, medics said.\n\n"
    "Talks resumed. Nobody died in the second strike. Three bodies were recovered."
)


def _per_sentence(low: str, text: str) -> list[int]:
    return list(candidate_sentences(low, split_sentences(text), first_cue(low), aligned=False))


def test_cue_scan_finds_the_sentences_a_search_per_sentence_finds() -> None:
    low = lowercase(TEXT)
    sentences = split_sentences(TEXT)
    found = list(candidate_sentences(low, sentences, first_cue(low), aligned=True))
    assert found == _per_sentence(low, TEXT)
    assert [TEXT[sentences[s].start : sentences[s].end][:10] for s in found] == [
        "Strike Kil",
        "The minist",
        "Dozens wer",
        "Three bodi",
    ]


def test_phrase_table_prefers_the_longest_phrase() -> None:
    table = PhraseTable([("at", "a"), ("at least", "b"), ("least", "c"), ("more than", "d")])
    low = ["at", "least", "more", "than", "at"]
    assert table.match(low, 0) == (2, "b")
    assert table.match(low, 1) == (1, "c")
    assert table.match(low, 2) == (2, "d")
    assert table.match(low, 4) == (1, "a")
    assert table.match(low, 3) is None
    assert table.match_ending(low, 1) == (2, "b")
    assert table.match_ending(low, 3) == (2, "d")
    assert table.match_ending(low, 0) == (1, "a")
    assert table.match_ending(["than"], 0) is None


def test_bidi_controls_are_still_cleaned_from_the_quote() -> None:
    claim = one("The Health Ministry said 76 Syrian civilians were killed.\u202e")
    assert (claim.min, claim.attributed_to) == (76, "The Health Ministry")
    assert claim.quote == "The Health Ministry said 76 Syrian civilians were killed."


@pytest.mark.parametrize(
    "text", ["killed 3", "3 killed", "x killed", "xkilled", "(killed", "al-dead", "", "none here"]
)
def test_first_cue_is_where_the_cue_regex_first_matches(text: str) -> None:
    m = CUE_RE.search(text)
    assert first_cue(text) == (-1 if m is None else m.start())


def test_every_bidi_control_is_checked_one_by_one() -> None:
    """The controls are listed from the Basic Multilingual Plane: none lies beyond it."""
    everything = "".join(map(chr, range(0x110000)))
    assert tuple(BIDI_RE.findall(everything)) == bidi_controls()

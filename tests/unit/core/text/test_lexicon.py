"""The one TSV loader, the one phrase matcher, the one affix table."""

from __future__ import annotations

import pytest

from streams.core.exceptions import LexiconError
from streams.core.text import (
    PhraseTable,
    lexicon_words,
    load_rows,
    normalize_word,
    phrase_tokens,
    stem,
    strip_proclitic,
    tokens,
    word_forms,
)
from streams.core.text.affixes import PROCLITICS

TABLE = PhraseTable(
    [
        (phrase_tokens("دير الزور"), "sy.deir"),
        (phrase_tokens("الزور"), "other"),
        (phrase_tokens("حمص"), "sy.homs"),
    ],
    readings=strip_proclitic,
)


def test_every_lexicon_row_has_its_columns_and_an_english_gloss():
    from importlib.resources import files

    for path in (files("streams.core") / "lexicons").iterdir():
        if path.name.endswith(".tsv"):
            for row in load_rows(path.name):
                assert len(row) >= 2 and row[-1], (path.name, row)


def test_words_are_read_by_the_header_s_column_names():
    assert "منهم" in lexicon_words("subcounts.tsv", role="partitive")
    with pytest.raises(LexiconError, match="no column 'colour'"):
        lexicon_words("subcounts.tsv", colour="red")


def test_find_reads_the_longest_phrase_with_a_proclitic_on_its_first_word():
    found = [(m.key, m.start, m.end) for m in TABLE.find(tokens("قصف على ودير الزور وبحمص"))]
    assert found == [("sy.deir", 2, 4), ("sy.homs", 4, 5)]


def test_match_reads_the_first_word_in_the_readings_the_caller_gives():
    words = tokens("وحمص")
    assert TABLE.match(words, [word_forms(w) for w in words], 0) == (1, "sy.homs")


def test_proclitics_are_tried_longest_first():
    for i, longer in enumerate(PROCLITICS):
        for shorter in PROCLITICS[i + 1 :]:
            assert not shorter.startswith(longer), (longer, shorter)
    assert word_forms(normalize_word("وبالمستشفى"))[:2] == ("وبالمستشفي", "مستشفي")


def test_the_light_stem_drops_the_article_and_a_plural_ending():
    assert stem("المسلحين") == "مسلح"
    # two letters before the article: only the conjunction goes (lexicons/affixes.tsv, stem)
    assert stem("وللمصابين") == "للمصاب"

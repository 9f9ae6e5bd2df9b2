"""One normalizer for article text, lexicon entries and event words, offsets kept."""

from __future__ import annotations

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from streams.core.text import (
    normalize,
    normalize_with_offsets,
    normalize_word,
    original_offset,
    tokens,
)
from tests.conftest import SEEDS

WITH_MARKS = "قُتِلَ ٦٢ عُنصُراً مِن الجَيشِ وأُصيبَ ١٠٠ آخرون"


def _camel(text: str) -> str:
    text = dediac_ar(text).replace("\u0640", "")
    return normalize_alef_maksura_ar(normalize_teh_marbuta_ar(normalize_alef_ar(text)))


def test_it_folds_letters_as_camel_tools_does_and_reads_eastern_digits_as_ascii():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalize(text) == _camel(text)  # the seeds have no Eastern digits
    assert normalize(WITH_MARKS) == "قتل 62 عنصرا من الجيش واصيب 100 اخرون"


def test_the_offsets_lead_back_to_the_original_text():
    norm, drops = normalize_with_offsets(WITH_MARKS)
    start = norm.index("عنصرا")
    a, b = original_offset(drops, start), original_offset(drops, start + len("عنصرا") - 1) + 1
    assert WITH_MARKS[a:b] == "عُنصُرا"  # from its first letter to its last: marks inside kept


def test_invisible_marks_are_dropped_so_they_split_no_word():
    assert tokens("مق\u200cتل 5 أشخاص\u200f") == ["مقتل", "5", "اشخاص"]


def test_a_lexicon_entry_is_normalized_like_the_text_it_is_matched_in():
    assert normalize_word("  إصابةٌ ") == normalize("إصابة") == "اصابه"


def test_arabic_decimal_and_thousands_separators_become_ascii():
    assert normalize("١٬٢٠٠ و٢٫٥") == "1,200 و2.5"

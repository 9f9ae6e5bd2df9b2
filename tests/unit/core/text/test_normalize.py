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
    without_bidi_controls,
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


INVISIBLE_CHARACTERS = [
    "\u00ad",  # soft hyphen
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # BOM / zero-width no-break space
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
    "\u202a",  # left-to-right embedding
    "\u202b",  # right-to-left embedding
    "\u202c",  # pop directional formatting
    "\u202d",  # left-to-right override
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2067",  # right-to-left isolate
    "\u2068",  # first strong isolate
    "\u2069",  # pop directional isolate
]


def test_every_invisible_format_character_is_dropped_before_numbers_are_read():
    for mark in INVISIBLE_CHARACTERS:
        assert normalize(f"قتل 6{mark}7 شخصا") == "قتل 67 شخصا", hex(ord(mark))


def test_offsets_stay_right_around_dropped_invisible_characters():
    text = "قتل \u202e6\u200b7\u202c شخصا"
    norm, drops = normalize_with_offsets(text)
    start = norm.index("67")
    a, b = original_offset(drops, start), original_offset(drops, start + 1) + 1
    assert text[a:b] == "6\u200b7"


def test_bidi_controls_leave_the_text_shown_to_people_and_nothing_else_does():
    text = "قُتِل \u202e76\u202c شخصاً\u200c"
    assert without_bidi_controls(text) == "قُتِل 76 شخصاً\u200c"

"""Figures are always sane: min ≤ max, within the plausibility bound, read through invisible
characters, decimals before a multiplier, and quotes that cannot be shown reordered.
"""

from __future__ import annotations

import pytest

from streams.core.extract import extract_claims
from streams.core.extract.figures import MAX_FIGURE
from streams.core.model import Article

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _figures(text: str) -> list[tuple[str, int, int | None]]:
    return [(c.metric, c.min, c.max) for c in extract_claims(Article(id="t", text=text))]


@pytest.mark.parametrize(
    "text",
    [
        "قتل أكثر من 80 إلى 7 أشخاص في قصف على بلدة الراعي",
        "قتل أكثر من 80 - 7 أشخاص في قصف على بلدة الراعي",
        "قتل ما لا يقل عن 80 إلى 7 أشخاص في قصف على بلدة الراعي",
        "قتل 80 إلى 7 أشخاص في قصف على بلدة الراعي",
    ],
    ids=["more-than-to", "more-than-dash", "at-least-to", "to"],
)
def test_an_inverted_range_reads_as_the_span_between_its_two_numbers(text):
    assert _figures(text) == [("killed", 7, 80)]


def test_a_range_that_rises_after_a_hedge_keeps_the_hedge_on_its_lower_bound():
    assert _figures("قتل أكثر من 80 إلى 90 شخصا في قصف على بلدة الراعي") == [("killed", 81, 90)]


def test_a_figure_above_the_plausibility_bound_is_no_claim():
    assert _figures("قتل 999999999999 مليون شخص في قصف على بلدة الراعي") == []
    assert _figures(f"قتل {MAX_FIGURE + 1} شخص في قصف على بلدة الراعي") == []


def test_a_figure_at_the_plausibility_bound_is_a_claim():
    assert _figures("قتل 10 ملايين شخص في الحرب") == [("killed", MAX_FIGURE, MAX_FIGURE)]


@pytest.mark.parametrize(
    "mark",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u202e", "\u2066", "\u202a"],
    ids=["zwsp", "zwnj", "zwj", "word-joiner", "soft-hyphen", "bom", "rlo", "lri", "lre"],
)
def test_an_invisible_character_inside_a_number_does_not_split_it(mark):
    assert _figures(f"قتل 6{mark}7 شخصا في قصف على بلدة الراعي") == [("killed", 67, 67)]


def test_the_quote_has_no_bidi_controls_so_the_figure_shows_as_it_was_read():
    text = "قتل \u202e76\u202c شخصا في قصف على بلدة الراعي، وقال الدفاع المدني \u2067إن\u2069 الحصيلة أولية"
    [claim] = extract_claims(Article(id="t", text=text))
    assert (claim.min, claim.max) == (76, 76)
    assert not set(claim.quote) & set(BIDI_CONTROLS)
    assert "76" in claim.quote


def test_a_quote_keeps_its_other_characters_as_published():
    text = "قُتِل 12 شخصاً في قصف على بلدة الراعي"
    [claim] = extract_claims(Article(id="t", text=text))
    assert claim.quote == text


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("3.5 ألف", 3500),
        ("٣٫٥ ألف", 3500),
        ("3,5 آلاف", 3500),
        ("1.2 مليون", 1_200_000),
        ("2.25 ألف", 2250),
    ],
    ids=[
        "3.5-thousand",
        "eastern-3.5-thousand",
        "comma-3.5-thousands",
        "1.2-million",
        "2.25-thousand",
    ],
)
def test_a_decimal_before_a_multiplier_is_read_as_its_value(written, value):
    assert _figures(f"قتل {written} شخص في الحرب") == [("killed", value, value)]


def test_a_decimal_without_a_multiplier_is_no_count():
    assert _figures("قتل 3.5 شخص في قصف على بلدة الراعي") == []


def test_thousands_separators_still_read_as_thousands():
    assert _figures("قتل 1,200 شخص في قصف على بلدة الراعي") == [("killed", 1200, 1200)]

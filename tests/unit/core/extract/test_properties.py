"""Whatever the input, extraction never raises and every quote carries its figure."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.core.extract import DUALS, NUMBER_WORDS, VAGUE, extract_claims
from streams.core.model import Article
from streams.core.text import TOKEN_RE, normalize, without_bidi_controls

FIGURE_WORDS = set(NUMBER_WORDS) | set(VAGUE) | set(DUALS)
ARABIC_PIECES = [
    "قتل",
    "مقتل",
    "أصيب",
    "جرحى",
    "قتيلا",
    "وجريحا",
    "أكثر من",
    "ما لا يقل عن",
    "نحو",
    "بين",
    "و",
    "إلى",
    "عشرات",
    "مئات",
    "آلاف",
    "ثلاثة",
    "وعشرين",
    "مئة",
    "ألفين",
    "جنديين",
    "قال",
    "بحسب",
    "المرصد",
    "إن",
    "،",
    ".",
    "\n",
    ":",
    "٦٢",
    "1,250",
    "17:00",
    "ـ",
    "\u064b",
    "شخصا",
    "مدنيا",
    "بينهم",
    "نفى",
    "قد يصل",
]
arabicish = st.lists(
    st.one_of(st.sampled_from(ARABIC_PIECES), st.integers(0, 10**7).map(str), st.text(max_size=5)),
    max_size=60,
).map(" ".join)


def _has_figure(quote: str) -> bool:
    norm = normalize(quote)
    if re.search(r"\d", norm):
        return True
    for tok in TOKEN_RE.findall(norm):
        for cut in range(0, min(4, len(tok))):
            if tok[cut:] in FIGURE_WORDS or tok[cut:].rstrip("ا") in FIGURE_WORDS:
                return True
    return False


def _check(text: str) -> None:
    claims = extract_claims(Article(id="p", text=text))
    for c in claims:
        assert _has_figure(c.quote), c.quote
        assert c.min >= 0 and (c.max is None or c.max >= c.min)
        assert c.quote and c.quote in without_bidi_controls(text)  # quotes drop bidi controls


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(arabicish)
def test_arabic_like_noise_never_raises_and_quotes_carry_figures(text):
    _check(text)


@settings(max_examples=50, deadline=None)
@given(arabicish, st.text(alphabet="abcXYZ 123абвгд漢字😀", max_size=40))
def test_mixed_scripts(arabic, other):
    _check(arabic + " " + other + " " + arabic)


def test_one_megabyte_input_is_handled():
    block = (
        "قتل 12 شخصا وأصيب 30 آخرون في الهجوم بحسب مصادر طبية. " * 50 + "نص عادي بلا أرقام. " * 200
    )
    text = (block * (1_000_000 // len(block) + 1))[:1_000_000]
    claims = extract_claims(Article(id="big", text=text))
    assert claims and all("12" in c.quote or "30" in c.quote for c in claims)


def test_one_megabyte_without_separators_is_handled():
    text = "قتل" * 200_000 + "5" * 100_000
    extract_claims(Article(id="big2", text=text))

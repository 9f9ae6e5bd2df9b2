"""Arabic normalization that keeps a map back to the original text.

Matching runs on a normalized copy (diacritics and tatweel removed, alef/alef maksura/teh
marbuta unified, Arabic-Indic digits as ASCII) so lexicons need one spelling per word; quotes
and phrases are cut from the original text through the offset map, so they stay as published.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar

__all__ = [
    "normalize_ar",
    "normalize_with_offsets",
    "original_offset",
    "normalize_word",
    "TOKEN_RE",
    "CLITICS",
]

# camel_tools' diacritic set plus tatweel and invisible marks; removed (length changes).
DROP_RE = re.compile("[\u064b-\u0652\u0670\u0640\u200c\u200d\u200e\u200f\u061c\ufeff]")
# Same split as camel_tools' simple_word_tokenize (words, digit runs, single symbols), with offsets.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]")
# Proclitics tried when a word is not in a lexicon as written (longest first).
CLITICS: tuple[str, ...] = (
    "وبال",
    "وال",
    "بال",
    "فال",
    "كال",
    "ولل",
    "لل",
    "وب",
    "ول",
    "فب",
    "ال",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)


EASTERN_DIGITS = dict(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.", strict=True))
EASTERN_DIGITS_RE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]")
ALEF_RE = re.compile("[\u0625\u0623\u0671\u0622]")  # camel_tools' normalize_alef_ar set


def _eastern(m: re.Match[str]) -> str:
    return EASTERN_DIGITS[m.group()]


def _fold(text: str) -> str:
    # Same result as camel_tools' normalize_alef_ar / _alef_maksura_ar / _teh_marbuta_ar, in one
    # regex pass and two str.replace; digits through a callback (few per text; str.translate
    # with a dict is slow on non-Latin text).
    text = ALEF_RE.sub("\u0627", text).replace("\u0649", "\u064a").replace("\u0629", "\u0647")
    if EASTERN_DIGITS_RE.search(text) is not None:
        text = EASTERN_DIGITS_RE.sub(_eastern, text)
    return text


def normalize_with_offsets(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The normalized text and, when characters were dropped, the normalized position of each
    dropped character (sorted; None means the offsets are identical). Normalized position ``p``
    is original position ``p + bisect_right(drops, p)`` (see :func:`original_offset`)."""
    if DROP_RE.search(text) is None:
        return _fold(text), None
    drops = tuple(m.start() - i for i, m in enumerate(DROP_RE.finditer(text)))
    # DROP_RE covers camel_tools' diacritic set, so one pass does what dediac_ar + sub did
    return _fold(DROP_RE.sub("", text)), drops


def original_offset(drops: tuple[int, ...] | None, pos: int) -> int:
    """The original-text index of normalized-text index ``pos``."""
    return pos if drops is None else pos + bisect_right(drops, pos)


def normalize_ar(text: str) -> tuple[str, list[int] | None]:
    """Return the normalized text and, when characters were dropped, the original index of
    every normalized character (None means the offsets are identical)."""
    norm, drops = normalize_with_offsets(text)
    if drops is None:
        return norm, None
    return norm, [original_offset(drops, p) for p in range(len(norm))]


@lru_cache(maxsize=1 << 14)
def normalize_word(word: str) -> str:
    """Normalize a lexicon entry exactly like article text."""
    return _fold(DROP_RE.sub("", dediac_ar(word.strip())))

"""Arabic normalization that keeps a map back to the original text.

Matching runs on a normalized copy (diacritics and tatweel removed, alef/alef maksura/teh
marbuta unified, Arabic-Indic digits as ASCII) so lexicons need one spelling per word; quotes
and phrases are cut from the original text through the offset map, so they stay as published.
"""

from __future__ import annotations

import re
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

__all__ = ["normalize_ar", "normalize_word", "TOKEN_RE", "CLITICS"]

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


DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")
EASTERN_DIGITS_RE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]")


def _fold(text: str) -> str:
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    if EASTERN_DIGITS_RE.search(text) is not None:
        text = text.translate(DIGITS)
    return text


def normalize_ar(text: str) -> tuple[str, list[int] | None]:
    """Return the normalized text and, when characters were dropped, the original index of
    every normalized character (None means the offsets are identical)."""
    if DROP_RE.search(text) is None:
        return _fold(text), None
    index: list[int] = []
    pos = 0
    for m in DROP_RE.finditer(text):
        index.extend(range(pos, m.start()))
        pos = m.end()
    index.extend(range(pos, len(text)))
    stripped = DROP_RE.sub("", dediac_ar(text))
    if len(stripped) != len(index):  # pragma: no cover - both drop the same set
        stripped = "".join(text[i] for i in index)
    return _fold(stripped), index


@lru_cache(maxsize=1 << 14)
def normalize_word(word: str) -> str:
    """Normalize a lexicon entry exactly like article text."""
    return _fold(DROP_RE.sub("", dediac_ar(word.strip())))

"""THE Arabic normalizer: one function for article text, lexicon entries and event words.

Matching runs on a normalized copy: diacritics (camel_tools' set), tatweel and invisible
format characters removed; alef variants, alef maksura and teh
marbuta unified (camel_tools' ``normalize_alef_ar``, ``_alef_maksura_ar``,
``_teh_marbuta_ar``); Arabic-Indic and Persian digits and the Arabic decimal and
thousands separators as ASCII. A lexicon then needs one spelling per word.

:func:`normalize_with_offsets` also returns where the removed characters were, so a
quote or a phrase found in the normalized text is cut from the original text
(:func:`original_offset`) and stays as published. :func:`normalize` is the same text
without the offsets.

Invisible format characters (:data:`INVISIBLE`: zero-width space, non-joiner and joiner,
word joiner and the invisible operators, soft hyphen, BOM, and every bidi control: marks,
embeddings, overrides, isolates) are dropped before anything is read, so "6<ZWSP>7" is 67,
not 6 and 7. Text shown to people keeps its characters but loses its bidi controls
(:func:`without_bidi_controls`): a right-to-left override can otherwise show the figure
"76" as "67".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

__all__ = [
    "BIDI_CONTROLS",
    "EASTERN_DIGITS",
    "INVISIBLE",
    "normalize",
    "normalize_with_offsets",
    "normalize_word",
    "original_offset",
    "without_bidi_controls",
]

# Bidi controls: Arabic letter mark, LRM/RLM, embeddings and overrides (LRE RLE PDF LRO
# RLO), isolates (LRI RLI FSI PDI).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
# Characters that render as nothing: soft hyphen, Mongolian vowel separator, zero-width
# space / non-joiner / joiner, word joiner and invisible operators, BOM, bidi controls.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060-\u2064\ufeff" + BIDI_CONTROLS
# camel_tools' diacritic set (U+064B-0652, U+0670) plus tatweel and the invisible characters.
DROP_RE = re.compile(f"[\u064b-\u0652\u0670\u0640{INVISIBLE}]")
EASTERN_DIGITS = dict(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.", strict=True))
EASTERN_DIGITS_RE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]")
ALEF_RE = re.compile("[\u0625\u0623\u0671\u0622]")  # camel_tools' normalize_alef_ar set


def _eastern(m: re.Match[str]) -> str:
    return EASTERN_DIGITS[m.group()]


def _fold(text: str) -> str:
    # camel_tools' alef / alef maksura / teh marbuta folding in one regex pass and two
    # str.replace; digits through a callback (few per text; str.translate with a dict is
    # slow on non-Latin text).
    text = ALEF_RE.sub("\u0627", text).replace("\u0649", "\u064a").replace("\u0629", "\u0647")
    if EASTERN_DIGITS_RE.search(text) is not None:
        text = EASTERN_DIGITS_RE.sub(_eastern, text)
    return text


def normalize_with_offsets(text: str) -> tuple[str, tuple[int, ...] | None]:
    """The normalized text and, when characters were dropped, the normalized position of
    each dropped character (sorted; None means the offsets are identical).

    Normalized position ``p`` is original position ``p + bisect_right(drops, p)``
    (see :func:`original_offset`).
    """
    if DROP_RE.search(text) is None:
        return _fold(text), None
    drops = tuple(m.start() - i for i, m in enumerate(DROP_RE.finditer(text)))
    return _fold(DROP_RE.sub("", text)), drops


def original_offset(drops: tuple[int, ...] | None, pos: int) -> int:
    """The original-text index of normalized-text index ``pos``."""
    return pos if drops is None else pos + bisect_right(drops, pos)


def without_bidi_controls(text: str) -> str:
    """``text`` as published minus its bidi controls: what a quote may show to a reader."""
    return BIDI_RE.sub("", text) if BIDI_RE.search(text) else text


@lru_cache(maxsize=256)
def normalize(text: str) -> str:
    """:func:`normalize_with_offsets` without the offsets.

    Cached for the few texts in flight: an article's signature reads its lead and body
    for tokens and again for dates.
    """
    return normalize_with_offsets(text)[0]


@lru_cache(maxsize=1 << 14)
def normalize_word(word: str) -> str:
    """A lexicon entry normalized exactly like article text (surrounding spaces dropped)."""
    return normalize_with_offsets(word.strip())[0]

"""Name keys: how a place name and a text are cut into comparable tokens.

Arabic goes through the project's one Arabic text layer (``streams.core.text.tokens``:
no diacritics, أ/إ/آ→ا, ة→ه, ى→ي, Arabic-Indic digits as ASCII), so a name written with or
without hamza or teh marbuta has one key. Persian ی/ک (GeoNames spells Iranian and Afghan
places with them) fold to their Arabic letters. The first token of a text may carry a
proclitic (و، ف، ب، ل، ك، ال): the matcher reads it with and without (``strip_proclitic``).

English (any Latin-script name) is lower-cased, stripped of accents and apostrophes, and cut at
every other non-letter, so "Deir ez-Zor", "Deir Ez Zor" and "deir ez zor" are one key. A
transliterated Arabic article ("el", "ad", "ez"... before another word) reads as "al": "El
Fasher" and "al-Fasher" are one key; GeoNames' alternate names carry the other spellings
("Al Fashir", "Khan Yunis"/"Khan Younis", "Deir al-Zour"). Before a sun letter the article is
also written fused and assimilated ("Deir Ezzor", "Addiwaniyah", "Arraqqah"): each name with
"al" before such a word is indexed in those spellings too (:func:`fused_article_variants`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from streams.core.text.affixes import strip_proclitic
from streams.core.text.tokens import tokens

__all__ = [
    "ARABIC_LETTER",
    "arabic_key",
    "english_key",
    "english_tokens",
    "fused_article_variants",
    "place_tokens",
    "readings",
]

ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
LATIN_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile("['\u2019\u2018\u02bf\u02be\u02bb`\u00b4]")
_PERSIAN = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u06c0": "\u0647"})
#: Latin renderings of the Arabic article; read as "al" when another word follows.
ARTICLES_EN = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "er", "es", "ez", "ul", "ud", "ur"}
)


def arabic_key(name: str) -> str:
    """The matching key of an Arabic name ('' when it has no Arabic letter)."""
    if not ARABIC_LETTER.search(name):
        return ""
    return " ".join(tokens(name.translate(_PERSIAN)))


def _fold_latin(text: str) -> str:
    text = _APOSTROPHES.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def english_tokens(text: str) -> list[str]:
    """Lower-cased Latin word tokens of ``text``, accents and apostrophes dropped,
    transliterated articles read as ``al`` (see the module docstring).
    """
    toks = LATIN_WORD.findall(_fold_latin(text))
    last = len(toks) - 1
    return [
        "al" if t in ARTICLES_EN and i < last and not toks[i + 1].isdigit() else t
        for i, t in enumerate(toks)
    ]


#: Latin initials of the sun letters the article assimilates to ("ad-D", "ar-R", "as-S", "at-T",
#: "az-Z", "an-N"; "ash-Sh" is "as" + "sh").
SUN_INITIALS = frozenset("dnrstz")


def fused_article_variants(key: str) -> list[str]:
    """The spellings of an English ``key`` with its article fused to a sun-letter word:
    "deir al zor" -> "deir azzor", "deir ezzor" (the article written "a" or "e", its "l"
    assimilated, no space). Words under three letters are left alone.
    """
    toks = key.split(" ")
    out: list[str] = []
    for i in range(len(toks) - 1):
        word = toks[i + 1]
        if toks[i] == "al" and word[:1] in SUN_INITIALS and len(word) >= 3 and word.isalpha():
            out.extend(" ".join([*toks[:i], v + word[0] + word, *toks[i + 2 :]]) for v in "ae")
    return out


def english_key(name: str) -> str:
    """The matching key of a Latin-script name ('' when it has non-Latin letters)."""
    folded = _fold_latin(name)
    if any(c.isalpha() and not ("a" <= c <= "z") for c in folded):
        return ""
    return " ".join(english_tokens(name))


def place_tokens(text: str) -> list[str]:
    """Tokens of a text in either language, as :meth:`Gazetteer.find` expects them.

    Arabic text gives the same tokens as ``streams.core.text.tokens``; Latin words in it
    are cut and folded as :func:`english_tokens` cuts them.
    """
    if not re.search("[A-Za-z]", text):
        return tokens(text)
    if not ARABIC_LETTER.search(text):
        return english_tokens(text)
    out: list[str] = []
    for tok in tokens(text):
        out.extend(english_tokens(tok) if tok.isascii() else (tok,))
    return out


@lru_cache(maxsize=65536)
def readings(token: str) -> tuple[tuple[str, str], ...]:
    """(reading, proclitic) pairs of a text token: as written, then without a proclitic.

    ``proclitic`` is what was cut ('' for the token as written), so the matcher can tell
    "بحلب" ("in Aleppo": a locative) and "وحلب" ("and Aleppo": a list) apart.
    """
    out: list[tuple[str, str]] = []
    for reading in strip_proclitic(token):
        cut = ""
        if reading != token:
            cut = token[: len(token) - len(reading)] if token.endswith(reading) else token[:2]
        if (reading, cut) not in out:
            out.append((reading, cut))
    return tuple(out)

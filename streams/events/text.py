"""Arabic text normalization and light stemming shared by signatures, places and sources.

Pure ``str -> str`` functions built on camel_tools; no state, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from streams.nlp.normalize import EASTERN_DIGITS

TATWEEL = "\u0640"
ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
# the extractor's table, digits only: separators (٫ ٬) stay as they are in these tokens
_DIGITS = {k: v for k, v in EASTERN_DIGITS.items() if v.isdigit()}
_EASTERN_DIGITS = re.compile("[" + "".join(_DIGITS) + "]")
PROCLITICS = (
    "وبال",
    "فبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "وب",
    "ول",
    "فب",
    "فل",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)


@lru_cache(maxsize=256)
def normalize(text: str) -> str:
    """Dediacritize, unify alef / teh marbuta / alef maksura, drop tatweel, ASCII digits.

    Cached for the few texts in flight: an article's signature reads its lead and body
    for tokens and again for dates.
    """
    text = dediac_ar(text).replace(TATWEEL, "")
    text = normalize_alef_maksura_ar(normalize_teh_marbuta_ar(normalize_alef_ar(text)))
    # str.translate over the whole text was 0.2 ms on a 2 KB article, more than the rest of
    # this function; the digits are replaced where they are, as streams.nlp.normalize does
    return _EASTERN_DIGITS.sub(lambda m: _DIGITS[m[0]], text)


WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Normalized word tokens (punctuation dropped).

    The same tokens as camel_tools' ``simple_word_tokenize`` followed by dropping
    punctuation (checked in tests), with one compiled pattern: about 20 times faster on a
    3 KB article, which matters because every article's signature tokenizes it whole.
    """
    return WORD.findall(normalize(text))


@lru_cache(maxsize=32768)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """:func:`tokens` of a short phrase (a victim group, a source, a quote), cached.

    The event stage compares every new claim with every claim of its event, and each
    comparison reads both claims' phrases: the same few thousand phrases are tokenized
    over and over unless cached.
    """
    return tuple(tokens(phrase))


def camel_tokens(text: str) -> list[str]:
    """Reference tokenization through camel_tools (what :func:`tokens` must agree with)."""
    return [t for t in simple_word_tokenize(normalize(text)) if t.isalnum()]


@lru_cache(maxsize=65536)
def strip_proclitic(token: str) -> tuple[str, ...]:
    """The token and its readings without a leading conjunction/preposition (longest first)."""
    out = [token]
    for p in PROCLITICS:
        if token.startswith(p) and len(token) - len(p) >= 2:
            rest = token[len(p) :]
            if p.endswith("ال") or p == "لل":
                out.append("ال" + rest)
                out.append(rest)
                if p == "لل":
                    out.append("الل" + rest)
            else:
                out.append(rest)
    if token.startswith("ال") and len(token) >= 5:
        out.append(token[2:])
    return tuple(out)


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light stem for word overlap: no proclitics, no article, no common plural suffix."""
    t = token
    for p in ("وال", "فال", "بال", "كال", "لل", "ال"):
        if t.startswith(p) and len(t) - len(p) >= 3:
            t = t[len(p) :]
            break
    else:
        if len(t) >= 5 and t[0] == "و":
            t = t[1:]
    for s in ("يين", "ات", "ون", "ين", "ه"):
        if t.endswith(s) and len(t) - len(s) >= 3:
            t = t[: -len(s)]
            break
    return t

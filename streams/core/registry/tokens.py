"""Speaker phrases as tokens with their readings, in Arabic and English alike.

A token of a phrase matches a token of a name when the name's key is one of the phrase
token's *readings*:

- Arabic: normalized like article text (no diacritics, one alef, ة→ه, ى→ي), read with and
  without a leading clitic (و ف ب ل ك، وال، بال، لل) and without "ال": "وللنظام" reads as
  "نظام", so "التابعة للنظام السوري" meets the name "النظام السوري"; "سوري" meets "السوري".
- English: lower case, British spellings read as American (spellings_en.tsv), a possessive
  "'s" dropped ("Gaza's" → "gaza"), "the/a/an/al/el" left out (function_words.tsv), hyphens
  split ("Hamas-run" → "hamas run"). A name token with capitals (UN, WHO, MSF) must be met as
  written: its key is ``^`` + the token, a reading only tokens written that way have.

Keys and readings go through the same functions, so a name in the data and a phrase in an
article agree by construction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from streams.core.text.affixes import strip_proclitic
from streams.core.text.language import ARABIC_RE
from streams.core.text.tokens import tokens as arabic_tokens

__all__ = ["Reader", "core", "is_arabic"]

POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
CASE_MARK = "^"


def is_arabic(token: str) -> bool:
    """True when ``token`` holds Arabic letters (each word is read by its own script)."""
    return ARABIC_RE.search(token) is not None


def core(token: str) -> str:
    """An Arabic token without its article ("السوري" → "سوري"), kept whole when short."""
    if token.startswith("ال") and len(token) >= 5:
        return token[2:]
    return token


class Reader:
    """Turns phrases into (written token, readings) and names into keys."""

    def __init__(self, spellings: Mapping[str, str], stops: frozenset[str]) -> None:
        self._spellings = dict(spellings)
        self._stops = stops

    def words(self, text: str) -> list[str]:
        """The phrase's tokens as written (normalized Arabic; Latin in its case), stops left out."""
        out = []
        for tok in arabic_tokens(POSSESSIVE.sub("", text)):
            if not is_arabic(tok) and tok.lower() in self._stops:
                continue
            out.append(tok)
        return out

    def key(self, token: str) -> str:
        """The key a name's token is indexed under."""
        if is_arabic(token):
            return core(token)
        if token != token.lower():
            return CASE_MARK + token
        return self._spellings.get(token, token)

    def keys(self, name: str) -> tuple[str, ...]:
        """The comparison keys of every word of ``name``."""
        return tuple(self.key(tok) for tok in self.words(name))

    @lru_cache(maxsize=65536)  # noqa: B019 - one reader per registry, for the process
    def readings(self, token: str) -> frozenset[str]:
        """Every key ``token`` (a word of a phrase, as written) can stand for."""
        if is_arabic(token):
            return frozenset(core(form) for form in strip_proclitic(token))
        lower = token.lower()
        found = {self._spellings.get(lower, lower)}
        if token != lower:
            found.add(CASE_MARK + token)
        return frozenset(found)

    def slug(self, words: list[str]) -> str:
        """A stable, readable id part for a name nobody listed: normalized words joined by "-"."""
        return "-".join(
            w if is_arabic(w) else self._spellings.get(w.lower(), w.lower()) for w in words
        )

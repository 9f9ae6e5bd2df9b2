"""Proclitics and suffixes: the one affix table (``lexicons/affixes.tsv``) and the readings
of a word it gives.

Arabic glues conjunctions, prepositions and the article to the front of a word
("وبالمستشفى" = and in the hospital). A lexicon lists the bare word once; a word of the
text is looked up in each of its readings:

* :func:`word_forms` — the extractor's readings (the word, without a tanween alef, without
  a proclitic, "لل" read back as "ال"), most literal first;
* :func:`strip_proclitic` — the readings of the first word of a phrase in event matching
  (a proclitic ending in the article leaves the bare word *and* the word with "ال");
* :func:`stem` — a light stem for comparing content words (no article proclitic, no
  plural or feminine ending).
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import load_rows

__all__ = [
    "PROCLITICS",
    "PRONOUN_SUFFIXES",
    "STEM_SUFFIXES",
    "conjunction_forms",
    "stem",
    "strip_proclitic",
    "word_forms",
]

ARTICLE = "\u0627\u0644"  # ال
LAM_LAM = "\u0644\u0644"  # لل: ل + ال with the alef dropped


def _affixes(kind: str, stemmed: bool = False) -> tuple[str, ...]:
    rows = load_rows("affixes.tsv")
    return tuple(row[0] for row in rows if row[1] == kind and (not stemmed or row[2] == "y"))


PROCLITICS: tuple[str, ...] = _affixes("proclitic")
STEM_PROCLITICS: tuple[str, ...] = _affixes("proclitic", stemmed=True)
STEM_SUFFIXES: tuple[str, ...] = _affixes("suffix", stemmed=True)
PRONOUN_SUFFIXES: tuple[str, ...] = _affixes("pronoun")
# the proclitics that carry the article (ال, or لل where its alef is dropped)
ARTICLE_PROCLITICS: tuple[str, ...] = tuple(
    p for p in PROCLITICS if p.endswith(ARTICLE) or p.endswith(LAM_LAM)
)
CONJUNCTIONS = ("\u0648", "\u0641")  # و ف


@lru_cache(maxsize=1 << 16)
def word_forms(word: str) -> tuple[str, ...]:
    """The word and its clitic-stripped / tanween-stripped variants, most literal first."""
    out = [word]
    if len(word) > 2 and word.endswith("\u0627"):
        out.append(word[:-1])
    if word.startswith((LAM_LAM, "\u0648" + LAM_LAM)) and len(word) > 4:
        out.append(ARTICLE + word[word.index(LAM_LAM) + 2 :])
    for clitic in PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            rest = word[len(clitic) :]
            out.append(rest)
            if len(rest) > 2 and rest.endswith("\u0627"):
                out.append(rest[:-1])
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1 << 16)
def conjunction_forms(word: str) -> tuple[str, ...]:
    """The word, and without a leading و/ف (how speech verbs are looked up: "وأضاف")."""
    out = [word]
    if word[:1] in CONJUNCTIONS and len(word) > 3:
        out.append(word[1:])
    return tuple(out)


@lru_cache(maxsize=65536)
def strip_proclitic(token: str) -> tuple[str, ...]:
    """The token and its readings without a leading proclitic (longest first)."""
    out = [token]
    for p in PROCLITICS:
        if token.startswith(p) and len(token) - len(p) >= 2:
            rest = token[len(p) :]
            if p in ARTICLE_PROCLITICS:
                out.append(ARTICLE + rest)
                out.append(rest)
                if p == LAM_LAM:
                    out.append(ARTICLE + "\u0644" + rest)
            else:
                out.append(rest)
    if token.startswith(ARTICLE) and len(token) >= 5:
        out.append(token[2:])
    return tuple(out)


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light stem for word overlap: no proclitics, no article, no common plural suffix."""
    t = token
    for p in STEM_PROCLITICS:
        if t.startswith(p) and len(t) - len(p) >= 3:
            t = t[len(p) :]
            break
    else:
        if len(t) >= 5 and t[0] == "\u0648":
            t = t[1:]
    for s in STEM_SUFFIXES:
        if t.endswith(s) and len(t) - len(s) >= 3:
            t = t[: -len(s)]
            break
    return t

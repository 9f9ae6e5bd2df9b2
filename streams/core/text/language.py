"""The language of an article, so that each article goes to the extractor that reads it.

:func:`detect_language` (text, declared): the declared ``lang`` wins when given (feeds and
JSONL set it; "en-GB" -> "en"). Otherwise the script decides: Arabic letters -> "ar"; Latin
letters with English function words -> "en"; Latin text without them (French, Spanish ...)
-> "und"; no letters at all -> "und". :func:`language_of` applies it to an article (its text,
else its title). raqib reads :data:`READ_LANGUAGES`; an article in any other language is
skipped, counted and logged by the caller, not dead-lettered: it is well-formed input that
raqib does not read. Pure and fast: one pass of two regexes over at most the first 2,000
characters.
"""

from __future__ import annotations

import re

from streams.core.model import Article

from .lexicon import load_rows

__all__ = ["READ_LANGUAGES", "UNDETERMINED", "detect_language", "language_of"]

UNDETERMINED = "und"
READ_LANGUAGES = frozenset({"ar", "en"})
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")
FUNCTION_WORDS = frozenset(row[0] for row in load_rows("en/grammar.tsv") if row[1] == "en_function")
SAMPLE = 2000
ENGLISH_SHARE = 0.08  # running English text has 30-50% function words; French or Spanish none


def detect_language(text: str, declared: str | None = None) -> str:
    """ "ar", "en", or another code: the declared one (its primary subtag, lowercase) when
    given, else from the script and, for Latin script, English function words.
    """
    if declared and declared.strip():
        return declared.strip().lower().replace("_", "-").split("-")[0]
    sample = text[:SAMPLE]
    arabic = len(ARABIC_RE.findall(sample))
    words = LATIN_WORD_RE.findall(sample)
    latin = sum(len(w) for w in words)
    if arabic == 0 and latin == 0:
        return UNDETERMINED
    if arabic >= latin:
        return "ar"
    english = sum(1 for w in words if w.lower() in FUNCTION_WORDS)
    return "en" if english >= ENGLISH_SHARE * len(words) else UNDETERMINED


def language_of(article: Article) -> str:
    """The language of ``article``: its ``lang`` when given, else detected from its text (its
    title when the text is empty).
    """
    return detect_language(article.text or article.title or "", article.lang)

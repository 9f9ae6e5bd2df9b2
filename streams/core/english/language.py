"""The language of an article, so that each article goes to the extractor that reads it.

``detect_language(text, declared)``: the declared ``lang`` wins when given (feeds and JSONL set
it; "en-GB" -> "en"). Otherwise the script decides: Arabic letters -> "ar"; Latin letters with
English function words -> "en"; Latin text without them (French, Spanish ...) -> "und"
(a language raqib does not read); no letters at all -> "und". Pure and fast: one pass of two
regexes over at most the first 2,000 characters.
"""

from __future__ import annotations

import re

from .lexicon import kinds_of, words_of_kind

__all__ = ["detect_language", "UNDETERMINED"]

UNDETERMINED = "und"
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")
FUNCTION_WORDS = words_of_kind(kinds_of("grammar.tsv"), "en_function")
SAMPLE = 2000


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
    return "en" if english * 100 >= 8 * len(words) else UNDETERMINED

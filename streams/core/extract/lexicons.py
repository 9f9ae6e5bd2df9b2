"""The extractor's lexicons, loaded once, and what it knows of each word (cached).

Every word list is a reviewed TSV file in ``streams/core/lexicons/`` (header + English
gloss per row); this module only loads them into lookup tables. Words are normalized
like article text (:mod:`streams.core.text`).
"""

from __future__ import annotations

import re

from streams.core.registry import speaking_bodies
from streams.core.text import (
    PhraseTable,
    conjunction_forms,
    lexicon_words,
    literal_regex,
    load_rows,
    normalize_word,
    phrase_tokens,
    word_forms,
)


def _table(name: str, col: int = 1) -> PhraseTable:
    return _phrases({phrase_tokens(row[0]): row[col] for row in load_rows(name) if len(row) > col})


def _phrases(entries: dict[tuple[str, ...], str]) -> PhraseTable:
    return PhraseTable(entries.items())


def _words(role: str) -> frozenset[str]:
    return lexicon_words("extraction_words.tsv", role=role)


def _word(role: str) -> str:
    (word,) = _words(role)
    return word


# -- lexicons of phrases and words --------------------------------------------------------

NUMBER_WORDS: dict[str, tuple[int, str]] = {
    normalize_word(r[0]): (int(r[1]), r[2]) for r in load_rows("numbers.tsv")
}
VAGUE: dict[str, tuple[int, int]] = {
    normalize_word(r[0]): (int(r[1]), int(r[2])) for r in load_rows("vague.tsv")
}
DUALS: dict[str, str] = {normalize_word(r[0]): r[1] for r in load_rows("duals.tsv")}
VICTIMS = _table("victims.tsv")
METRICS = _table("metrics.tsv")


def _where(name: str, col: int, value: str, value_col: int = 1) -> PhraseTable:
    """The phrases of ``name`` whose column ``col`` holds ``value``."""
    return _phrases({phrase_tokens(r[0]): r[value_col] for r in load_rows(name) if r[col] == value})


HEDGES_BEFORE = _where("hedges.tsv", 2, "before")
HEDGES_AFTER = _where("hedges.tsv", 2, "after")
MODALITY = _table("modality.tsv")
SCOPE = _phrases({phrase_tokens(r[0]): "cumulative" for r in load_rows("scope.tsv")})
ATTRIBUTION = _table("attribution.tsv")
SOURCES = speaking_bodies()
NONCASUALTY: dict[str, str] = {normalize_word(r[0]): r[1] for r in load_rows("noncasualty.tsv")}
SPEAKER_HEADS: frozenset[str] = frozenset(normalize_word(r[0]) for r in load_rows("speakers.tsv"))
STOPS: frozenset[str] = frozenset(normalize_word(r[0]) for r in load_rows("stops.tsv"))
WEEKDAYS = frozenset(normalize_word(r[0]) for r in load_rows("weekdays.tsv"))


def _role(role: str) -> frozenset[str]:
    return lexicon_words("speaker_roles.tsv", role=role)


NOT_SPEAKER = _role("not_speaker")
MODIFIERS = _role("modifier")
NON_STATEMENT = _role("non_statement")
PARTY = _role("party")
TOLD = _role("told")
OUTLET_HEADS = _role("outlet")
DOCUMENTS = _role("document")
BLAME_OBJECTS = _role("blame_object")
OBJECTS = _role("object")
LED_BY = _role("led_by")
ISSUED = _role("issued")
NARRATION = _where("speaker_roles.tsv", 1, "narration")
AFTER = _where("speaker_roles.tsv", 1, "after")

SUBCOUNT = lexicon_words("subcounts.tsv", role="subcount")
PARTITIVE = lexicon_words("subcounts.tsv", role="partitive")
LIST_LINKS = lexicon_words("subcounts.tsv", role="list_link")
VICTIM_STOPS = _words("victim_stop")
VICTIM_TRIM = _words("victim_trim")
VICTIM_VERBS = _words("victim_verb")
TOLL_NOUNS = _words("toll_noun")
RISE = _words("rise")
LEFT_FILLERS = _words("left_filler")
TOLL_LINKS = _words("toll_link")
RIGHT_SKIP = _words("right_skip")
SPEECH_CONTEXT = _words("speech_context")
THAT = _words("that")
ESTIMATE_HEADS = _words("estimate_head")
OTHERS = _words("others")
TEEN_TENS = _words("teen_ten")
HEDGE_GAP = _words("hedge_gap")
RANGE_LEAD = _words("range_lead")
LAM_PREPS = _words("lam_prep")
VERB_OBJECTS = tuple(sorted(_words("verb_object")))
BY_IT = _words("by_it")
SPEAKER_TRIM = _words("speaker_trim")
VERB_PREPS = _words("verb_prep")
RELAY_PREP = _word("relay_prep")
BETWEEN = _word("between")
TO = _word("to")
OR = _word("or")
IN = _word("in")
OF = _word("of")
ABOUT = _word("about")
SINCE = _word("since")
PASSIVE = _word("passive")
ALREADY = _word("already")
WHAT = _word("what")
ACCORDING_WHAT = _word("according_what")
THOUSANDS = _word("thousands")
AND = "و"  # the conjunction: a word alone, or glued to the next one

CLAUSE_PUNCT = frozenset({"،", ",", ";", "؛", ":", "(", ")", "[", "]", "-", "–", "—"})
QUOTES = frozenset({'"', "«", "»", "“", "”", "'", "‘", "’"})
PUNCT_STOP = CLAUSE_PUNCT | QUOTES | {".", "!", "?", "؟", "|"}
KILLED_INJURED = {"killed": "injured", "injured": "killed"}
NUMERIC_FORMS = frozenset(NUMBER_WORDS) | frozenset(VAGUE) | frozenset(DUALS)

# -- pre-filters: a sentence needs a number and a casualty cue to be read at all ---------------


def _first_char_guard(words: list[str], extra: str = "") -> str:
    """A lookahead on the possible first characters of ``words`` (cheap to scan for)."""
    chars = "".join(sorted({re.escape(w[0]) for w in words if w}))
    return "(?=[" + extra + chars + "])"


_cue_words = sorted(
    {first for first, items in METRICS.by_first.items() if any(v != "none" for _, v in items)}
    | {d for d, role in DUALS.items() if role != "victim"},
    key=len,
    reverse=True,
)
CUE_HINT_RE = re.compile(_first_char_guard(_cue_words) + literal_regex(_cue_words))
_num_words = sorted(set(NUMBER_WORDS) | set(VAGUE) | set(DUALS), key=len, reverse=True)
NUMBER_HINT_RE = re.compile(
    _first_char_guard(_num_words, r"\d") + r"(?:\d|" + literal_regex(_num_words) + ")"
)
DIGIT_RE = re.compile(r"\d")

# -- what the extractor knows of a word, cached per word -------------------------------------

WordInfo = tuple[tuple[str, ...], bool, bool]
_WORD_INFO: dict[str, WordInfo] = {}
_MARKER_INFO: dict[str, tuple[tuple[str, ...], bool]] = {}
CACHE_LIMIT = 1 << 16


def word_info(word: str) -> WordInfo:
    """(readings, may start a metric cue, may be a figure), cached per word.

    A plain dict the hot loops read inline (``_WORD_INFO.get(w) or word_info(w)``),
    cleared when it grows past ``CACHE_LIMIT`` words.
    """
    got = _WORD_INFO.get(word)
    if got is None:
        forms = word_forms(word)
        numeric = word[0].isdecimal() or not NUMERIC_FORMS.isdisjoint(forms)
        got = (forms, not METRICS.first.isdisjoint(forms), numeric)
        if len(_WORD_INFO) >= CACHE_LIMIT:
            _WORD_INFO.clear()
        _WORD_INFO[word] = got
    return got


def marker_info(word: str) -> tuple[tuple[str, ...], bool]:
    """(verb readings, may start an attribution marker: a speech verb, "according to" or a
    source alias), cached per word like :func:`word_info`.
    """
    got = _MARKER_INFO.get(word)
    if got is None:
        verb_forms = conjunction_forms(word)
        got = (
            verb_forms,
            not ATTRIBUTION.first.isdisjoint(verb_forms)
            or not SOURCES.first.isdisjoint(word_forms(word)),
        )
        if len(_MARKER_INFO) >= CACHE_LIMIT:
            _MARKER_INFO.clear()
        _MARKER_INFO[word] = got
    return got


cached_word_info = _WORD_INFO.get
cached_marker_info = _MARKER_INFO.get

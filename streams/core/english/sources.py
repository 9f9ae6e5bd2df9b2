"""English source names: what makes a phrase a speaker, a relay, and two names one source.

Pure functions over strings. ``same_source`` is the English counterpart of the Arabic scorer's
comparison (normalization, then equality or containment): case, curly apostrophes, possessives,
articles and punctuation are ignored, and "the Ministry of Health" is read as "health
ministry", so "Syria's health ministry" and "the Syrian Ministry of Health" differ only by
"syria"/"syrian" and "Health Ministry" names the same body as "The Ministry of Health and
Population". Containment is of words in order, not necessarily adjacent.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import PhraseTable, kinds_of, load_rows, words_of_kind

__all__ = [
    "name_key",
    "same_source",
    "attribution_agrees",
    "source_types",
    "is_generic",
    "is_relay",
    "is_speaker_phrase",
    "SPEAKER_WORDS",
]

SPEAKER_TYPES: dict[str, str] = {r[0]: r[1] for r in load_rows("speakers.tsv")}
SPEAKER_WORDS = frozenset(SPEAKER_TYPES)
MEDIA = PhraseTable((r[0], True) for r in load_rows("media.tsv"))
_GRAMMAR = kinds_of("grammar.tsv")
GENERIC = words_of_kind(_GRAMMAR, "generic")
PRONOUNS = words_of_kind(_GRAMMAR, "pronoun")
_NOT_NAMES = (
    words_of_kind(_GRAMMAR, "stop")
    | words_of_kind(_GRAMMAR, "clause")
    | words_of_kind(_GRAMMAR, "adverb")
    | PRONOUNS
    | words_of_kind(_GRAMMAR, "month")
    | words_of_kind(_GRAMMAR, "weekday")
)
# the last word of a phrase that is an incident or a casualty, never a speaker ("US air strikes
# on the port", "the attack")
NOT_SPEAKER_HEADS = frozenset(
    r[0] for r in load_rows("scope.tsv") if r[1] == "incident"
) | frozenset(r[0] for r in load_rows("metrics.tsv") if " " not in r[0])
_WORD_RE = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*\.?")
_DROP = words_of_kind(_GRAMMAR, "name_drop")
# generic words of speakers: two names sharing only one of these are not one source
_WEAK_TYPES = frozenset({"official", "source"})


def _tokens(name: str) -> list[str]:
    text = name.lower().replace("’", "'").replace("'s ", " ").replace("s' ", "s ")
    if text.endswith("'s"):
        text = text[:-2]
    return _WORD_RE.findall(text)


@lru_cache(maxsize=4096)
def name_key(name: str) -> tuple[str, ...]:
    """The words of a source name that identify it: lowercase, no articles or possessives,
    "ministry of X" reordered to "X ministry".
    """
    words = [w for w in _tokens(name) if w not in _DROP]
    if "ministry" in words:
        m = words.index("ministry")
        if m + 1 < len(words) and words[m + 1] == "of":
            end = m + 2
            while end < len(words) and words[end] not in ("in", "of", "for"):
                end += 1
            words = words[:m] + words[m + 2 : end] + ["ministry"] + words[end:]
    return tuple(words)


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def same_source(a: str, b: str) -> bool:
    """Whether two English names name the same source (equal or one contained in the other,
    after :func:`name_key`).
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return ka == kb
    if len(ka) > len(kb):
        ka, kb = kb, ka
    return _subsequence(ka, kb)


def attribution_agrees(a: str | None, b: str | None) -> bool:
    """Both null, or both named and :func:`same_source` (the scorer's rule for English)."""
    if not a or not b:
        return not a and not b
    return same_source(a, b)


@lru_cache(maxsize=4096)
def source_types(name: str) -> frozenset[str]:
    """The coarse kinds of source a name's words say (government, medical, monitor, media, ...).

    Cached like :func:`name_key`: a feed names the same few hundred sources again and again.
    """
    words = _tokens(name)
    types = {SPEAKER_TYPES[w] for w in words if w in SPEAKER_TYPES}
    for i in range(len(words)):
        if MEDIA.match(words, i) is not None:
            types.add("media")
    return frozenset(types)


def is_generic(name: str) -> bool:
    """A description of a source rather than its name ("a war monitor", "medics", "local
    media"): it opens with an indefinite word or has no capitalized word after its first.
    """
    words = name.split()
    if not words:
        return True
    if words[0].lower() in GENERIC:
        return True
    return not any(w[:1].isupper() for w in words[1:]) and words[0].lower() in (
        "the",
        *SPEAKER_WORDS,
    )


@lru_cache(maxsize=4096)
def is_relay(name: str) -> bool:
    """A news outlet or agency (relays what others state): a known outlet, or a media word
    ("news agency", "television") in a name that is not a UN body.
    """
    types = source_types(name)
    if "un" in types:
        return False
    words = _tokens(name)
    return any(MEDIA.match(words, i) is not None for i in range(len(words))) or "media" in types


def _capitalized(word: str) -> bool:
    """A capital opens the word or a part of it ("Reuters", "al-Marouni", "el-Drese")."""
    return word[:1].isupper() or ("-" in word and any(p[:1].isupper() for p in word.split("-")[1:]))


def is_speaker_phrase(words: list[str], low: list[str]) -> bool:
    """Whether a phrase names a speaker: it holds a speaker word or a proper name, and is not a
    pronoun, a figure or a content phrase ("preliminary information", "the toll").
    """
    if not words or PRONOUNS.issuperset(low) or low[-1] in NOT_SPEAKER_HEADS:
        return False
    for k, (w, lw) in enumerate(zip(words, low, strict=True)):
        if lw[:1].isdigit():
            return False
        if lw in SPEAKER_WORDS:
            return True
        # a capital on the first word may only open the sentence ("Preliminary information
        # said"): there it names someone alone, before another capital, or in capitals
        if (
            _capitalized(w)
            and lw not in _NOT_NAMES
            and (k > 0 or len(words) == 1 or _capitalized(words[1]) or w.isupper())
        ):
            return True
    # a media phrase starts with a first word of one: most phrases have none
    return not MEDIA.first.isdisjoint(low) and any(
        MEDIA.match(low, i) is not None for i in range(len(low))
    )


@lru_cache(maxsize=4096)
def compatible_sources(a: str, b: str) -> bool:
    """Two names one article may use for one source: :func:`same_source`, or a description
    and a name of the same kind ("a war monitor" / "the Syrian Observatory for Human Rights",
    "medics" / "the Sudan Doctors Network").
    """
    if same_source(a, b):
        return True
    shared = (source_types(a) & source_types(b)) - _WEAK_TYPES
    return bool(shared) and (is_generic(a) or is_generic(b))

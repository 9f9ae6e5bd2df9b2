"""Speaker phrases: the span of words that names who speaks after a marker, and the
words around it that are no speaker (objects, channels, whom a statement was told).

:mod:`.markers` finds the markers and calls these to cut the speaker each one names.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.core.text.affixes import ARTICLE, LAM_LAM

from .lexicons import (
    ABOUT,
    ALREADY,
    ATTRIBUTION,
    IN,
    ISSUED,
    LED_BY,
    NON_STATEMENT,
    OBJECTS,
    PUNCT_STOP,
    QUOTES,
    SPEAKER_TRIM,
    SPEECH_CONTEXT,
    STOPS,
    THAT,
    WEEKDAYS,
)
from .sentences import Sentence, Span

LAM = "ل"
MAX_SPEAKER_TOKENS = 12  # words of a speaker phrase (quote marks not counted)
MAX_QUOTED_NAME = 4  # words of a name in quotes inside a speaker phrase ("بمشفى "العيادات"")
PREFIX_REACH = 8  # tokens before the colon of a "X:" prefix
TOLD_REACH = 8  # tokens after a speaker phrase where whom it told may still stand


@dataclass
class SpeakerMarker:
    """An attribution marker in a sentence (token span ``[start, end)``).

    ``speaker``: the speaker phrase as written in the text read (None: an implicit subject,
    the last speaker); ``speaker_span``: its normalized-text span; ``kind``: verb (a speech
    verb or its equivalent), prep ("according to") or subject (a speaker whose verb states
    no figure); ``strip_lam``: the phrase starts with a ل that belongs to the marker ("وفقا
    للوزارة"); ``via``: the normalized-text span of the outlet that relayed the statement
    (its ل kept: "لوكالة رويترز", :func:`.attribution_names.strip_lam` drops it).
    """

    start: int
    end: int
    speaker: str | None
    speaker_span: Span | None
    kind: str
    strip_lam: bool = False
    via: Span | None = None
    relays: bool = False  # "بحسب ما نقلته X": X relays whoever the clause names


OBJECT_SUFFIXES = ("هما", "هم", "ها", "ه")


def _has(table: frozenset[str], forms: tuple[str, ...]) -> bool:
    """A reading of the word is in ``table``, with or without a pronoun suffix ("بيانها")."""
    for f in forms:
        if f in table:
            return True
        for suffix in OBJECT_SUFFIXES:
            if f.endswith(suffix) and len(f) > len(suffix) + 2:
                bare = f[: -len(suffix)]
                if bare in table or (bare.endswith("ت") and bare[:-1] + "ه" in table):
                    return True
    return False


def is_object(forms: tuple[str, ...]) -> bool:
    """An action condemned or acknowledged ("القصف"، "بقصفهما"): a speaker ends before it."""
    return _has(OBJECTS, forms)


def is_channel(forms: tuple[str, ...]) -> bool:
    """The channel of a statement ("بيان"، "بيانها"، "مؤتمر"): "قالت الوزارة في بيانها"."""
    return _has(SPEECH_CONTEXT, forms)


def quoted_name_end(
    sent: Sentence, k: int, figure_starts: set[int], digits: bool = False
) -> int | None:
    """The token after a short quoted name opening at ``k`` (""التوثيق""), or None when the
    quote holds a statement (a verb's "إن", a figure, punctuation) or does not close soon.
    ``digits``: a number may be part of the name (an outlet: "«دارفور 24»").
    """
    words = sent.words
    for t in range(k + 1, min(len(words), k + MAX_QUOTED_NAME + 2)):
        w = words[t]
        if w in QUOTES:
            return t + 1 if t > k + 1 else None
        if (
            w in THAT
            or w in PUNCT_STOP
            or (not digits and (t in figure_starts or w[0].isdecimal()))
        ):
            return None
    return None


def speaker_phrase_end(
    sent: Sentence,
    j: int,
    figure_starts: set[int],
    verb_forms: list[tuple[str, ...]] | None = None,
    max_len: int = MAX_SPEAKER_TOKENS,
) -> int:
    """End token of a speaker phrase starting at ``j`` (== j when empty)."""
    words = sent.words
    n = len(words)
    if j < n and words[j] == IN:
        return j  # "أعلنت في وقت سابق": a prepositional phrase is not a speaker
    k = j
    count = 0
    while k < n and count < max_len:
        w = words[k]
        if w in STOPS and not (w == ABOUT and k > j and words[k - 1] in ISSUED):
            break  # ... but "بيان صادر عن قيادة الجيش" goes on to the author
        if w in WEEKDAYS or w == ALREADY:
            break
        if k in figure_starts or w[0].isdecimal():
            break
        if w in ("،", ","):
            # an appositive name before "إن"/a quote: "الوزير ...، هشام شيكوات "..."، or
            # between two commas: "رئيس البعثة، عبد الستار إيسويف، بأن"
            t = k + 1
            while t < n and t - k <= 4 and words[t] not in PUNCT_STOP and words[t] not in THAT:
                t += 1
            verbs = verb_forms is not None and any(
                ATTRIBUTION.match(words, verb_forms, v) for v in range(k + 1, t)
            )
            name = k + 1 < n and words[k + 1] not in STOPS and words[k + 1] != IN
            closing = t + 1 < n and words[t] in ("،", ",") and words[t + 1] in THAT
            opens = t < n and (words[t] in THAT or words[t] in QUOTES or closing)
            if opens and name and t - k <= 4 and t > k + 1 and not verbs:
                k = t
            break
        if w == "(" and k > j:
            # an acronym in parentheses inside the name: "مكتب ... (أوتشا) "ليزا دوتن""
            close = next((t for t in range(k + 1, min(n, k + 4)) if words[t] == ")"), None)
            if (
                close is not None
                and close > k + 1
                and all(
                    words[t] not in PUNCT_STOP and not words[t][0].isdecimal()
                    for t in range(k + 1, close)
                )
            ):
                k = close + 1
                continue
            break
        if w in QUOTES:
            # a name in quotes inside the phrase: "مستشفى "ليدي ريدينغ""، "“الدفاع المدني”"
            close = quoted_name_end(sent, k, figure_starts)
            if close is None:
                break
            count += close - k - 2
            k = close
            continue
        if w in PUNCT_STOP:
            break
        cue = sent.cues[k]
        if cue is not None and cue[1] != "none":
            break
        if w == IN and k + 1 < n and is_channel(sent.forms[k + 1]):
            break
        if k > j and not (NON_STATEMENT.isdisjoint(sent.forms[k]) and w not in LED_BY):
            break  # "أعلن رئيس الحكومة الحداد": the object; "برئاسة فلان": its chair
        if k > j and verb_forms is not None and ATTRIBUTION.match(words, verb_forms, k):
            break
        k += 1
        count += 1
    while k > j and words[k - 1] in SPEAKER_TRIM:
        k -= 1
    return k


def told_name(word: str) -> str | None:
    """The word after a ل that marks whom a speaker told ("لوكالة" → "وكالة", "للقناة" →
    "القناة"); None when ``word`` has no such ل.
    """
    if word.startswith(LAM_LAM) and len(word) > 3:
        return ARTICLE + word[2:]
    if word.startswith(LAM) and len(word) > 3:
        return word[1:]
    return None

"""What a speaker phrase names: the owner of a toll or a document, an anaphor's antecedent,
or nobody at all.

A phrase after a reporting verb is not always a speaker. "حصيلة أولية لمديرية الدفاع
المدني" is the directorate's; "بيان صادر عن وزارة الداخلية" and "التقرير" (after "قالت
المنظمة في تقرير") are their authors'; "الوزارة" / "الصحيفة" are the last ministry or
newspaper named; "آخر المعلومات"، "حصيلة جديدة"، "أي علاقة" and pronouns name nobody, and
their figures are the outlet's own (:func:`names_speaker`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from streams.core.text import TOKEN_RE, normalize_word, strip_proclitic
from streams.core.text.affixes import ARTICLE, LAM_LAM

from .lexicons import (
    ATTRIBUTION,
    DOCUMENTS,
    ESTIMATE_HEADS,
    ISSUED,
    METRICS,
    MODIFIERS,
    NOT_SPEAKER,
    PUNCT_STOP,
    SPEAKER_HEADS,
    STOPS,
    VERB_OBJECTS,
    WEEKDAYS,
)
from .sentences import ArticleText
from .speakers import LAM

# "بيان صادر عن وزارة الداخلية", "بيان من الحركة": the words between a document and its author
FROM = ("عن", "من")
PRONOUN_SUFFIXES = ("ها", "هم", "ه")
QUOTE_MARKS = re.compile(r'["«»“”]')


@lru_cache(maxsize=8192)
def strip_lam(ph: str) -> str:
    """ "للوزارة" → "الوزارة", "لمركز" → "مركز"."""
    if ph.startswith(LAM_LAM):
        return ARTICLE + ph[2:]
    if ph.startswith(LAM) and len(ph) > 3:
        return ph[1:]
    return ph


def _head(word: str) -> frozenset[str]:
    """The readings of a phrase's first word (with and without its clitics)."""
    return frozenset(strip_proclitic(normalize_word(word)))


@lru_cache(maxsize=8192)
def owner_of(name: str) -> str:
    """ "إحصائية للمكتب", "حصيلة أولية لمديرية الدفاع المدني", "بيان للجيش", "بيان صادر عن
    وزارة الداخلية", "تقرير لمنظمة العفو": the owner of the figures is the speaker.
    """
    toks = name.split()
    if len(toks) < 2:
        return name
    head = _head(toks[0])
    if head.isdisjoint(ESTIMATE_HEADS) and head.isdisjoint(DOCUMENTS):
        return name
    for k in range(1, min(len(toks), 4)):
        word = normalize_word(toks[k])
        if word.startswith(LAM) and len(word) > 3:
            return strip_lam(" ".join(toks[k:]))
        if k + 1 < len(toks) and _announced(word):
            return " ".join(toks[k + 1 :])  # "حصيلة أولية أعلنها وزير الصحة"
        if k + 1 < len(toks) and (word in FROM and k == 1 or word in ISSUED):
            rest = toks[k + 1 :]
            if word in ISSUED and normalize_word(rest[0]) in FROM:
                rest = rest[1:]
            return " ".join(rest) or name
    return name


@lru_cache(maxsize=8192)
def _announced(word: str) -> bool:
    """A speech verb with an object pronoun ("أعلنها", "أوردته"): its subject owns the toll."""
    for suffix in VERB_OBJECTS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            bare = word[: -len(suffix)]
            for form in (bare, bare[1:] if bare[:1] in "وف" else bare):
                if ATTRIBUTION.match([form], [(form,)], 0):
                    return True
    return False


@lru_cache(maxsize=8192)
def document_reference(name: str) -> str | None:
    """ "definite" for a document that refers back to its author ("التقرير", "بيانها"),
    "indefinite" for one whose author is not named ("تقرير حقوقي", "حصيلة جديدة"), None
    for a phrase that is no document.
    """
    toks = TOKEN_RE.findall(normalize_word(name))
    if not toks:
        return None
    first = toks[0]
    bare_forms = strip_proclitic(first)
    if not DOCUMENTS.isdisjoint(bare_forms):
        definite = any(f.startswith(ARTICLE) for f in bare_forms)
        return "definite" if definite else "indefinite"
    for suffix in PRONOUN_SUFFIXES:
        if first.endswith(suffix) and len(first) > len(suffix) + 3:
            bare = first[: -len(suffix)]
            forms = strip_proclitic(bare[:-1] + "ه" if bare.endswith("ت") else bare)
            if not DOCUMENTS.isdisjoint(forms):
                return "definite"
    return None


def is_document(name: str) -> bool:
    """A document with no author named in it ("التقرير", "بيانها", "تقرير حقوقي")."""
    return document_reference(name) is not None


@lru_cache(maxsize=8192)
def clean_name(name: str) -> str:
    """A name as written, without the punctuation around it ("“الدفاع المدني”" → "الدفاع
    المدني"; quotation marks inside it stay: "إذاعة "شام إف إم"").
    """
    name = " ".join(name.split()).strip(" ،,:-–")
    if QUOTE_MARKS.fullmatch(name[:1] or "-") and QUOTE_MARKS.fullmatch(name[-1:] or "-"):
        inner = name[1:-1]
        if not QUOTE_MARKS.search(inner):
            return inner.strip()
    return name


@lru_cache(maxsize=8192)
def names_speaker(name: str) -> bool:
    """Whether the phrase names a speaker at all: not a content phrase ("آخر المعلومات",
    "حصيلة جديدة"), an object ("أي علاقة") or a pronoun. A modifier before the head is
    passed over ("آخر الإحصائيات الرسمية" names the official statistics).
    """
    toks = TOKEN_RE.findall(normalize_word(name))
    while len(toks) > 1 and not MODIFIERS.isdisjoint(strip_proclitic(toks[0])):
        toks = toks[1:]
    if not toks:
        return False
    return NOT_SPEAKER.isdisjoint(strip_proclitic(toks[0]))


def _speaker_with_head(head: str, word: str, history: list[str]) -> str | None:
    """The last speaker named with the head noun of "الوزارة" ("وزارة الصحة ...", or
    "التابع لوزارة الصحة", which names the ministry too).
    """
    heads = (head, LAM + head, "ب" + head)
    for prior in reversed(history):
        ptoks = TOKEN_RE.findall(normalize_word(prior))
        if len(ptoks) > 1 and ptoks[0] == word:
            return prior
        for t_i, t in enumerate(ptoks):
            if t in heads and t_i + 1 < len(ptoks):
                words = prior.split()
                if len(words) == len(ptoks):
                    first = words[t_i][len(t) - len(head) :]
                    return " ".join([first, *words[t_i + 1 :]])
                return prior
    return None


def _named_before(head: str, doc: ArticleText, before: str) -> str | None:
    """The last phrase of the text before the anaphor that starts with its head noun
    ("صحيفة ديلي ميل" for "الصحيفة"), two to five words long.
    """
    last = None
    for m in re.finditer(r"(?<!\w)[لب]?(" + re.escape(head) + r")\s", before):
        last = m
    if last is None:
        return None
    start = last.start(1)
    end = start
    count = 0
    for m in TOKEN_RE.finditer(before, start):
        w = m.group()
        if count >= 5 or w in PUNCT_STOP or w in STOPS or w in WEEKDAYS or METRICS.by_first.get(w):
            break
        end = m.end()
        count += 1
    if count < 2:
        return None
    return doc.original(start, end)


def resolve_anaphor(name: str, history: list[str], before: str, doc: ArticleText) -> str:
    """ "الوزارة" / "المصدر" / "الصحيفة" -> the last speaker, or else the last phrase in the
    text before, named with that head noun ("وزارة الصحة ...", "صحيفة ديلي ميل").
    """
    toks = TOKEN_RE.findall(normalize_word(name))
    if not toks or len(toks) > 2 or not toks[0].startswith(ARTICLE):
        return name
    head = toks[0][2:]
    if head not in SPEAKER_HEADS:
        if len(toks) == 1 and toks[0] in SPEAKER_HEADS:
            # a head listed with its article ("الجيش", "الهلال"): the last speaker starting so
            for prior in reversed(history):
                ptoks = TOKEN_RE.findall(normalize_word(prior))
                if len(ptoks) > 1 and ptoks[0] == toks[0]:
                    return prior
        return name
    return _speaker_with_head(head, toks[0], history) or _named_before(head, doc, before) or name

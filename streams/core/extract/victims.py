"""Who the victims of a figure are: the phrase after it ("من جيش الأسد") and its class.

Classes come from ``victims.tsv``: civilians, security_forces, armed_groups, mixed (civilians
with either of the others), unknown; "other" ("آخرين") refers back to the previous group; a
named armed group ("حماس") makes the victims armed_groups only when nothing else names them.
"""

from __future__ import annotations

from streams.core.text import conjunction_forms, word_forms
from streams.core.text.affixes import PRONOUN_SUFFIXES

from .figures import Figure
from .lexicons import (
    ATTRIBUTION,
    HEDGES_AFTER,
    PUNCT_STOP,
    RIGHT_SKIP,
    STOPS,
    SUBCOUNT,
    VICTIM_STOPS,
    VICTIM_TRIM,
    VICTIM_VERBS,
    VICTIMS,
    word_info,
)
from .sentences import Sentence, Span

MAX_VICTIM_TOKENS = 7
GROUP_NAME = "group_name"  # victims.tsv: a named armed group ("حماس", "طالبان")


def victim_span(sent: Sentence, fig: Figure) -> Span | None:
    """The token span of the victim phrase after ``fig`` (its casualty noun and hedges
    skipped), or None.
    """
    words = sent.words
    n = len(words)
    if fig.kind == "dual" and fig.dual_role == "victim":
        return fig.core, fig.core + 1
    j = fig.i1
    while j < n:
        c = sent.cues[j]
        if c:
            j += c[0]
            continue
        m = HEDGES_AFTER.match(words, sent.forms, j)
        if m:
            j += m[0]
        elif words[j] in RIGHT_SKIP:
            j += 1
        else:
            break
    k = j
    while k < n and k - j < MAX_VICTIM_TOKENS:
        w = words[k]
        if w in PUNCT_STOP or w in STOPS or w in VICTIM_STOPS or w in SUBCOUNT:
            break
        if word_info(w)[2] or (sent.cues[k] and k > j):
            break
        if not ATTRIBUTION.first.isdisjoint(conjunction_forms(w)):
            break
        if k > j and conjunction_forms(w)[-1] in VICTIM_VERBS:
            break
        k += 1
    while k > j and words[k - 1] in VICTIM_TRIM:
        k -= 1
    return (j, k) if k > j else None


def _possessed_classes(sent: Sentence, span: Span) -> list[str]:
    """ "من مقاتليهم", "جنوده": a victim noun with a possessive suffix."""
    classes: list[str] = []
    for t in range(span[0], span[1]):
        for f in sent.forms[t]:
            for suf in PRONOUN_SUFFIXES:
                if f.endswith(suf) and len(f) - len(suf) >= 3:
                    stem = f[: -len(suf)]
                    for cand in (stem, stem + "ن"):
                        m = VICTIMS.match([cand], [(cand,)], 0)
                        if m:
                            classes.append(m[1])
                            break
    return classes


def victim_classes(sent: Sentence, fig: Figure, span: Span) -> list[str]:
    """Every victim class named in ``span`` (a dual noun's own class first)."""
    words = sent.words
    classes: list[str] = []
    if fig.kind == "dual" and fig.dual_role == "victim":
        stem = words[fig.core][:-2]  # the dual ending
        stem = stem[:-1] + "ه" if stem.endswith("ت") else stem  # "طفلتين" → "طفله"
        found = VICTIMS.match([stem], [word_forms(stem)], 0)
        if found:
            classes.append(found[1])
    s = span[0]
    while s < span[1]:
        m = VICTIMS.match(words, sent.forms, s)
        if m:
            classes.append(m[1])
            s += m[0]
        else:
            s += 1
    return classes or _possessed_classes(sent, span)


def victim_of(sent: Sentence, fig: Figure) -> tuple[Span | None, str]:
    """The victim phrase's token span and its class."""
    span = victim_span(sent, fig)
    if span is None:
        return None, "unknown"
    classes = victim_classes(sent, fig, span)
    real = [c for c in classes if c not in ("unknown", "other", GROUP_NAME)]
    if classes and classes[0] == GROUP_NAME:
        # "31 عنصرا من حماس": the group is who the victims are; after a victim noun
        # ("مدنيين بقصف الحوثي", "شخصا بقصف الحوثي") it names who fired
        real = ["armed_groups"]
    if "civilians" in real and ("security_forces" in real or "armed_groups" in real):
        return span, "mixed"
    if real:
        return span, real[0]
    if "other" in classes:
        return span, "other"
    return span, "unknown"

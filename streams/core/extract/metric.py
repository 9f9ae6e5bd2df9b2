"""Which casualty metric a figure counts, and whether it is a claim at all.

A figure is bound to the casualty cue next to it ("مقتل 62", "62 قتيلا"), in its clause
("العدد الكلي لمن قتل ... بلغ 60"), or inherits the previous figure's ("بينهم 22 مدنيا",
"6 نساء و6 أطفال"). Figures that count vehicles, money, time or dates are dropped
(``noncasualty.tsv``); so are denied or forecast ones (``modality.tsv``, :func:`is_blocked`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from streams.core.text import word_forms

from .figures import Figure
from .lexicons import (
    AND,
    BETWEEN,
    CLAUSE_PUNCT,
    KILLED_INJURED,
    LEFT_FILLERS,
    LIST_LINKS,
    MODALITY,
    NONCASUALTY,
    NUMBER_WORDS,
    OF,
    OR,
    OTHERS,
    PARTITIVE,
    PUNCT_STOP,
    SCOPE,
    SINCE,
    SUBCOUNT,
    TO,
    TOLL_LINKS,
    VICTIMS,
)
from .sentences import Sentence, clause

if TYPE_CHECKING:
    from .claims import RawClaim

Bound = tuple[str | None, int]  # (metric, token of its cue)
NO_METRIC: Bound = (None, -1)
COMMAS = ("،", ",")


def counts_something_else(sent: Sentence, fig: Figure) -> bool:
    """A counted noun that is not people next to the figure ("20 سيارة", "سيارات الإسعاف إلى 74")."""
    words = sent.words
    if fig.i1 < len(words) and any(
        NONCASUALTY.get(f) in ("after", "both", "date") for f in sent.forms[fig.i1]
    ):
        return True
    back = fig.i0 - 1
    skipped = False
    while back >= 0 and (words[back] in LEFT_FILLERS or words[back] == TO):
        back -= 1
        skipped = True
    if back >= 0:
        where = {NONCASUALTY.get(f) for f in sent.forms[back]}
        if "before" in where or ("date" in where and not skipped) or (skipped and "both" in where):
            return True
    return False


def _lone_one(sent: Sentence, fig: Figure) -> bool:
    """ "في نزاع واحد", "ليوم واحد": "one" after a noun counts people only after a victim
    noun or a casualty cue ("شخص واحد", "قتيل واحد"), or before "من" ("واحد من الجنود").
    """
    if not (fig.kind == "word" and fig.base == 1 and fig.i1 - fig.i0 == 1):
        return False
    words = sent.words
    p = fig.i0 - 1
    return not (
        (fig.i1 < len(words) and words[fig.i1] == OF)
        or (p >= 0 and (sent.cues[p] or VICTIMS.match(words, sent.forms, p)))
    )


def _left_cue(sent: Sentence, fig: Figure, figs: list[Figure], idx: int) -> Bound | None:
    """The cue right before the figure ("مقتل 62", "وأصيب 100", "ارتفع عدد القتلى إلى 80");
    "مقتل وإصابة 20" is casualties.
    """
    words = sent.words
    prev_end = figs[idx - 1].i1 if idx > 0 else 0
    left: Bound | None = None
    j = fig.i0 - 1
    while j >= max(prev_end, fig.i0 - 4) and (words[j] in LEFT_FILLERS or words[j] == TO):
        j -= 1
    for s in range(max(prev_end, j - 3), j + 1):
        c = sent.cues[s]
        if c and s + c[0] == j + 1:
            left = (c[1], s)
            if c[1] in KILLED_INJURED and s > 0 and words[s][0] == AND:
                for s2 in range(max(0, s - 3), s):
                    c2 = sent.cues[s2]
                    if (
                        c2
                        and s2 + c2[0] == s
                        and c2[1] == KILLED_INJURED[c[1]]
                        and not any(
                            s2 - 8 <= g.i1 <= s2 and CLAUSE_PUNCT.isdisjoint(words[g.i1 : s2])
                            for g in figs
                            if g.kind != "other"
                        )
                    ):
                        left = ("casualties", s2)
            break
    if left and idx > 0 and figs[idx - 1].kind != "other" and left[1] == prev_end:
        return None  # the cue is the previous figure's noun ("78 قتيلا وعشرات الجرحى")
    return left


def _skip_parenthetical(sent: Sentence, j: int) -> int | None:
    """After a comma opening "، بينهم نساء وأطفال،", the token after its closing comma."""
    words = sent.words
    n = len(words)
    if words[j] in COMMAS and j + 1 < n and not SUBCOUNT.isdisjoint(sent.forms[j + 1]):
        close = next((t for t in range(j + 2, min(n, j + 9)) if words[t] in PUNCT_STOP), None)
        if close is not None and words[close] in COMMAS:
            return close + 1
    return None


def _joined_metric(sent: Sentence, metric: str, k: int, nxt_start: int) -> str:
    """ "قتلوا أو أصيبوا", "قتيلا وجريحا": a killed and an injured cue together are casualties."""
    words = sent.words
    n = len(words)
    c2 = sent.cues[k] if k < n else None
    if c2 is None and k + 1 < n and words[k] == OR:
        c2 = sent.cues[k + 1]
        if c2 is not None and c2[1] == KILLED_INJURED.get(metric):
            c2 = (c2[0], "casualties")
    if c2 is not None:
        after = words[k + c2[0]] if k + c2[0] < n else ""
        if c2[1] == "casualties" or (
            metric in KILLED_INJURED
            and c2[1] == KILLED_INJURED[metric]
            and words[k].startswith(AND)
            and k + c2[0] < nxt_start
            and OTHERS.isdisjoint(word_forms(after))
        ):
            return "casualties"
    return metric


def _right_cue(
    sent: Sentence, fig: Figure, figs: list[Figure], idx: int, left: Bound | None
) -> Bound | None:
    """The cue after the figure ("62 قتيلا", "66 شخصا قتلوا", "عشرات الضحايا بين قتيل وجريح").

    Returns :data:`NO_METRIC` when the figure counts people who are not casualties.
    """
    words = sent.words
    n = len(words)
    nxt_start = figs[idx + 1].i0 if idx + 1 < len(figs) else n
    j = fig.i1
    steps = 0
    while j < min(nxt_start, n) and steps < 8:
        if words[j] in PUNCT_STOP:
            after = _skip_parenthetical(sent, j)
            if after is None:
                break
            j = after
            steps += 1
            continue
        c = sent.cues[j]
        if c and c[1] == "none":
            if j - fig.i1 <= 1 and any(
                (c2 := sent.cues[t]) is not None and c2[1] != "none"
                for t in range(j + c[0], min(nxt_start, n, j + c[0] + 3))
                if words[t] not in PUNCT_STOP
            ):
                j += c[0]
                steps += 1
                continue  # "35 نازحا استشهدوا": displaced people who were killed
            if j - fig.i1 > 2:
                j += c[0]
                steps += 1
                continue  # not the counted noun ("... على مخيم للنازحين")
            return NO_METRIC if left is None else None
        if c:
            e = j + c[0]
            while e < nxt_start and words[e] in LEFT_FILLERS:
                e += 1
            if e == nxt_start and idx + 1 < len(figs) and (j > fig.i1 or words[j][0] == AND):
                return None  # the cue introduces the next figure ("... وأصيب 100")
            return _joined_metric(sent, c[1], j + c[0], nxt_start), j
        j += 1
        steps += 1
    return None


def _inherited(sent: Sentence, fig: Figure, prev: RawClaim | None, prev_end: int) -> Bound | None:
    """Sub-counts and list items take the previous figure's metric ("بينهم 22 مدنيا",
    "و30 مدنيا", "6 نساء و6 أطفال").
    """
    if prev is None:
        return None
    words = sent.words
    before = words[max(prev_end, fig.i0 - 3) : fig.i0]
    is_list = bool(before) and (
        before[-1] == AND
        or (words[fig.i0].startswith(AND) and words[fig.i0] not in NUMBER_WORDS)
        or not LIST_LINKS.isdisjoint(before)
    )
    is_sub = any(f in SUBCOUNT for b in before for f in word_forms(b))
    victim_other = fig.i1 < len(words) and not OTHERS.isdisjoint(sent.forms[fig.i1])
    if (is_sub or is_list) and not victim_other:
        return prev.metric, prev.cue_token
    return None


def _cue_further_left(sent: Sentence, fig: Figure, prev: RawClaim | None) -> Bound:
    """ "30 منهم" (a partitive: part of the group named last, "من المصابين"), or a cue further
    left in the sentence ("العدد الكلي لمن قتل ... بلغ 60").

    Across a comma only when the figure's clause predicates a toll ("، قد بلغ 60") or
    continues the previous clause by a pronoun ("، ولكنها جميعها بالآلاف").
    """
    words = sent.words
    if fig.i1 < len(words) and words[fig.i1] in PARTITIVE:
        for s in range(fig.i0 - 1, max(-1, fig.i0 - 20), -1):
            c = sent.cues[s]
            if c:
                return NO_METRIC if c[1] == "none" else (c[1], s)
    lo = max(prev.figure.i1 if prev is not None else 0, fig.i0 - 25)
    linked = False
    for s in range(fig.i0 - 1, lo - 1, -1):
        if words[s] in CLAUSE_PUNCT and not linked:
            return NO_METRIC
        if not linked and any(f in TOLL_LINKS for f in sent.forms[s]):
            linked = True
        c = sent.cues[s]
        if c:
            return NO_METRIC if c[1] == "none" else (c[1], s)
    return NO_METRIC


def resolve_metric(
    sent: Sentence, fig: Figure, figs: list[Figure], idx: int, prev: RawClaim | None
) -> Bound:
    """The metric bound to ``figs[idx]`` and the token of its cue, or (None, -1)."""
    if counts_something_else(sent, fig):
        return NO_METRIC
    if fig.dual_role and fig.dual_role != "victim":
        return fig.dual_role, fig.core
    if _lone_one(sent, fig):
        return NO_METRIC
    left = _left_cue(sent, fig, figs, idx)
    right = _right_cue(sent, fig, figs, idx, left)
    if right is NO_METRIC:
        return NO_METRIC
    if right and (right[0] == "casualties" or left is None):
        return right
    words = sent.words
    if right and left and right[1] == fig.i1 and left[1] > 0 and words[left[1] - 1] == BETWEEN:
        return right  # "من بين الضحايا 4 جثث": the group, then the figure's own noun
    if left:
        return NO_METRIC if left[0] == "none" else left
    prev_end = figs[idx - 1].i1 if idx > 0 else 0
    return _inherited(sent, fig, prev, prev_end) or _cue_further_left(sent, fig, prev)


def is_blocked(sent: Sentence, start: int) -> bool:
    """A denial, negation or forecast in the clause before ``start``."""
    words = sent.words
    s = start - 1
    lo = max(0, start - 12)
    while s >= lo and words[s] not in PUNCT_STOP:
        if not MODALITY.first.isdisjoint(sent.forms[s]):
            m = MODALITY.match(words, sent.forms, s)
            # a denial governs a long object ("نفى مصدر ... ما تداولته مواقع عن مقتل 10")
            if m and (start - s <= 7 or m[1] == "denial"):
                return True
        s -= 1
    return False


def scope_of(sent: Sentence, a: int, b: int) -> str:
    """ "cumulative" for a running total over a period ("منذ بداية الحرب"), else "event"."""
    a, b = clause(sent, a, b)
    words = sent.words
    scope_first = SCOPE.first
    for s in range(a, b):
        if not scope_first.isdisjoint(sent.forms[s]) and SCOPE.match(words, sent.forms, s):
            return "cumulative"
        if words[s] == SINCE:
            # "منذ 7 أكتوبر", "منذ 2011": a running total since a date
            nxt = words[s + 1 : s + 3]
            if any(len(w) == 4 and w.isdecimal() for w in nxt[:1]) or any(
                NONCASUALTY.get(f) == "date" for w in nxt for f in word_forms(w)
            ):
                return "cumulative"
    return "event"

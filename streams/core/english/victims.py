"""Who a figure counts: the victim phrase as written and its class.

The phrase is the noun group right after the figure ("Syrian security personnel", "members of
Iran-backed groups", "others"), cut where the verb, the cue or a preposition begins. Its class
comes from the victim lexicon: one class -> that class; soldiers and civilians together ->
"mixed"; people, others, or no noun -> "unknown", which a continuation ("and 13 others were
injured", "more than 20 wounded") replaces with the class of the figure it continues.
"""

from __future__ import annotations

from .figures import Figure
from .lexicon import kinds_of, load_rows, words_of_kind
from .metric import AUX, METRICS, STOP

__all__ = ["victim_span", "victim_class", "CONTINUING"]

VICTIMS: dict[str, str] = {r[0]: r[1] for r in load_rows("victims.tsv")}
_PARTITIVE = words_of_kind(kinds_of("grammar.tsv"), "partitive")
# a phrase made only of these continues the figure before it (class inherited)
CONTINUING = words_of_kind(kinds_of("grammar.tsv"), "continuing")


def victim_span(low: list[str], fig: Figure, starts: frozenset[int]) -> tuple[int, int] | None:
    """Token span ``(a, b)`` of the victim phrase after ``fig``, or None when there is none."""
    n = len(low)
    j = fig.i1
    if j + 1 < n and low[j] == "of" and low[j + 1] in _PARTITIVE:
        return None
    a = j
    while j < n and j - a < 6:
        tok = low[j]
        if tok in ("and", "or") and j + 1 < n and low[j + 1] in VICTIMS and j > a:
            j += 1
            continue
        if j in starts or tok in AUX or tok in STOP or not tok[0].isalnum():
            break
        if tok in METRICS.first and METRICS.match(low, j) is not None:
            break
        j += 1
    while j > a and low[j - 1] in ("of", "the", "a", "an"):
        j -= 1
    return (a, j) if j > a else None


def victim_class(low: list[str], span: tuple[int, int] | None) -> str | None:
    """The class of the victim phrase ``span``; None when it only continues a figure before
    it (no noun, "others", "people"), so the caller inherits that figure's class.
    """
    if span is None:
        return None
    words = low[span[0] : span[1]]
    classes = {VICTIMS[w] for w in words if w in VICTIMS} - {"unknown"}
    if len(classes) > 1:
        return "mixed"
    if classes:
        return classes.pop()
    if CONTINUING.issuperset(words):
        return None
    return "unknown"

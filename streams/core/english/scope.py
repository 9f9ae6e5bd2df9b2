"""Event or cumulative: is a figure one incident's toll or a running total?

Cumulative (never compared with an incident's figure): a period phrase in the sentence ("so far
this year", "in total", "to date"); "since" followed within three words by the start of a war or
a date ("since the war began", "since October 7", "since April 2023", but not "since dawn");
a war noun before the figure with no incident noun between them ("the war has killed more than
20,000", "the conflict ..., killing tens of thousands", but not "in the war, a strike killed 12").
"""

from __future__ import annotations

from .lexicon import PhraseTable, kinds_of, load_rows, words_of_kind

__all__ = ["figure_scope"]

_ROWS = load_rows("scope.tsv")
PHRASES = PhraseTable((r[0], True) for r in _ROWS if r[1] == "phrase")
_KINDS = kinds_of("scope.tsv")
SINCE = words_of_kind(_KINDS, "since")
WAR = words_of_kind(_KINDS, "war")
INCIDENT = words_of_kind(_KINDS, "incident")


def figure_scope(low: list[str], i0: int, i1: int) -> str:
    """"cumulative" or "event" for the figure at tokens ``i0..i1`` of the sentence ``low``.

    A "since" phrase counts before the figure, or after it in the same clause (no comma
    between): "the deadliest since the war began" after a comma is about a comparison."""
    n = len(low)
    for j in range(n):
        tok = low[j]
        if tok in PHRASES.first and PHRASES.match(low, j) is not None:
            return "cumulative"
        if tok == "since" and (j < i0 or "," not in low[i1:j]):
            for w in low[j + 1 : j + 4]:
                if w in SINCE or (w.isdigit() and len(w) == 4):
                    return "cumulative"
    for j in range(i0 - 1, -1, -1):
        tok = low[j]
        if tok in INCIDENT:
            return "event"
        if tok in WAR:
            return "cumulative"
    return "event"

"""Event or cumulative: is a figure one incident's toll or a running total?

Cumulative (never compared with an incident's figure): a period phrase in the sentence ("so far
this year", "in total", "to date"); "since" followed within three words by the start of a war or
a date ("since the war began", "since October 7", "since April 2023", but not "since dawn");
a war noun before the figure with no incident noun between them ("the war has killed more than
20,000", "the conflict ..., killing tens of thousands", but not "in the war, a strike killed 12").
"""

from __future__ import annotations

from .lexicon import PhraseTable, kinds_of, load_rows, words_of_kind

__all__ = ["SentenceScope"]

_ROWS = load_rows("scope.tsv")
PHRASES = PhraseTable((r[0], True) for r in _ROWS if r[1] == "phrase")
_PHRASE_LAST = frozenset(r[0].split()[-1] for r in _ROWS if r[1] == "phrase")
_KINDS = kinds_of("scope.tsv")
SINCE = words_of_kind(_KINDS, "since")
WAR = words_of_kind(_KINDS, "war")
INCIDENT = words_of_kind(_KINDS, "incident")
SUPERLATIVES = words_of_kind(_KINDS, "superlative")
MONTHS = words_of_kind(kinds_of("grammar.tsv"), "month")
WAR_PREPOSITIONS = words_of_kind(_KINDS, "war_preposition")


def _superlative(word: str) -> bool:
    """ "the deadliest ... since 2002", "the worst since the war began": a comparison."""
    return word in SUPERLATIVES or (word.endswith("est") and len(word) > 5)


def _in_phrase(low: list[str], j: int) -> bool:
    """The war noun at ``j`` sits in a prepositional phrase ("violations in the war"), so it
    is not what did the killing.
    """
    return not WAR_PREPOSITIONS.isdisjoint(low[max(0, j - 2) : j])


class SentenceScope:
    """The scope markers of one sentence, read once; :meth:`of` gives a figure's scope."""

    __slots__ = ("_low", "_periods", "_marks")

    def __init__(self, low: list[str]) -> None:
        self._low = low
        # where a period phrase, a "since" phrase or "between <date> and <date>" stands
        self._periods: list[int] = []
        self._marks: list[tuple[int, str]] = []
        if not _PHRASE_LAST.isdisjoint(low):
            self._periods = [
                j
                for j, w in enumerate(low)
                if w in _PHRASE_LAST and PHRASES.match_ending(low, j) is not None
            ]
        if "between" in low:
            self._periods += [
                j
                for j, w in enumerate(low)
                if w == "between" and not MONTHS.isdisjoint(low[j + 1 : j + 4])
            ]
        if "since" in low:
            self._periods += [
                j
                for j, w in enumerate(low)
                if w == "since"
                and any(x in SINCE or (x.isdigit() and len(x) == 4) for x in low[j + 1 : j + 4])
                and not any(_superlative(x) for x in low[max(0, j - 6) : j])
            ]
        if not WAR.isdisjoint(low):
            self._marks = [
                (j, "war" if w in WAR else "incident")
                for j, w in enumerate(low)
                if (w in WAR and not _in_phrase(low, j)) or w in INCIDENT
            ]

    def of(self, i0: int, i1: int) -> str:
        """ "cumulative" or "event" for the figure at tokens ``i0..i1``. A period phrase counts
        before the figure, or after it in the same clause (no comma between): in "13 bodies
        were found, bringing to 290 the number who died so far this year" only 290 is a total,
        and "the deadliest since the war began" after a comma is a comparison.
        """
        for j in self._periods:
            if j < i0 or "," not in self._low[i1:j]:
                return "cumulative"
        kind = "event"
        for j, mark in self._marks:
            if j >= i0:
                break
            kind = "cumulative" if mark == "war" else "event"
        return kind

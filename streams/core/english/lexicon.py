"""The English lexicons in ``streams/core/lexicons/en/``, loaded once at import.

Every file is a TSV with ``#`` comment lines: a lowercase word or space-separated phrase first,
an English note last. Phrases are matched on lowercase tokens (see :mod:`.tokens`), so a lexicon
entry is written the way the tokenizer splits text: ``"per cent"`` is two tokens, ``"passer-by"``
and ``"al-masirah"`` are one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from streams.core.text.lexicon import load_rows as load_lexicon_rows

__all__ = ["load_rows", "PhraseTable", "kinds_of", "words_of_kind"]

V = TypeVar("V")


def load_rows(name: str) -> list[list[str]]:
    """Rows of ``lexicons/en/<name>`` through the one lexicon loader."""
    return load_lexicon_rows(f"en/{name}")


def kinds_of(name: str, kind_col: int = 1) -> dict[str, frozenset[str]]:
    """Word -> the set of kinds it has in ``name`` (a word may be listed once per kind)."""
    out: dict[str, set[str]] = {}
    for row in load_rows(name):
        out.setdefault(row[0], set()).add(row[kind_col])
    return {w: frozenset(k) for w, k in out.items()}


def words_of_kind(table: dict[str, frozenset[str]], kind: str) -> frozenset[str]:
    """The entries of a :func:`kinds_of` table that have ``kind``."""
    return frozenset(w for w, kinds in table.items() if kind in kinds)


# the entries sharing an end word, longest first: the match when the longest is one word
# (most lookups: found without a loop), and every entry as (length, words, value)
_Entries = tuple["tuple[int, V] | None", "list[tuple[int, list[str], V]]"]


def _entries(items: list[tuple[list[str], V]]) -> _Entries[V]:
    """The lookup of one word's entries (sorted longest first, stably as listed)."""
    items.sort(key=lambda item: -len(item[0]))
    single = (1, items[0][1]) if len(items[0][0]) == 1 else None
    return single, [(len(key), key, value) for key, value in items]


class PhraseTable(Generic[V]):
    """Phrases (tuples of lowercase tokens) with a value each; longest match first.

    ``match(low, i)`` finds the longest phrase starting at token ``i``; ``match_ending(low, j)``
    the longest one ending at token ``j`` (used for hedges read leftwards from a figure).
    Tens of lookups an English sentence: a word whose longest phrase is itself is answered by
    one dict lookup, and longer phrases are compared as list slices (no tuple built).
    """

    __slots__ = ("_by_first", "_by_last", "first")

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        by_first: dict[str, list[tuple[list[str], V]]] = {}
        by_last: dict[str, list[tuple[list[str], V]]] = {}
        for phrase, value in entries:
            key = phrase.split()
            by_first.setdefault(key[0], []).append((key, value))
            by_last.setdefault(key[-1], []).append((key, value))
        self._by_first = {w: _entries(items) for w, items in by_first.items()}
        self._by_last = {w: _entries(items) for w, items in by_last.items()}
        self.first = frozenset(by_first)

    def match(self, low: list[str], i: int) -> tuple[int, V] | None:
        """(number of tokens, value) of the longest phrase starting at ``i``, or None."""
        got = self._by_first.get(low[i])
        if got is None:
            return None
        if got[0] is not None:
            return got[0]
        for n, key, value in got[1]:
            if n == 1 or low[i : i + n] == key:
                return n, value
        return None

    def match_ending(self, low: list[str], j: int) -> tuple[int, V] | None:
        """(number of tokens, value) of the longest phrase ending at ``j``, or None."""
        if j < 0:
            return None
        got = self._by_last.get(low[j])
        if got is None:
            return None
        if got[0] is not None:
            return got[0]
        for n, key, value in got[1]:
            if n == 1 or (j - n + 1 >= 0 and low[j - n + 1 : j + 1] == key):
                return n, value
        return None

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


class PhraseTable(Generic[V]):
    """Phrases (tuples of lowercase tokens) with a value each; longest match first.

    ``match(low, i)`` finds the longest phrase starting at token ``i``; ``match_ending(low, j)``
    the longest one ending at token ``j`` (used for hedges read leftwards from a figure).
    """

    __slots__ = ("_by_first", "_by_last", "first")

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        by_first: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        by_last: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for phrase, value in entries:
            key = tuple(phrase.split())
            by_first.setdefault(key[0], []).append((key, value))
            by_last.setdefault(key[-1], []).append((key, value))
        for table in (by_first, by_last):
            for items in table.values():
                items.sort(key=lambda item: -len(item[0]))
        self._by_first = by_first
        self._by_last = by_last
        self.first = frozenset(by_first)

    def match(self, low: list[str], i: int) -> tuple[int, V] | None:
        """(number of tokens, value) of the longest phrase starting at ``i``, or None."""
        items = self._by_first.get(low[i])
        if items is None:
            return None
        for key, value in items:
            n = len(key)
            if n == 1 or tuple(low[i : i + n]) == key:
                return n, value
        return None

    def match_ending(self, low: list[str], j: int) -> tuple[int, V] | None:
        """(number of tokens, value) of the longest phrase ending at ``j``, or None."""
        if j < 0:
            return None
        items = self._by_last.get(low[j])
        if items is None:
            return None
        for key, value in items:
            n = len(key)
            if n == 1 or (j - n + 1 >= 0 and tuple(low[j - n + 1 : j + 1]) == key):
                return n, value
        return None

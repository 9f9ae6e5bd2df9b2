"""THE lexicon loader and THE phrase matcher, for every word list in ``lexicons/``.

Every lexicon is a TSV file with ``#`` comment lines (the header says what each column
holds); the first column is Arabic, the last an English gloss, so an Arabic reader can
review each entry. :func:`load_rows` reads one; :class:`PhraseTable` matches its phrases
(one or more words, normalized like article text) over a tokenized text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from streams.core.exceptions import LexiconError

from .normalize import normalize_word

__all__ = ["Match", "PhraseTable", "lexicon_words", "literal_regex", "load_rows", "numbered_rows"]


@cache
def numbered_rows(name: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Rows of ``lexicons/<name>`` with their line numbers (for loaders that check columns).

    ``name`` may name a subdirectory (``"registry/sources_outlets.tsv"``).
    """
    text = (files("streams.core") / "lexicons" / name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((number, tuple(field.strip() for field in line.split("\t"))))
    return tuple(rows)


def _read(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(fields for _, fields in numbered_rows(name))


def load_rows(name: str) -> list[list[str]]:
    """Rows of ``lexicons/<name>`` (comments and blank lines skipped), fields stripped."""
    return [list(row) for row in _read(name)]


def lexicon_words(name: str, column: int = 0, **where: str) -> frozenset[str]:
    """The normalized words in ``column`` of the rows whose named columns have the given
    values (``where`` maps a header name to a value: ``lexicon_words("x.tsv", role="end")``).

    Column names are the first words of the file's ``Columns:`` header line.
    """
    names = _columns(name)
    unknown = [col for col in where if col not in names]
    if unknown:
        raise LexiconError(f"lexicons/{name} has no column {unknown[0]!r} (it has {names})")
    keep = {names.index(col): value for col, value in where.items()}
    return frozenset(
        normalize_word(row[column])
        for row in _read(name)
        if all(len(row) > i and row[i] == value for i, value in keep.items())
    )


@cache
def _columns(name: str) -> tuple[str, ...]:
    text = (files("streams.core") / "lexicons" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") and "Columns:" in line:
            header = line.split("Columns:", 1)[1]
            return tuple(part.strip().split(" ")[0] for part in header.split("<TAB>"))
    raise LexiconError(f"lexicons/{name} has no 'Columns:' header line")


@dataclass(frozen=True)
class Match:
    """A phrase found in a token list: its value and token span ``[start, end)``."""

    key: str
    start: int
    end: int


Entry = tuple[tuple[str, ...], str]


class PhraseTable:
    """Phrases (tuples of normalized words) → values, indexed by their first word.

    The first word of a phrase may be read in the text through any of its readings (a
    proclitic stripped: see :mod:`.affixes`); the other words must match as written. Two
    ways to read a text:

    * :meth:`match` at one token, with the readings the caller computed (the claim
      extractor: its readings, most literal first; for each reading the longest phrase);
    * :meth:`find` over a whole token list, left to right (places, incident kinds): at
      each position the longest phrase over every reading wins, with every value a phrase
      of that length maps to, and the scan resumes after it.
    """

    def __init__(self, entries: Iterable[Entry], readings: Any = None) -> None:
        self.by_first: dict[str, list[Entry]] = {}
        for key, value in entries:
            if key:
                self.by_first.setdefault(key[0], []).append((key, value))
        for items in self.by_first.values():
            items.sort(key=lambda item: -len(item[0]))
        # (length, the words after the first as a list, value): a slice compare
        self._tails: dict[str, list[tuple[int, list[str], str]]] = {
            first: [(len(key), list(key[1:]), value) for key, value in items]
            for first, items in self.by_first.items()
        }
        self.words = frozenset(
            tok for items in self.by_first.values() for k, _ in items for tok in k
        )
        self.first = frozenset(self.by_first)
        self._readings = readings
        self._candidates: dict[str, tuple[Entry, ...]] = {}

    def match(
        self, words: list[str], forms: list[tuple[str, ...]], i: int
    ) -> tuple[int, str] | None:
        """Match at token ``i``, its first word read as any of ``forms[i]`` in order.

        Returns (number of tokens, value) or None.
        """
        if self.first.isdisjoint(forms[i]):
            return None
        tails = self._tails
        for form in forms[i]:
            for n, tail, value in tails.get(form, ()):
                if n == 1 or words[i + 1 : i + n] == tail:
                    return n, value
        return None

    def candidates(self, token: str) -> tuple[Entry, ...]:
        """Phrases that may start at ``token`` (in any of its readings)."""
        found = self._candidates.get(token)
        if found is None:
            heads = self._readings(token) if self._readings else (token,)
            found = tuple(entry for head in heads for entry in self.by_first.get(head, ()))
            if len(self._candidates) < 200_000:  # a cache bounded by the language's words
                self._candidates[token] = found
        return found

    def find(self, toks: list[str]) -> Iterator[Match]:
        """Matches left to right; the longest phrase wins at a position and is skipped over.

        Most tokens start no phrase: they are filtered out in one pass over the cache
        before the matching loop, which only visits the few that may start one.
        """
        cached = self._candidates.get
        # (position, phrases starting there), None where the token is not cached yet
        heads = [(i, found) for i, tok in enumerate(toks) if (found := cached(tok)) != ()]
        free = 0  # the first position not inside an earlier match
        for i, found in heads:
            if found is None:
                found = self.candidates(toks[i])
            if not found or i < free:
                continue
            best = 0
            keys: list[str] = []
            for phrase, key in found:
                n = len(phrase)
                if n < best or (n > 1 and tuple(toks[i + 1 : i + n]) != phrase[1:]):
                    continue
                if n > best:
                    best, keys = n, [key]
                elif key not in keys:
                    keys.append(key)
            if best:
                for key in keys:
                    yield Match(key, i, i + best)
                free = i + best


def literal_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, factored as a trie (fast with Python's re)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)

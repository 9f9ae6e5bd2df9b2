"""The lexicons in ``streams/core/lexicons/``, loaded once at import.

Every file is a TSV with ``#`` comment lines; the first column is an Arabic word or phrase,
the last an English gloss. Entries are normalized like article text (see :mod:`.normalize`).
"""

from __future__ import annotations

import re
from importlib.resources import files

from camel_tools.tokenizers.word import simple_word_tokenize

from .normalize import normalize_word

__all__ = ["load_rows", "phrase_key", "PhraseTable", "literal_regex"]


def load_rows(name: str) -> list[list[str]]:
    """Rows of a lexicon file (comments and blank lines skipped), fields stripped."""
    text = (files("streams.core") / "lexicons" / name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([field.strip() for field in line.split("\t")])
    return rows


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as a tuple of normalized tokens."""
    return tuple(normalize_word(tok) for tok in simple_word_tokenize(phrase))


class PhraseTable:
    """Multi-word lookup: phrases indexed by their first token, longest match first."""

    def __init__(self, entries: dict[tuple[str, ...], str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, value in entries.items():
            self.by_first.setdefault(key[0], []).append((key, value))
        for items in self.by_first.values():
            items.sort(key=lambda item: -len(item[0]))
        # the same, as (length, the tokens after the first as a list, value): a slice compare
        self._tails: dict[str, list[tuple[int, list[str], str]]] = {
            first: [(len(key), list(key[1:]), value) for key, value in items]
            for first, items in self.by_first.items()
        }
        self.words = frozenset(tok for key in entries for tok in key)
        self.first = frozenset(self.by_first)

    def match(
        self, words: list[str], forms: list[tuple[str, ...]], i: int
    ) -> tuple[int, str] | None:
        """Match at token ``i``; the first token may be any of its clitic-stripped ``forms``,
        the rest must match as written. Returns (number of tokens, value)."""
        if self.first.isdisjoint(forms[i]):
            return None
        tails = self._tails
        for form in forms[i]:
            for n, tail, value in tails.get(form, ()):
                if n == 1 or words[i + 1 : i + n] == tail:
                    return n, value
        return None


def literal_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, factored as a trie (fast with Python's re)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)

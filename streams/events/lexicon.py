"""Loading and matching the data files in ``streams/core/lexicons`` (places, incident kinds).

Matching works on normalized tokens (see :mod:`streams.events.text`): a phrase of
one to five words matches when the text has the same words, the first one possibly
carrying a proclitic (و، ف، ب، ل، ك، ال). Longest match wins at each position.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import normalize, strip_proclitic, tokens

LEXICON_DIR = Path(__file__).resolve().parent.parent / "core" / "lexicons"
LEVELS = {"country": 0, "demonym": 0, "governorate": 1, "city": 2, "town": 3, "landmark": 4}


@dataclass(frozen=True)
class Place:
    id: str
    parent: str | None
    level: str
    name_en: str

    @property
    def rank(self) -> int:
        return LEVELS[self.level]


@dataclass(frozen=True)
class Match:
    key: str
    start: int
    end: int


class PhraseIndex:
    """Phrase -> keys, matched over token lists. A phrase may map to several keys."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, key in phrases:
            toks = tuple(tokens(phrase))
            if toks:
                self._index.setdefault(toks[0], []).append((toks, key))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._candidates: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}

    def candidates(self, token: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Phrases that may start at ``token`` (read with or without a proclitic)."""
        found = self._candidates.get(token)
        if found is None:
            found = tuple(
                entry for head in strip_proclitic(token) for entry in self._index.get(head, ())
            )
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


def _rows(name: str) -> Iterator[list[str]]:
    with open(LEXICON_DIR / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


class Gazetteer:
    """Places with their parents; ``ancestors`` walks city -> governorate -> country."""

    def __init__(self, rows: Iterable[list[str]]) -> None:
        self.places: dict[str, Place] = {}
        phrases: list[tuple[str, str]] = []
        for pid, parent, level, name_en, variants in rows:
            self.places[pid] = Place(pid, None if parent == "-" else parent, level, name_en)
            phrases.extend((v, pid) for v in variants.split("|") if v.strip())
        self.index = PhraseIndex(phrases)

    def find(self, toks: list[str]) -> Iterator[Match]:
        return self.index.find(toks)

    def country(self, pid: str) -> str:
        return pid.split(".", 1)[0].split("~", 1)[0]

    @lru_cache(maxsize=8192)  # noqa: B019 - one instance per process
    def ancestors(self, pid: str) -> tuple[str, ...]:
        """``pid`` and its ancestors, most specific first."""
        out: list[str] = []
        cur: str | None = pid
        while cur and cur in self.places and cur not in out:
            out.append(cur)
            cur = self.places[cur].parent
        return tuple(out)

    def name_en(self, pid: str) -> str:
        place = self.places.get(pid)
        return place.name_en if place else pid


@dataclass(frozen=True)
class Kind:
    kind: str
    family: str
    name_en: str


class KindLexicon:
    def __init__(self, rows: Iterable[list[str]]) -> None:
        self.kinds: dict[str, Kind] = {}
        phrases: list[tuple[str, str]] = []
        for kind, family, name_en, cues in rows:
            self.kinds[kind] = Kind(kind, family, name_en)
            phrases.extend((c, kind) for c in cues.split("|") if c.strip())
        self.index = PhraseIndex(phrases)

    def family(self, kind: str | None) -> str | None:
        return self.kinds[kind].family if kind in self.kinds else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(_rows("places.tsv"))


@lru_cache(maxsize=1)
def kind_lexicon() -> KindLexicon:
    return KindLexicon(_rows("incident_kinds.tsv"))


__all__ = ["Gazetteer", "KindLexicon", "Place", "gazetteer", "kind_lexicon", "normalize"]

"""The gazetteer (``lexicons/places.tsv``) and the incident kinds (``incident_kinds.tsv``).

Both match phrases of one to five words over normalized tokens (:func:`.tokens.tokens`),
the first word possibly carrying a proclitic (و، ف، ب، ل، ك، ال); the longest match wins
at each position (:meth:`.lexicon.PhraseTable.find`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .affixes import strip_proclitic
from .lexicon import Match, PhraseTable, load_rows
from .tokens import phrase_tokens

__all__ = ["Gazetteer", "Kind", "KindLexicon", "Place", "gazetteer", "kind_lexicon"]

LEVELS = {"country": 0, "demonym": 0, "governorate": 1, "city": 2, "town": 3, "landmark": 4}


@dataclass(frozen=True)
class Place:
    """A gazetteer entry. ``rank``: how specific (country 0 ... landmark 4)."""

    id: str
    parent: str | None
    level: str
    name_en: str

    @property
    def rank(self) -> int:
        """How specific the place is: country 0 ... landmark 4."""
        return LEVELS[self.level]


def _phrase_table(phrases: Iterable[tuple[str, str]]) -> PhraseTable:
    entries = ((phrase_tokens(phrase), key) for phrase, key in phrases)
    return PhraseTable(entries, readings=strip_proclitic)


class Gazetteer:
    """Places with their parents; ``ancestors`` walks city -> governorate -> country."""

    def __init__(self, rows: Iterable[list[str]]) -> None:
        self.places: dict[str, Place] = {}
        phrases: list[tuple[str, str]] = []
        for pid, parent, level, name_en, variants in rows:
            self.places[pid] = Place(pid, None if parent == "-" else parent, level, name_en)
            phrases.extend((v, pid) for v in variants.split("|") if v.strip())
        self.index = _phrase_table(phrases)

    def find(self, toks: list[str]) -> Iterator[Match]:
        """The places named in ``toks``, left to right (:meth:`PhraseTable.find`)."""
        return self.index.find(toks)

    def country(self, pid: str) -> str:
        """The country code a place id starts with."""
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
        """The place's English name (its id when unknown)."""
        place = self.places.get(pid)
        return place.name_en if place else pid


@dataclass(frozen=True)
class Kind:
    """An incident kind; kinds of one ``family`` may describe one incident."""

    kind: str
    family: str
    name_en: str


class KindLexicon:
    """Incident kinds and the cue phrases that name them."""

    def __init__(self, rows: Iterable[list[str]]) -> None:
        self.kinds: dict[str, Kind] = {}
        phrases: list[tuple[str, str]] = []
        for kind, family, name_en, cues in rows:
            self.kinds[kind] = Kind(kind, family, name_en)
            phrases.extend((c, kind) for c in cues.split("|") if c.strip())
        self.index = _phrase_table(phrases)

    def family(self, kind: str | None) -> str | None:
        """The family of a kind (None for an unknown kind)."""
        return self.kinds[kind].family if kind in self.kinds else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of ``lexicons/places.tsv``, loaded once."""
    return Gazetteer(load_rows("places.tsv"))


@lru_cache(maxsize=1)
def kind_lexicon() -> KindLexicon:
    """The incident kinds of ``lexicons/incident_kinds.tsv``, loaded once."""
    return KindLexicon(load_rows("incident_kinds.tsv"))

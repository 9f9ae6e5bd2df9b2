"""The incident kinds (``lexicons/incident_kinds.tsv``): what kind of incident a text reports.

Cue phrases of one to five words match over normalized tokens (:func:`.tokens.tokens`), the
first word possibly carrying a proclitic (و، ف، ب، ل، ك، ال); the longest match wins at each
position (:meth:`.lexicon.PhraseTable.find`). Places are found by the one gazetteer,
:mod:`streams.core.text.geo`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .affixes import strip_proclitic
from .lexicon import PhraseTable, load_rows
from .tokens import phrase_tokens

__all__ = ["Kind", "KindLexicon", "kind_lexicon"]


def _phrase_table(phrases: Iterable[tuple[str, str]]) -> PhraseTable:
    entries = ((phrase_tokens(phrase), key) for phrase, key in phrases)
    return PhraseTable(entries, readings=strip_proclitic)


@dataclass(frozen=True)
class Kind:
    """An incident kind; kinds of one ``family`` may describe one incident. ``recurs``:
    incidents of this kind come back to one place within days or weeks.
    """

    kind: str
    family: str
    name_en: str
    recurs: bool = True


class KindLexicon:
    """Incident kinds and the cue phrases that name them."""

    def __init__(self, rows: Iterable[list[str]]) -> None:
        self.kinds: dict[str, Kind] = {}
        phrases: list[tuple[str, str]] = []
        for kind, family, recurs, name_en, cues in rows:
            self.kinds[kind] = Kind(kind, family, name_en, recurs == "yes")
            phrases.extend((c, kind) for c in cues.split("|") if c.strip())
        self.index = _phrase_table(phrases)

    def family(self, kind: str | None) -> str | None:
        """The family of a kind (None for an unknown kind)."""
        return self.kinds[kind].family if kind in self.kinds else None

    def recurs(self, kind: str | None) -> bool:
        """Whether incidents of ``kind`` recur in one place (True for an unknown kind)."""
        return self.kinds[kind].recurs if kind in self.kinds else True


@lru_cache(maxsize=1)
def kind_lexicon() -> KindLexicon:
    """The incident kinds of ``lexicons/incident_kinds.tsv``, loaded once."""
    return KindLexicon(load_rows("incident_kinds.tsv"))

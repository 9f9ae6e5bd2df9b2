"""The scorer's aliases of source names (``source_aliases.tsv``): "المرصد" and "SOHR" score
as "المرصد السوري لحقوق الإنسان".

The extractor no longer canonicalizes names (it gives each claim a registry id, issue 17); the
scorer keeps the aliasing its attribution figures were measured with, so figures before and
after stay comparable.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from streams.core.text import TOKEN_RE, normalize_word, phrase_tokens

__all__ = ["canonical_source"]

ALIASES = Path(__file__).with_name("source_aliases.tsv")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], tuple[str, ...]]:
    aliases: dict[str, str] = {}
    clitics: list[str] = []
    for line in ALIASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        role, canonical, alias, _gloss = (f.strip() for f in line.split("\t"))
        if role == "clitic":
            clitics.append(normalize_word(alias))
        else:
            aliases[" ".join(phrase_tokens(alias))] = canonical
    return aliases, tuple(clitics)


@lru_cache(maxsize=4096)
def canonical_source(name: str) -> str:
    """The canonical name of a source alias, else the name trimmed."""
    aliases, clitics = _table()
    norm = normalize_word(name)
    for cand in (norm, *(norm[len(c) :] for c in clitics if norm.startswith(c))):
        key = " ".join(TOKEN_RE.findall(cand))
        if key in aliases:
            return aliases[key]
    return name.strip(' ،,:"«»“”')

"""Where did it happen? The incident's country and places, from the one gazetteer.

An article names many places: where the incident happened, where the wounded were taken,
where a minister spoke, the seat of the monitor it quotes, the channel it cites. Only the
first makes the incident. Each place the gazetteer (:mod:`streams.core.text.geo`) finds is
weighed by where and how the text names it:

* in the title or lead it counts three times, in the body once;
* after a locative or a word for a kind of place ("في", "قرب", "بلدة X", "بحلب") half as much
  again, and beside a word for the incident (a kind cue: "قصف", "انفجار") once more;
* a place inside a name or a statement's setting counts nothing: an outlet ("قناة القاهرة
  الإخبارية"), a seat ("ومقره لندن"), a diplomat ("سفير مصر") — ``place_framing.tsv``;
* a demonym ("الإسرائيلي", "الفرنسية" of a news agency) counts a quarter, a country name less
  than its towns: the country of the incident is the one its specific places agree on.

The country with most weight is the incident's (the resolve stage's block); places of other
countries are dropped. Deterministic: ties go to the smaller id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from streams.core.text import load_rows, normalize_word
from streams.core.text.affixes import strip_proclitic
from streams.core.text.geo import Gazetteer, gazetteer
from streams.core.text.geo.overlay import cues as place_cues

__all__ = ["MAX_PLACES", "Where", "incident_places"]

MAX_PLACES = 8
LEAD_WEIGHT = 3.0
CUED = 1.5  # a locative or a word for a kind of place before the name
NEAR_INCIDENT = 1.0
INCIDENT_REACH = 8  # words between a place and a word for the incident
# how much a name of each rank says about the incident's country
RANK_VOTE = {4: 2.0, 3: 2.0, 2: 1.5, 1: 1.2, 0: 0.8}
DEMONYM_VOTE = 0.25


@dataclass(frozen=True)
class Where:
    """The incident's country and places.

    ``places``: the places of that country the text names (rank >= 1: areas, cities, towns,
    landmarks), most specific first; ``main``: those the incident is said to be at (title or
    lead, a locative, beside a word for the incident), a subset of ``places``.
    """

    country: str | None
    places: tuple[str, ...] = ()
    main: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _framing() -> tuple[frozenset[str], frozenset[str]]:
    before: set[str] = set()
    after: set[str] = set()
    for word, side, *_gloss in load_rows("place_framing.tsv"):
        (before if side == "before" else after).add(normalize_word(word))
    return frozenset(before), frozenset(after)


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    c = place_cues()
    return frozenset(c.type | c.locative)


def _reads_as(tok: str, words: frozenset[str]) -> bool:
    return any(r in words for r in strip_proclitic(tok))


def _framed(toks: Sequence[str], start: int, end: int) -> bool:
    before, after = _framing()
    if any(_reads_as(t, before) for t in toks[max(0, start - 2) : start]):
        return True
    return end < len(toks) and _reads_as(toks[end], after)


def _cued(toks: Sequence[str], start: int) -> bool:
    return start > 0 and _reads_as(toks[start - 1], _cue_words())


def incident_places(
    toks: Sequence[str], lead_end: int, cues: Sequence[int] = (), gaz: Gazetteer | None = None
) -> Where:
    """The incident's country and places in ``toks`` (title and lead first, ``lead_end``
    tokens long); ``cues``: positions of words naming the incident (see the module docstring).
    """
    gaz = gaz or gazetteer()
    toks = list(toks)
    lead_countries = {
        gaz.country(m.key) for m in gaz.find(toks[:lead_end]) if gaz.rank(m.key) >= 1
    }
    score: defaultdict[str, float] = defaultdict(float)
    main: set[str] = set()
    votes: defaultdict[str, float] = defaultdict(float)
    for m in gaz.find(toks, prefer=sorted(lead_countries)):
        if _framed(toks, m.start, m.end):
            continue
        pid = gaz.resolve(m.key)
        country = gaz.country(pid)
        if not country:
            continue
        weight = LEAD_WEIGHT if m.start < lead_end else 1.0
        cued = _cued(toks, m.start)
        near = any(-INCIDENT_REACH <= m.start - c <= INCIDENT_REACH for c in cues)
        if cued:
            weight *= CUED
        if near:
            weight += NEAR_INCIDENT
        rank = gaz.rank(pid)
        level = gaz.level(pid)
        votes[country] += weight * (DEMONYM_VOTE if level == "demonym" else RANK_VOTE[rank])
        if rank >= 1:
            score[pid] += weight
            if m.start < lead_end or cued or near:
                main.add(pid)
    if not votes:
        return Where(None)
    country = min(votes, key=lambda c: (-votes[c], c))
    mine = [p for p in score if gaz.country(p) == country]
    mine.sort(key=lambda p: (-gaz.rank(p), -score[p], p))
    chosen = [p for p in mine if p in main] or mine[:1]
    return Where(country, tuple(mine[:MAX_PLACES]), tuple(chosen[:MAX_PLACES]))

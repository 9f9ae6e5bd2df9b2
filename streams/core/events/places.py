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
from streams.core.text.geo import Gazetteer, Match, gazetteer
from streams.core.text.geo.overlay import cues as place_cues

from .dates import within

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
    lead, a locative, beside a word for the incident), a subset of ``places``; ``near``:
    those of ``main`` only ever named as near the incident ("غرب طرابلس", "قبالة سواحل
    زوارة"); ``spans``: token spans of every place name read (framed ones included).
    """

    country: str | None
    places: tuple[str, ...] = ()
    main: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()


@lru_cache(maxsize=1)
def _framing() -> dict[str, frozenset[str]]:
    sides: dict[str, set[str]] = {
        "before": set(),
        "after": set(),
        "near": set(),
        "near_city": set(),
        "quarter": set(),
    }
    for word, side, *_gloss in load_rows("place_framing.tsv"):
        sides[side].add(normalize_word(word))
    return {side: frozenset(words) for side, words in sides.items()}


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    c = place_cues()
    return frozenset(c.type | c.locative)


def _reads_as(tok: str, words: frozenset[str]) -> bool:
    return any(r in words for r in strip_proclitic(tok))


def _framed(toks: Sequence[str], start: int, end: int) -> bool:
    framing = _framing()
    if any(
        _reads_as(t, framing["before"]) for t in toks[max(0, start - 2) : end - (end > start + 1)]
    ):
        return True  # a word of a name before it, or opening it ("مستشفى الثورة")
    return end < len(toks) and _reads_as(toks[end], framing["after"])


def _quarter_namesakes(gaz: Gazetteer, toks: list[str], found: list[Match]) -> set[int]:
    """Positions of names right after a word for a quarter ("حي") that resolve to a town or
    city rather than a place inside one: namesakes, read again as unknown words.
    """
    out: set[int] = set()
    for m in found:
        if m.start == 0 or not _reads_as(toks[m.start - 1], _framing()["quarter"]):
            continue
        parent = gaz.ancestors(gaz.resolve(m.key))[1:2]
        if not parent or gaz.rank(parent[0]) < 2:
            out.add(m.start)
    return out


def _near(toks: Sequence[str], start: int, rank: int) -> bool:
    before = toks[max(0, start - 2) : start]
    words = _framing()["near"] | (_framing()["near_city"] if rank >= 2 else frozenset())
    return any(_reads_as(t, words) for t in before)


def _cued(toks: Sequence[str], start: int) -> bool:
    return start > 0 and _reads_as(toks[start - 1], _cue_words())


def _misread(gaz: Gazetteer, m: Match, following: list[Match]) -> bool:
    """A place named right before a wider place of another country ("حي القبة في مدينة
    الأبيض": a quarter of El Obeid, not the Libyan town of that name) is a namesake misread.
    """
    if not following or following[0].start - m.end > 2:
        return False
    here, there = gaz.resolve(m.key), gaz.resolve(following[0].key)
    return (
        gaz.country(here) != gaz.country(there)
        and gaz.rank(there) >= 1
        and gaz.rank(here) >= gaz.rank(there)
    )


def incident_places(
    toks: Sequence[str], lead_end: int, cues: Sequence[int] = (), gaz: Gazetteer | None = None
) -> Where:
    """The incident's country and places in ``toks`` (title and lead first, ``lead_end``
    tokens long); ``cues``: positions of words naming the incident (see the module docstring).
    """
    gaz = gaz or gazetteer()
    toks = list(toks)
    cues = sorted(cues)
    lead_countries = {gaz.country(m.key) for m in gaz.find(toks[:lead_end]) if gaz.rank(m.key) >= 1}
    score: defaultdict[str, float] = defaultdict(float)
    main: set[str] = set()
    inside: set[str] = set()  # named at least once as the place itself, not only as near it
    votes: defaultdict[str, float] = defaultdict(float)
    spans: list[tuple[int, int]] = []
    found = list(gaz.find(toks, prefer=sorted(lead_countries)))
    masked = _quarter_namesakes(gaz, toks, found)
    if masked:
        toks = ["_" if i in masked else t for i, t in enumerate(toks)]
        found = list(gaz.find(toks, prefer=sorted(lead_countries)))
    for n, m in enumerate(found):
        spans.append((m.start, m.end))
        if _framed(toks, m.start, m.end) or _misread(gaz, m, found[n + 1 : n + 2]):
            continue
        pid = gaz.resolve(m.key)
        country = gaz.country(pid)
        if not country:
            continue
        weight = LEAD_WEIGHT if m.start < lead_end else 1.0
        cued = _cued(toks, m.start)
        near = within(cues, m.start, INCIDENT_REACH)
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
            if not _near(toks, m.start, rank):
                inside.add(pid)
    if not votes:
        return Where(None, spans=tuple(spans))
    country = min(votes, key=lambda c: (-votes[c], c))
    mine = [p for p in score if gaz.country(p) == country]
    mine.sort(key=lambda p: (-gaz.rank(p), -score[p], p))
    chosen = ([p for p in mine if p in main] or mine[:1])[:MAX_PLACES]
    near_only = tuple(p for p in chosen if p not in inside)
    return Where(country, tuple(mine[:MAX_PLACES]), tuple(chosen), near_only, tuple(spans))

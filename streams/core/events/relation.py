"""Are two reports about the same incident? A symmetric relation over two signatures.

:func:`same_incident` looks at the two signatures only: never at an event's aggregate, never
at which arrived first. So the events built from it (connected components, see
:mod:`.tracker`) do not depend on arrival order.

Two reports are one incident when nothing rules it out and enough points to it.

**Vetoes** (any one keeps them apart):

* incident kinds of different families (an air strike is not a flood);
* places that cannot be one: both name the incident at city level or below, and no place of
  one lies in, contains or shares a city with a place of the other (disasters, which cover a
  region, compare at governorate level);
* time: both pin the incident's day and the days lie further apart than the incident can span
  (:data:`SPAN_DAYS`: two days for attacks and accidents, three weeks for disasters), unless
  either report also names the other's day; windows that cannot overlap (the days before
  publication, a month); stretches of the year that cannot overlap, read without a year
  ("السابع عشر من نيسان" against "أواخر تشرين الثاني": a day or a month, whole or in part,
  :mod:`.times`); named weekdays two or more days apart, unless either names the
  other's weekday too;
* clashes between other sides;

Contradicting figures are never a veto: they are what raqib alerts on.

**Evidence** (:func:`evidence`, summed, at least :data:`THRESHOLD`): the most specific shared
place (a landmark or town more than a city, a city more than a governorate), the same kind,
the same day, the same named target (and a different target of the same type against), shared
content words, shared figures, shared parties. A city and a kind alone are not enough:
shootings, accidents and strikes recur in one city.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from streams.core.text import kind_lexicon
from streams.core.text.geo import gazetteer

from .signature import Signature
from .times import parse_day, time_veto

__all__ = ["SPAN_DAYS", "THRESHOLD", "Verdict", "evidence", "explain", "same_incident", "veto"]

#: How many days apart two reports of one incident may pin its day, by kind family.
SPAN_DAYS = {"attack": 2, "accident": 2, "disaster": 21}
DEFAULT_SPAN = 2
THRESHOLD = 4.0
#: Two places within this distance may be one incident's place (a village beside a town
#: in the next district); within NEAR_KM when a report only says "near X" or "off X".
SAME_KM, NEAR_KM, EARTH_KM = 25.0, 150.0, 6371.0
#: Without time to check (a report that names no day, weekday or window), place and kind
#: could be any of the incidents that recur there: the reports must also share what is
#: particular to one incident (words, figures, the sides of clashes), at least this much.
UNTIMED_CONFIRMATION = 1.5
CONFIRMING = frozenset({"words", "figures", "parties"})
PLACE_POINTS = {4: 2.5, 3: 2.5, 2: 1.5, 1: 0.75, 0: 0.0}
KIND_POINTS, FAMILY_POINTS = 1.0, 0.5
#: A kind that does not recur in one place (a flood, a stampede): place and kind make it.
RARE_POINTS = 1.5
SAME_DAY, NEXT_DAY, SAME_WEEKDAY, SHARED_DAY = 2.0, 1.0, 0.5, 0.5
TARGET_POINTS, OTHER_TARGET, PLACE_AND_TARGET = 2.5, -1.5, 0.5
WORD_POINTS, WORD_CAP = 0.25, 3.0
FIGURE_POINTS, FIGURE_CAP, FIGURE_MIN = 0.75, 1.5, 10
UNTIMED_FIGURE_POINTS, UNTIMED_FIGURE_CAP = 1.5, 3.0
PARTY_POINTS = 1.0


@dataclass(frozen=True)
class Verdict:
    """Why two reports are or are not one incident (for logs and tests)."""

    same: bool
    veto: str | None
    score: float
    parts: tuple[tuple[str, float], ...]


def _families(sig: Signature) -> frozenset[str]:
    return _families_of(sig.kind, sig.kinds)


@lru_cache(maxsize=4096)
def _families_of(kind: str | None, kinds: tuple[str, ...]) -> frozenset[str]:
    lex = kind_lexicon()
    return frozenset(f for f in (lex.family(k) for k in (kind, *kinds) if k) if f)


def _family(a: Signature, b: Signature) -> str | None:
    fams = _families(a) | _families(b)
    if "disaster" in fams:
        return "disaster"
    return min(fams, default=None)


def _span(family: str | None) -> int:
    return SPAN_DAYS.get(family or "", DEFAULT_SPAN)


@lru_cache(maxsize=65536)
def _scope(pid: str, level: int) -> tuple[frozenset[str], frozenset[str]]:
    """(what ``pid`` is compared by at ``level``, the areas it may stand for).

    At city level (2) a place is compared by its city when it lies in one, else by itself (a
    town or village of a governorate); at governorate level (1, disasters) by its
    governorate. A city that shares its name with its governorate ("مأرب", "إدلب": outlets
    write the one for the other) may stand for the governorate.
    """
    gaz = gazetteer()
    chain = gaz.ancestors(pid)
    at = [p for p in chain if gaz.rank(p) == level]
    anchor = frozenset(at[:1]) if at else frozenset(chain[:1])
    areas = frozenset(
        a
        for city in (p for p in chain if gaz.rank(p) == 2)
        for a in chain
        if gaz.rank(a) == 1 and _same_name(city, a)
    )
    return anchor, areas


def _same_name(city: str, area: str) -> bool:
    gaz = gazetteer()
    a, b = gaz.name_ar(city), gaz.name_ar(area)
    if a and b and (a in b or b in a):
        return True
    first = gaz.name_en(city).split(" (")[0]
    return bool(first) and gaz.name_en(area).startswith(first)


@lru_cache(maxsize=65536)
def _expand(places: tuple[str, ...]) -> dict[str, int]:
    gaz = gazetteer()
    out: dict[str, int] = {}
    for pid in places:
        for anc in gaz.ancestors(pid):
            out[anc] = gaz.rank(anc)
    return out


@lru_cache(maxsize=65536)
def _where(pid: str) -> tuple[float, float] | None:
    """Coordinates of ``pid``, or of its nearest ancestor that has them (a landmark is where
    its city is); None for an area or a place GeoNames does not locate.
    """
    gaz = gazetteer()
    for anc in gaz.ancestors(pid):
        place = gaz.place(anc)
        if place is None or gaz.rank(anc) < 2:
            return None
        if place.lat is not None and place.lon is not None:
            return (place.lat, place.lon)
    return None


def _km(p: str, q: str) -> float | None:
    x, y = _where(p), _where(q)
    if x is None or y is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*x, *y))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def _one_place(p: str, q: str, level: int, near: bool) -> bool:
    """Whether ``p`` and ``q`` can name one incident's place: one lies in the other (or in
    the governorate the other may stand for), they lie in one city (one governorate for
    disasters), or they lie within :data:`SAME_KM` of each other (:data:`NEAR_KM` when
    either is only said to be near the incident). Two towns of one governorate whose
    distance the gazetteer cannot tell get the benefit of the doubt.
    """
    gaz = gazetteer()
    up_p, up_q = gaz.ancestors(p), gaz.ancestors(q)
    if p in up_q or q in up_p:
        return True
    (anchor_p, areas_p), (anchor_q, areas_q) = _scope(p, level), _scope(q, level)
    if anchor_p & anchor_q or areas_p & set(up_q) or areas_q & set(up_p):
        return True
    km = _km(p, q)
    if km is not None:
        return km <= (NEAR_KM if near else SAME_KM)
    two_cities = all(gaz.rank(a) == 2 for a in (*anchor_p, *anchor_q))
    return not two_cities and _same_area(up_p, up_q)


def _same_area(up_p: tuple[str, ...], up_q: tuple[str, ...]) -> bool:
    gaz = gazetteer()
    return bool({a for a in up_p if gaz.rank(a) == 1} & {a for a in up_q if gaz.rank(a) == 1})


@lru_cache(maxsize=65536)
def _at_least(places: tuple[str, ...], level: int) -> tuple[str, ...]:
    gaz = gazetteer()
    return tuple(p for p in places if gaz.rank(p) >= level)


def _placed(sig: Signature, level: int) -> tuple[str, ...]:
    """The places a report puts the incident at (rank ``level`` or finer): those it is said
    to be in, else those it is said to be near ("جنوب إدلب" is a reference point beside
    "معرة النعمان", the place itself when nothing else is named).
    """
    found = _at_least(sig.main_places, level)
    inside = tuple(p for p in found if p not in sig.near)
    return inside or found


def _place_veto(a: Signature, b: Signature) -> bool:
    level = 1 if _family(a, b) == "disaster" else 2
    ma = _placed(a, level)
    mb = _placed(b, level)
    if not ma or not mb:
        return False
    return not any(_one_place(p, q, level, p in a.near or q in b.near) for p in ma for q in mb)


def veto(a: Signature, b: Signature) -> str | None:
    """Why ``a`` and ``b`` cannot be one incident, or None (see the module docstring)."""
    family = _family(a, b)
    found = time_veto(a, b, _span(family), disaster=family == "disaster")
    if found:
        return found
    fa, fb = _families(a), _families(b)
    if fa and fb and not fa & fb:
        return "kinds " + " / ".join(sorted((str(a.kind), str(b.kind))))
    if _place_veto(a, b):
        return "places " + " / ".join(sorted(map(str, (a.main_places[:2], b.main_places[:2]))))
    if a.parties and b.parties and not set(a.parties) & set(b.parties):
        return "parties"
    return None


def _names_agree(x: str, y: str) -> bool:
    """Two spellings of one name: equal, or one edit apart when long enough ("كوتشا"/"كوشا")."""
    if x == y:
        return True
    if min(len(x), len(y)) < 4 or abs(len(x) - len(y)) > 1:
        return False
    if len(x) > len(y):
        x, y = y, x
    i = 0
    while i < len(x) and x[i] == y[i]:
        i += 1
    return x[i + (len(x) == len(y)) :] == y[i + 1 :]


def _targets(a: Signature, b: Signature) -> float:
    by_type_a: dict[str, list[str]] = {}
    by_type_b: dict[str, list[str]] = {}
    for t in a.targets:
        kind, _, name = t.partition(":")
        by_type_a.setdefault(kind, []).append(name)
    for t in b.targets:
        kind, _, name = t.partition(":")
        by_type_b.setdefault(kind, []).append(name)
    points = 0.0
    for kind in set(by_type_a) & set(by_type_b):
        if any(_names_agree(x, y) for x in by_type_a[kind] for y in by_type_b[kind]):
            points = max(points, TARGET_POINTS)
        elif points <= 0:
            points = OTHER_TARGET
    return points


def _time(a: Signature, b: Signature) -> float:
    if a.day and b.day:
        da, db = parse_day(a.day), parse_day(b.day)
        if da and db:
            gap = abs((da - db).days)
            return SAME_DAY if gap == 0 else NEXT_DAY if gap == 1 else 0.0
    if set(a.days) & set(b.days):
        return SHARED_DAY
    if a.weekday is not None and a.weekday == b.weekday:
        return SAME_WEEKDAY * (2 if a.day or b.day else 1)
    return 0.0


def _timed(sig: Signature) -> bool:
    return bool(sig.day or sig.day_window or sig.weekday is not None or sig.days)


def evidence(a: Signature, b: Signature) -> tuple[tuple[str, float], ...]:
    """The points for ``a`` and ``b`` being one incident, by kind of evidence."""
    gaz = gazetteer()
    parts: list[tuple[str, float]] = []
    ea = _expand(a.main_places or a.places)
    eb = _expand(b.main_places or b.places)
    shared = set(ea) & set(eb)
    place = PLACE_POINTS[max(gaz.rank(p) for p in shared)] if shared else 0.0
    target = _targets(a, b)
    if target > 0:  # a named target and a landmark are often one place said twice
        parts.append(("where", max(place, target) + (PLACE_AND_TARGET if place else 0.0)))
    else:
        if place:
            parts.append(("place", place))
        if target:
            parts.append(("target", target))
    same_kind = False
    if a.kind and b.kind:
        if a.kind == b.kind or a.kind in b.kinds or b.kind in a.kinds:
            parts.append(("kind", KIND_POINTS))
            same_kind = True
        elif _families(a) & _families(b):
            parts.append(("kind", FAMILY_POINTS))
    if same_kind and shared and _rare(a, b):
        parts.append(("rare", RARE_POINTS))
    time = _time(a, b)
    if time:
        parts.append(("time", time))
    words = len(set(a.words) & set(b.words))
    if words:
        parts.append(("words", min(WORD_CAP, WORD_POINTS * words)))
    figures = {f for f in a.figures if f[1] >= FIGURE_MIN} & set(b.figures)
    if figures:
        if _timed(a) and _timed(b):
            parts.append(("figures", min(FIGURE_CAP, FIGURE_POINTS * len(figures))))
        else:
            points = min(UNTIMED_FIGURE_CAP, UNTIMED_FIGURE_POINTS * len(figures))
            parts.append(("figures", points))
    if set(a.parties) & set(b.parties):
        parts.append(("parties", PARTY_POINTS))
    return tuple(parts)


def _rare(a: Signature, b: Signature) -> bool:
    """Both report one kind of incident that does not recur in one place (a stampede, a
    building collapse, a flood: ``incident_kinds.tsv``, column recurs).
    """
    lex = kind_lexicon()
    return bool(a.kind and b.kind) and not lex.recurs(a.kind) and not lex.recurs(b.kind)


def enough(a: Signature, b: Signature, parts: tuple[tuple[str, float], ...]) -> bool:
    """Whether ``parts`` (:func:`evidence`) make ``a`` and ``b`` one incident: at least
    :data:`THRESHOLD`, and when either names no time at all (and the kind recurs in one
    place), :data:`UNTIMED_CONFIRMATION` of it from what is particular to one incident.
    """
    if sum(p for _, p in parts) < THRESHOLD:
        return False
    if _timed(a) and _timed(b) or _rare(a, b):
        return True
    return sum(p for name, p in parts if name in CONFIRMING) >= UNTIMED_CONFIRMATION


def explain(a: Signature, b: Signature) -> Verdict:
    """The verdict on ``a`` and ``b`` with its reasons. Symmetric: ``explain(b, a)`` agrees."""
    if a.country != b.country:
        return Verdict(False, "countries", 0.0, ())
    why = veto(a, b)
    if why is not None:
        return Verdict(False, why, 0.0, ())
    parts = evidence(a, b)
    total = round(sum(p for _, p in parts), 6)
    return Verdict(enough(a, b, parts), None, total, parts)


def same_incident(a: Signature, b: Signature) -> bool:
    """True when ``a`` and ``b`` report one incident (module docstring). Symmetric, and a
    function of the two signatures only.
    """
    return explain(a, b).same

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
  publication, a month); named weekdays two or more days apart, unless either names the
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

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from streams.core.text import kind_lexicon
from streams.core.text.geo import gazetteer

from .signature import Signature

__all__ = ["SPAN_DAYS", "THRESHOLD", "Verdict", "evidence", "explain", "same_incident", "veto"]

#: How many days apart two reports of one incident may pin its day, by kind family.
SPAN_DAYS = {"attack": 2, "accident": 2, "disaster": 21}
DEFAULT_SPAN = 2
THRESHOLD = 4.0
#: Without time to check (a report that names no day, weekday or window), more is needed:
#: nothing could keep two look-alikes months apart.
UNTIMED_THRESHOLD = 6.0
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


def _families(sig: Signature) -> set[str]:
    lex = kind_lexicon()
    return {f for f in (lex.family(k) for k in (sig.kind, *sig.kinds) if k) if f}


def _family(a: Signature, b: Signature) -> str | None:
    fams = _families(a) | _families(b)
    if "disaster" in fams:
        return "disaster"
    return next(iter(sorted(fams)), None)


def _span(a: Signature, b: Signature) -> int:
    return SPAN_DAYS.get(_family(a, b) or "", DEFAULT_SPAN)


@lru_cache(maxsize=65536)
def _anchors(pid: str, level: int) -> frozenset[str]:
    """The places ``pid`` is compared by at ``level`` (2 = city, 1 = governorate): its
    ancestor of that rank, or itself and its ancestors when it has none.
    """
    gaz = gazetteer()
    chain = gaz.ancestors(pid)
    at = [p for p in chain if gaz.rank(p) == level]
    if at:
        return frozenset(at)
    return frozenset(p for p in chain if gaz.rank(p) >= 1)


def _expand(places: tuple[str, ...]) -> dict[str, int]:
    gaz = gazetteer()
    out: dict[str, int] = {}
    for pid in places:
        for anc in gaz.ancestors(pid):
            out[anc] = gaz.rank(anc)
    return out


def _place_veto(a: Signature, b: Signature) -> bool:
    gaz = gazetteer()
    level = 1 if _family(a, b) == "disaster" else 2
    ma = [p for p in a.main_places if gaz.rank(p) >= level]
    mb = [p for p in b.main_places if gaz.rank(p) >= level]
    if not ma or not mb:
        return False
    ea, eb = _expand(tuple(ma)), _expand(tuple(mb))
    if set(ma) & set(eb) or set(mb) & set(ea):
        return False  # one names a place inside (or equal to) a place of the other
    anchors_a = frozenset().union(*(_anchors(p, level) for p in ma))
    anchors_b = frozenset().union(*(_anchors(p, level) for p in mb))
    return not anchors_a & anchors_b


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _near(day: str, others: tuple[str, ...], span: int) -> bool:
    """``day`` within ``span`` days of one of ``others`` (month-day forms compare in-year)."""
    d = _date(day)
    for other in others:
        o = _date(other)
        if d is not None and o is not None:
            if abs((d - o).days) <= span:
                return True
        elif day[-5:] == other[-5:]:
            return True
    return False


def _time_veto(a: Signature, b: Signature) -> str | None:
    span = _span(a, b)
    if a.day and b.day:
        da, db = _date(a.day), _date(b.day)
        if da and db and abs((da - db).days) > span:
            if not _near(a.day, b.days, span) and not _near(b.day, a.days, span):
                return f"days {a.day} / {b.day}"
    if a.day_window and b.day_window:
        lo_a, hi_a = _date(a.day_window[0]), _date(a.day_window[1])
        lo_b, hi_b = _date(b.day_window[0]), _date(b.day_window[1])
        if lo_a and hi_a and lo_b and hi_b:
            if (lo_a - hi_b).days > span or (lo_b - hi_a).days > span:
                return f"windows {a.day_window} / {b.day_window}"
    if _family(a, b) != "disaster" and a.weekday is not None and b.weekday is not None:
        if _weekday_gap(a.weekday, (b.weekday,)) >= 2:
            if _weekday_gap(a.weekday, b.weekdays) > 1 and _weekday_gap(b.weekday, a.weekdays) > 1:
                return f"weekdays {a.weekday} / {b.weekday}"
    return None


def _weekday_gap(day: int, others: tuple[int, ...]) -> int:
    return min((min((day - o) % 7, (o - day) % 7) for o in others), default=7)


def veto(a: Signature, b: Signature) -> str | None:
    """Why ``a`` and ``b`` cannot be one incident, or None (see the module docstring)."""
    fa, fb = _families(a), _families(b)
    if fa and fb and not fa & fb:
        return f"kinds {a.kind} / {b.kind}"
    if _place_veto(a, b):
        return f"places {a.main_places[:2]} / {b.main_places[:2]}"
    found = _time_veto(a, b)
    if found:
        return found
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
        da, db = _date(a.day), _date(b.day)
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
    building collapse, a flood: ``incident_kinds.tsv``, column recurs)."""
    lex = kind_lexicon()
    return bool(a.kind and b.kind) and not lex.recurs(a.kind) and not lex.recurs(b.kind)


def threshold(a: Signature, b: Signature) -> float:
    """The evidence ``a`` and ``b`` need: more when either names no time at all, unless
    they report a kind of incident that does not recur in one place."""
    if _timed(a) and _timed(b) or _rare(a, b):
        return THRESHOLD
    return UNTIMED_THRESHOLD


def explain(a: Signature, b: Signature) -> Verdict:
    """The verdict on ``a`` and ``b`` with its reasons. Symmetric: ``explain(b, a)`` agrees."""
    if a.country != b.country:
        return Verdict(False, "countries", 0.0, ())
    why = veto(a, b)
    if why is not None:
        return Verdict(False, why, 0.0, ())
    parts = evidence(a, b)
    total = round(sum(p for _, p in parts), 6)
    return Verdict(total >= threshold(a, b), None, total, parts)


def same_incident(a: Signature, b: Signature) -> bool:
    """True when ``a`` and ``b`` report one incident (module docstring). Symmetric, and a
    function of the two signatures only.
    """
    return explain(a, b).same

"""The contradiction rules (docs/ARCHITECTURE.md, "When is it a contradiction"), as pure functions.

Two event-scope claims about one event contradict when all of these hold:

* **metric**: the same metric, or one of the ordered pairs where one figure bounds the
  other: bodies <= killed (conflict only when ``bodies.min > killed.max``), killed <=
  casualties (``killed.min > casualties.max``), injured <= casualties (same logic).
* **victims**: comparable groups. Groups are ordered by how much they cover:
  unknown/mixed (everyone) ⊇ a class (civilians, security_forces, armed_groups) ⊇ a named
  subgroup of it (women, children, students...). Same class and subgroup: the ranges
  must overlap. One group containing the other: only a part exceeding the whole is a
  contradiction (59 graduates do not contradict 116 dead of any kind; 80 soldiers do
  contradict a total of 62 dead). Different classes ("5 local militia" vs "62
  soldiers"), different subgroups, or armed groups with different names never.
* two body counts never contradict each other: each is a partial tally.
* **sources**: different sources: different canonical ids (the source registry,
  :func:`streams.core.sources.same_source`), each claim taken for the source it speaks for
  (:func:`effective_sources`): a figure in an outlet's own voice equal to a named source's
  figure for the same metric and victims is that source's, relayed without its name, and so
  are the outlet's other figures in the same clause. The event's stream reads this from the
  two reports compared alone (``conflicts(..., pairwise=True)``, :func:`pair_sources`), so
  that no third report, present in one arrival order and not in another, changes an alert.
* **time**: neither figure is dated earlier by its own sentence ("In August 2018, clashes
  killed 117" in a report of this week's clashes: :mod:`streams.core.events.background`);
  such a figure is another incident's, neither a contradiction nor an update.
* **ranges**: cannot both be true after widening approximate values by ``tolerance``
  (a fraction, both sides). Exact values are not widened.

The same source giving a different figure for the same metric and group is an *update*
(:func:`is_update`), not a contradiction: a running toll, whether the source is named two
ways ("وزير الصحة اللبناني" / "وزارة الصحة اللبنانية"), relayed by other outlets, or
repeated by an outlet without its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from streams.core.model import Claim

from .events.background import dated_earlier
from .sources import Sources, same_source, source_of
from .text import (
    lexicon_words,
    load_rows,
    normalize_word,
    phrase_tokens,
    stem,
    strip_proclitic,
    tokens,
)

GENERAL_CLASSES = frozenset({"unknown", "mixed", ""})
# (smaller, larger): the smaller metric's figure may not exceed the larger's
BOUNDED_PAIRS = {("bodies", "killed"), ("killed", "casualties"), ("injured", "casualties")}
_SUBGROUP_ROWS = [row for row in load_rows("subgroups.tsv") if row[1] != "rank_and_file"]
_SUBGROUP_INDEX = {normalize_word(row[0]): row[1] for row in _SUBGROUP_ROWS}

ARMED_GROUP_GENERIC = frozenset(
    stem(t) for row in load_rows("armed_group_words.tsv") for t in tokens(row[0])
)
# Nouns of a whole force: next to a rank they count the force, not the officers alone.
RANK_AND_FILE = lexicon_words("subgroups.tsv", group="rank_and_file")
RANK_SUBGROUPS = frozenset({"officers"})


def subgroup(claim: Claim) -> frozenset[str]:
    """Named subgroups of the victim class ("نساء", "أطفال", "الخريجين الجدد"); empty if none."""
    return _subgroup(claim.victim)


@lru_cache(maxsize=32768)
def _subgroup(victim: str) -> frozenset[str]:
    found: set[str] = set()
    rank_and_file = False
    for tok in phrase_tokens(victim):
        forms = strip_proclitic(tok)
        if any(form in RANK_AND_FILE for form in forms):
            rank_and_file = True
        for form in forms:
            if form in _SUBGROUP_INDEX:
                found.add(_SUBGROUP_INDEX[form])
                break
    if rank_and_file and found <= RANK_SUBGROUPS:
        return frozenset()
    return frozenset(found)


def group_name(claim: Claim) -> frozenset[str]:
    """Distinctive words naming an armed group ("المليشيات المحلية" -> {محلي})."""
    if claim.victim_class != "armed_groups":
        return frozenset()
    return _group_name(claim.victim)


@lru_cache(maxsize=32768)
def _group_name(victim: str) -> frozenset[str]:
    return frozenset(
        s
        for s in (stem(t) for t in phrase_tokens(victim))
        if s not in ARMED_GROUP_GENERIC and len(s) >= 3
    )


def _level(claim: Claim) -> tuple[int, str, frozenset[str]]:
    """(coverage level, class, subgroups): 0 = everyone, 1 = a class, 2 = a subgroup of it."""
    sub = subgroup(claim)
    if claim.victim_class in GENERAL_CLASSES:
        return (2 if sub else 0, "any", sub)
    return (2 if sub else 1, claim.victim_class, sub)


SUBCOUNT_MARKERS = lexicon_words("subcounts.tsv", role="quote_marker")


def is_subcount(claim: Claim) -> bool:
    """A figure given as part of a larger one ("قتل 116 شخصا، بينهم 59 من الخريجين")."""
    return _has_subcount_marker(claim.quote)


@lru_cache(maxsize=32768)
def _has_subcount_marker(quote: str) -> bool:
    return any(t in SUBCOUNT_MARKERS or t[1:] in SUBCOUNT_MARKERS for t in phrase_tokens(quote))


def victim_relation(a: Claim, b: Claim, one_class: bool = True) -> str:
    """ "same", "a_in_b" (a's group is part of b's), "b_in_a", or "disjoint".

    ``one_class``: only one victim class is reported for this metric in the event. Then
    a figure of unknown/mixed victims and a class figure that is not a sub-count
    ("بينهم ...") are the same group told two ways ("78 dead" and "10 citizens dead" in a
    stampede) — the honest reading. Otherwise the unknown figure is the whole and the
    class figure a part of it. Armed groups with different names ("local militia" vs
    "Palestinian militia") are different groups: several factions often lose fighters in
    one incident.
    """
    na, nb = group_name(a), group_name(b)
    if na and nb and not na & nb:
        return "disjoint"
    la, lb = _level(a), _level(b)
    if la == lb:
        return "same"
    if one_class and {la[0], lb[0]} == {0, 1}:
        classed = a if la[0] == 1 else b
        if not is_subcount(classed):
            return "same"
    if la[0] == lb[0] == 2 and la[1] == lb[1] and (la[2] < lb[2] or lb[2] < la[2]):
        return "a_in_b" if la[2] < lb[2] else "b_in_a"
    if la[0] == lb[0]:
        return "disjoint"
    inner, outer, flipped = (la, lb, False) if la[0] > lb[0] else (lb, la, True)
    contained = outer[1] == "any" or (outer[1] == inner[1] and not outer[2])
    if not contained:
        return "disjoint"
    return "b_in_a" if flipped else "a_in_b"


def widened(claim: Claim, tolerance: float) -> tuple[float, float]:
    """The range ``claim`` allows, approximate values widened by ``tolerance``.

    An open-ended figure ("أكثر من 60", "ما لا يقل عن 100") states a rounded floor, so
    its lower bound is widened too: "more than 60" does not contradict "60".
    """
    hi = float("inf") if claim.max is None else float(claim.max)
    lo = float(claim.min)
    if claim.approximate or claim.max is None:
        lo = lo * (1 - tolerance)
    if claim.approximate:
        hi = hi * (1 + tolerance)
    return lo, hi


def _exceeds(small: Claim, large: Claim, tolerance: float) -> bool:
    """True when ``small``'s figure (a part) must be larger than ``large``'s (the whole)."""
    return widened(small, tolerance)[0] > widened(large, tolerance)[1]


def effective_sources(claims: Iterable[Claim]) -> dict[str, str]:
    """The source each claim of an event speaks for (claim id -> source id).

    A claim names its own source (:func:`streams.core.sources.source_of`), except a figure
    in an outlet's own voice that equals, for the same metric and the same victims, a
    figure a named source gave in the event (in this report or another): that is the named source's
    figure relayed without its name ("the toll rose to 120" printed after the ministry's
    120). When several named sources gave it, the first by id is taken, so the answer
    depends on the set of claims, not on their order. The outlet's other figures in the same
    clause go with it: a toll ("32 dead and 91 injured") is relayed whole.
    """
    claims = list(claims)
    named: dict[tuple[str, int, int | None], list[Claim]] = {}
    for c in claims:
        if c.attributed_to and c.scope == "event":
            named.setdefault((c.metric, c.min, c.max), []).append(c)
    out: dict[str, str] = {}
    relayed: dict[tuple[str, str], list[str]] = {}  # (article, quote) -> sources relayed there
    for c in claims:
        own = source_of(c)
        if not c.attributed_to and c.scope == "event":
            linked = sorted(
                source_of(n)
                for n in named.get((c.metric, c.min, c.max), ())
                if victim_relation(n, c) == "same"
            )
            if linked:
                own = linked[0]
                relayed.setdefault((c.article, c.quote), []).append(own)
        out[c.id] = own
    # A toll is relayed whole: the outlet's other figures in the same clause ("32 dead and
    # 91 injured") are the same source's, even when raqib read that source's statement of
    # them nowhere (or the source gave them in a report not on the table).
    for c in claims:
        whole = relayed.get((c.article, c.quote))
        if whole and not c.attributed_to and c.scope == "event" and out[c.id] == source_of(c):
            out[c.id] = min(whole)
    return out


def effective_source(claim: Claim, event_claims: Iterable[Claim]) -> str:
    """The source ``claim`` speaks for among ``event_claims`` (:func:`effective_sources`)."""
    return effective_sources([claim, *(c for c in event_claims if c.id != claim.id)])[claim.id]


def contradicts(
    a: Claim,
    b: Claim,
    tolerance: float,
    one_class: bool | None = None,
    sources: Sources | None = None,
) -> bool:
    """True when ``a`` and ``b`` cannot both be true (both event-scope, different sources).

    ``one_class`` (see :func:`victim_relation`) defaults to: a and b name at most one class.
    ``sources``: the source each claim speaks for (:func:`effective_sources` of the event);
    without it each claim is its own source's.
    """
    if a.scope != "event" or b.scope != "event" or a.id == b.id:
        return False
    if dated_earlier(a) or dated_earlier(b):
        return False
    if a.event is not None and b.event is not None and a.event != b.event:
        return False
    if same_source(a, b, sources):
        return False
    if one_class is None:
        one_class = len(_classes((a, b))) <= 1
    if a.metric != b.metric:
        # Across metrics only a group inside the other's bounds it: unknown victims are
        # everyone, not "the same group told two ways" as a class figure of another metric.
        one_class = False
    rel = victim_relation(a, b, one_class)
    if rel == "disjoint":
        return False
    if a.metric == b.metric:
        if a.metric == "bodies":
            return False  # body counts are partial tallies (a morgue, a hospital, the sea)
        if rel == "same":
            (alo, ahi), (blo, bhi) = widened(a, tolerance), widened(b, tolerance)
            return alo > bhi or blo > ahi
        part, whole = (a, b) if rel == "a_in_b" else (b, a)
        return _exceeds(part, whole, tolerance)
    if (a.metric, b.metric) in BOUNDED_PAIRS:
        small, large, small_in_large = a, b, rel in ("same", "a_in_b")
    elif (b.metric, a.metric) in BOUNDED_PAIRS:
        small, large, small_in_large = b, a, rel in ("same", "b_in_a")
    else:
        return False
    return small_in_large and _exceeds(small, large, tolerance)


def _classes(claims: Iterable[Claim]) -> set[str]:
    return {
        c.victim_class
        for c in claims
        if c.victim_class not in GENERAL_CLASSES and c.scope == "event"
    }


def conflicts(
    new: Claim,
    existing: Iterable[Claim],
    tolerance: float,
    context: Iterable[Claim] = (),
    *,
    pairwise: bool = False,
) -> list[Claim]:
    """The claims of ``existing`` that ``new`` contradicts, in their given order.

    ``context``: claims known to the event but not compared with ``new`` — the rest of
    ``new``'s own article (all its claims arrive together, whatever order they are applied
    in) and, in a merge, the rest of the retired event. They are read, never compared: a
    claim's siblings are on the table for every arrival order, so the answer must not depend
    on whether they were applied before it.

    Whether the two reports involved name one victim class or several (for ``new``'s
    metric) decides how unknown-victim figures compare (:func:`victim_relation`): only
    the two articles' own claims are looked at for that. Which source each claim speaks
    for (:func:`effective_sources`) is read, by default, from ``new``, ``existing`` and
    ``context`` together: the reading of a judge who has the whole incident at hand (the
    evaluation's gold). ``pairwise``: from the two reports of each pair alone
    (:func:`pair_sources`), the reading a stream can give in every arrival order — an
    outlet's unattributed figure is then linked to a named source's equal figure only when
    that figure is in one of the two reports compared.
    """
    existing = list(existing)
    known = list({c.id: c for c in (new, *existing, *context)}.values())
    reports = claims_by_article(known)
    event_wide = None if pairwise else effective_sources(known)
    by_other: dict[str, tuple[set[str], Sources]] = {}  # other report -> (classes, sources)
    found = []
    for old in existing:
        if old.article not in by_other:
            pair = [
                c
                for article in dict.fromkeys((new.article, old.article))
                for c in reports.get(article, ())
                if c.metric == new.metric
            ]
            sources = (
                pair_sources(reports, new.article, old.article)
                if event_wide is None
                else event_wide
            )
            by_other[old.article] = (_classes([new, *pair]), sources)
        classes, sources = by_other[old.article]
        one_class = len(classes | _classes([old])) <= 1
        if contradicts(new, old, tolerance, one_class, sources):
            found.append(old)
    return found


def claims_by_article(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """The claims of each report (article id -> its claims, each id once, in given order)."""
    out: dict[str, list[Claim]] = {}
    for claim in {c.id: c for c in claims}.values():
        out.setdefault(claim.article, []).append(claim)
    return out


def pair_sources(reports: dict[str, list[Claim]], a: str, b: str) -> Sources:
    """:func:`effective_sources` of the two reports ``a`` and ``b`` (article ids) alone.

    Whether two claims contradict, or one updates the other, is read from their two reports
    and nothing else on the table: those are there whenever the pair is compared, in every
    arrival order, on every worker. A third report is not: linking an outlet's figure to a
    named source's equal figure in a report that may arrive before or after the pair would
    make the alert depend on the order (and an alert, once raised, is never taken back).
    """
    return effective_sources([*reports.get(a, ()), *(reports.get(b, ()) if b != a else ())])


def is_update(new: Claim, old: Claim, sources: Sources | None = None) -> bool:
    """The same source restating the same metric for the same victims with another figure.

    ``sources``: :func:`effective_sources` of the event (``new`` and the claims already on
    the table, computed once per new claim), through which an outlet's unattributed figure
    is linked to the named source it relays; without it each claim is its own source's.
    """
    if (
        not (
            new.scope == "event"
            and old.scope == "event"
            and new.id != old.id
            and new.metric == old.metric
            and (new.min, new.max) != (old.min, old.max)
            and victim_relation(new, old) == "same"
        )
        or dated_earlier(new)
        or dated_earlier(old)
    ):
        return False
    return same_source(new, old, sources)


@dataclass(frozen=True)
class Update:
    """A source revising its own figure ("the toll rose to 80"): worth recording, not an alert."""

    event: str
    metric: str
    source: str
    previous: Claim
    new: Claim

    @property
    def direction(self) -> str:
        """ "raised" or "lowered"."""
        return "raised" if self.new.min > self.previous.min else "lowered"

    def to_json(self) -> dict[str, Any]:
        """The update as JSON (``type: update``)."""
        return {
            "type": "update",
            "event": self.event,
            "metric": self.metric,
            "source": self.source,
            "direction": self.direction,
            "previous": self.previous.to_json(),
            "new": self.new.to_json(),
        }

"""Finding places in a token list: names, their context, and the choice among namesakes.

Three steps, all over the tokens of one call (a pure function of them and ``prefer``):

1. **Spans.** Left to right, the longest name starting at a token (read with and without a
   proclitic) whose context lets it fire. A *cue* is a locative before the name ("في X", "قرب
   X", "in X", "north of X"), the proclitic ب ("بحلب"), or a list ("X وY", "X and Y" right
   after a place); a *type cue* a word for a kind of place ("مدينة X", "village of X", "X
   province"; a list after one). A name that needs ``none`` fires alone; ``locative``, with a
   cue or type cue; ``confirmed`` (small places, short names), with a type cue; ``type`` (names
   that are also common words), with a type cue only. A span that does not fire does not hide
   the shorter names inside it.
2. **Confirmation.** A ``locative`` name with no cue, or a ``confirmed`` name with a cue,
   still fires when one of its places lies in a governorate (or GeoNames division) that a
   place found in step 1 names or lies in: a village named beside its district or province.
3. **Namesakes.** A small place or common word that fired on a type cue alone must lie in a
   country the rest of the text points to ("جماعة إيغيل" in a Moroccan report is not a
   namesake in Colorado). A name of several places resolves to one: the place in the country the
   other, unambiguous names of the text point to (and ``prefer``), then in a division they
   point to, then a curated place, then the most populous; ties by id. After a type cue a
   town or city is preferred to a country of the same name.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import accumulate

from .hierarchy import Hierarchy, population_prior
from .model import Match, Place
from .names import ARTICLES_EN, readings

__all__ = ["Matcher"]

NONE, LOCATIVE, CONFIRMED, TYPE = 0, 1, 2, 3
#: A GeoNames name this short, read off a word after cutting a proclitic ("وكالة" -> "كالة",
#: "كبيرا" -> "بيرا"), is more often a common word than the place: it needs confirming.
SHORT_AFTER_CLITIC = 6
_AND = frozenset({"and", "&"})


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    entries: tuple[tuple[str, int], ...]  # (place id, need) of the places it may name
    context: int  # the strongest need the context meets (NONE: no cue at all)


def _article_cut(cut: str) -> bool:
    return cut.endswith("ال") or cut == "لل"


def _cue_readings(tok: str) -> set[str]:
    """A cue word as written or after و/ف/ب/ل/ك, never after ال: "المدينة X" is "the city
    (and) X", not "the city of X".
    """
    return {r for r, cut in readings(tok) if not _article_cut(cut)}


def _fold(tok: str) -> str:
    if tok.isascii():
        tok = tok.lower()
        return "al" if tok in ARTICLES_EN else tok
    return tok


class Matcher:
    """Finds places in token lists: context rules, and the choice among places of one name."""

    def __init__(self, h: Hierarchy) -> None:
        self.h = h
        self.heads: dict[str, int] = {}
        for key in h.names:
            head, _, rest = key.partition(" ")
            n = rest.count(" ") + 2 if rest else 1
            if n > self.heads.get(head, 0):
                self.heads[head] = n
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._heads: dict[str, tuple[tuple[str, str, int], ...]] = {}

    # -- helpers -------------------------------------------------------------------------

    def ancestors(self, pid: str) -> tuple[str, ...]:
        """``pid`` and its parents up to the country (cached)."""
        found = self._ancestors.get(pid)
        if found is None:
            out: list[str] = []
            cur: str | None = pid
            while cur and cur in self.h.places and cur not in out:
                out.append(cur)
                cur = self.h.places[cur].parent
            found = self._ancestors[pid] = tuple(out)
        return found

    def _cue_before(self, toks: list[str], i: int) -> tuple[bool, bool]:
        """(type cue, locative cue) right before token ``i`` (through "of" / "من")."""
        cues = self.h.cues
        j = i - 1
        if j < 0:
            return False, False
        words = _cue_readings(toks[j])
        if words & cues.connectors and j >= 1:
            words = _cue_readings(toks[j - 1])
        return bool(words & cues.type), bool(words & cues.locative)

    def _context(
        self, toks: list[str], start: int, end: int, cut: str, prev_end: tuple[int, int]
    ) -> int:
        """The cue level of a name at ``start:end``; ``prev_end`` is (end, context) of the
        place found last, for lists.
        """
        is_type, is_loc = self._cue_before(toks, start)
        if not is_type and end < len(toks) and toks[end] in self.h.cues.type_after:
            is_type = True
        if is_type:
            return TYPE
        joined = (cut.startswith("و") and prev_end[0] == start) or (
            start >= 1 and toks[start - 1] in _AND and prev_end[0] == start - 1
        )
        if joined:
            return LOCATIVE
        if is_loc or "ب" in cut:
            return LOCATIVE
        return NONE

    def _spans_at(self, toks: list[str], i: int) -> list[tuple[int, str, str]]:
        """(length, key, proclitic cut) of the names starting at token ``i``, longest first."""
        heads = self._heads.get(toks[i])
        if heads is None:
            heads = self._heads_of(toks[i])
        if not heads:
            return []
        found: dict[int, tuple[int, str, str]] = {}
        n = len(toks)
        for reading, cut, longest in heads:
            for length in range(min(longest, n - i), 0, -1):
                key = reading if length == 1 else " ".join((reading, *toks[i + 1 : i + length]))
                if key in self.h.names and length not in found:
                    found[length] = (length, key, cut)
        return [found[k] for k in sorted(found, reverse=True)]

    def _heads_of(self, tok: str) -> tuple[tuple[str, str, int], ...]:
        """(reading, proclitic cut, longest name's length) of the readings of ``tok`` that
        may start a name: most tokens have none (cached, bounded by the language's words).
        """
        found = tuple(
            (reading, cut, longest)
            for reading, cut in readings(tok)
            # "السلطات" is not the town "سلطات": names keep their own article
            if not _article_cut(cut) and (longest := self.heads.get(reading, 0))
        )
        if len(self._heads) < 200_000:
            self._heads[tok] = found
        return found

    def _after_clitic(self, entries: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
        return tuple(
            (
                pid,
                need
                if pid in self.h.curated or self.h.places[pid].rank == 0
                else max(need, CONFIRMED),
            )
            for pid, need in entries
        )

    # -- the three steps ---------------------------------------------------------------

    def find(self, raw: list[str], prefer: Collection[str] = ()) -> Iterator[Match]:
        """Places named in ``raw`` tokens, left to right; ``prefer``: likely countries."""
        toks = [_fold(t) for t in raw]
        fired: list[_Span] = []
        pending: list[_Span] = []
        i, prev_end, n = 0, (-1, NONE), len(toks)
        inert = self._heads.get
        while i < n:
            if inert(toks[i]) == ():  # most tokens start no name (:meth:`_heads_of`)
                i += 1
                continue
            taken = False
            for length, key, cut in self._spans_at(toks, i):
                end = i + length
                entries = self.h.names[key]
                if cut and len(key) - key.count(" ") < SHORT_AFTER_CLITIC:
                    entries = self._after_clitic(entries)
                context = self._context(toks, i, end, cut, prev_end)
                ok = entries if context == TYPE else tuple(e for e in entries if e[1] <= context)
                if ok:
                    fired.append(_Span(i, end, ok, context))
                    i, prev_end, taken = end, (end, context), True
                    break
                weak = tuple(
                    e
                    for e in entries
                    if e[1] == LOCATIVE or (e[1] == CONFIRMED and context >= LOCATIVE)
                )
                if weak:
                    pending.append(_Span(i, end, weak, context))
            if not taken:
                i += 1
        areas = self._areas(fired)
        fired.extend(self._confirmed(pending, fired, areas))
        fired.sort(key=lambda s: s.start)
        countries = self._countries(fired, prefer)
        for span in fired:
            if span.context == TYPE and all(need >= CONFIRMED for _pid, need in span.entries):
                # "قرية X": a small place named with its kind is in a country the text names
                local = tuple(e for e in span.entries if self.h.places[e[0]].country in countries)
                if not local:
                    continue
                span = _Span(span.start, span.end, local, span.context)
            key = self._choose(span, countries, areas)
            if self._foreign_town(key, span, fired, prefer):
                continue
            yield Match(key, span.start, span.end)

    def _foreign_town(
        self, pid: str, span: _Span, fired: list[_Span], prefer: Collection[str]
    ) -> bool:
        """A GeoNames town (not a city, not curated) in a country that no other name of the
        text (nor ``prefer``) points to: far more often a namesake word ("ريدينغ" in "Lady
        Reading hospital") than news from a small foreign town. Cities (Geneva, Calais) and
        curated places always stand.
        """
        place = self.h.places[pid]
        if pid in self.h.curated or place.level != "town" or place.country in prefer:
            return False
        own = {p for p, _n in span.entries}
        for other in fired:
            ids = {p for p, _n in other.entries}
            if ids != own and {self.h.places[p].country for p in ids} == {place.country}:
                return False
        return True

    def _areas(self, fired: list[_Span]) -> set[str]:
        """Governorates/divisions (rank 1) and their subtrees named unambiguously."""
        out: set[str] = set()
        for span in fired:
            if len(span.entries) != 1:
                continue
            pid = span.entries[0][0]
            for anc in self.ancestors(pid):
                if self.h.places[anc].rank >= 1:
                    out.add(anc)
            admin1 = self.h.places[pid].admin1
            if admin1:
                out.add(admin1)
        return out

    def _confirmed(self, pending: list[_Span], fired: list[_Span], areas: set[str]) -> list[_Span]:
        # a span overlaps a fired one when some fired span starting before its end ends after
        # its start: the fired spans by start, and the furthest end of each prefix (a binary
        # search, not a scan: a long article has thousands of each)
        taken = sorted((s.start, s.end) for s in fired)
        starts = [s for s, _ in taken]
        reach = list(accumulate((e for _, e in taken), max))
        out: list[_Span] = []
        for span in pending:
            k = bisect_left(starts, span.end)
            if k and reach[k - 1] > span.start:
                continue
            ok = tuple(
                e
                for e in span.entries
                if self.h.places[e[0]].admin1 in areas
                or any(a in areas for a in self.ancestors(e[0])[1:])
            )
            if ok:
                out.append(_Span(span.start, span.end, ok, span.context))
                taken.append((span.start, span.end))
        return out

    def _countries(self, fired: list[_Span], prefer: Collection[str]) -> dict[str, float]:
        votes: defaultdict[str, float] = defaultdict(float)
        for span in fired:
            found = {self.h.places[pid].country for pid, _need in span.entries}
            if len(found) == 1:
                votes[found.pop()] += 1.0
        total = sum(votes.values()) or 1.0
        share = {cc: v / total for cc, v in votes.items()}
        for cc in prefer:
            share[cc] = share.get(cc, 0.0) + 1.0
        return share

    def _choose(self, span: _Span, countries: dict[str, float], areas: set[str]) -> str:
        entries = span.entries
        if len(entries) == 1:
            return entries[0][0]
        places: list[Place] = [self.h.places[pid] for pid, _need in entries]
        if span.context == TYPE and any(p.rank >= 2 for p in places):
            places = [p for p in places if p.rank >= 2]

        def score(p: Place) -> tuple[float, str]:
            s = 3.0 * countries.get(p.country, 0.0)
            if p.admin1 in areas or any(a in areas for a in self.ancestors(p.id)[1:]):
                s += 2.0
            if p.id in self.h.curated:
                s += 1.0
            s += population_prior(p.population)
            return (-s, p.id)

        return min(places, key=score).id

"""Every mention of a day in a token list: what :func:`.dates.incident_day` weighs.

A :class:`Scanner` walks the tokens once with one language's tables (:mod:`.day_words`),
skipping at once the tokens that cannot start a mention, and records each date, weekday,
relative day and month it finds with where it stands and how strongly it names a day. A
dateline's date is kept apart (the page's date, not a mention); a date right after "منذ"
(since) starts a period and is no mention at all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from streams.core.text.affixes import strip_proclitic

from .day_words import (
    ARABIC,
    ORDINAL_LONGEST,
    Language,
    hijri_to_gregorian,
    hijri_year_of,
    month_window,
    number_in,
    safe_date,
)

_YEAR = re.compile(r"^(19|20)\d\d$")
_HIJRI_YEAR = re.compile(r"^1[34]\d\d$")

MONTH_SINCE_REACH = 4


@dataclass(frozen=True)
class Mention:
    """One way the text names a day: where (token index), what, and how strongly.

    ``day``: the day it resolves to (None without a reference); ``month_day``: (month, day)
    of a date written without a year; ``window``: a month it names; ``weekday``: 0 = Monday;
    ``span``: the stretch of a year (``--MM-DD``, ``--MM-DD``) a month or part of one names.
    """

    pos: int
    kind: str
    score: float
    day: date | None = None
    month_day: tuple[int, int] | None = None
    window: tuple[date, date] | None = None
    weekday: int | None = None
    span: tuple[str, str] | None = None


class Scanner:
    """The mentions of one token list (see :func:`incident_day`)."""

    def __init__(self, toks: list[str], ref: date | None, lang: Language = ARABIC) -> None:
        self.toks = toks
        self.ref = ref
        self.lang = lang
        self.mentions: list[Mention] = []
        self.dateline: date | None = None

    def _year_after(self, i: int) -> tuple[int | None, int]:
        """A year right after token ``i`` (Gregorian or Hijri digits), and the tokens it takes."""
        if i < len(self.toks) and (_YEAR.match(self.toks[i]) or _HIJRI_YEAR.match(self.toks[i])):
            return int(self.toks[i]), 1
        return None, 0

    def _gregorian(self, year: int | None, month: int, day: int) -> tuple[date | None, bool]:
        """(the date, whether its year was guessed from the reference)."""
        if year is not None:
            return safe_date(year, month, day), False
        if self.ref is None:
            return None, False
        found = safe_date(self.ref.year, month, day)
        if found is not None and found > self.ref + timedelta(days=1):
            found = safe_date(self.ref.year - 1, month, day)
        return found, True

    def scan(self) -> None:
        """Record every mention in :attr:`mentions` (and a dateline's day in :attr:`dateline`)."""
        toks, i = self.toks, 0
        inert = self.lang.inert
        while i < len(toks):
            i += 1 if inert(toks[i]) else self._at(i) or 1

    def _at(self, i: int) -> int:
        toks, lang = self.toks, self.lang
        tok = toks[i]
        day = number_in(tok, 1, 31)
        if day is not None:
            j = i + 1
            if j < len(toks) and toks[j] == lang.of:
                j += 1
            for table, hijri in lang.months:
                found = next((m for m in table.find(toks[j : j + 3]) if m.start == 0), None)
                if found is None:
                    continue
                month = int(found.key)
                year, taken = self._year_after(j + found.end)
                self._date(i, day, month, year, hijri)
                return j + found.end + taken - i
            if i + 2 < len(toks):
                month_n = number_in(toks[i + 1], 1, 12)
                if month_n is not None and _YEAR.match(toks[i + 2]):
                    self._date(i, day, month_n, int(toks[i + 2]), False, kind="numeric")
                    return 3
        if _YEAR.match(tok) and i + 2 < len(toks):
            month_n, day_n = number_in(toks[i + 1], 1, 12), number_in(toks[i + 2], 1, 31)
            if month_n is not None and day_n is not None:
                self._date(i, day_n, month_n, int(tok), False, kind="numeric")
                return 3
        weekday = lang.weekday(tok)
        if weekday is not None:
            timed = i > 0 and any(r in lang.day_parts for r in strip_proclitic(toks[i - 1]))
            self._weekday(i, weekday, timed)
            return 1
        rel = next((m for m in lang.relative.find(toks[i : i + 4]) if m.start == 0), None)
        if rel is not None:
            back, unless = rel.key.split(";")
            nxt = toks[i + rel.end] if i + rel.end < len(toks) else ""
            if unless == "-" or nxt not in unless.split("|"):
                self._relative(i, int(back))
            return rel.end
        for table, hijri in lang.months:
            found = next((m for m in table.find(toks[i : i + 3]) if m.start == 0), None)
            if found is None:
                continue
            after = i + found.end
            day_n = (
                number_in(toks[after], 1, 31) if lang.month_first and after < len(toks) else None
            )
            if day_n is not None:  # "March 3", "March 3 2023"
                year, taken = self._year_after(after + 1)
                self._date(i, day_n, int(found.key), year, hijri)
                return found.end + 1 + taken
            year, taken = self._year_after(i + found.end)
            ordinal = self._ordinal_before(i)
            if ordinal is not None:  # "السابع عشر من نيسان"
                self._date(ordinal[0], ordinal[1], int(found.key), year, hijri)
                return found.end + taken
            start, part = self._part_before(i)
            # a bare name as written only: "باب" is no "ب" + "آب"; a Hijri month only after
            # "شهر" ("صفر" is zero, "رمضان" a name)
            if hijri:
                cued = i > 0 and toks[i - 1] in {"شهر", "بشهر"}
            else:
                cued = toks[i] in table.first and self._month_cue(i, i + found.end)
            if year is not None or part is not None or cued:
                self._month(start, int(found.key), year, hijri, part)
            return found.end + taken
        return self._relative_month(i)

    def _relative_month(self, i: int) -> int:
        """A month named relative to the reference day at ``i`` ("مطلع الشهر الجاري", "الشهر
        الماضي"): the tokens it takes (a mention only with a reference day).
        """
        table = self.lang.relative_months
        found = (
            next((m for m in table.find(self.toks[i : i + 2]) if m.start == 0), None)
            if table
            else None
        )
        if found is None:
            return 0
        if self.ref is not None:
            back = self.ref.month - 1 - int(found.key)
            year, month = self.ref.year + back // 12, back % 12 + 1
            start, part = self._part_before(i)
            self._month(start, month, year, False, part)
        return found.end

    def _ordinal_before(self, i: int) -> tuple[int, int] | None:
        """(where it starts, the day) of an ordinal day ending right before the month name at
        ``i``, "من" and "شهر" allowed between ("الثالث من شهر آذار"); None when there is none.
        """
        ordinals = self.lang.ordinal_days
        if not ordinals:
            return None
        end = i
        if end > 0 and any(r == "شهر" for r in strip_proclitic(self.toks[end - 1])):
            end -= 1
        if end > 0 and self.toks[end - 1] == self.lang.of:
            end -= 1
        for n in range(min(ORDINAL_LONGEST, end), 0, -1):
            first, rest = self.toks[end - n], tuple(self.toks[end - n + 1 : end])
            for reading in strip_proclitic(first):
                day = ordinals.get((reading, *rest))
                if day is not None:
                    return end - n, day
        return None

    def _part_before(self, i: int) -> tuple[int, tuple[int, int] | None]:
        """(where the mention starts, the days of the month) of a part of a month right before
        the month name at ``i`` ("أواخر تشرين الثاني", "منتصف شهر أيار"); (i, None) without one.
        """
        parts = self.lang.month_parts
        j = i
        if j > 0 and any(r == "شهر" for r in strip_proclitic(self.toks[j - 1])):
            j -= 1
        if parts and j > 0:
            for reading in strip_proclitic(self.toks[j - 1]):
                if reading in parts:
                    return j - 1, parts[reading]
        return i, None

    def _month_cue(self, i: int, after: int) -> bool:
        """Whether a bare month name at ``i`` (ending at ``after``) names a month: a cue word
        right before it ("في آذار", "شهر أيلول") or right after it ("آذار الماضي").
        """
        lang = self.lang
        if i > 0 and any(r in lang.month_before for r in strip_proclitic(self.toks[i - 1])):
            return True
        return after < len(self.toks) and self.toks[after] in lang.month_after

    def _since_before(self, i: int) -> bool:
        before = self.toks[max(0, i - MONTH_SINCE_REACH) : i]
        return any(r in self.lang.since for t in before for r in strip_proclitic(t))

    def _context(self, i: int) -> str:
        before = self.toks[max(0, i - 3) : i]
        if any(r in self.lang.dateline for t in before for r in strip_proclitic(t)):
            return "dateline"
        if i > 0 and any(r in self.lang.since for r in strip_proclitic(self.toks[i - 1])):
            return "since"
        return ""

    def _date(
        self, i: int, day: int, month: int, year: int | None, hijri: bool, kind: str = "explicit"
    ) -> None:
        context = self._context(i)
        if context == "since":
            return
        if hijri:
            hy = year
            if hy is None and self.ref is not None:
                hy = hijri_year_of(self.ref)
            found = hijri_to_gregorian(hy, month, day) if hy else None
            if found is not None and year is None and self.ref and found > self.ref:
                found = hijri_to_gregorian(hy - 1, month, day) if hy else None
            self._add(Mention(i, "hijri", 3.0, day=found), context)
            return
        found, _guessed = self._gregorian(year, month, day)
        if context == "dateline":
            if found is not None and self.dateline is None:
                self.dateline = found
            return
        md = None if found is not None else (month, day)
        self._add(Mention(i, kind, 3.0, day=found, month_day=md), context)

    def _month(
        self,
        i: int,
        month: int,
        year: int | None,
        hijri: bool,
        part: tuple[int, int] | None = None,
    ) -> None:
        if self._context(i) or self._since_before(i):
            return
        if not hijri and year is None:  # a month of some year: its stretch of the year only
            lo, hi = part or (1, 31)
            days = calendar.monthrange(2000, month)[1]  # a leap year: 29 February is a day
            span = (f"--{month:02d}-{lo:02d}", f"--{month:02d}-{min(hi, days):02d}")
            self._add(Mention(i, "month", 1.0, span=span), "")
            return
        if hijri:
            hy = year if year is not None else (hijri_year_of(self.ref) if self.ref else None)
            first = hijri_to_gregorian(hy, month, 1) if hy else None
            last = hijri_to_gregorian(hy, month, 29) if hy else None
            if first is None or last is None:
                return
            if year is None and self.ref is not None and first > self.ref:
                first = hijri_to_gregorian(hy - 1, month, 1) if hy else None
                last = hijri_to_gregorian(hy - 1, month, 29) if hy else None
                if first is None or last is None:
                    return
            window = (first, last + timedelta(days=1))
        else:
            if year is None:
                return
            window = month_window(year, month)
            if part is not None:
                window = (
                    window[0].replace(day=part[0]),
                    window[1].replace(day=min(part[1], window[1].day)),
                )
        self._add(Mention(i, "month", 1.0, window=window, span=span_of(*window)), "")

    def _weekday(self, i: int, weekday: int, timed: bool) -> None:
        found = None
        if self.ref is not None:
            found = self.ref - timedelta(days=(self.ref.weekday() - weekday) % 7)
        self._add(Mention(i, "weekday", 2.5 if timed else 1.5, day=found, weekday=weekday), "")

    def _relative(self, i: int, back: int) -> None:
        found = self.ref - timedelta(days=back) if self.ref is not None else None
        self._add(Mention(i, "relative", 2.5, day=found), "")

    def _add(self, mention: Mention, context: str) -> None:
        if mention.day is not None and mention.weekday is None:
            mention = Mention(
                mention.pos, mention.kind, mention.score, mention.day, mention.month_day,
                mention.window, mention.day.weekday(), mention.span,
            )  # fmt: skip
        self.mentions.append(mention)


def span_of(first: date, last: date) -> tuple[str, str]:
    """Two days as a stretch of any year (``--MM-DD``, ``--MM-DD``)."""
    return first.strftime("--%m-%d"), last.strftime("--%m-%d")

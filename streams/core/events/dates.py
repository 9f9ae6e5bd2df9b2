"""When did it happen? The incident's day, weekday and window, read from the text itself.

All functions are pure. A text names days in many ways: a weekday ("مساء الأربعاء"), a day
relative to publication ("أمس", "فجر اليوم", "ليلة أمس"), a date with a Gregorian month in any
of its naming families ("15 كانون الثاني 2020", "15 يناير"), a numeric date ("15/01/2020"), a
Hijri date ("28 رمضان 1444 هـ", read with the Umm al-Qura calendar), a day in ordinal words
("السابع عشر من نيسان", ``ordinal_days.tsv``) or a month ("شهر رمضان", "أغسطس 2024", "في آذار
الماضي"), whole or in part ("أواخر تشرين الثاني", ``month_parts.tsv``). :func:`incident_day` finds every such *mention* and weighs it: a mention in the
title or lead, or beside a word for the incident (the kind cues of ``incident_kinds.tsv``), is
the incident's day; one right after a speech verb ("وقالت ... الثلاثاء") is more likely the day
someone spoke; a dateline ("نشر بتاريخ ...") is the page's date, used as the reference day when
the article has no ``published``; "منذ" (since) starts a period and is no day at all.

Relative words and weekdays resolve against the reference day (``published``, else a dateline,
else a day in the URL): "أمس" = the day before, "الخميس" = the most recent Thursday on or
before it. Without a reference a weekday stays a weekday, and a date without a year keeps its
month and day (``--MM-DD``): two undated reports still compare on them. So does a month without
a year: :attr:`When.month_span` is the stretch of the year (``--MM-DD`` to ``--MM-DD``) the
incident falls in, from its day or its month, so that a report of 17 April and one of late
November stay apart with no year known.

Ordinal days, parts of a month and the cue words that make a bare month name a month are read
*backwards from the month name*: every such mention starts its scan at a month word.

English reports (``lang="en"``) are read the same way with English tables
(``lexicons/en/``: weekdays, months, relative days, time cues, day parts): "on Tuesday",
"late Wednesday", "yesterday", "last night", "March 3", "3 March 2023", "the 3rd of March";
a month name needs a day beside it or a year after it ("may", "march").
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache, partial

from streams.core.text import PhraseTable, load_rows, normalize_word, phrase_tokens, tokens
from streams.core.text.affixes import strip_proclitic
from streams.core.text.geo import place_tokens

__all__ = [
    "MONTHS",
    "MONTH_FAMILIES",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "Mention",
    "When",
    "incident_day",
    "parse_published",
    "url_date",
]

WEEKDAYS: dict[str, int] = {row[0]: int(row[1]) for row in load_rows("weekdays.tsv")}
MONTHS: dict[str, int] = {row[0]: int(row[1]) for row in load_rows("months.tsv")}
# The standard spelling of each weekday (Monday first) and of each month in each naming
# family (egypt_gulf, levant_iraq, maghreb), January first: the first row of each in the files.
WEEKDAY_NAMES: tuple[str, ...] = tuple(
    next(w for w, d in WEEKDAYS.items() if d == day) for day in range(7)
)


def _month_families() -> dict[str, tuple[str, ...]]:
    families: dict[str, list[str]] = {}
    for word, _month, family, *_ in load_rows("months.tsv"):
        if family != "-":
            families.setdefault(family, []).append(word)
    return {family: tuple(words) for family, words in families.items()}


MONTH_FAMILIES = _month_families()

PUBLISHED_LOOKBACK_DAYS = 5  # a report with no day words is about the last few days
SPEECH_REACH = 5  # a speech verb this many words before a day makes it the day someone spoke
CUE_REACH = 10  # a day this close to an incident word is the incident's day
MARGIN = 1.0  # a day must outweigh any other day the text names by this much to be the incident's
# a month is the incident's only in the lead or beside an incident word ("هجوم مماثل الشهر
# الماضي" deep in the body is another incident's)
MONTH_WEIGHT = 2.5
# "منذ اندلاع الحرب في منتصف أبريل": a month this few words after "since" starts a period
MONTH_SINCE_REACH = 4
_YEAR = re.compile(r"^(19|20)\d\d$")
_HIJRI_YEAR = re.compile(r"^1[34]\d\d$")
URL_DAY = re.compile(
    r"(?<!\d)(20\d\d|19\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
URL_MONTH = re.compile(r"/(20\d\d|19\d\d)/(0[1-9]|1[0-2])/")

# Weekday words are read only with the article ("الأحد" is Sunday, "أحد" is "one").
_WEEKDAY = {normalize_word(w): d for w, d in WEEKDAYS.items()}
_DAY_PARTS = frozenset(normalize_word(row[0]) for row in load_rows("day_parts.tsv"))
_CUES: dict[str, set[str]] = {}
for _word, _role, *_gloss in load_rows("time_cues.tsv"):
    _CUES.setdefault(_role, set()).add(normalize_word(_word))
DATELINE = frozenset(_CUES.get("dateline", ()))
SPEECH = frozenset(_CUES.get("speech", ()))
SINCE = frozenset(_CUES.get("since", ()))
# a month name without day or year names a month only beside one of these ("في آذار", "آذار
# الماضي"): alone, "مارس" and "آب" are also common words
MONTH_BEFORE = frozenset(_CUES.get("month_before", ()))
MONTH_AFTER = frozenset(_CUES.get("month_after", ()))
_ORDINAL_DAYS: dict[tuple[str, ...], int] = {
    phrase_tokens(row[0]): int(row[1]) for row in load_rows("ordinal_days.tsv")
}
_ORDINAL_LONGEST = max(len(k) for k in _ORDINAL_DAYS)
_MONTH_PARTS: dict[str, tuple[int, int]] = {
    normalize_word(row[0]): (int(row[1]), int(row[2])) for row in load_rows("month_parts.tsv")
}


def _table(rows: Sequence[tuple[str, str]]) -> PhraseTable:
    return PhraseTable(((phrase_tokens(p), v) for p, v in rows), readings=strip_proclitic)


_GREGORIAN = _table([(w, str(m)) for w, m in MONTHS.items()])
_HIJRI = _table([(row[0], row[1]) for row in load_rows("hijri_months.tsv")])
_RELATIVE_ROWS = load_rows("relative_days.tsv")
_RELATIVE = _table([(row[0], f"{row[1]};{row[2]}") for row in _RELATIVE_ROWS])
_RELATIVE_MONTHS = _table([(row[0], row[1]) for row in load_rows("relative_months.tsv")])
# a month name needs a day before it or a year after it: "مارس" and "آب" are also common words
_EN_WEEKDAY: dict[str, int] = {row[0]: int(row[1]) for row in load_rows("en/weekdays.tsv")}
_EN_CUES: dict[str, set[str]] = {}
for _word, _role, *_gloss in load_rows("en/time_cues.tsv"):
    _EN_CUES.setdefault(_role, set()).add(_word)
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


def _english_weekday(tok: str) -> int | None:
    """An English weekday, possessive too ("Tuesday's" is tokenized "tuesdays")."""
    found = _EN_WEEKDAY.get(tok)
    if found is None and tok.endswith("s"):
        found = _EN_WEEKDAY.get(tok[:-1])
    return found


def _plain_table(rows: Sequence[tuple[str, str]]) -> PhraseTable:
    return PhraseTable((tuple(p.split()), v) for p, v in rows)


def _english_tokens(text: str) -> list[str]:
    """Lowercase tokens of English text, as the signature's places and kinds read them (so
    cue positions agree), an ordinal read as its number ("3rd" -> "3").
    """
    return [_ORDINAL.sub(r"\1", t) for t in place_tokens(text)]


@dataclass(frozen=True)
class _Language:
    """The tables one language names days with (see the module docstring)."""

    weekday: Callable[[str], int | None]
    day_parts: frozenset[str]
    months: tuple[tuple[PhraseTable, bool], ...]  # (table, Hijri) in the order tried
    relative: PhraseTable
    dateline: frozenset[str]
    speech: frozenset[str]
    since: frozenset[str]
    of: str  # the word that may stand between a day and its month ("من", "of")
    month_first: bool  # "March 3": a month, then its day
    tokens: Callable[[str], list[str]]
    speech_penalty: float = 1.5  # how much less a day right after a speech verb weighs
    ordinal_days: dict[tuple[str, ...], int] | None = None  # "السابع عشر" -> 17
    month_parts: dict[str, tuple[int, int]] | None = None  # "أواخر" -> days 21-31
    month_before: frozenset[str] = frozenset()  # words that make a bare month name a month
    month_after: frozenset[str] = frozenset()
    relative_months: PhraseTable | None = None  # "الشهر الماضي" -> 1 month before publication
    # whether no mention can start at a token (:func:`_starts_nothing`), cached per token
    inert: Callable[[str], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inert = lru_cache(maxsize=65536)(partial(_starts_nothing, lang=self))
        object.__setattr__(self, "inert", inert)  # frozen: set once, here


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


@dataclass(frozen=True)
class When:
    """What the text says about the incident's time.

    ``day``: the incident's day when the text (with a reference day) pins it; ``days``: every
    day the text names, ISO (``--MM-DD`` without a year), the incident's first; ``window``:
    earliest and latest possible day (one day when resolved; the days before publication; a
    month from the URL or the text; None when nothing is known); ``weekday``: the incident's
    weekday even when no date is known; ``weekdays``: every weekday named; ``how``: which
    kind of mention decided; ``month_span``: the stretch of a year (``--MM-DD``, ``--MM-DD``)
    the incident falls in, from its day or its month (part of a month) with or without a year;
    None when the text names neither or names two as strongly.
    """

    day: date | None
    window: tuple[date, date] | None
    weekday: int | None
    how: str
    days: tuple[str, ...] = ()
    weekdays: tuple[int, ...] = ()
    month_span: tuple[str, str] | None = None


def parse_published(value: str | None) -> datetime | None:
    """An ISO 8601 ``published`` value as an aware datetime (UTC when it has no zone), or None."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    for candidate in (text, text[:19], text[:10]):
        try:
            dt = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    return None


def url_date(url: str | None) -> tuple[date, date] | None:
    """A day (window of one) or a month window found in a URL path such as /2023/09/13/."""
    if not url:
        return None
    m = URL_DAY.search(url)
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return (d, d)
        except ValueError:
            pass
    m = URL_MONTH.search(url)
    if m:
        y, mo = int(m[1]), int(m[2])
        return (date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]))
    return None


@lru_cache(maxsize=4096)
def _hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    from hijridate import Hijri  # imported here: only Hijri dates need it

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def _hijri_year_of(ref: date) -> int | None:
    from hijridate import Gregorian

    try:
        return int(Gregorian(ref.year, ref.month, ref.day).to_hijri().year)
    except (ValueError, OverflowError):
        return None


def _number(tok: str, lo: int, hi: int) -> int | None:
    if tok.isdigit() and len(tok) <= 2 and lo <= int(tok) <= hi:
        return int(tok)
    return None


def _weekday_of(tok: str) -> int | None:
    for reading in strip_proclitic(tok):
        if reading.startswith("ال") and reading in _WEEKDAY:
            return _WEEKDAY[reading]
    return None


def _starts_nothing(tok: str, lang: _Language) -> bool:
    """Whether no mention can start at ``tok`` in ``lang`` (:meth:`_Scanner._at` would take
    nothing): not a number, a weekday, or the first word of a month, a relative day or a
    relative month. Most tokens are; the scan skips them without looking further.
    """
    if tok.isdigit() or lang.weekday(tok) is not None:
        return False
    tables = [table for table, _ in lang.months] + [lang.relative]
    if lang.relative_months is not None:
        tables.append(lang.relative_months)
    return not any(table.candidates(tok) for table in tables)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_window(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


_ARABIC = _Language(
    weekday=_weekday_of,
    day_parts=_DAY_PARTS,
    months=((_GREGORIAN, False), (_HIJRI, True)),
    relative=_RELATIVE,
    dateline=DATELINE,
    speech=SPEECH,
    since=SINCE,
    of="من",
    month_first=False,
    tokens=tokens,
    ordinal_days=_ORDINAL_DAYS,
    month_parts=_MONTH_PARTS,
    month_before=MONTH_BEFORE,
    month_after=MONTH_AFTER,
    relative_months=_RELATIVE_MONTHS,
)
_ENGLISH = _Language(
    weekday=_english_weekday,
    day_parts=frozenset(row[0] for row in load_rows("en/day_parts.tsv")),
    months=((_plain_table([(r[0], r[1]) for r in load_rows("en/months.tsv")]), False),),
    relative=_plain_table([(r[0], f"{r[1]};{r[2]}") for r in load_rows("en/relative_days.tsv")]),
    dateline=frozenset(_EN_CUES.get("dateline", ())),
    speech=frozenset(_EN_CUES.get("speech", ())),
    since=frozenset(_EN_CUES.get("since", ())),
    of="of",
    month_first=True,
    tokens=_english_tokens,
    # wire copy dates its statements: "the ministry said on Wednesday" is when it spoke
    speech_penalty=3.0,
)
_LANGUAGES = {"ar": _ARABIC, "en": _ENGLISH}


class _Scanner:
    """The mentions of one token list (see :func:`incident_day`)."""

    def __init__(self, toks: list[str], ref: date | None, lang: _Language = _ARABIC) -> None:
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
            return _safe_date(year, month, day), False
        if self.ref is None:
            return None, False
        found = _safe_date(self.ref.year, month, day)
        if found is not None and found > self.ref + timedelta(days=1):
            found = _safe_date(self.ref.year - 1, month, day)
        return found, True

    def scan(self) -> None:
        toks, i = self.toks, 0
        inert = self.lang.inert
        while i < len(toks):
            i += 1 if inert(toks[i]) else self._at(i) or 1

    def _at(self, i: int) -> int:
        toks, lang = self.toks, self.lang
        tok = toks[i]
        day = _number(tok, 1, 31)
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
                month_n = _number(toks[i + 1], 1, 12)
                if month_n is not None and _YEAR.match(toks[i + 2]):
                    self._date(i, day, month_n, int(toks[i + 2]), False, kind="numeric")
                    return 3
        if _YEAR.match(tok) and i + 2 < len(toks):
            month_n, day_n = _number(toks[i + 1], 1, 12), _number(toks[i + 2], 1, 31)
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
            day_n = _number(toks[after], 1, 31) if lang.month_first and after < len(toks) else None
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
        for n in range(min(_ORDINAL_LONGEST, end), 0, -1):
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
                hy = _hijri_year_of(self.ref)
            found = _hijri_to_gregorian(hy, month, day) if hy else None
            if found is not None and year is None and self.ref and found > self.ref:
                found = _hijri_to_gregorian(hy - 1, month, day) if hy else None
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
            hy = year if year is not None else (_hijri_year_of(self.ref) if self.ref else None)
            first = _hijri_to_gregorian(hy, month, 1) if hy else None
            last = _hijri_to_gregorian(hy, month, 29) if hy else None
            if first is None or last is None:
                return
            if year is None and self.ref is not None and first > self.ref:
                first = _hijri_to_gregorian(hy - 1, month, 1) if hy else None
                last = _hijri_to_gregorian(hy - 1, month, 29) if hy else None
                if first is None or last is None:
                    return
            window = (first, last + timedelta(days=1))
        else:
            if year is None:
                return
            window = _month_window(year, month)
            if part is not None:
                window = (
                    window[0].replace(day=part[0]),
                    window[1].replace(day=min(part[1], window[1].day)),
                )
        self._add(Mention(i, "month", 1.0, window=window, span=_span_of(*window)), "")

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


def _span_of(first: date, last: date) -> tuple[str, str]:
    return first.strftime("--%m-%d"), last.strftime("--%m-%d")


def _year_span(m: Mention) -> tuple[str, str] | None:
    """The stretch of a year a mention puts the incident in: its day, else its month."""
    if m.day is not None:
        return _span_of(m.day, m.day)
    if m.month_day is not None:
        md = f"--{m.month_day[0]:02d}-{m.month_day[1]:02d}"
        return md, md
    return m.span


def _speech_before(toks: list[str], i: int, speech: frozenset[str] = SPEECH) -> bool:
    return any(r in speech for t in toks[max(0, i - SPEECH_REACH) : i] for r in strip_proclitic(t))


def within(cues: Sequence[int], pos: int, reach: int) -> bool:
    """Whether a position of the sorted ``cues`` lies within ``reach`` of ``pos`` (a binary
    search: a long article names thousands of cues and mentions).
    """
    i = bisect_left(cues, pos - reach)
    return i < len(cues) and cues[i] <= pos + reach


def _weigh(
    m: Mention, toks: list[str], lead_end: int, cues: Sequence[int], lang: _Language = _ARABIC
) -> float:
    score = m.score
    if m.pos < lead_end:
        score += 2.0
    if within(cues, m.pos, CUE_REACH):
        score += 1.5
    if _speech_before(toks, m.pos, lang.speech):
        score -= lang.speech_penalty
    return score


def _pair_relative_weekdays(mentions: list[Mention]) -> list[Mention]:
    """ "أمس الجمعة": a weekday beside a relative day names the same day; when the
    weekday alone would resolve to the reference day itself, the relative word is right.
    """
    out = list(mentions)
    for n, m in enumerate(out):
        if m.kind != "weekday" or m.day is None:
            continue
        for r in out:
            beside = r.kind == "relative" and r.day is not None and abs(r.pos - m.pos) <= 2
            if beside and r.day is not None and r.day.weekday() != m.weekday and m.day > r.day:
                fixed = m.day - timedelta(days=7)
                out[n] = Mention(m.pos, m.kind, m.score, fixed, None, None, m.weekday)
    return out


def incident_day(
    lead: str,
    published: datetime | None,
    url: str | None = None,
    body: str = "",
    cues: Sequence[int] = (),
    lang: str = "ar",
) -> When:
    """The incident's time from the article's lead (title + first sentences) and body.

    ``cues``: token positions (in ``tokens(lead) + tokens(body)``; for English, the place
    tokens) of words naming the incident; a day mentioned near one is the incident's day.
    ``lang``: "en" reads English day words, anything else Arabic. Deterministic: the same
    text and reference give the same answer.
    """
    language = _LANGUAGES.get(lang, _ARABIC)
    cues = sorted(cues)
    lead_toks, body_toks = language.tokens(lead), language.tokens(body)
    toks = lead_toks + body_toks
    ref: date | None = published.date() if published else None
    from_url = url_date(url)
    if ref is None and from_url and from_url[0] == from_url[1]:
        ref = from_url[0]
    scanner = _Scanner(toks, ref, language)
    scanner.scan()
    if ref is None and scanner.dateline is not None:
        ref = scanner.dateline
        scanner = _Scanner(toks, ref, language)
        scanner.scan()
    mentions = _pair_relative_weekdays(scanner.mentions)
    weighed = sorted(
        ((_weigh(m, toks, len(lead_toks), cues, language), m) for m in mentions),
        key=lambda sm: (-sm[0], sm[1].pos),
    )
    days = _days([m for _, m in weighed])
    weekdays = tuple(sorted({m.weekday for m in mentions if m.weekday is not None}))
    pinned = [(s, m) for s, m in weighed if m.day is not None or m.month_day is not None]
    named = [(s, m) for s, m in weighed if m.weekday is not None]
    best = _clear_winner(pinned, lambda m: m.day or m.month_day)
    spanned = [
        (s, m)
        for s, m in weighed
        if _year_span(m) is not None and (m.kind != "month" or s >= MONTH_WEIGHT)
    ]
    in_year = _clear_winner(spanned, _year_span)
    month_span = _year_span(in_year) if in_year is not None else None
    weekday_of = _clear_winner(named, lambda m: m.weekday)
    weekday = weekday_of.weekday if weekday_of is not None else None
    if best is not None and best.day is not None:
        return When(
            best.day, (best.day, best.day), best.day.weekday(), best.kind, days, weekdays,
            month_span,
        )  # fmt: skip
    if ref is not None:
        stretch = _named_month(in_year, ref)
        if stretch is not None:  # "أواخر تشرين الثاني" in a report of March: last November
            return When(None, stretch, weekday, "month", days, weekdays, month_span)
        window = (ref - timedelta(days=PUBLISHED_LOOKBACK_DAYS), ref)
        return When(None, window, weekday, "published", days, weekdays, month_span)
    months = [m.window for _, m in weighed if m.window is not None]
    if from_url:
        return When(None, from_url, weekday, "url", days, weekdays, month_span)
    if months:
        return When(None, months[0], weekday, "month", days, weekdays, month_span)
    return When(None, None, weekday, "unknown", days, weekdays, month_span)


def _named_month(m: Mention | None, ref: date) -> tuple[date, date] | None:
    """The window of a month (or part of one) that is the incident's time: as written with
    its year, else the most recent such stretch that starts on or before ``ref``.
    """
    if m is None or m.kind != "month":
        return None
    if m.window is not None:
        return m.window
    if m.span is None:
        return None
    (m1, d1), (m2, d2) = ((int(x[2:4]), int(x[5:7])) for x in m.span)
    year = ref.year if (m1, d1) <= (ref.month, ref.day) else ref.year - 1
    first = _safe_date(year, m1, min(d1, calendar.monthrange(year, m1)[1]))
    last = _safe_date(year, m2, min(d2, calendar.monthrange(year, m2)[1]))
    return (first, last) if first is not None and last is not None else None


def _clear_winner(
    ranked: list[tuple[float, Mention]], value: Callable[[Mention], object]
) -> Mention | None:
    """The best mention, unless one naming another value scores within :data:`MARGIN` of it:
    a report that names two days as strongly leaves its incident's day open.
    """
    if not ranked:
        return None
    top_score, top = ranked[0]
    for score, other in ranked[1:]:
        if top_score - score >= MARGIN:
            break
        if value(other) != value(top):
            return None
    return top


def _days(mentions: list[Mention]) -> tuple[str, ...]:
    out: list[str] = []
    for m in mentions:
        if m.day is not None:
            text = m.day.isoformat()
        elif m.month_day is not None:
            text = f"--{m.month_day[0]:02d}-{m.month_day[1]:02d}"
        else:
            continue
        if text not in out:
            out.append(text)
    return tuple(out[:8])

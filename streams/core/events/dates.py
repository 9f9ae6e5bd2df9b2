"""When did it happen? The incident's day, weekday and window, read from the text itself.

All functions are pure. A text names days in many ways: a weekday ("مساء الأربعاء"), a day
relative to publication ("أمس", "فجر اليوم", "ليلة أمس"), a date with a Gregorian month in any
of its naming families ("15 كانون الثاني 2020", "15 يناير"), a numeric date ("15/01/2020"), a
Hijri date ("28 رمضان 1444 هـ", read with the Umm al-Qura calendar) or a month ("شهر رمضان",
"أغسطس 2024"). :func:`incident_day` finds every such *mention* and weighs it: a mention in the
title or lead, or beside a word for the incident (the kind cues of ``incident_kinds.tsv``), is
the incident's day; one right after a speech verb ("وقالت ... الثلاثاء") is more likely the day
someone spoke; a dateline ("نشر بتاريخ ...") is the page's date, used as the reference day when
the article has no ``published``; "منذ" (since) starts a period and is no day at all.

Relative words and weekdays resolve against the reference day (``published``, else a dateline,
else a day in the URL): "أمس" = the day before, "الخميس" = the most recent Thursday on or
before it. Without a reference a weekday stays a weekday, and a date without a year keeps its
month and day (``--MM-DD``): two undated reports still compare on them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from streams.core.text import PhraseTable, load_rows, normalize_word, phrase_tokens, tokens
from streams.core.text.affixes import strip_proclitic

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


def _table(rows: Sequence[tuple[str, str]]) -> PhraseTable:
    return PhraseTable(((phrase_tokens(p), v) for p, v in rows), readings=strip_proclitic)


_GREGORIAN = _table([(w, str(m)) for w, m in MONTHS.items()])
_HIJRI = _table([(row[0], row[1]) for row in load_rows("hijri_months.tsv")])
_RELATIVE_ROWS = load_rows("relative_days.tsv")
_RELATIVE = _table([(row[0], f"{row[1]};{row[2]}") for row in _RELATIVE_ROWS])
# a month name needs a day before it or a year after it: "مارس" and "آب" are also common words


@dataclass(frozen=True)
class Mention:
    """One way the text names a day: where (token index), what, and how strongly.

    ``day``: the day it resolves to (None without a reference); ``month_day``: (month, day)
    of a date written without a year; ``window``: a month it names; ``weekday``: 0 = Monday.
    """

    pos: int
    kind: str
    score: float
    day: date | None = None
    month_day: tuple[int, int] | None = None
    window: tuple[date, date] | None = None
    weekday: int | None = None


@dataclass(frozen=True)
class When:
    """What the text says about the incident's time.

    ``day``: the incident's day when the text (with a reference day) pins it; ``days``: every
    day the text names, ISO (``--MM-DD`` without a year), the incident's first; ``window``:
    earliest and latest possible day (one day when resolved; the days before publication; a
    month from the URL or the text; None when nothing is known); ``weekday``: the incident's
    weekday even when no date is known; ``weekdays``: every weekday named; ``how``: which
    kind of mention decided.
    """

    day: date | None
    window: tuple[date, date] | None
    weekday: int | None
    how: str
    days: tuple[str, ...] = ()
    weekdays: tuple[int, ...] = ()


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


@lru_cache(maxsize=65536)
def _inert(tok: str) -> bool:
    """Whether no mention can start at ``tok`` (:meth:`_Scanner._at` would take nothing):
    not a number, a weekday, or the first word of a month or a relative day. Most tokens
    are; the scan skips them without looking further.
    """
    if tok.isdigit() or _weekday_of(tok) is not None:
        return False
    return not any(table.candidates(tok) for table in (_GREGORIAN, _HIJRI, _RELATIVE))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_window(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


class _Scanner:
    """The mentions of one token list (see :func:`incident_day`)."""

    def __init__(self, toks: list[str], ref: date | None) -> None:
        self.toks = toks
        self.ref = ref
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
        while i < len(toks):
            i += 1 if _inert(toks[i]) else self._at(i) or 1

    def _at(self, i: int) -> int:
        toks = self.toks
        tok = toks[i]
        day = _number(tok, 1, 31)
        if day is not None:
            j = i + 1
            if j < len(toks) and toks[j] == "من":
                j += 1
            for table, hijri in ((_GREGORIAN, False), (_HIJRI, True)):
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
        weekday = _weekday_of(tok)
        if weekday is not None:
            timed = i > 0 and any(r in _DAY_PARTS for r in strip_proclitic(toks[i - 1]))
            self._weekday(i, weekday, timed)
            return 1
        rel = next((m for m in _RELATIVE.find(toks[i : i + 4]) if m.start == 0), None)
        if rel is not None:
            back, unless = rel.key.split(";")
            nxt = toks[i + rel.end] if i + rel.end < len(toks) else ""
            if unless == "-" or nxt not in unless.split("|"):
                self._relative(i, int(back))
            return rel.end
        for table, hijri in ((_GREGORIAN, False), (_HIJRI, True)):
            found = next((m for m in table.find(toks[i : i + 3]) if m.start == 0), None)
            if found is None:
                continue
            year, taken = self._year_after(i + found.end)
            if year is not None or (hijri and i > 0 and toks[i - 1] in {"شهر", "بشهر"}):
                self._month(i, int(found.key), year, hijri)
            return found.end + taken
        return 0

    def _context(self, i: int) -> str:
        before = self.toks[max(0, i - 3) : i]
        if any(r in DATELINE for t in before for r in strip_proclitic(t)):
            return "dateline"
        if i > 0 and any(r in SINCE for r in strip_proclitic(self.toks[i - 1])):
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

    def _month(self, i: int, month: int, year: int | None, hijri: bool) -> None:
        if self._context(i):
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
        self._add(Mention(i, "month", 1.0, window=window), "")

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
                mention.window, mention.day.weekday(),
            )  # fmt: skip
        self.mentions.append(mention)


def _speech_before(toks: list[str], i: int) -> bool:
    return any(r in SPEECH for t in toks[max(0, i - SPEECH_REACH) : i] for r in strip_proclitic(t))


def _weigh(m: Mention, toks: list[str], lead_end: int, cues: Sequence[int]) -> float:
    score = m.score
    if m.pos < lead_end:
        score += 2.0
    if any(abs(m.pos - c) <= CUE_REACH for c in cues):
        score += 1.5
    if _speech_before(toks, m.pos):
        score -= 1.5
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
) -> When:
    """The incident's time from the article's lead (title + first sentences) and body.

    ``cues``: token positions (in ``tokens(lead) + tokens(body)``) of words naming the
    incident; a day mentioned near one is the incident's day. Deterministic: the same text
    and reference give the same answer.
    """
    lead_toks, body_toks = tokens(lead), tokens(body)
    toks = lead_toks + body_toks
    ref: date | None = published.date() if published else None
    from_url = url_date(url)
    if ref is None and from_url and from_url[0] == from_url[1]:
        ref = from_url[0]
    scanner = _Scanner(toks, ref)
    scanner.scan()
    if ref is None and scanner.dateline is not None:
        ref = scanner.dateline
        scanner = _Scanner(toks, ref)
        scanner.scan()
    mentions = _pair_relative_weekdays(scanner.mentions)
    weighed = sorted(
        ((_weigh(m, toks, len(lead_toks), cues), m) for m in mentions),
        key=lambda sm: (-sm[0], sm[1].pos),
    )
    days = _days([m for _, m in weighed])
    weekdays = tuple(sorted({m.weekday for m in mentions if m.weekday is not None}))
    pinned = [(s, m) for s, m in weighed if m.day is not None or m.month_day is not None]
    named = [(s, m) for s, m in weighed if m.weekday is not None]
    best = _clear_winner(pinned, lambda m: m.day or m.month_day)
    weekday_of = _clear_winner(named, lambda m: m.weekday)
    weekday = weekday_of.weekday if weekday_of is not None else None
    if best is not None and best.day is not None:
        return When(best.day, (best.day, best.day), best.day.weekday(), best.kind, days, weekdays)
    if ref is not None:
        window = (ref - timedelta(days=PUBLISHED_LOOKBACK_DAYS), ref)
        return When(None, window, weekday, "published", days, weekdays)
    months = [m.window for _, m in weighed if m.window is not None]
    if from_url:
        return When(None, from_url, weekday, "url", days, weekdays)
    if months:
        return When(None, months[0], weekday, "month", days, weekdays)
    return When(None, None, weekday, "unknown", days, weekdays)


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

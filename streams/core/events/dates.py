"""When did it happen? Incident days from ``published`` plus relative words, explicit dates, URLs.

All functions are pure. Days are ``datetime.date``; the reference day is the day of
publication. Relative words resolve against it ("أمس" = day before, "مساء أول أمس" =
two days before, "الخميس" = the most recent Thursday on or before it).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from streams.core.text import load_rows, normalize

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

_WD = {normalize(k): v for k, v in WEEKDAYS.items()}
_MO = {normalize(k): v for k, v in MONTHS.items()}
_WD_ALT = "|".join(sorted(map(re.escape, _WD), key=len, reverse=True))
_MO_ALT = "|".join(sorted(map(re.escape, _MO), key=len, reverse=True))
_P = r"(?:^|(?<=[\s\(«\"'،,.]))[وفب]?"  # word start, optional conjunction/preposition
EXPLICIT_DATE = re.compile(
    rf"\b(\d{{1,2}})\s*(?:من\s+)?[/-]?\s*({_MO_ALT})\s*(?:[/-]?\s*(\d{{4}}))?"
)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](20\d\d|19\d\d)\b")


def _relative_patterns() -> list[tuple[re.Pattern[str], int]]:
    """One pattern per number of days before publication (lexicons/relative_days.tsv)."""
    by_days: dict[int, list[str]] = {}
    for phrase, days, unless, *_ in load_rows("relative_days.tsv"):
        alt = r"\s+".join(map(re.escape, phrase.split()))
        if unless != "-":
            alt += r"(?!\s+(?:" + "|".join(map(re.escape, unless.split("|"))) + "))"
        by_days.setdefault(int(days), []).append(alt)
    return [
        (re.compile(_P + "(?:" + "|".join(alts) + ")"), days)
        for days, alts in sorted(by_days.items(), reverse=True)
    ]


# relative expressions; value = days before publication
RELATIVE = _relative_patterns()
_DAY_PARTS = "|".join(re.escape(row[0]) for row in load_rows("day_parts.tsv"))
WEEKDAY_RE = re.compile(_P + rf"(?:يوم\s+)?(?:ال)?({_WD_ALT})")
TIMED_WEEKDAY_RE = re.compile(_P + rf"(?:{_DAY_PARTS})\s+\(?(?:ال)?({_WD_ALT})")
URL_DAY = re.compile(
    r"(?<!\d)(20\d\d|19\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
PUBLISHED_LOOKBACK_DAYS = 5  # a report with no day words is about the last few days
URL_MONTH = re.compile(r"/(20\d\d|19\d\d)/(0[1-9]|1[0-2])/")


@dataclass(frozen=True)
class DayInfo:
    """What the text says about the incident's day.

    ``day``: the resolved day (None if unknown); ``window``: earliest and latest possible
    day (a single day when resolved; a month from a URL; None when nothing is known);
    ``weekday``: the named weekday (0 = Monday) even when no date is known.
    """

    day: date | None
    window: tuple[date, date] | None
    weekday: int | None
    how: str


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


def _explicit(text: str, ref_year: int | None) -> date | None:
    for m in EXPLICIT_DATE.finditer(text):
        year = int(m[3]) if m[3] else ref_year
        if year is None:
            continue
        try:
            return date(year, _MO[m[2]], int(m[1]))
        except ValueError:
            continue
    for m in NUMERIC_DATE.finditer(text):
        try:
            return date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            continue
    return None


def _weekday(text: str) -> int | None:
    m = WEEKDAY_RE.search(text)
    if not m:
        return None
    return _WD.get(m[1]) if m[1] in _WD else _WD.get("ال" + m[1])


def incident_day(
    lead: str, published: datetime | None, url: str | None = None, body: str = ""
) -> DayInfo:
    """Resolve the incident day from the article's lead (title + first sentences).

    ``body`` (the rest of the text) is read only for a weekday introduced by a time word
    ("يوم السبت", "مساء الأربعاء") when the lead names none.
    """
    text = normalize(lead)
    weekday = _weekday(text)
    if weekday is None and body:
        m = TIMED_WEEKDAY_RE.search(normalize(body))
        if m:
            weekday = _WD.get(m[1]) if m[1] in _WD else _WD.get("ال" + m[1])
    ref: date | None = published.date() if published else None
    if ref is None:
        window = url_date(url)
        if window and window[0] == window[1]:
            ref = window[0]
    explicit = _explicit(text, ref.year if ref else None)
    if explicit and (ref is None or timedelta(0) <= ref - explicit <= timedelta(days=31)):
        return DayInfo(explicit, (explicit, explicit), explicit.weekday(), "explicit")
    if ref is not None:
        rel_hits = [(m.start(), back) for rx, back in RELATIVE for m in [rx.search(text)] if m]
        wd = WEEKDAY_RE.search(text)
        if wd and weekday is not None and (not rel_hits or wd.start() <= min(rel_hits)[0] + 12):
            back = (ref.weekday() - weekday) % 7
            if rel_hits and min(rel_hits)[1] == 1 and back == 0:
                back = 7  # "أمس الجمعة" published on a Friday cannot be the same day
            d = ref - timedelta(days=back)
            return DayInfo(d, (d, d), weekday, "weekday")
        if rel_hits:
            d = ref - timedelta(days=min(rel_hits)[1])
            return DayInfo(d, (d, d), d.weekday(), "relative")
        # published, nothing said: it happened on the day or shortly before
        return DayInfo(
            None, (ref - timedelta(days=PUBLISHED_LOOKBACK_DAYS), ref), weekday, "published"
        )
    window = url_date(url)
    if window:
        return DayInfo(None, window, weekday, "url")
    return DayInfo(None, None, weekday, "unknown")

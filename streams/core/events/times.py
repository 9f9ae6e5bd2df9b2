"""Can two reports' times be one incident's? The time vetoes of :mod:`.relation`.

Both pin the incident's day and the days lie further apart than the incident can span,
unless either report also names the other's day; windows that cannot overlap (the days
before publication, a month); stretches of the year that cannot overlap, read without a year
("السابع عشر من نيسان" against "أواخر تشرين الثاني": a day or a month, whole or in part);
named weekdays two or more days apart, unless either names the other's weekday too.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from .signature import Signature

__all__ = ["parse_day", "time_veto"]


@lru_cache(maxsize=65536)
def parse_day(text: str) -> date | None:
    """An ISO day of a signature, or None (a ``--MM-DD`` day of no known year)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _near(day: str, others: tuple[str, ...], span: int) -> bool:
    """``day`` within ``span`` days of one of ``others`` (month-day forms compare in-year)."""
    d = parse_day(day)
    for other in others:
        o = parse_day(other)
        if d is not None and o is not None:
            if abs((d - o).days) <= span:
                return True
        elif day[-5:] == other[-5:]:
            return True
    return False


def _days_apart(a: Signature, b: Signature, span: int) -> bool:
    """Both pin the day, further apart than ``span``, and neither names the other's."""
    if not (a.day and b.day):
        return False
    da, db = parse_day(a.day), parse_day(b.day)
    if da is None or db is None or abs((da - db).days) <= span:
        return False
    return not _near(a.day, b.days, span) and not _near(b.day, a.days, span)


def _windows_apart(a: Signature, b: Signature, span: int) -> bool:
    if not (a.day_window and b.day_window):
        return False
    lo_a, hi_a = parse_day(a.day_window[0]), parse_day(a.day_window[1])
    lo_b, hi_b = parse_day(b.day_window[0]), parse_day(b.day_window[1])
    if not (lo_a and hi_a and lo_b and hi_b):
        return False
    return (lo_a - hi_b).days > span or (lo_b - hi_a).days > span


#: Days of a leap year: a stretch read without a year is placed in one (29 February exists).
YEAR_DAYS = 366
MONTH_DAYS = 31  # a window longer than a month says too little of the incident's time of year


def _day_of_year(text: str) -> int | None:
    """The day of a leap year of a ``--MM-DD`` or ISO date (0 = 1 January)."""
    return _year_days(text[-5:])


@lru_cache(maxsize=4096)
def _year_days(month_day: str) -> int | None:
    try:
        return (date.fromisoformat(f"2000-{month_day}") - date(2000, 1, 1)).days
    except ValueError:
        return None


def _season(sig: Signature) -> tuple[int, int] | None:
    """The stretch of a year (first, last day of a leap year; first > last across New Year)
    a report puts its incident in: its day, else the month it names, else its window when
    no longer than a month; None when none is known.
    """
    if sig.day:
        span: tuple[str, str] | None = (sig.day, sig.day)
    elif sig.month_span:
        span = sig.month_span
    elif sig.day_window:
        lo, hi = parse_day(sig.day_window[0]), parse_day(sig.day_window[1])
        span = sig.day_window if lo and hi and (hi - lo).days <= MONTH_DAYS else None
    else:
        span = None
    if span is None:
        return None
    first, last = _day_of_year(span[0]), _day_of_year(span[1])
    return (first, last) if first is not None and last is not None else None


def _gap(x: tuple[int, int], y: tuple[int, int]) -> int:
    """Days between two stretches of a year, around the year's end too (0 when they meet)."""

    def inside(d: int, s: tuple[int, int]) -> bool:
        return s[0] <= d <= s[1] if s[0] <= s[1] else d >= s[0] or d <= s[1]

    if inside(x[0], y) or inside(y[0], x):
        return 0
    return min((y[0] - x[1]) % YEAR_DAYS, (x[0] - y[1]) % YEAR_DAYS)


def _seasons_apart(a: Signature, b: Signature, span: int) -> bool:
    """Both place the incident in a stretch of the year (:func:`_season`), more than ``span``
    days apart, and neither names a day within ``span`` of the other's stretch. Read without
    years: a report of a day in April and one of late November are two incidents whatever
    their years; the same month is no evidence either way.
    """
    sa, sb = _season(a), _season(b)
    if sa is None or sb is None or _gap(sa, sb) <= span:
        return False
    return not _names_day_in(a.days, sb, span) and not _names_day_in(b.days, sa, span)


def _names_day_in(days: tuple[str, ...], season: tuple[int, int], span: int) -> bool:
    for day in days:
        d = _day_of_year(day)
        if d is not None and _gap((d, d), season) <= span:
            return True
    return False


def _weekdays_apart(a: Signature, b: Signature) -> bool:
    """Named weekdays two or more days apart, and neither names the other's (a day either
    side: a night, an incident over two days).
    """
    if a.weekday is None or b.weekday is None:
        return False
    return (
        _weekday_gap(a.weekday, (b.weekday,)) >= 2
        and _weekday_gap(a.weekday, b.weekdays) > 1
        and _weekday_gap(b.weekday, a.weekdays) > 1
    )


def time_veto(a: Signature, b: Signature, span: int, disaster: bool = False) -> str | None:
    """Why the times of ``a`` and ``b`` cannot be one incident's, or None (module docstring).

    ``span``: how many days apart an incident of their kind may be reported (two for an
    attack, weeks for a disaster); ``disaster``: weekdays say nothing (a flood lasts days).
    """
    if _days_apart(a, b, span):
        return "days " + " / ".join(sorted((str(a.day), str(b.day))))
    if _windows_apart(a, b, span):
        return "windows " + " / ".join(sorted(map(str, (a.day_window, b.day_window))))
    if _seasons_apart(a, b, span):
        return "months " + " / ".join(sorted(map(str, (_season(a), _season(b)))))
    if not disaster and _weekdays_apart(a, b):
        return "weekdays " + " / ".join(map(str, sorted((a.weekday or 0, b.weekday or 0))))
    return None


def _weekday_gap(day: int, others: tuple[int, ...]) -> int:
    return min((min((day - o) % 7, (o - day) % 7) for o in others), default=7)

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
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from streams.core.text.affixes import strip_proclitic

from .day_mentions import Mention, Scanner, span_of
from .day_words import (
    ARABIC,
    LANGUAGES,
    MONTH_FAMILIES,
    MONTHS,
    SPEECH,
    WEEKDAY_NAMES,
    WEEKDAYS,
    Language,
    safe_date,
)

__all__ = [
    "MONTHS",
    "MONTH_FAMILIES",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "Mention",
    "When",
    "named_month",
    "incident_day",
    "parse_published",
    "url_date",
]

PUBLISHED_LOOKBACK_DAYS = 5  # a report with no day words is about the last few days
SPEECH_REACH = 5  # a speech verb this many words before a day makes it the day someone spoke
CUE_REACH = 10  # a day this close to an incident word is the incident's day
MARGIN = 1.0  # a day must outweigh any other day the text names by this much to be the incident's
# a month is the incident's only in the lead or beside an incident word ("هجوم مماثل الشهر
# الماضي" deep in the body is another incident's)
MONTH_WEIGHT = 2.5
# "منذ اندلاع الحرب في منتصف أبريل": a month this few words after "since" starts a period
URL_DAY = re.compile(
    r"(?<!\d)(20\d\d|19\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
URL_MONTH = re.compile(r"/(20\d\d|19\d\d)/(0[1-9]|1[0-2])/")


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


def _year_span(m: Mention) -> tuple[str, str] | None:
    """The stretch of a year a mention puts the incident in: its day, else its month."""
    if m.day is not None:
        return span_of(m.day, m.day)
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
    m: Mention, toks: list[str], lead_end: int, cues: Sequence[int], lang: Language = ARABIC
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
    language = LANGUAGES.get(lang, ARABIC)
    cues = sorted(cues)
    lead_toks, body_toks = language.tokens(lead), language.tokens(body)
    toks = lead_toks + body_toks
    ref: date | None = published.date() if published else None
    from_url = url_date(url)
    if ref is None and from_url and from_url[0] == from_url[1]:
        ref = from_url[0]
    scanner = Scanner(toks, ref, language)
    scanner.scan()
    if ref is None and scanner.dateline is not None:
        ref = scanner.dateline
        scanner = Scanner(toks, ref, language)
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
        stretch = named_month(in_year, ref)
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


def named_month(m: Mention | None, ref: date) -> tuple[date, date] | None:
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
    first = safe_date(year, m1, min(d1, calendar.monthrange(year, m1)[1]))
    last = safe_date(year, m2, min(d2, calendar.monthrange(year, m2)[1]))
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

"""The words a language names days with: weekdays, months in every naming family, Hijri
months, relative days and months, ordinal days, parts of a month and the cue words around them,
read from the lexicons (``lexicons/*.tsv``, ``lexicons/en/*.tsv``) into one :class:`Language`
per language that :mod:`.day_mentions` scans with.

Weekday words are read only with the article ("الأحد" is Sunday, "أحد" is "one"); a month name
needs a day before it or a year after it, or a cue word beside it: "مارس" and "آب" are also
common words.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial

from streams.core.text import PhraseTable, load_rows, normalize_word, phrase_tokens, tokens
from streams.core.text.affixes import strip_proclitic
from streams.core.text.geo import place_tokens

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
ORDINAL_LONGEST = max(len(k) for k in _ORDINAL_DAYS)
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
class Language:
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
    year_before: frozenset[str] = frozenset()  # words that make a bare number a year ("عام 2018")
    # whether no mention can start at a token (:func:`_starts_nothing`), cached per token
    inert: Callable[[str], bool] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inert = lru_cache(maxsize=65536)(partial(_starts_nothing, lang=self))
        object.__setattr__(self, "inert", inert)  # frozen: set once, here


@lru_cache(maxsize=4096)
def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """A Hijri date (Umm al-Qura) as a Gregorian one; None when it is no such date."""
    from hijridate import Hijri  # imported here: only Hijri dates need it

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def hijri_year_of(ref: date) -> int | None:
    """The Hijri year ``ref`` falls in (what a Hijri date without a year means)."""
    from hijridate import Gregorian

    try:
        return int(Gregorian(ref.year, ref.month, ref.day).to_hijri().year)
    except (ValueError, OverflowError):
        return None


def number_in(tok: str, lo: int, hi: int) -> int | None:
    """``tok`` as a number of one or two digits between ``lo`` and ``hi``, else None."""
    if tok.isdigit() and len(tok) <= 2 and lo <= int(tok) <= hi:
        return int(tok)
    return None


def _weekday_of(tok: str) -> int | None:
    for reading in strip_proclitic(tok):
        if reading.startswith("ال") and reading in _WEEKDAY:
            return _WEEKDAY[reading]
    return None


def _starts_nothing(tok: str, lang: Language) -> bool:
    """Whether no mention can start at ``tok`` in ``lang`` (:meth:`Scanner._at` would take
    nothing): not a number, a weekday, or the first word of a month, a relative day or a
    relative month. Most tokens are; the scan skips them without looking further.
    """
    if tok.isdigit() or lang.weekday(tok) is not None:
        return False
    tables = [table for table, _ in lang.months] + [lang.relative]
    if lang.relative_months is not None:
        tables.append(lang.relative_months)
    return not any(table.candidates(tok) for table in tables)


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day ("31 February")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_window(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


ARABIC = Language(
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
    year_before=frozenset(_CUES.get("year", ())),
)
ENGLISH = Language(
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
    year_before=frozenset(_EN_CUES.get("year", ())),
)
LANGUAGES = {"ar": ARABIC, "en": ENGLISH}

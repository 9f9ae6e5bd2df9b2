"""Background figures: a toll whose own sentence dates it to an earlier time.

Reports recall earlier incidents to set the scene: "In August 2018, clashes in southern
Tripoli killed 117 people", in a report of this week's clashes there; "وفي آذار 2019 قتل
50 شخصا في هجوم مماثل". The figure is a claim the text makes, and it is extracted as one,
but it is not this incident's toll: compared with this incident's figures it would raise an
alert that no one should act on.

A claim is *dated earlier* when its quote names a time — a date, a month with its year, a
bare year ("in 2018"), a month without its year (the latest such month up to publication:
"in January" in a report of October) — and every time it names ended more than :data:`EARLIER_DAYS`
before the article was published. A quote that also names a recent day ("on Monday",
"أمس", "3 March" of this year) is about now; a period that runs up to now ("since 2011",
"منذ عام 2011") is no time at all here (such totals are ``cumulative`` already). Without a
publication date nothing is dated earlier: the rule never guesses what "now" is.

A toll the sentence itself calls a previous one ("Previously the toll was 27 dead", "وكانت
حصيلة سابقة أشارت إلى مقتل 27") is dated earlier too: a superseded figure of a running
count, whoever gave it, is the count's history, not a rival figure (``previous_tolls.tsv``,
in the quote's first words, and not when the same sentence gives the rise).

Days and months are read by the event signature's own tables (:mod:`.day_mentions`), in
the claim's language. An extractor quotes the clause that carries a figure, and the time is
often in the sentence's opening words ("In August 2018, violent clashes broke out ...,
killing 117"): :func:`with_dated_quotes` widens such a claim's quote to the sentence, so the
quote shows the reader why the figure is another incident's, and every later stage reads it
from the claim alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from streams.core.model import Claim
from streams.core.text import PhraseTable, load_rows, phrase_tokens
from streams.core.text.affixes import strip_proclitic

from .dates import named_month, parse_published
from .day_mentions import Scanner
from .day_words import ARABIC, LANGUAGES, Language, month_window

__all__ = [
    "EARLIER_DAYS",
    "dated_earlier",
    "quote_dated_earlier",
    "quote_superseded",
    "with_dated_quotes",
]

EARLIER_DAYS = 60
"""How long before publication a time must have ended to be another incident's: an article
of 2 January that dates its toll "30 December" is about now; one that dates it "August 2018"
(or "March" of the year before) is not."""

_YEAR = re.compile(r"^(19|20)\d\d$")
OPENING_WORDS = 6  # how far into a quote a previous-toll phrase still opens it
_AR_PREVIOUS = PhraseTable(
    ((phrase_tokens(r[0]), r[1]) for r in load_rows("previous_tolls.tsv")),
    readings=strip_proclitic,
)
_EN_PREVIOUS = PhraseTable((tuple(r[0].split()), r[1]) for r in load_rows("en/previous_tolls.tsv"))
_SINCE = ARABIC.since | LANGUAGES["en"].since
# English reads a month name alone nowhere else ("may", "march" are words): here a capitalized
# full name after "in"/"during" with no day or year after it ("In January, an earlier ...")
_EN_MONTHS = {r[2]: int(r[1]) for r in load_rows("en/months.tsv") if r[2] != "abbreviation"}
_EN_BARE_MONTH = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Ss]ince)\s+(" + "|".join(_EN_MONTHS) + r")\b(?![\s,]*\d)"
)
# where a sentence ends: a full stop, question or exclamation mark before a space, or a line end
_SENTENCE_END = re.compile(r"[.!?\u061f](?=\s)|\n")
LEAD_CHARS = 300  # how far back a quote's sentence is looked for its opening words


def dated_earlier(claim: Claim) -> bool:
    """Whether ``claim``'s own quote dates its figure to an earlier time (module docstring)."""
    return quote_dated_earlier(claim.quote, claim.published, claim.lang) or quote_superseded(
        claim.quote, claim.lang
    )


@lru_cache(maxsize=16384)
def quote_superseded(quote: str, lang: str | None = None) -> bool:
    """Whether ``quote`` opens by calling its toll a previous one, and gives no rise."""
    language = _language(lang)
    table = _AR_PREVIOUS if language is ARABIC else _EN_PREVIOUS
    found = table.find(language.tokens(quote))
    opens = any(m.key == "opens" and m.start < OPENING_WORDS for m in found)
    return opens and not any(m.key == "rise" for m in found)


@lru_cache(maxsize=16384)
def quote_dated_earlier(quote: str, published: str | None, lang: str | None = None) -> bool:
    """:func:`dated_earlier` of a quote, a publication time (ISO 8601) and a language."""
    when = parse_published(published)
    if when is None or not quote:
        return False
    ref = when.date()
    language = _language(lang)
    toks = language.tokens(quote)
    scanner = Scanner(toks, ref, language)
    scanner.scan()
    # a month named without its year is the latest such month up to publication
    ends = [_end(m.day, m.window or named_month(m, ref)) for m in scanner.mentions]
    starts = [m.pos for m in scanner.mentions]
    # a bare year is the whole year; one closing a date or a month is read with it above
    ends += [
        date(int(t), 12, 31)
        for i, t in enumerate(toks)
        if _YEAR.match(t)
        and _year_cue(toks, i, language.year_before)
        and not any(i - 4 <= p < i for p in starts)
    ]
    if language is LANGUAGES["en"]:
        ends += _english_bare_months(quote, ref)
    known = [end for end in ends if end is not None]
    return bool(known) and max(known) < ref - timedelta(days=EARLIER_DAYS)


def _english_bare_months(quote: str, ref: date) -> list[date]:
    """The last day of each month an English quote names alone, the latest such month up to
    ``ref`` ("In January" in a report of October: January of that year); "since January" is a
    period up to now, no time.
    """
    ends = []
    for match in _EN_BARE_MONTH.finditer(quote):
        if match.group(0)[:1] in "Ss":
            continue
        month = _EN_MONTHS[match.group(1)]
        year = ref.year if month <= ref.month else ref.year - 1
        ends.append(month_window(year, month)[1])
    return ends


def _language(lang: str | None) -> Language:
    """The day-word tables of a claim's language (Arabic when it has none)."""
    return LANGUAGES.get(lang or "ar", ARABIC)


def _end(day: date | None, window: tuple[date, date] | None) -> date | None:
    if day is not None:
        return day
    return window[1] if window is not None else None


def _year_cue(toks: list[str], i: int, cues: frozenset[str]) -> bool:
    """A bare year: a four-digit number right after a year word ("عام 2018", "in 2018"). Any
    other such number may be a figure ("أكثر من 2000", "killing 2000 people"); a year after
    "since" ("منذ عام 2011") opens a period up to now, no time at all.
    """
    if i == 0 or not any(r in cues for r in strip_proclitic(toks[i - 1].lower())):
        return False
    return not any(r in _SINCE for t in toks[max(0, i - 3) : i] for r in strip_proclitic(t.lower()))


def with_dated_quotes(
    text: str, claims: Iterable[Claim], published: str | None, lang: str | None
) -> list[Claim]:
    """``claims`` of ``text``, each event-scope quote that its sentence's opening words date
    earlier widened to those words (module docstring); the others as they are.
    """
    out = []
    for claim in claims:
        lead = _lead_in(text, claim.quote) if claim.scope == "event" else ""
        if lead and not quote_dated_earlier(claim.quote, published, lang):
            widened = f"{lead}{claim.quote}"
            if quote_dated_earlier(widened, published, lang):
                claim = replace(claim, quote=widened)
        out.append(claim)
    return out


def _lead_in(text: str, quote: str) -> str:
    """The words of ``quote``'s sentence in ``text`` before it ('' when it opens the sentence
    or is not found as written).
    """
    pos = text.find(quote) if quote else -1
    if pos <= 0:
        return ""
    window = text[max(0, pos - LEAD_CHARS) : pos]
    ends = list(_SENTENCE_END.finditer(window))
    lead = window[ends[-1].end() :] if ends else window
    return lead.lstrip() if lead.strip() else ""

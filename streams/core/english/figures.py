"""Figures in a sentence: numbers, number words, vague quantities, ranges, and their hedges.

``parse_figures(low)`` reads a sentence's lowercase tokens and returns every figure in token
order, each with the range its wording allows (eval-dev-en conventions: "more than 80" ->
81..None, "at least 87" -> 87..None, "about 70" -> 70..70 approximate, "dozens" -> 20..99
approximate, "a dozen" -> 12, "between 40 and 60" -> 40..60). Figures that count something other
than people (dates, years, times, ages, money, percentages, measures, objects) are returned too,
with ``other`` saying why, so that later stages never read across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.core.text.lexicon import literal_regex

from .lexicon import PhraseTable, kinds_of, load_rows, words_of_kind

__all__ = ["Figure", "parse_figures", "NUMBER_WORD_RE", "NUMBER_WORDS"]

_NUMBERS: dict[str, tuple[int, str]] = {r[0]: (int(r[1]), r[2]) for r in load_rows("numbers.tsv")}
_VAGUE_ROWS = load_rows("vague.tsv")
_VAGUE: PhraseTable[tuple[int, int, bool]] = PhraseTable(
    (r[0], (int(r[1]), int(r[2]), r[3] == "yes")) for r in _VAGUE_ROWS
)
# "a"/"an" open a number only before a scale word or "dozen" ("a hundred") or as the first word
# of a vague phrase ("a few dozen"): a third of the tokens a figure may start with in wire copy,
# each set aside by one look at the next token (a vague phrase of an article alone: never)
_ARTICLES = frozenset(w for w, (_, k) in _NUMBERS.items() if k == "article")
_AFTER_ARTICLE = frozenset(w for w, (_, k) in _NUMBERS.items() if k in ("scale", "dozen")) | {
    p[1] for p in (r[0].split() for r in _VAGUE_ROWS) if p[0] in _ARTICLES and len(p) > 1
}
if any(r[0] in _ARTICLES for r in _VAGUE_ROWS):
    _ARTICLES = frozenset()
_HEDGE_BEFORE: PhraseTable[str] = PhraseTable(
    (r[0], r[1]) for r in load_rows("hedges.tsv") if r[2] == "before"
)
_HEDGE_AFTER: PhraseTable[str] = PhraseTable(
    (r[0], r[1]) for r in load_rows("hedges.tsv") if r[2] == "after"
)
_NONCASUALTY = kinds_of("noncasualty.tsv")
# single-word casualty cues: "scores wounded" is a quantity even without "of"
_CUE_WORDS = frozenset(r[0] for r in load_rows("metrics.tsv") if " " not in r[0] and r[1] != "none")
_UNIT_KINDS = frozenset({"time", "money", "percent", "measure"})
_GRAMMAR = kinds_of("grammar.tsv")
_MONTHS = words_of_kind(_GRAMMAR, "month")
_YEAR_PREP = words_of_kind(_GRAMMAR, "year_prep")
_AGE = words_of_kind(_GRAMMAR, "age")
_ONE_PRONOUN = words_of_kind(_GRAMMAR, "one_pronoun")
_RISE = words_of_kind(kinds_of("modality.tsv"), "rise")
_CURRENCY = frozenset(w for w, k in _NONCASUALTY.items() if "money" in k and not w.isalpha())

_DIGITS = frozenset("0123456789")
DIGITS_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?$")
RANGE_RE = re.compile(r"(\d+(?:,\d{3})*)[-–](\d+(?:,\d{3})*)$")
NUMBER_WORDS = sorted(
    (
        {w for w, (_, k) in _NUMBERS.items() if k != "article"}
        | {"dozens", "scores", "tens", "hundreds", "thousands", "millions"}
    ),
    key=len,
    reverse=True,
)
# on lowercase text: a number word; digits are found apart, by a plain scan (a leading "\d|"
# would try both branches at every character: nearly twice as slow)
NUMBER_WORD_RE = re.compile(r"\b" + literal_regex(NUMBER_WORDS))
# every token a figure may start with, besides digits ("twenty-three" included)
_TENS = [w for w, (_, k) in _NUMBERS.items() if k == "tens"]
_UNITS = [w for w, (_, k) in _NUMBERS.items() if k == "unit"]
NUMBER_STARTS = (
    frozenset(_NUMBERS)
    | frozenset(f"{t}-{u}" for t in _TENS for u in _UNITS)
    | _VAGUE.first
    | {"half"}
)


@dataclass(slots=True)
class Figure:
    """A figure: tokens ``i0..i1`` (hedges included), the number itself at ``n0..n1``.

    ``base`` is the number as written (the lower end of a range); ``min``/``max`` the range
    the wording allows (``max`` None = open-ended). ``other`` is None for a count of people, else
    why it is none (``"date"``, ``"money"``, ...). ``rise_from`` marks the first figure of
    "rose from 20 to 27", which is no statement of its own.
    """

    i0: int
    n0: int
    n1: int
    i1: int
    base: int
    min: int
    max: int | None
    approximate: bool
    vague: bool = False
    other: str | None = None
    rise_from: bool = False


def _digits(tok: str) -> float | None:
    if DIGITS_RE.match(tok) is None:
        return None
    return float(tok.replace(",", ""))


def _is_number_word(tok: str) -> bool:
    return tok.split("-", 1)[0] in _NUMBERS


def _words_number(low: list[str], i: int) -> tuple[int, int] | None:
    """(tokens used, value) of a number written in words at ``i`` ("twenty-three", "one
    hundred and twenty", "a dozen", "two dozen", "half a dozen"), or None.
    """
    n = len(low)
    if low[i] == "half" and i + 2 < n and low[i + 1] in ("a", "an") and low[i + 2] == "dozen":
        return 3, 6
    total = cur = 0
    j = i
    used = 0
    last_kind = ""
    while j < n:
        tok = low[j]
        parts = tok.split("-") if "-" in tok else [tok]
        if not all(p in _NUMBERS for p in parts):
            if tok == "and" and last_kind == "scale" and j + 1 < n and _is_number_word(low[j + 1]):
                j += 1
                continue
            break
        ok = True
        for p in parts:
            value, kind = _NUMBERS[p]
            if kind == "article":
                nxt = low[j + 1] if j + 1 < n else ""
                if used or _NUMBERS.get(nxt, (0, ""))[1] not in ("scale", "dozen"):
                    ok = False
                    break
                cur = 1
            elif kind in ("unit", "teen"):
                if cur % 100 >= 10 and kind == "teen" or cur % 10:
                    ok = False
                    break
                cur += value
            elif kind == "tens":
                if cur % 100:
                    ok = False
                    break
                cur += value
            elif kind == "dozen":
                cur = (cur or 1) * 12
            elif value == 100:
                cur = (cur or 1) * 100
            else:
                total += (cur or 1) * value
                cur = 0
            last_kind = kind
        if not ok:
            break
        used = j - i + 1
        j += 1
    if not used:
        return None
    return used, total + cur


def _number_at(low: list[str], i: int) -> tuple[int, int, int, bool] | None:
    """(tokens used, min, max, vague) of the number starting at token ``i``, or None."""
    tok = low[i]
    n = len(low)
    vague = _VAGUE.match(low, i) if tok in _VAGUE.first else None
    if vague is not None:
        used, (lo, hi, needs_of) = vague
        nxt = low[i + used] if i + used < n else ""
        if not needs_of or nxt == "of" or nxt in _CUE_WORDS:
            return used, lo, hi, True
    c = tok[0]
    if c.isdigit():
        rng = RANGE_RE.match(tok)
        if rng is not None:
            lo, hi = int(rng.group(1).replace(",", "")), int(rng.group(2).replace(",", ""))
            return (1, lo, hi, False) if lo < hi else None
        value = _digits(tok)
        if value is None:
            return None
        used = 1
        if i + 1 < n and low[i + 1] in ("thousand", "million"):
            value *= _NUMBERS[low[i + 1]][0]
            used = 2
        elif value != int(value):
            return None
        return used, int(value), int(value), False
    if _is_number_word(tok) or tok == "half":
        words = _words_number(low, i)
        if words is not None:
            used, value = words
            return used, value, value, False
    return None


def _other(low: list[str], n0: int, n1: int, value: int, digit: bool) -> str | None:
    """Why the figure at ``n0..n1`` counts no people (date, money, ...), else None."""
    n = len(low)
    prev = low[n0 - 1] if n0 else ""
    nxt = low[n1] if n1 < n else ""
    if prev in _CURRENCY or prev == "us$" or nxt in ("%",):
        return "money" if prev else "percent"
    if prev in _MONTHS or nxt in _MONTHS:
        return "date"
    if prev in _AGE:
        return "age"
    if digit and nxt == ":" and n1 + 1 < n and low[n1 + 1][:1].isdigit():
        return "time"
    if prev == ":" and n0 >= 2 and low[n0 - 2][:1].isdigit():
        return "time"
    if prev in ("#", "no") or (prev == "." and n0 >= 2 and low[n0 - 2] == "no"):
        return "number"
    if (
        digit
        and 1900 <= value <= 2100
        and "," not in low[n0]
        and (prev in _YEAR_PREP or prev in (",", "(") or nxt in (",", ".", ")", ";", "", "-", "–"))
    ):
        return "year"
    if low[n0] == "one" and nxt in _ONE_PRONOUN:
        return "pronoun"  # "one of the", "including one in Baghdad that killed ..."
    if (
        digit
        and prev == ","
        and nxt == ","
        and n0 >= 2
        and low[n0 - 2][:1].isalpha()
        and value < 120
    ):
        return "age"  # "Abu Khaled, 45, said"
    for k in range(n1, min(n, n1 + 3)):
        kinds = _NONCASUALTY.get(low[k])
        if kinds is not None:
            if kinds & _UNIT_KINDS:
                return next(iter(kinds & _UNIT_KINDS))
            break
        if not low[k][:1].isalpha():
            break
    return None


def parse_figures(low: list[str]) -> list[Figure]:
    """Every figure in the sentence ``low`` (lowercase tokens), in token order."""
    figs: list[Figure] = []
    starts = NUMBER_STARTS
    candidates = [i for i, tok in enumerate(low) if tok in starts or tok[0] in _DIGITS]
    i = 0
    for c in candidates:
        if c < i:
            continue
        i = c
        tok = low[i]
        if tok[0] in _DIGITS and tok[-1] not in _DIGITS:
            continue  # 444th, 1990s
        if tok in _ARTICLES and (i + 1 == len(low) or low[i + 1] not in _AFTER_ARTICLE):
            continue  # "a" before anything else: no number (as _number_at would find)
        got = _number_at(low, i)
        if got is None:
            i += 1
            continue
        used, lo, hi, vague = got
        n0, n1 = i, i + used
        digit = tok[0].isdigit()
        other = None if vague else _other(low, n0, n1, lo, digit)
        fig = Figure(n0, n0, n1, n1, lo, lo, hi, vague, vague, other)
        if other is None:
            _hedge(low, fig, figs)
        figs.append(fig)
        i = fig.i1
    return figs


def _hedge(low: list[str], fig: Figure, figs: list[Figure]) -> None:
    """Apply the hedges and range words around ``fig`` (in place); may absorb a second number."""
    n = len(low)
    n0, n1 = fig.n0, fig.n1
    prev = low[n0 - 1] if n0 else ""
    # between A and B / from A to B / A to B
    if (
        n1 + 1 < n
        and low[n1] in ("and", "to", "-", "–")
        and (prev == "between" or low[n1] != "and")
    ):
        second = _number_at(low, n1 + 1)
        if second is not None and second[1] > fig.base and not second[3]:
            if prev == "from" and any(w in _RISE for w in low[max(0, n0 - 4) : n0]):
                fig.rise_from = True
                return
            if prev == "between" or low[n1] != "and":
                fig.max = second[2]
                fig.i1 = n1 + 1 + second[0]
                fig.i0 = n0 - 1 if prev in ("between", "from") else n0
                return
    before = _HEDGE_BEFORE.match_ending(low, n0 - 1)
    if before is not None:
        used, kind = before
        if kind == "approx" and fig.base == 1 and low[n0] in ("a", "an", "one"):
            pass
        else:
            fig.i0 = n0 - used
            _apply(fig, kind)
    after = _HEDGE_AFTER.match(low, n1) if n1 < n else None
    if after is not None:
        used, kind = after
        fig.i1 = n1 + used
        _apply(fig, kind)


def _apply(fig: Figure, kind: str) -> None:
    if kind == "more_than":
        if fig.min == fig.base and not fig.vague:
            fig.min = fig.base + 1
        fig.max = None
    elif kind == "at_least":
        fig.max = None
    elif kind == "approx":
        fig.approximate = True
    elif kind == "less_than":
        fig.min, fig.max = 0, max(fig.base - 1, 0)

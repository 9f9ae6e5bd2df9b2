"""Figures: digits, number words, duals and vague quantities, with hedges and ranges.

"62" → 62..62; "أكثر من 60" → 61..open; "ما لا يقل عن 60" → 60..open; "نحو 60" → 60..60
approximate; "عشرات" → 20..99 approximate; "بين 100 و300" → 100..300; "5 آلاف" → 5000;
"ثلاثة وعشرين" → 23; "3.5 ألف" / "٣٫٥ ألف" → 3500 (a decimal counts only before a
multiplier). Ranges that describe a rise ("ارتفع من 40 إلى 60") are not ranges: the first
figure is flagged ``rise_from`` and is not a claim of its own.

Guaranteed for every figure that is a count: ``min <= max`` (when max is set) and both
within :data:`MAX_FIGURE`.

- An inverted range ("أكثر من 80 إلى 7", "80 - 7", "ما لا يقل عن 80 إلى 7") is read as the
  span between the two numbers as written, 7..80, its hedge dropped: the text contradicts
  itself, and the widest reading is the one that contradicts no other report by accident.
- A number above :data:`MAX_FIGURE` (ten million: above any single incident's toll and any
  war's in the news raqib reads) is not a count ("999999999999 مليون" is a serial or a
  typo, never 10^18 killed): it gives no claim, and it does not close a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from streams.core.text import conjunction_forms
from streams.core.text.affixes import ARTICLE

from .lexicons import (
    AND,
    BETWEEN,
    DUALS,
    HEDGE_GAP,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    NUMBER_WORDS,
    PUNCT_STOP,
    RANGE_LEAD,
    RISE,
    TEEN_TENS,
    THOUSANDS,
    TO,
    TOLL_NOUNS,
    VAGUE,
    word_info,
)

__all__ = ["Figure", "parse_figures"]

THOUSAND_KINDS = frozenset({"thousand", "thousands", "thousands_fused", "million"})
MULTIPLIER_KINDS = ("thousand", "thousands", "million")
THOUSANDS_RE = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
DECIMAL_RE = re.compile(r"(\d+)[.,](\d{1,6})")
MAX_DIGITS = 12  # longer digit runs are serials or phone numbers, never a casualty count
MAX_FIGURE = 10_000_000  # the plausibility bound (module docstring)


@dataclass(frozen=True)
class Figure:
    """A number mention: token span, value range, and how it was written."""

    i0: int  # first token (hedge included)
    i1: int  # one past the last token
    core: int  # first token of the number itself
    base: int
    min: int
    max: int | None
    approximate: bool
    kind: str  # digit | word | vague | dual | other (a number that is not a count)
    dual_role: str | None = None
    rise_from: bool = False


class Mention(NamedTuple):
    """A number as written, before hedges and ranges are applied."""

    core: int
    end: int
    base: int
    lo: int
    hi: int | None
    approx: bool
    kind: str
    dual_role: str | None = None


def digit_value(tok: str) -> int | None:
    """The value of a digit token ("1,200" = 1200), None when it cannot be a count."""
    if len(tok) > MAX_DIGITS:
        return None
    if "," in tok or "." in tok:
        if THOUSANDS_RE.fullmatch(tok):
            return int(re.sub(r"[.,]", "", tok))
        return None
    return int(tok)


def decimal_value(tok: str) -> Fraction | None:
    """The value of a decimal token ("3.5", "3,5": Arabic "٣٫٥" is normalized to "3.5"),
    None when it is not one (digit groups such as "1,200" are :func:`digit_value`'s).
    """
    if len(tok) > MAX_DIGITS or THOUSANDS_RE.fullmatch(tok):
        return None
    m = DECIMAL_RE.fullmatch(tok)
    return None if m is None else Fraction(int(m[1] + m[2]), 10 ** len(m[2]))


def _multiplier_at(forms: list[tuple[str, ...]], i: int) -> int | None:
    """The value of a multiplier word ("ألف", "آلاف", "مليون") at token ``i``, if any."""
    if i >= len(forms):
        return None
    for f in forms[i]:
        value, kind = NUMBER_WORDS.get(f, (0, ""))
        if kind in MULTIPLIER_KINDS:
            return value
    return None


def _number_word_at(
    words: list[str], forms: list[tuple[str, ...]], i: int
) -> tuple[int, str] | None:
    """The first number word of a sequence, in any reading but a definite one ("الخمسة")."""
    w = words[i]
    for f in forms[i]:
        if f in NUMBER_WORDS and (f == w or not (w.startswith(ARTICLE) or w[1:3] == ARTICLE)):
            return NUMBER_WORDS[f]
    return None


def _next_number_word(w: str, cur: int, last_kind: str) -> tuple[int, str] | None:
    """A number word continuing a sequence ("ثلاثة وعشرين", "خمسة آلاف"), or None."""
    base = w
    if w.startswith(AND) and len(w) > 2 and w[1:] in NUMBER_WORDS:
        base = w[1:]
    if base not in NUMBER_WORDS:
        return None
    val, kind = NUMBER_WORDS[base]
    joined = base != w
    ok = False
    if kind == "teen_ten" and last_kind in ("unit", "teen_unit") and not joined:
        ok = cur < 10 or last_kind == "teen_unit"
    elif (
        kind in ("hundred",)
        and last_kind == "unit"
        and not joined
        or kind in MULTIPLIER_KINDS
        and not joined
        and cur
    ):
        ok = True
    elif joined and kind in ("unit", "ten", "hundred", "hundreds") and last_kind:
        ok = not (kind == "ten" and last_kind == "unit" and cur >= 10)
    return (val, kind) if ok else None


def parse_number_words(words: list[str], forms: list[tuple[str, ...]], i: int) -> tuple[int, int]:
    """Parse a number-word sequence at ``i``. Returns (value, tokens used) or (0, 0)."""
    total = 0
    cur = 0
    last_kind = ""
    j = i
    n = len(words)
    while j < n:
        w = words[j]
        if j == i:
            cand = _number_word_at(words, forms, i)
        else:
            cand = _next_number_word(w, cur, last_kind)
            if cand is None and w == AND and j + 1 < n:
                if words[j + 1] in NUMBER_WORDS and last_kind:
                    j += 1
                    continue
                if (
                    last_kind in THOUSAND_KINDS
                    and words[j + 1].isdecimal()
                    and int(words[j + 1]) < 1000
                ):
                    # "ألفا و200": thousands in words, the remainder in digits
                    cur += int(words[j + 1])
                    j += 2
                    break
        if cand is None:
            break
        val, kind = cand
        if kind == "teen_unit":
            if j + 1 >= n or words[j + 1] not in TEEN_TENS:
                break
            cur += val
        elif kind == "teen_ten":
            cur += 10
        elif kind == "hundred":
            cur = cur * 100 if last_kind == "unit" and cur else cur + 100
        elif kind in MULTIPLIER_KINDS:
            total += (cur or 1) * val
            cur = 0
        elif kind == "thousands_fused":
            total += val
        else:
            cur += val
        last_kind = kind
        j += 1
    if j == i:
        return 0, 0
    return total + cur, j - i


def _digit_mention(words: list[str], forms: list[tuple[str, ...]], i: int) -> Mention:
    """A digit token, with a multiplier word after it ("5 آلاف", "34 ألفا و356", "3.5 ألف")."""
    n = len(words)
    other = Mention(i, i + 1, -1, 0, 0, False, "other")
    glued_before = i > 1 and words[i - 1] in (":", "/") and words[i - 2][0].isdecimal()
    glued_after = i + 2 < n and words[i + 1] in (":", "/") and words[i + 2][0].isdecimal()
    if glued_before or glued_after:  # a time, a date, a score
        return other
    val = digit_value(words[i])
    multiplier = _multiplier_at(forms, i + 1)
    if val is None:  # a decimal counts only before a multiplier ("3.5 ألف")
        dec = decimal_value(words[i])
        if dec is None or multiplier is None or (dec * multiplier).denominator != 1:
            return other
        val = int(dec * multiplier)
        end = i + 2
    elif multiplier is not None:
        # "أكثر من 4000 آلاف": a figure already in the thousands repeats the scale word
        # rather than multiplying by it (no toll is counted in millions of thousands)
        val = val if val >= 1000 and multiplier == 1000 else val * multiplier
        end = i + 2
        # "34 ألفا و356": thousands and a remainder under a thousand
        if end + 1 < n and words[end] == AND and words[end + 1].isdecimal():
            rest = digit_value(words[end + 1])
            if rest is not None and rest < multiplier:
                val += rest
                end += 2
    else:
        end = i + 1
    if val > MAX_FIGURE:  # a serial, a sum of money, a typo: never a toll
        return Mention(i, end, -1, 0, 0, False, "other")
    return Mention(i, end, val, val, val, False, "digit")


def _word_mention(words: list[str], forms: list[tuple[str, ...]], i: int) -> Mention | None:
    """A vague quantity, a dual noun or a number-word sequence at ``i``."""
    n = len(words)
    vague = next((f for f in forms[i] if f in VAGUE), None)
    if vague is not None:
        lo, hi = VAGUE[vague]
        end = i + 1
        if end < n and vague != THOUSANDS and any(f == THOUSANDS for f in forms[end]):
            lo, hi, end = lo * 1000, hi * 1000 + 999, end + 1
        return Mention(i, end, lo, lo, hi, True, "vague")
    dual = next((f for f in forms[i] if f in DUALS), None)
    if dual is not None:
        return Mention(i, i + 1, 2, 2, 2, False, "dual", DUALS[dual])
    val, used = parse_number_words(words, forms, i)
    if used and val > MAX_FIGURE:
        return Mention(i, i + used, -1, 0, 0, False, "other")
    if used:
        return Mention(i, i + used, val, val, val, False, "word")
    return None


def number_mentions(
    words: list[str], forms: list[tuple[str, ...]], candidates: list[int]
) -> list[Mention]:
    """Every number written in the sentence, in order (``candidates``: tokens that may be one)."""
    mentions: list[Mention] = []
    i = 0
    for cand in candidates:
        if cand < i:
            continue
        i = cand
        if words[i][0].isdecimal():
            found: Mention | None = _digit_mention(words, forms, i)
        else:
            found = _word_mention(words, forms, i)
        if found is None:
            i += 1
            continue
        mentions.append(found)
        i = found.end
    return mentions


def apply_hedge(
    kind: str, base: int, lo: int, hi: int | None, approx: bool
) -> tuple[int, int | None, bool]:
    """The range a hedge ("أكثر من", "نحو", "على الأقل", "أقل من") gives a figure."""
    if kind == "more_than":
        return lo + 1 if lo == base else lo, None, approx
    if kind == "at_least":
        return lo, None, approx
    if kind == "approx":
        return lo, hi, True
    if kind == "less_than":
        return 0, max(base - 1, 0), approx
    return lo, hi, approx


def _hedge_before(
    words: list[str], forms: list[tuple[str, ...]], m: Mention, last_end: int
) -> tuple[int, int, int | None, bool]:
    """(start, lo, hi, approximate) after a hedge before the figure, if any."""
    core, base, lo, hi, approx = m.core, m.base, m.lo, m.hi, m.approx
    hb_first = HEDGES_BEFORE.first
    for s in range(max(0, core - 5, last_end), core):
        if hb_first.isdisjoint(forms[s]):
            continue
        hedge = HEDGES_BEFORE.match(words, forms, s)
        if hedge and s <= last_end + 1 and HEDGES_AFTER.match(words, forms, s):
            continue  # "78 قتيلا على الأقل وعشرات": the previous figure's hedge
        if hedge and (
            s + hedge[0] == core or (s + hedge[0] == core - 1 and words[core - 1] in HEDGE_GAP)
        ):
            lo, hi, approx = apply_hedge(hedge[1], base, lo, hi, approx)
            return s, lo, hi, approx
    # "تجاوز عدد الشهداء من الصحفيين 140": a bound verb whose subject is a toll noun
    s = core - 1
    while s >= max(0, core - 9, last_end) and words[s] not in PUNCT_STOP:
        if (
            s + 1 < core
            and not hb_first.isdisjoint(forms[s])
            and not TOLL_NOUNS.isdisjoint(forms[s + 1])
        ):
            hedge = HEDGES_BEFORE.match(words, forms, s)
            if hedge and hedge[1] == "more_than" and s + hedge[0] == s + 1:
                lo, hi, approx = apply_hedge(hedge[1], base, lo, hi, approx)
                break
        s -= 1
    return core, lo, hi, approx


def _range_to(lo: int, hi: int | None, m: Mention, nxt: Mention) -> tuple[int, int | None]:
    """The range "A إلى B" / "A - B", ``lo``/``hi`` being A's after its hedge.

    An inverted range ("أكثر من 80 إلى 7") is the span between the two numbers as written,
    its hedge dropped (module docstring).
    """
    upper = nxt.hi if nxt.hi is not None else nxt.lo
    if upper < m.lo:
        return nxt.lo, m.hi if m.hi is not None else m.lo
    return lo, max(hi or 0, upper)


def parse_figures(
    words: list[str], forms: list[tuple[str, ...]], candidates: list[int] | None = None
) -> list[Figure]:
    """All figures in a tokenized sentence, in order, with hedges and ranges applied.

    ``candidates``: the indices of the tokens that may be figures, when already known.
    """
    n = len(words)
    if candidates is None:
        candidates = [k for k in range(n) if word_info(words[k])[2]]
    raw = number_mentions(words, forms, candidates)
    figures: list[Figure] = []
    k = 0
    while k < len(raw):
        m = raw[k]
        if m.kind == "other":
            figures.append(Figure(m.core, m.end, m.core, -1, 0, 0, False, "other"))
            k += 1
            continue
        last_end = raw[k - 1].end if k else -9
        start, lo, hi, approx = _hedge_before(words, forms, m, last_end)
        end = m.end
        # range: بين A و B / A إلى B / A - B
        rise_from = False
        if k + 1 < len(raw) and raw[k + 1].kind not in ("other", "dual"):
            nxt = raw[k + 1]
            between = words[end : nxt.core]
            before = words[max(0, start - 2) : start]
            if between == [AND] and any(b in RANGE_LEAD for b in before):
                if any(b == BETWEEN for b in before):
                    lo = min(lo, nxt.lo)
                    hi = max(x for x in (hi, m.hi, m.lo, nxt.hi, nxt.lo) if x is not None)
                    approx = approx or nxt.approx
                    start = start - 1 if words[start - 1] == BETWEEN else start - 2
                    end = nxt.end
                    k += 1
            elif between in ([TO], ["-"], ["–"]):
                window = words[max(0, start - 6) : start]
                if any(f in RISE for wd in window for f in conjunction_forms(wd)):
                    rise_from = True
                else:
                    lo, hi = _range_to(lo, hi, m, nxt)
                    approx = approx or nxt.approx
                    end = nxt.end
                    k += 1
        # hedge after ("78 قتيلا على الأقل"): right after the figure or its noun
        for s in (end, end + 1):
            if s < n:
                hedge = HEDGES_AFTER.match(words, forms, s)
                if hedge:
                    lo, hi, approx = apply_hedge(hedge[1], m.base, lo, hi, approx)
                    break
        if hi is not None and hi < lo:  # no path above gives one; kept as a guarantee
            lo, hi = hi, lo
        if lo > MAX_FIGURE or (hi is not None and hi > MAX_FIGURE):  # "أكثر من 10 ملايين"
            figures.append(Figure(start, end, m.core, -1, 0, 0, False, "other"))
        else:
            figures.append(
                Figure(start, end, m.core, m.base, lo, hi, approx, m.kind, m.dual_role, rise_from)
            )
        k += 1
    return figures

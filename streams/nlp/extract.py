"""Casualty claims from Arabic news text: ``extract_claims(article) -> list[Claim]``.

Pure and deterministic: no I/O besides the lexicons loaded at import, claims ordered by the
position of their figure in the text. The pipeline, per sentence that holds both a number and a
casualty cue (a cheap regex pre-filter skips the rest):

1. figures: digits (Western, Arabic-Indic, separators, "5 آلاف"), number words and compounds,
   duals, vague quantities, ranges; hedges turn them into min/max (ARCHITECTURE.md conventions);
2. metric: the casualty cue bound to the figure (next to it, in its clause, or inherited by
   sub-counts and list items); figures counting vehicles, money, time ... are dropped, and so are
   denied or forecast ones;
3. victim phrase and class, attribution (speech verbs, "according to", relays, anaphora such as
   "الوزارة" resolved to the last ministry named, aliases to canonical names), scope;
4. per article: a headline figure restated in the body, a figure repeated by one source, or an
   own-voice statement repeating an attributed one, become one claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.core.model import Article, Claim
from streams.core.sources import canonical_source
from streams.core.text import (
    TOKEN_RE,
    PhraseTable,
    conjunction_forms,
    literal_regex,
    load_rows,
    normalize_with_offsets,
    normalize_word,
    original_offset,
    phrase_tokens,
    word_forms,
)
from streams.core.text.affixes import PRONOUN_SUFFIXES

__all__ = ["extract_claims", "parse_figures", "canonical_source", "Figure"]

# ---------------------------------------------------------------- lexicons (loaded once)


def _table(name: str, col: int = 1) -> PhraseTable:
    return _phrases({phrase_tokens(row[0]): row[col] for row in load_rows(name) if len(row) > col})


def _phrases(entries: dict[tuple[str, ...], str]) -> PhraseTable:
    return PhraseTable(entries.items())


NUMBER_WORDS: dict[str, tuple[int, str]] = {
    normalize_word(r[0]): (int(r[1]), r[2]) for r in load_rows("numbers.tsv")
}
VAGUE: dict[str, tuple[int, int]] = {
    normalize_word(r[0]): (int(r[1]), int(r[2])) for r in load_rows("vague.tsv")
}
DUALS: dict[str, str] = {normalize_word(r[0]): r[1] for r in load_rows("duals.tsv")}
VICTIMS = _table("victims.tsv")
METRICS = _table("metrics.tsv")
HEDGES_BEFORE = _phrases(
    {phrase_tokens(r[0]): r[1] for r in load_rows("hedges.tsv") if r[2] == "before"}
)
HEDGES_AFTER = _phrases(
    {phrase_tokens(r[0]): r[1] for r in load_rows("hedges.tsv") if r[2] == "after"}
)
MODALITY = _table("modality.tsv")
SCOPE = _phrases({phrase_tokens(r[0]): "cumulative" for r in load_rows("scope.tsv")})
ATTRIBUTION = _table("attribution.tsv")
SOURCES = _phrases({phrase_tokens(r[1]): r[0] for r in load_rows("sources.tsv")})
NONCASUALTY: dict[str, str] = {normalize_word(r[0]): r[1] for r in load_rows("noncasualty.tsv")}
SPEAKER_HEADS: frozenset[str] = frozenset(normalize_word(r[0]) for r in load_rows("speakers.tsv"))
STOPS: frozenset[str] = frozenset(normalize_word(r[0]) for r in load_rows("stops.tsv"))

WEEKDAYS = frozenset(
    normalize_word(w)
    for w in ("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")
)
VICTIM_STOPS = frozenset(
    normalize_word(w)
    for w in (
        "في",
        "على",
        "إلى",
        "فيما",
        "كما",
        "قد",
        "وأكثر",
        "أكثر",
        "وصلت",
        "وصلوا",
        "وصل",
        "ما",
    )
)
SUBCOUNT = frozenset(
    normalize_word(w)
    for w in ("بينهم", "منهم", "ضمنهم", "بينهن", "منهن", "بينها", "منها", "ضمنها", "غالبيتهم")
)
PARTITIVE = frozenset(normalize_word(w) for w in ("منهم", "منهن"))
LIST_LINKS = frozenset(normalize_word(w) for w in ("إضافة", "بالإضافة", "إضافه", "فضلا", "علاوة"))
TOLL_NOUNS = frozenset(normalize_word(w) for w in ("عدد", "حصيلة", "إجمالي", "مجموع", "أعداد"))
RISE = frozenset(
    normalize_word(w) for w in ("ارتفع", "ارتفعت", "ارتفاع", "زاد", "زادت", "قفز", "قفزت", "تضاعف")
)
LEFT_FILLERS = frozenset(
    normalize_word(w)
    for w in (
        "إلى",
        "ال",
        "عن",
        "هو",
        "بلغ",
        "يبلغ",
        "بلغت",
        "تبلغ",
        "وصل",
        "وصلت",
        "إلى",
        "هناك",
        "نحو",
    )
)
TOLL_LINKS = frozenset(
    normalize_word(w)
    for w in (
        "بلغ",
        "بلغت",
        "يبلغ",
        "تبلغ",
        "وصل",
        "وصلت",
        "ارتفع",
        "ارتفعت",
        "تجاوز",
        "تجاوزت",
        "ولكنها",
        "لكنها",
        "وهي",
        "وهو",
        "جميعها",
        "كلها",
    )
)
RIGHT_SKIP = frozenset(normalize_word(w) for w in ("فقط", "حالة", "حالات"))
SPEECH_CONTEXT = frozenset(
    normalize_word(w) for w in ("بيان", "تصريح", "تصريحات", "مداخلة", "حديث", "مقابلة", "مؤتمر")
)
CLAUSE_PUNCT = frozenset({"،", ",", ";", "؛", ":", "(", ")", "[", "]", "-", "–", "—"})
QUOTES = frozenset({'"', "«", "»", "“", "”", "'", "‘", "’"})
PUNCT_STOP = CLAUSE_PUNCT | QUOTES | {".", "!", "?", "؟", "|"}
THAT = frozenset(normalize_word(w) for w in ("أن", "إن", "ان", "بأن", "بان", "أنه", "إنه", "بأنه"))
KILLED_INJURED = {"killed": "injured", "injured": "killed"}

# Sentences split at line breaks, ".." , "!?؟؛|" and a period not inside a number.
# (the lookahead lets the regex engine skip ahead by character class: same matches, 3x faster)
BOUNDARY_RE = re.compile(r"(?=[\n\r.!?؟؛|])(?:[\n\r]+|\.{2,}|[!?؟؛|]|\.(?!\d))")


def _first_char_guard(words: list[str], extra: str = "") -> str:
    """A lookahead on the possible first characters of ``words`` (cheap to scan for)."""
    chars = "".join(sorted({re.escape(w[0]) for w in words if w}))
    return "(?=[" + extra + chars + "])"


_cue_words = sorted(
    {first for first, items in METRICS.by_first.items() if any(v != "none" for _, v in items)}
    | {d for d, role in DUALS.items() if role != "victim"},
    key=len,
    reverse=True,
)
CUE_HINT_RE = re.compile(_first_char_guard(_cue_words) + literal_regex(_cue_words))
_num_words = sorted(set(NUMBER_WORDS) | set(VAGUE) | set(DUALS), key=len, reverse=True)
NUMBER_HINT_RE = re.compile(
    _first_char_guard(_num_words, r"\d") + r"(?:\d|" + literal_regex(_num_words) + ")"
)
DIGIT_RE = re.compile(r"\d")
NUMERIC_FORMS = frozenset(NUMBER_WORDS) | frozenset(VAGUE) | frozenset(DUALS)
THOUSAND_KINDS = frozenset({"thousand", "thousands", "thousands_fused", "million"})
THOUSANDS_RE = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


_INFO: dict[str, tuple[tuple[str, ...], bool, bool]] = {}


def _info(word: str) -> tuple[tuple[str, ...], bool, bool]:
    """(forms, may start a metric cue, may be a figure), cached per word (a plain dict read
    inline by the hot loop; bounded by clearing it when it grows past 64k words)."""
    got = _INFO.get(word)
    if got is None:
        forms = word_forms(word)
        numeric = word[0].isdecimal() or not NUMERIC_FORMS.isdisjoint(forms)
        got = (forms, not METRICS.first.isdisjoint(forms), numeric)
        if len(_INFO) >= 1 << 16:
            _INFO.clear()
        _INFO[word] = got
    return got


_MARK: dict[str, tuple[tuple[str, ...], bool]] = {}


def _mark(word: str) -> tuple[tuple[str, ...], bool]:
    """(verb forms, may start an attribution marker: a speech verb / "according to" or a source
    alias), cached per word like :func:`_info`."""
    vforms = conjunction_forms(word)
    got = (
        vforms,
        not ATTRIBUTION.first.isdisjoint(vforms) or not SOURCES.first.isdisjoint(word_forms(word)),
    )
    if len(_MARK) >= 1 << 16:
        _MARK.clear()
    _MARK[word] = got
    return got


# ---------------------------------------------------------------- figures


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
    kind: str  # digit | word | vague | dual
    dual_role: str | None = None
    rise_from: bool = False


def _digit_value(tok: str) -> int | None:
    if len(tok) > 12:
        return None  # serials, phone numbers, garbage: never a casualty count
    if "," in tok or "." in tok:
        if THOUSANDS_RE.fullmatch(tok):
            return int(re.sub(r"[.,]", "", tok))
        return None
    return int(tok)


def _parse_number_words(words: list[str], forms: list[tuple[str, ...]], i: int) -> tuple[int, int]:
    """Parse a number-word sequence at ``i``. Returns (value, tokens used) or (0, 0)."""
    total = 0
    cur = 0
    last_kind = ""
    j = i
    n = len(words)
    while j < n:
        w = words[j]
        cand = None
        if j == i:
            for f in forms[j]:
                if f in NUMBER_WORDS and (f == w or not (w.startswith("ال") or w[1:3] == "ال")):
                    cand = NUMBER_WORDS[f]
                    break
        else:
            base = w
            if w.startswith("و") and len(w) > 2 and w[1:] in NUMBER_WORDS:
                base = w[1:]
            if base in NUMBER_WORDS:
                val, kind = NUMBER_WORDS[base]
                joined = base != w
                ok = False
                if kind == "teen_ten" and last_kind in ("unit", "teen_unit") and not joined:
                    ok = cur < 10 or last_kind == "teen_unit"
                elif (
                    kind in ("hundred",)
                    and last_kind == "unit"
                    and not joined
                    or kind in ("thousand", "thousands", "million")
                    and not joined
                    and cur
                ):
                    ok = True
                elif joined and kind in ("unit", "ten", "hundred", "hundreds") and last_kind:
                    ok = not (kind == "ten" and last_kind == "unit" and cur >= 10)
                if ok:
                    cand = (val, kind)
            elif w == "و" and j + 1 < n and words[j + 1] in NUMBER_WORDS and last_kind:
                j += 1
                continue
            elif (
                w == "و"
                and last_kind in THOUSAND_KINDS
                and j + 1 < n
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
            if j + 1 >= n or words[j + 1] not in ("عشر", "عشره"):
                break
            cur += val
        elif kind == "teen_ten":
            cur += 10
        elif kind == "hundred":
            cur = cur * 100 if last_kind == "unit" and cur else cur + 100
        elif kind in ("thousand", "thousands", "million"):
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


def parse_figures(
    words: list[str], forms: list[tuple[str, ...]], candidates: list[int] | None = None
) -> list[Figure]:
    """All figures in a tokenized sentence, in order, with hedges and ranges applied.
    ``candidates``: the indices of the tokens that may be figures, when already known."""
    raw: list[list] = []  # [core, end, base, min, max, approx, kind, dual_role]
    n = len(words)
    if candidates is None:
        candidates = [k for k in range(n) if _info(words[k])[2]]
    i = 0
    for cand in candidates:
        if cand < i:
            continue
        i = cand
        w = words[i]
        if w[0].isdecimal():
            val = _digit_value(w)
            glued_before = i > 1 and words[i - 1] in (":", "/") and words[i - 2][0].isdecimal()
            glued_after = i + 2 < n and words[i + 1] in (":", "/") and words[i + 2][0].isdecimal()
            if val is None or glued_before or glued_after:
                raw.append([i, i + 1, -1, 0, 0, False, "other", None])
                i += 1
                continue
            end = i + 1
            if end < n:
                for f in forms[end]:
                    kind = NUMBER_WORDS.get(f, (0, ""))[1]
                    if kind in ("thousand", "thousands", "million"):
                        val *= NUMBER_WORDS[f][0]
                        end += 1
                        # "34 ألفا و356": thousands and a remainder under a thousand
                        if end + 1 < n and words[end] == "و" and words[end + 1].isdecimal():
                            rest = _digit_value(words[end + 1])
                            if rest is not None and rest < NUMBER_WORDS[f][0]:
                                val += rest
                                end += 2
                        break
            raw.append([i, end, val, val, val, False, "digit", None])
            i = end
            continue
        vague = next((f for f in forms[i] if f in VAGUE), None)
        if vague is not None:
            lo, hi = VAGUE[vague]
            end = i + 1
            if end < n and vague != "الاف" and any(f == "الاف" for f in forms[end]):
                lo, hi, end = lo * 1000, hi * 1000 + 999, end + 1
            raw.append([i, end, lo, lo, hi, True, "vague", None])
            i = end
            continue
        dual = next((f for f in forms[i] if f in DUALS), None)
        if dual is not None:
            raw.append([i, i + 1, 2, 2, 2, False, "dual", DUALS[dual]])
            i += 1
            continue
        val, used = _parse_number_words(words, forms, i)
        if used:
            raw.append([i, i + used, val, val, val, False, "word", None])
            i += used
            continue
        i += 1

    figures: list[Figure] = []
    hb_first = HEDGES_BEFORE.first
    k = 0
    while k < len(raw):
        core, end, base, lo, hi, approx, kind, role = raw[k]
        if kind == "other":
            figures.append(Figure(core, end, core, -1, 0, 0, False, "other"))
            k += 1
            continue
        start = core
        last_end = raw[k - 1][1] if k else -9
        # hedge before (allow a bare "ال"/"ب" between: "تجاوز الـ100")
        for s in range(max(0, core - 5, last_end), core):
            if hb_first.isdisjoint(forms[s]):
                continue
            m = HEDGES_BEFORE.match(words, forms, s)
            if m and s <= last_end + 1 and HEDGES_AFTER.match(words, forms, s):
                continue  # "78 قتيلا على الأقل وعشرات": the previous figure's hedge
            if m and (
                s + m[0] == core or (s + m[0] == core - 1 and words[core - 1] in ("ال", "ب", "ل"))
            ):
                lo, hi, approx = _apply_hedge(m[1], base, lo, hi, approx)
                start = s
                break
        else:
            # "تجاوز عدد الشهداء من الصحفيين 140": a bound verb whose subject is a toll noun
            s = core - 1
            while s >= max(0, core - 9, last_end) and words[s] not in PUNCT_STOP:
                if (
                    s + 1 < core
                    and not hb_first.isdisjoint(forms[s])
                    and not TOLL_NOUNS.isdisjoint(forms[s + 1])
                ):
                    m = HEDGES_BEFORE.match(words, forms, s)
                    if m and m[1] == "more_than" and s + m[0] == s + 1:
                        lo, hi, approx = _apply_hedge(m[1], base, lo, hi, approx)
                        break
                s -= 1
        # range: بين A و B / A إلى B / A - B
        rise_from = False
        if k + 1 < len(raw) and raw[k + 1][6] not in ("other", "dual"):
            nxt = raw[k + 1]
            between = words[end : nxt[0]]
            before = words[max(0, start - 2) : start]
            if between == ["و"] and any(b in ("بين", "ما") for b in before):
                if any(b == "بين" for b in before):
                    lo, hi = min(lo, nxt[3]), max(hi or 0, nxt[4] or 0)
                    approx = approx or nxt[5]
                    start = start - 1 if words[start - 1] == "بين" else start - 2
                    end = nxt[1]
                    k += 1
            elif between in (["الي"], ["-"], ["–"]):
                window = words[max(0, start - 6) : start]
                if any(f in RISE for wd in window for f in conjunction_forms(wd)):
                    rise_from = True
                else:
                    hi = max(hi or 0, nxt[4] or 0)
                    approx = approx or nxt[5]
                    end = nxt[1]
                    k += 1
        # hedge after ("78 قتيلا على الأقل"): right after the figure or its noun
        for s in (end, end + 1):
            if s < n:
                m = HEDGES_AFTER.match(words, forms, s)
                if m:
                    lo, hi, approx = _apply_hedge(m[1], base, lo, hi, approx)
                    break
        figures.append(Figure(start, end, core, base, lo, hi, approx, kind, role, rise_from))
        k += 1
    return figures


def _apply_hedge(kind: str, base: int, lo: int, hi: int | None, approx: bool):
    if kind == "more_than":
        return lo + 1 if lo == base else lo, None, approx
    if kind == "at_least":
        return lo, None, approx
    if kind == "approx":
        return lo, hi, True
    if kind == "less_than":
        return 0, max(base - 1, 0), approx
    return lo, hi, approx


# ---------------------------------------------------------------- sentence analysis


@dataclass
class _Sentence:
    words: list[str]
    spans: list[tuple[int, int]]  # offsets in normalized text
    forms: list[tuple[str, ...]]
    cues: list[tuple[int, str] | None]
    headline: bool


@dataclass
class _Raw:
    fig: Figure
    metric: str
    victim: tuple[int, int] | None  # token span
    victim_class: str
    attributed: str | None
    scope: str
    quote: tuple[int, int]  # normalized char span
    pos: int  # normalized char offset of the figure
    sentence: int
    headline: bool
    cue_tok: int


def _resolve_metric(sent: _Sentence, fig: Figure, figs: list[Figure], idx: int, prev: _Raw | None):
    """The metric bound to ``fig`` and the token of its cue, or (None, -1)."""
    words = sent.words
    n = len(words)
    nxt_start = figs[idx + 1].i0 if idx + 1 < len(figs) else n
    prev_end = figs[idx - 1].i1 if idx > 0 else 0

    # a counted noun that is not people
    first = fig.i1
    if first < n and any(
        NONCASUALTY.get(f) in ("after", "both", "date") for f in sent.forms[first]
    ):
        return None, -1
    back = fig.i0 - 1
    skipped = False
    while back >= 0 and (words[back] in LEFT_FILLERS or words[back] == "الي"):
        back -= 1
        skipped = True
    if back >= 0:
        where = {NONCASUALTY.get(f) for f in sent.forms[back]}
        if "before" in where or ("date" in where and not skipped) or (skipped and "both" in where):
            return None, -1

    if fig.dual_role and fig.dual_role != "victim":
        return fig.dual_role, fig.core

    if fig.kind == "word" and fig.base == 1 and fig.i1 - fig.i0 == 1:
        # "في نزاع واحد", "ليوم واحد": "one" after a noun counts people only after a victim
        # noun or a casualty cue ("شخص واحد", "قتيل واحد"), or before "من" ("واحد من الجنود")
        p = fig.i0 - 1
        if not (
            (fig.i1 < n and words[fig.i1] == "من")
            or (p >= 0 and (sent.cues[p] or VICTIMS.match(words, sent.forms, p)))
        ):
            return None, -1

    # left-adjacent cue ("مقتل 62", "وأصيب 100", "ارتفع عدد القتلى إلى 80", "مقتل وإصابة 20")
    left = None
    j = fig.i0 - 1
    while j >= max(prev_end, fig.i0 - 4) and words[j] in LEFT_FILLERS | {"الي"}:
        j -= 1
    for s in range(max(prev_end, j - 3), j + 1):
        c = sent.cues[s]
        if c and s + c[0] == j + 1:
            left = (c[1], s)
            if c[1] in KILLED_INJURED and s > 0 and words[s][0] == "و":
                for s2 in range(max(0, s - 3), s):
                    c2 = sent.cues[s2]
                    if (
                        c2
                        and s2 + c2[0] == s
                        and c2[1] == KILLED_INJURED[c[1]]
                        and not any(
                            s2 - 8 <= g.i1 <= s2 and CLAUSE_PUNCT.isdisjoint(words[g.i1 : s2])
                            for g in figs
                            if g.kind != "other"
                        )
                    ):
                        left = ("casualties", s2)
            break

    if left and idx > 0 and figs[idx - 1].kind != "other" and left[1] == prev_end:
        left = None  # the cue is the previous figure's noun ("78 قتيلا وعشرات الجرحى")

    # right scan ("62 قتيلا", "66 شخصا قتلوا", "عشرات الضحايا بين قتيل وجريح")
    right = None
    j = fig.i1
    steps = 0
    while j < min(nxt_start, n) and steps < 8:
        w = words[j]
        if w in PUNCT_STOP:
            if w in ("،", ",") and j + 1 < n and not SUBCOUNT.isdisjoint(sent.forms[j + 1]):
                # "61 مهاجرا، بينهم نساء وأطفال، غرقوا": skip the parenthetical sub-group
                close = next(
                    (t for t in range(j + 2, min(n, j + 9)) if words[t] in PUNCT_STOP), None
                )
                if close is not None and words[close] in ("،", ","):
                    j = close + 1
                    steps += 1
                    continue
            break
        c = sent.cues[j]
        if c:
            if c[1] == "none":
                if j - fig.i1 <= 1 and any(
                    (c2 := sent.cues[t]) is not None and c2[1] != "none"
                    for t in range(j + c[0], min(nxt_start, n, j + c[0] + 3))
                    if words[t] not in PUNCT_STOP
                ):
                    j += c[0]
                    steps += 1
                    continue  # "35 نازحا استشهدوا": displaced people who were killed
                if j - fig.i1 > 2:
                    j += c[0]
                    steps += 1
                    continue  # not the counted noun ("... على مخيم للنازحين")
                if left is None:
                    return None, -1
                break
            e = j + c[0]
            while e < nxt_start and words[e] in LEFT_FILLERS:
                e += 1
            if e == nxt_start and idx + 1 < len(figs) and (j > fig.i1 or words[j][0] == "و"):
                break  # the cue introduces the next figure ("... وأصيب 100")
            metric = c[1]
            k = j + c[0]
            c2 = sent.cues[k] if k < n else None
            if c2 is None and k + 1 < n and words[k] == "او":
                c2 = sent.cues[k + 1]  # "قتلوا أو أصيبوا"
                if c2 is not None and c2[1] == KILLED_INJURED.get(metric):
                    c2 = (c2[0], "casualties")
            if c2 is not None:
                after = words[k + c2[0]] if k + c2[0] < n else ""
                if c2[1] == "casualties" or (
                    metric in KILLED_INJURED
                    and c2[1] == KILLED_INJURED[metric]
                    and words[k].startswith("و")
                    and k + c2[0] < nxt_start
                    and not any(f in ("اخرين", "اخرون") for f in word_forms(after))
                ):
                    metric = "casualties"
            right = (metric, j)
            break
        j += 1
        steps += 1
    if right and (right[0] == "casualties" or left is None):
        return right
    if right and left and right[1] == fig.i1 and left[1] > 0 and words[left[1] - 1] == "بين":
        return right  # "من بين الضحايا 4 جثث": the group, then the figure's own noun
    if left:
        if left[0] == "none":
            return None, -1
        return left

    # sub-counts and list items inherit ("بينهم 22 مدنيا", "و30 مدنيا", "6 نساء و6 أطفال")
    if prev is not None:
        before = words[max(prev_end, fig.i0 - 3) : fig.i0]
        is_list = bool(before) and (
            before[-1] == "و"
            or (words[fig.i0].startswith("و") and words[fig.i0] not in NUMBER_WORDS)
            or not LIST_LINKS.isdisjoint(before)
        )
        is_sub = any(f in SUBCOUNT for b in before for f in word_forms(b))
        victim_other = fig.i1 < n and any(f in ("اخرين", "اخرون") for f in sent.forms[fig.i1])
        if (is_sub or is_list) and not victim_other:
            return prev.metric, prev.cue_tok

    # "30 منهم": a partitive pronoun counts part of the group named last ("من المصابين")
    if fig.i1 < n and words[fig.i1] in PARTITIVE:
        for s in range(fig.i0 - 1, max(-1, fig.i0 - 20), -1):
            c = sent.cues[s]
            if c:
                return (None, -1) if c[1] == "none" else (c[1], s)

    # a cue further left in the sentence ("العدد الكلي لمن قتل ... بلغ 60")
    # Across a comma only when the figure's clause predicates a toll ("، قد بلغ 60") or
    # continues the previous clause by a pronoun ("، ولكنها جميعها بالآلاف").
    lo = max(prev.fig.i1 if prev is not None else 0, fig.i0 - 25)
    linked = False
    for s in range(fig.i0 - 1, lo - 1, -1):
        w = words[s]
        if w in CLAUSE_PUNCT and not linked:
            return None, -1
        if not linked and any(f in TOLL_LINKS for f in sent.forms[s]):
            linked = True
        c = sent.cues[s]
        if c:
            if c[1] == "none":
                return None, -1
            return c[1], s
    return None, -1


def _blocked(sent: _Sentence, start: int) -> bool:
    """A denial, negation or forecast in the clause before ``start``."""
    words = sent.words
    s = start - 1
    lo = max(0, start - 12)
    while s >= lo and words[s] not in PUNCT_STOP:
        if not MODALITY.first.isdisjoint(sent.forms[s]):
            m = MODALITY.match(words, sent.forms, s)
            # a denial governs a long object ("نفى مصدر ... ما تداولته مواقع عن مقتل 10")
            if m and (start - s <= 7 or m[1] == "denial"):
                return True
        s -= 1
    return False


def _clause(sent: _Sentence, a: int, b: int) -> tuple[int, int]:
    words = sent.words
    while a > 0 and words[a - 1] not in PUNCT_STOP:
        a -= 1
    while b < len(words) and words[b] not in PUNCT_STOP:
        b += 1
    return a, b


def _scope(sent: _Sentence, a: int, b: int) -> str:
    a, b = _clause(sent, a, b)
    words = sent.words
    scope_first = SCOPE.first
    for s in range(a, b):
        if not scope_first.isdisjoint(sent.forms[s]) and SCOPE.match(words, sent.forms, s):
            return "cumulative"
        if words[s] == "منذ":
            # "منذ 7 أكتوبر", "منذ 2011": a running total since a date
            nxt = words[s + 1 : s + 3]
            if any(len(w) == 4 and w.isdecimal() for w in nxt[:1]) or any(
                NONCASUALTY.get(f) == "date" for w in nxt for f in word_forms(w)
            ):
                return "cumulative"
    return "event"


def _victim(sent: _Sentence, fig: Figure) -> tuple[tuple[int, int] | None, str]:
    words = sent.words
    n = len(words)
    span: tuple[int, int] | None
    if fig.kind == "dual" and fig.dual_role == "victim":
        span = (fig.core, fig.core + 1)
    else:
        j = fig.i1
        while j < n:
            c = sent.cues[j]
            if c:
                j += c[0]
                continue
            m = HEDGES_AFTER.match(words, sent.forms, j)
            if m:
                j += m[0]
            elif words[j] in RIGHT_SKIP:
                j += 1
            else:
                break
        k = j
        while k < n and k - j < 7:
            w = words[k]
            if w in PUNCT_STOP or w in STOPS or w in VICTIM_STOPS or w in SUBCOUNT:
                break
            if _info(w)[2] or (sent.cues[k] and k > j):
                break
            if not ATTRIBUTION.first.isdisjoint(conjunction_forms(w)):
                break
            if k > j and conjunction_forms(w)[-1] in ("اصيب", "قتل", "جرح", "توفي"):
                break
            k += 1
        while k > j and words[k - 1] in ("و", "من"):
            k -= 1
        span = (j, k) if k > j else None
    if span is None:
        return None, "unknown"
    classes: list[str] = []
    if fig.kind == "dual" and fig.dual_role == "victim":
        stem = words[fig.core][:-2]
        stem = stem[:-1] + "ه" if stem.endswith("ت") else stem
        found = VICTIMS.match([stem], [word_forms(stem)], 0)
        if found:
            classes.append(found[1])
    s = span[0]
    while s < span[1]:
        m = VICTIMS.match(words, sent.forms, s)
        if m:
            classes.append(m[1])
            s += m[0]
        else:
            s += 1
    if not classes:
        # "من مقاتليهم", "جنوده": a victim noun with a possessive suffix
        for t in range(span[0], span[1]):
            for f in sent.forms[t]:
                for suf in PRONOUN_SUFFIXES:
                    if f.endswith(suf) and len(f) - len(suf) >= 3:
                        stem = f[: -len(suf)]
                        for cand in (stem, stem + "ن"):
                            m = VICTIMS.match([cand], [(cand,)], 0)
                            if m:
                                classes.append(m[1])
                                break
    real = [c for c in classes if c not in ("unknown", "other")]
    if "civilians" in real and ("security_forces" in real or "armed_groups" in real):
        return span, "mixed"
    if real:
        return span, real[0]
    if "other" in classes:
        return span, "other"
    return span, "unknown"


# ---------------------------------------------------------------- attribution


@dataclass
class _Marker:
    start: int
    end: int
    speaker: str | None  # normalized-text phrase; None = implicit (the last speaker)
    span: tuple[int, int] | None  # normalized char span of the speaker phrase
    kind: str  # verb | prep
    strip_lam: bool = False


def _np(sent: _Sentence, j: int, figs_starts: set[int], max_len: int = 10, vforms=None) -> int:
    """End token of a speaker phrase starting at ``j`` (== j when empty)."""
    words = sent.words
    n = len(words)
    if j < n and words[j] == "في":
        return j  # "أعلنت في وقت سابق": a prepositional phrase is not a speaker
    k = j
    while k < n and k - j < max_len:
        w = words[k]
        if w in STOPS or w in WEEKDAYS or w == "قد":
            break
        if k in figs_starts or w[0].isdecimal():
            break
        if w in ("،", ","):
            # an appositive name before "إن"/a quote: "الوزير ...، هشام شيكوات "..."
            t = k + 1
            while t < n and t - k <= 4 and words[t] not in PUNCT_STOP and words[t] not in THAT:
                t += 1
            if t < n and t - k <= 4 and t > k + 1 and (words[t] in THAT or words[t] in QUOTES):
                k = t
            break
        if w in QUOTES:
            if k > j and any(f in SPEAKER_HEADS for f in sent.forms[k - 1]):
                close = next((t for t in range(k + 1, min(n, k + 6)) if words[t] in QUOTES), None)
                if close is not None:
                    k = close + 1
                    continue
            break
        if w in PUNCT_STOP:
            break
        cue = sent.cues[k]
        if cue is not None and cue[1] != "none":
            break
        if w == "في" and k + 1 < n and any(f in SPEECH_CONTEXT for f in sent.forms[k + 1]):
            break
        if k > j and vforms is not None and ATTRIBUTION.match(words, vforms, k):
            break
        k += 1
    while k > j and words[k - 1] in ("ل", "و", "من", "في", "ب", "عن"):
        k -= 1
    return k


def _markers(sent: _Sentence, text: str, figs: list[Figure]) -> list[_Marker]:
    words = sent.words
    n = len(words)
    marks = [_MARK.get(w) or _mark(w) for w in words]
    vforms = [x[0] for x in marks]
    starts = {f.i0 for f in figs}
    out: list[_Marker] = []
    covered = -1

    def phrase(a: int, b: int) -> tuple[str, tuple[int, int]]:
        return text[sent.spans[a][0] : sent.spans[b - 1][1]], (
            sent.spans[a][0],
            sent.spans[b - 1][1],
        )

    i = 0
    while i < n:
        if not marks[i][1]:
            i += 1
            continue
        m = ATTRIBUTION.match(words, vforms, i)
        if m and not (i > 0 and words[i - 1] == "تم"):
            n_tok, kind = m
            j = i + n_tok
            if kind == "prep":
                fused = any(f.endswith("حسبما") for f in vforms[i])  # "حسبما أفاد"
                if fused or (j < n and words[j] == "ما"):
                    j += 0 if fused else 1
                    verb = ATTRIBUTION.match(words, vforms, j) if j < n else None
                    if verb is None and j < n and words[j].endswith(("ته", "ها")):
                        # "بحسب ما أعلنته": the verb with an object pronoun
                        bare = words[j][:-1] if words[j].endswith("ه") else words[j][:-2]
                        verb = ATTRIBUTION.match([bare], [conjunction_forms(bare)], 0)
                    if verb is not None:
                        j += verb[0]
                        if j < n and words[j] in ("به", "بها", "بهم"):
                            j += 1
                end = _np(sent, j, starts, vforms=vforms)
                if end > j:
                    ph, sp = phrase(j, end)
                    lam = any(f in ("وفقا", "طبقا", "تبعا") for f in conjunction_forms(words[i]))
                    out.append(_Marker(i, end, ph, sp, "prep", lam))
                    covered = end
                i = max(end, i + 1)
                continue
            if kind == "relay":
                end = _np(sent, j, starts, vforms=vforms)
                if end > j and end < n and words[end] == "عن":
                    y0 = end + 1
                    y1 = _np(sent, y0, starts, vforms=vforms)
                    if y1 > y0 and (
                        any(f in SPEAKER_HEADS for f in sent.forms[y0])
                        or SOURCES.match(words, sent.forms, y0)
                    ):
                        ph, sp = phrase(y0, y1)
                        out.append(_Marker(i, y1, ph, sp, "verb"))
                        i = y1
                        continue
                if end > j and any(f in SPEAKER_HEADS for f in sent.forms[j]):
                    ph, sp = phrase(j, end)
                    out.append(_Marker(i, end, ph, sp, "verb"))
                    i = end
                    continue
                i += 1
                continue
            # speech verb
            pluperfect = i > 0 and words[i - 1] == "قد"
            k = j
            if k < n and words[k] == "الي":
                k += 1  # "أشار إلى أن"
            elif (
                k + 1 < n and words[k] == "في" and not SPEECH_CONTEXT.isdisjoint(sent.forms[k + 1])
            ):
                # "وأضاف في بيان نشره على صفحته أن": the channel before the content
                t = k + 2
                while t < n and t - k <= 8 and words[t] not in PUNCT_STOP and words[t] not in THAT:
                    t += 1
                if t < n and words[t] in THAT:
                    k = t
            if pluperfect or (
                k < n
                and (
                    words[k] in THAT
                    or words[k] in (":", "عن")
                    or words[k].startswith("لل")
                    or words[k] == "ل"
                )
            ):
                # subject before the verb ("تقارير تتحدث عن", "المصدر أفاد:",
                # "وكانت مصادر طبية قد أفادت")
                subj = None
                last = i - 1 if pluperfect else i
                for b in range(last - 1, max(-1, last - 6), -1):
                    if words[b] in PUNCT_STOP or words[b] in STOPS or b < covered:
                        break
                    if any(f in SPEAKER_HEADS for f in sent.forms[b]):
                        subj = b
                if subj is not None:
                    ph, sp = phrase(subj, last)
                    lam = words[subj].startswith("ل")
                    out.append(_Marker(subj, j, ph, sp, "verb", lam))
                elif not pluperfect or (k < n and words[k] in THAT):
                    out.append(_Marker(i, j, None, None, "verb"))
                i = j
                continue
            end = _np(sent, j, starts, vforms=vforms)
            if end > j:
                ph, sp = phrase(j, end)
                out.append(_Marker(i, end, ph, sp, "verb"))
                covered = end
                i = end
                continue
            i += 1
            continue
        if i >= covered:
            s = SOURCES.match(words, sent.forms, i)
            if s:
                end = i + s[0]
                look = words[end : end + 7]
                if any(w in THAT or w == ":" for w in look):
                    sp = (sent.spans[i][0], sent.spans[end - 1][1])
                    out.append(_Marker(i, end, s[1], sp, "verb"))
                    covered = end
                    i = end
                    continue
        i += 1

    if sent.headline:
        colon = next((t for t in range(min(n, 6)) if words[t] == ":"), None)
        named = colon is not None and any(
            f in SPEAKER_HEADS for t in range(colon) for f in sent.forms[t]
        )
        if colon is not None and named and not any(f.i0 < colon for f in figs):
            ph, sp = phrase(0, colon)
            out.append(_Marker(0, colon, ph, sp, "verb"))
    out.sort(key=lambda mk: mk.start)
    return out


ESTIMATE_HEADS = frozenset(
    normalize_word(w)
    for w in (
        "تقديرات",
        "تقدير",
        "إحصائية",
        "إحصائيات",
        "أرقام",
        "معلومات",
        "حصيلة",
        "تقارير",
        "آخر",
    )
)


def _is_estimate(sent: _Sentence, mk: _Marker) -> bool:
    """ "وفق تقديرات أولية": a qualifier of the figure, weaker than a named speaker."""
    j = mk.start + 1
    while j < len(sent.words) and sent.words[j] == "ما":
        j += 1
    return j < len(sent.words) and any(f in ESTIMATE_HEADS for f in sent.forms[j])


def _estimate_owner(name: str) -> str:
    """ "إحصائية للمكتب", "حصيلة أولية لمديرية الدفاع المدني": the owner of the figures
    is the speaker."""
    toks = name.split()
    if len(toks) < 2 or normalize_word(toks[0]) not in ESTIMATE_HEADS:
        return name
    for k in range(1, min(len(toks), 4)):
        if toks[k].startswith("ل") and len(toks[k]) > 3:
            return _strip_lam(" ".join(toks[k:]))
    return name


def _strip_lam(ph: str) -> str:
    if ph.startswith("لل"):
        return "ال" + ph[2:]
    if ph.startswith("ل") and len(ph) > 3:
        return ph[1:]
    return ph


def _resolve_anaphor(
    name: str,
    history: list[str],
    before: str = "",
    text: str = "",
    index: tuple[int, ...] | None = None,
) -> str:
    """ "الوزارة" / "المصدر" / "الصحيفة" -> the last speaker, or else the last phrase in the text
    before, named with that head noun ("وزارة الصحة ...", "صحيفة ديلي ميل")."""
    toks = TOKEN_RE.findall(normalize_word(name))
    if not toks or len(toks) > 2 or not toks[0].startswith("ال"):
        return name
    head = toks[0][2:]
    if head not in SPEAKER_HEADS:
        if len(toks) == 1 and toks[0] in SPEAKER_HEADS:
            # a head listed with its article ("الجيش", "الهلال"): the last speaker starting so
            for prior in reversed(history):
                ptoks = TOKEN_RE.findall(normalize_word(prior))
                if len(ptoks) > 1 and ptoks[0] == toks[0]:
                    return prior
        return name
    # "التابع لوزارة الصحة" names the ministry too; a prior "الاتحاد العام ..." starts with the head
    heads = (head, "ل" + head, "ب" + head)
    for prior in reversed(history):
        ptoks = TOKEN_RE.findall(normalize_word(prior))
        if len(ptoks) > 1 and ptoks[0] == toks[0]:
            return prior
        for t_i, t in enumerate(ptoks):
            if t in heads and t_i + 1 < len(ptoks):
                words = prior.split()
                if len(words) == len(ptoks):
                    first = words[t_i][len(t) - len(head) :]
                    return " ".join([first, *words[t_i + 1 :]])
                return prior
    last = None
    for m in re.finditer(r"(?<!\w)[لب]?(" + re.escape(head) + r")\s", before):
        last = m
    if last is None:
        return name
    start = last.start(1)
    end = start
    count = 0
    for m in TOKEN_RE.finditer(before, start):
        w = m.group()
        if (
            count >= 5
            or w in PUNCT_STOP
            or w in STOPS
            or w in WEEKDAYS
            or (METRICS.by_first.get(w))
        ):
            break
        end = m.end()
        count += 1
    if count < 2:
        return name
    oa, ob = _orig(index, start, end)
    return text[oa:ob]


# ---------------------------------------------------------------- the article


def _spans(norm: str, a: int, words: list[str]) -> list[tuple[int, int]]:
    """Offsets of ``words`` (TOKEN_RE tokens of ``norm`` from ``a``): between two tokens there is
    only whitespace or "_", which no token contains, so a forward ``find`` lands on each one
    (cheaper than a second regex pass)."""
    out = []
    find = norm.find
    pos = a
    for w in words:
        p = find(w, pos)
        pos = p + len(w)
        out.append((p, pos))
    return out


def _sentence(norm: str, a: int, b: int, is_head: bool) -> _Sentence:
    words = TOKEN_RE.findall(norm, a, b)
    spans = [m.span() for m in TOKEN_RE.finditer(norm, a, b)]
    forms = [word_forms(w) for w in words]
    cues = [METRICS.match(words, forms, k) for k in range(len(words))]
    return _Sentence(words, spans, forms, cues, is_head)


def _previous_speaker(
    norm: str,
    text: str,
    index: tuple[int, ...] | None,
    sentences: list[tuple[int, int, bool]],
    s_idx: int,
) -> str | None:
    """The last explicitly named speaker in the (up to three) sentences before ``s_idx``;
    computed on demand, only for implicit subjects."""
    for k in range(s_idx - 1, max(-1, s_idx - 4), -1):
        a, b, is_head = sentences[k]
        sent = _sentence(norm, a, b, is_head)
        named = [mk for mk in _markers(sent, norm, []) if mk.speaker is not None and mk.span]
        if named:
            mk = named[-1]
            assert mk.span is not None
            oa, ob = _orig(index, *mk.span)
            name = text[oa:ob]
            return _strip_lam(name) if mk.strip_lam else name
    return None


def _sentences(norm: str, headline_end: int) -> list[tuple[int, int, bool]]:
    out = []
    pos = 0
    for m in BOUNDARY_RE.finditer(norm):
        if m.start() > pos:
            out.append((pos, m.start(), pos < headline_end))
        pos = m.end()
    if pos < len(norm):
        out.append((pos, len(norm), pos < headline_end))
    return out


def _orig(index: tuple[int, ...] | None, a: int, b: int) -> tuple[int, int]:
    if index is None:
        return a, b
    return original_offset(index, a), original_offset(index, b - 1) + 1


def extract_claims(article: Article) -> list[Claim]:
    """Casualty claims stated in ``article``, ordered by the position of their figure."""
    text = article.text or ""
    headline_end = 0
    title = (article.title or "").strip()
    if title and not text.lstrip().startswith(title[:40]):
        text = title + "\n" + text
        headline_end = len(title)
    else:
        first = text.lstrip().split("\n", 1)[0]
        if (
            len(first) <= 150
            and not first.rstrip().endswith((".", "!", "؟", "?"))
            and "\n" in text.strip()
        ):
            headline_end = len(text) - len(text.lstrip()) + len(first)
    norm, index = normalize_with_offsets(text)
    if CUE_HINT_RE.search(norm) is None:
        return []

    raws: list[_Raw] = []
    history: list[str] = []
    last_speaker: str | None = None
    sentences = _sentences(norm, headline_end)
    info_get = _INFO.get
    digit_search = DIGIT_RE.search
    number_search = NUMBER_HINT_RE.search
    cue_search = CUE_HINT_RE.search
    for s_idx, (a, b, is_head) in enumerate(sentences):
        # pre-filter: a number (digit first, it is the cheapest) and a cue word
        if digit_search(norm, a, b) is None and number_search(norm, a, b) is None:
            continue
        if cue_search(norm, a, b) is None:
            continue
        words = TOKEN_RE.findall(norm, a, b)
        infos = [info_get(w) or _info(w) for w in words]
        numeric = [k for k, x in enumerate(infos) if x[2]]
        if not numeric:
            continue
        forms = [x[0] for x in infos]
        figs = parse_figures(words, forms, numeric)
        real = [f for f in figs if f.kind != "other"]
        if not real:
            continue
        spans = _spans(norm, a, words)
        cues = [METRICS.match(words, forms, k) if x[1] else None for k, x in enumerate(infos)]
        sent = _Sentence(words, spans, forms, cues, is_head)
        markers: list[_Marker] = []
        resolved: list[str | None] = []
        have_markers = False
        prev: _Raw | None = None
        for f_idx, fig in enumerate(figs):
            if fig.kind == "other" or fig.rise_from:
                continue
            metric, cue_tok = _resolve_metric(sent, fig, figs, f_idx, prev)
            if metric is None or metric == "none":
                continue
            start = min(fig.i0, cue_tok) if cue_tok >= 0 else fig.i0
            if _blocked(sent, start) or (start != fig.i0 and _blocked(sent, fig.i0)):
                continue
            vspan, vclass = _victim(sent, fig)
            if vclass == "other":
                vclass = prev.victim_class if prev else "unknown"
            if not have_markers:
                # speakers, in order (implicit subject = last speaker; anaphora), once per sentence
                have_markers = True
                markers = _markers(sent, text if index is None else norm, real)
                for mk in markers:
                    name: str | None
                    if mk.speaker is None:
                        # implicit subject ("وأضاف أن"): the last speaker named before it
                        named = [r for r in resolved if r]
                        if named:
                            name = named[-1]
                        else:
                            name = (
                                _previous_speaker(norm, text, index, sentences, s_idx)
                                or last_speaker
                            )
                    else:
                        name = mk.speaker
                        if index is not None and mk.span is not None:
                            oa, ob = _orig(index, *mk.span)
                            name = text[oa:ob]
                        if mk.strip_lam:
                            name = _strip_lam(name)
                        name = _estimate_owner(name)
                        name = _resolve_anaphor(
                            name, history, norm[: sent.spans[mk.start][0]], text, index
                        )
                        history.append(name)
                        last_speaker = name
                    resolved.append(name)
            # attribution: an adjacent trailing "according to", else the nearest speaker before
            who: str | None = None
            trailing_estimate = None
            for m_i, mk in enumerate(markers):
                if mk.kind == "prep" and mk.start >= fig.i1:
                    if not any(fig.i1 <= g.i0 < mk.start for g in figs if g.kind != "other"):
                        if _is_estimate(sent, mk):
                            trailing_estimate = resolved[m_i]
                        else:
                            who = resolved[m_i]
                    break
            if who is None:
                for m_i, mk in enumerate(markers):
                    if mk.end <= fig.i0 or (mk.start < fig.i0 and mk.kind == "prep"):
                        who = resolved[m_i]
            if who is None:
                # a figure with no speaker of its own takes the sentence's trailing source
                trailing = [
                    resolved[m_i]
                    for m_i, mk in enumerate(markers)
                    if mk.kind == "prep" and mk.start >= fig.i1
                ]
                who = trailing[0] if trailing else trailing_estimate
            end_tok = max(fig.i1, cue_tok + 1)
            scope = _scope(sent, start, end_tok)
            qa, qb = _clause(sent, start, end_tok)
            qspan = (sent.spans[qa][0], sent.spans[max(qa, qb - 1)][1])
            if qspan[1] - qspan[0] < 25:
                qa2, qb2 = _clause(sent, max(0, qa - 1), min(len(words), qb + 1))
                qspan = (sent.spans[qa2][0], sent.spans[max(qa2, qb2 - 1)][1])
            raw = _Raw(
                fig=fig,
                metric=metric,
                victim=None
                if vspan is None
                else (sent.spans[vspan[0]][0], sent.spans[vspan[1] - 1][1]),
                victim_class=vclass,
                attributed=who,
                scope=scope,
                quote=qspan,
                pos=sent.spans[fig.core][0],
                sentence=s_idx,
                headline=is_head,
                cue_tok=cue_tok,
            )
            raws.append(raw)
            prev = raw

    raws = _merge(raws)
    claims = []
    for r in sorted(raws, key=lambda r: r.pos):
        qa, qb = _orig(index, *r.quote)
        victim = ""
        if r.victim:
            va, vb = _orig(index, *r.victim)
            victim = text[va:vb]
        who = canonical_source(r.attributed) if r.attributed else None
        claims.append(
            Claim(
                article=article.id,
                metric=r.metric,
                min=r.fig.min,
                max=r.fig.max,
                approximate=r.fig.approximate,
                victim=victim,
                victim_class=r.victim_class,
                attributed_to=who or None,
                source=article.source,
                scope=r.scope,
                quote=text[qa:qb].strip(),
            )
        )
    return claims


def _same_source(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    na, nb = canonical_source(a), canonical_source(b)
    na, nb = normalize_word(na), normalize_word(nb)
    return na == nb or na in nb or nb in na


def _merge(raws: list[_Raw]) -> list[_Raw]:
    """One claim per figure and source; headline figures restated in the body; own-voice
    statements that repeat an attributed statement."""
    heads = [r for r in raws if r.headline]
    body = [r for r in raws if not r.headline]
    for h in heads:
        for b in body:
            if b.metric == h.metric and b.fig.base == h.fig.base:
                if b.attributed:
                    h.attributed = b.attributed
                if h.victim is None:
                    h.victim, h.victim_class = b.victim, b.victim_class
                body.remove(b)
                break
    out: list[_Raw] = []
    for r in heads + body:
        if any(
            o.metric == r.metric
            and o.fig.base == r.fig.base
            and o.sentence != r.sentence
            and _same_source(o.attributed, r.attributed)
            for o in out
        ):
            continue
        out.append(r)
    # own-voice sentence whose figures all reappear in one attributed sentence
    by_sentence: dict[int, list[_Raw]] = {}
    for r in out:
        by_sentence.setdefault(r.sentence, []).append(r)
    drop: set[int] = set()
    for s, group in by_sentence.items():
        if any(r.attributed for r in group) or any(r.headline for r in group):
            continue
        sig = {(r.metric, r.fig.base) for r in group}
        for s2, group2 in by_sentence.items():
            if s2 == s or not all(r.attributed for r in group2):
                continue
            if sig <= {(r.metric, r.fig.base) for r in group2}:
                drop.add(s)
                break
    return [r for r in out if r.sentence not in drop]

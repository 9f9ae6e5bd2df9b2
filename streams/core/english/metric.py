"""What a figure counts: the casualty cue bound to it, or why it is no claim.

``resolve_metrics(low, figs, previous)`` gives, for every figure of a sentence, a
:class:`Resolved` (metric, the cue's token, the figure it is a part of) or None. A figure is
bound, in this order of preference, to

1. a cue after it and its noun ("20 people were killed", "20 dead", "three of the dead");
2. for a sub-count ("including 12 children", "50 of them", "with 50 in a serious condition"),
   the figure it is a part of ("the dead included seven women" -> killed);
3. a verb or noun before it ("killing 31", "the bodies of 19");
4. a toll noun linked to it ("the death toll rose to 56", "put the toll at 13", "the number of
   people killed has climbed to 64");
5. the figure it is compared or coordinated with ("lower than the 20,000", "nine children and six
   women").

Never claims: figures a non-casualty verb governs ("rescued 47"), objects ("36 ambulances"),
forecasts ("could rise to 50", "1,000 could die"), denied figures ("denied reports that 5,000
died"), hypotheticals ("if"), and figures in sentences that describe images ("video showed dozens
of bodies").
"""

from __future__ import annotations

from dataclasses import dataclass

from .figures import Figure
from .lexicon import PhraseTable, kinds_of, load_rows, words_of_kind

__all__ = ["Resolved", "resolve_metrics"]

METRICS: PhraseTable[tuple[str, str]] = PhraseTable(
    (r[0], (r[1], r[2])) for r in load_rows("metrics.tsv")
)
_TOLL_ROWS = load_rows("tolls.tsv")
TOLLS: PhraseTable[str] = PhraseTable((r[0], r[1]) for r in _TOLL_ROWS if r[1] != "link")
LINKS = frozenset(r[0] for r in _TOLL_ROWS if r[1] == "link")
_GRAMMAR = kinds_of("grammar.tsv")
AUX = words_of_kind(_GRAMMAR, "aux")
STOP = words_of_kind(_GRAMMAR, "stop") - {"the", "a", "an", "this", "these", "those", "their"}
STOP = STOP - {"his", "her", "its", "our", "my", "your"}
FILLER = words_of_kind(_GRAMMAR, "filler")
SUBCOUNT = words_of_kind(_GRAMMAR, "subcount")
PARTITIVE = words_of_kind(_GRAMMAR, "partitive")
COMPARE = words_of_kind(_GRAMMAR, "compare")
_MODALITY = kinds_of("modality.tsv")
MODAL = words_of_kind(_MODALITY, "modal")
RISE = words_of_kind(_MODALITY, "rise")
DENIAL = words_of_kind(_MODALITY, "denial")
DENIAL_OBJECT = words_of_kind(_MODALITY, "denial_object")
DEPICTION = words_of_kind(_MODALITY, "depiction")
SHOW = words_of_kind(_MODALITY, "show")
HYPOTHETICAL = words_of_kind(_MODALITY, "hypothetical")
_NONCASUALTY = kinds_of("noncasualty.tsv")
OBJECTS = frozenset(_NONCASUALTY)
VICTIM_WORDS = frozenset(r[0] for r in load_rows("victims.tsv"))
BE = words_of_kind(_GRAMMAR, "be")
LIST_JOINERS: PhraseTable[bool] = PhraseTable(
    (w, True) for w in words_of_kind(_GRAMMAR, "list_joiner")
)
EVENT_PARTICIPLES = words_of_kind(_GRAMMAR, "event_participle")
QUOTES = frozenset({'"', "“", "”", "‘", "'", "«", "»"})
PUNCT_OPEN = frozenset({"—", "–", "-", "("})
PUNCT_CLOSE = {"—": "—", "–": "–", "-": "-", "(": ")"}

CUE_FIRST = METRICS.first


@dataclass(slots=True)
class Resolved:
    """The metric of a figure, the token of its cue (-1 when it has none of its own) and the
    index of the figure it is a part of (a sub-count's head), if any.
    """

    metric: str
    cue: int
    head: int | None = None


def _starts(figs: list[Figure]) -> dict[int, int]:
    return {f.i0: k for k, f in enumerate(figs)}


def _cue_at(low: list[str], j: int, positions: tuple[str, ...]) -> tuple[int, str] | None:
    """(length, metric) of a cue at ``j`` whose position is one of ``positions``."""
    m = METRICS.match(low, j)
    if m is None:
        return None
    n, (metric, position) = m
    return (n, metric) if position in positions else None


def _after(
    low: list[str], figs: list[Figure], k: int, starts: dict[int, int], coordinate: bool = True
) -> tuple[str, int, str] | None:
    """(metric, cue token, how) from the words after figure ``k``; how is "cue", "among",
    "coord" (the metric of a figure coordinated after it), "partitive" (no cue: "N of them") or
    "none" (an object or a non-casualty verb, a forecast).
    """
    f = figs[k]
    n = len(low)
    j = f.i1
    partitive = False
    if j + 1 < n and low[j] == "of" and low[j + 1] in PARTITIVE:
        partitive = True
        j += 2 if low[j + 1] != "the" else 1
    np_words = steps = 0
    while j < n and steps < 14:
        steps += 1
        tok = low[j]
        g = starts.get(j)
        if g is not None and g != k:
            other = figs[g]
            partitive_next = other.i1 < n and low[other.i1] == "of"
            if (
                other.other is None
                and coordinate
                and low[j - 1] in ("and", ",", "or")
                and not partitive_next
            ):
                got = _after(low, figs, g, starts, coordinate=True)
                if got is not None and got[2] in ("cue", "coord"):
                    return got[0], got[1], "coord"
            break
        cue = METRICS.match(low, j) if tok in CUE_FIRST else None
        if cue is not None:
            metric, position = cue[1]
            if position == "before":
                break
            return (metric, j, "none" if metric == "none" else "cue")
        if tok in OBJECTS and np_words <= 3:
            return "none", j, "none"
        if tok in MODAL:
            # "may have died", "may still be missing" estimate a toll; "could die", "could be
            # killed" forecast one
            nxt = low[j + 1] if j + 1 < n else ""
            after_be = low[j + 2] if j + 2 < n else ""
            if nxt in ("have", "still") or (nxt == "be" and after_be not in EVENT_PARTICIPLES):
                j += 2
                continue
            return "none", j, "none"
        if tok == "among":
            h = starts.get(j + 1)
            if h is not None and figs[h].other is None:
                got = _after(low, figs, h, starts, coordinate=False)
                if got is not None and got[2] == "cue":
                    return got[0], got[1], "among"
            if j + 2 < n and low[j + 1] == "the":
                among = _cue_at(low, j + 2, ("after", "both"))
                if among is not None:
                    return among[1], j + 2, "among"
            break
        if tok in AUX:
            j += 1
            continue
        if tok == "with" and j + 1 < n:
            for c in range(j + 1, min(n, j + 6)):
                if not low[c][0].isalnum():
                    break
                with_cue = _cue_at(low, c, ("after", "both"))
                if with_cue is not None:
                    return with_cue[1], c, "none" if with_cue[1] == "none" else "cue"
            break
        if tok == "as" and j + 1 < n:
            as_cue = _cue_at(low, j + 1, ("after", "both"))
            if as_cue is not None:
                return as_cue[1], j + 1, "none" if as_cue[1] == "none" else "cue"
            break
        if tok == "," and j + 1 < n and low[j + 1] in SUBCOUNT:
            end = next((e for e in range(j + 2, min(n, j + 12)) if low[e] == ","), None)
            if end is not None:
                j = end + 1
                continue
        if tok in ("and", "or", ","):
            nxt = low[j + 1] if j + 1 < n else ""
            if j + 1 in starts and coordinate:
                j += 1
                continue
            if tok != "," and nxt in VICTIM_WORDS:
                j += 1
                continue
            break
        if tok in PUNCT_OPEN and np_words + steps > 0:
            close = PUNCT_CLOSE[tok]
            end = next((e for e in range(j + 1, min(n, j + 14)) if low[e] == close), None)
            if end is None or any(e in starts for e in range(j + 1, end)):
                break
            j = end + 1
            continue
        if tok in STOP or not tok[0].isalnum():
            break
        np_words += 1
        if np_words > 6:
            break
        j += 1
    if partitive:
        return "", -1, "partitive"
    return None


def _before(low: list[str], f: Figure) -> tuple[str, int] | None:
    """(metric, cue token) of a verb or noun right before ``f`` ("killing at least 31")."""
    j = f.i0 - 1
    skipped = 0
    while j >= 0 and (low[j] in FILLER or low[j] in QUOTES) and skipped < 3:
        j -= 1
        skipped += 1
    m = METRICS.match_ending(low, j)
    if m is None:
        return None
    _, (metric, position) = m
    if position not in ("before", "both"):
        return None
    return metric, j


def _toll(
    low: list[str],
    figs: list[Figure],
    k: int,
    resolved: list[Resolved | None],
    previous: str | None,
) -> tuple[str, int] | None:
    """(metric, toll token) when a toll noun is linked to figure ``k`` ("rose to", "at")."""
    f = figs[k]
    j = f.i0 - 1
    if j < 1 or low[j] not in LINKS:
        return None
    real_ends = {g.i1 - 1 for g in figs if g.other is None and not g.rise_from}
    for t in range(j - 1, max(-1, j - 26), -1):
        if t in real_ends:
            return None
        if low[t] in (".", ";", "!", "?"):
            return None
        m = TOLLS.match_ending(low, t)
        if m is None:
            continue
        _, value = m
        if value == "cue":
            for c in range(t + 1, min(len(low), t + 6)):
                cue = _cue_at(low, c, ("after", "both", "before"))
                if cue is not None and cue[1] != "none":
                    return cue[1], c
            continue
        if value == "inherit":
            metric = _previous_metric(resolved, k) or previous
            return (metric, t) if metric else None
        return str(value), t
    return None


def _previous_metric(resolved: list[Resolved | None], k: int) -> str | None:
    for r in reversed(resolved[:k]):
        if r is not None:
            return r.metric
    return None


def _previous_head(resolved: list[Resolved | None], k: int) -> int | None:
    for h in range(k - 1, -1, -1):
        if resolved[h] is not None:
            return h
    return None


def _subcount_marker(low: list[str], f: Figure) -> tuple[bool, str | None]:
    """Whether ``f`` is introduced as a part of something ("including", "among them", "with",
    "the dead included", "among the dead were"), and the metric the marker names, if any.
    """
    j = f.i0 - 1
    if j < 0:
        return False, None
    tok = low[j]
    if tok in ("them", "whom", "those") and j >= 1 and low[j - 1] in ("among", "of"):
        return True, None
    if tok == ":" and j >= 1 and METRICS.match_ending(low, j - 1) is not None:
        return True, None  # "11 people had been killed: eight Iranians, two Syrians ..."
    if tok in SUBCOUNT:
        if tok.startswith("includ") and j >= 1:
            m = METRICS.match_ending(low, j - 1)
            if m is not None and m[1][0] != "none":
                return True, str(m[1][0])
        return True, None
    if tok in BE:
        for a in range(j - 1, max(-1, j - 5), -1):
            if low[a] == "among":
                for c in range(a + 1, j):
                    cue = _cue_at(low, c, ("after", "both"))
                    if cue is not None:
                        return True, cue[1]
                return True, None
    return False, None


def _blocked(low: list[str], f: Figure, context: frozenset[str]) -> bool:
    """Forecast, denial or hypothetical context of ``f``; any figure of a depiction.
    ``context`` holds the kinds of such words the sentence has (see :func:`_context`).
    """
    if not context:
        return False
    if "depiction" in context or ("hypothetical" in context and low[0] in HYPOTHETICAL):
        return True
    lo = max(0, f.i0 - 7)
    for r in range(f.i0 - 1, lo - 1, -1):
        tok = low[r]
        if tok in (",", ";", ".", ":"):
            break
        if tok in HYPOTHETICAL:
            return True
        if tok in RISE and any(w in MODAL for w in low[max(0, r - 3) : r]):
            return True
    for d in range(f.i0 - 1, -1, -1):
        tok = low[d]
        if tok in (";",) or tok == "but":
            break
        if tok in DENIAL and any(w in DENIAL_OBJECT for w in low[d + 1 : d + 3]):
            return "," not in low[d : f.i0]
    return False


def _context(low: list[str]) -> frozenset[str]:
    """The kinds of blocking words a sentence has: depiction (an image noun and a verb of
    showing), hypothetical, rise (with a modal), denial; empty for most sentences.
    """
    kinds = set()
    if not DEPICTION.isdisjoint(low) and not SHOW.isdisjoint(low):
        kinds.add("depiction")
    if not HYPOTHETICAL.isdisjoint(low):
        kinds.add("hypothetical")
    if not RISE.isdisjoint(low) and not MODAL.isdisjoint(low):
        kinds.add("rise")
    if not DENIAL.isdisjoint(low):
        kinds.add("denial")
    return frozenset(kinds)


def resolve_metrics(
    low: list[str], figs: list[Figure], previous: str | None
) -> list[Resolved | None]:
    """The :class:`Resolved` metric of each figure of a sentence (None: no claim).

    ``previous`` is the metric of the article's last claim before this sentence: a sub-count
    or a toll noun with nothing to lean on in its own sentence ("Six of them ...", "put that
    number at") continues it.
    """
    starts = _starts(figs)
    context = _context(low)
    resolved: list[Resolved | None] = [None] * len(figs)
    for k, f in enumerate(figs):
        if f.other is not None or f.rise_from or _blocked(low, f, context):
            continue
        before = _before(low, f)
        if before is not None and before[0] == "none":
            continue
        is_part, named = _subcount_marker(low, f)
        after = _after(low, figs, k, starts)
        if after is not None and after[2] == "none":
            continue
        if after is not None and after[2] in ("cue", "among"):
            head = _previous_head(resolved, k) if is_part or after[2] == "among" else None
            resolved[k] = Resolved(after[0], after[1], head)
            continue
        if is_part or (after is not None and after[2] == "partitive"):
            head = _previous_head(resolved, k)
            head_r = resolved[head] if head is not None else None
            metric = named or (head_r.metric if head_r is not None else None) or previous
            if metric:
                resolved[k] = Resolved(metric, -1, head)
            continue
        if before is not None:
            resolved[k] = Resolved(before[0], before[1])
            continue
        toll = _toll(low, figs, k, resolved, previous)
        if toll is not None:
            resolved[k] = Resolved(toll[0], toll[1])
            continue
        if after is not None and after[2] == "coord":
            resolved[k] = Resolved(after[0], after[1])
            continue
        j = f.i0 - 1
        if j >= 0 and (low[j] in COMPARE or (low[j] == "the" and j >= 1 and low[j - 1] in COMPARE)):
            metric = _previous_metric(resolved, k)
            if metric:
                resolved[k] = Resolved(metric, -1)
            continue
        if j >= 0 and LIST_JOINERS.match_ending(low, j) is not None:
            head = _previous_head(resolved, k)
            head_r = resolved[head] if head is not None else None
            if (
                head is not None
                and head_r is not None
                and f.i0 - figs[head].i1 <= 8
                and _victim_only(low, f, starts)
            ):
                resolved[k] = Resolved(head_r.metric, -1, head_r.head)
    return resolved


def _victim_only(low: list[str], f: Figure, starts: dict[int, int]) -> bool:
    """The words after ``f`` name victims or nothing, then the clause ends (no verb of its own:
    "and three children" continues a list, "and four managed to escape" does not).
    """
    n = len(low)
    j = f.i1
    words: list[str] = []
    while j < n and len(words) < 4:
        tok = low[j]
        if tok in STOP or not tok[0].isalnum() or j in starts:
            break
        words.append(tok)
        j += 1
    if len(words) > 3:
        return False
    # nouns only: a victim word, or words that are no verb forms ("Syrians", "Bedouin")
    return all(w in VICTIM_WORDS or not w.endswith(("ed", "ing")) for w in words) and (
        not words or words[-1] in VICTIM_WORDS or words[-1] not in AUX
    )

"""Who stated a figure: speaker markers in a sentence and the figure each one governs.

A :class:`Marker` is a reporting construction with its speaker's token span:

- "X said (that) ...", "X told Y ...", "X reported ...", "X put the toll at N" (subject before
  the verb; an apposition or relative clause between them is skipped: "X, a war monitor, said",
  "the official, who asked not to be named, told");
- inverted after a quote: '"...," said X';
- "according to X", "as reported by X", "announced by X";
- ", saying / adding that ...": the speaker of the clause before it;
- relays: "X, citing Y, said", "X quoted Y as saying", "as reported by X, quoting Y" and
  "Y told X" keep X as ``via`` when X is a news outlet (a monitor citing its informants stays
  the source: "the observatory said ..., citing officials at the airport");
- a headline prefix naming a speaker ("Egypt: Health Ministry - 32 People Die").

A marker is *trailing* when figures stand before it in its sentence and it closes their clause
(", X said.", ", according to X."); it then governs them. Otherwise it governs the figures after
it. A speaker span is a speaker only when :func:`.sources.is_speaker_phrase` accepts it; a
pronoun ("he said", "it added") is kept as a pronoun for the caller to resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

from .figures import Figure
from .lexicon import PhraseTable, kinds_of, load_rows, words_of_kind
from .sources import SPEAKER_WORDS, is_speaker_phrase
from .tokens import QUOTE_CHARS, Tokens

__all__ = ["Marker", "find_markers", "governing_marker", "subject_span", "forward_span"]

SPEECH: PhraseTable[str] = PhraseTable((r[0], r[1]) for r in load_rows("speech.tsv"))
PASSIVE_VERBS = frozenset(r[0].split()[0] for r in load_rows("speech.tsv") if r[1] == "passive")
_GRAMMAR = kinds_of("grammar.tsv")
PRONOUNS = words_of_kind(_GRAMMAR, "pronoun") | {"who"}
ADVERBS = words_of_kind(_GRAMMAR, "adverb")
CLAUSE = words_of_kind(_GRAMMAR, "clause")
NPLINK = words_of_kind(_GRAMMAR, "nplink")
TITLES = words_of_kind(_GRAMMAR, "title")
BE = words_of_kind(_GRAMMAR, "be")
RELATIVES = words_of_kind(_GRAMMAR, "relative")
# verbs that end a name read forwards ("announced by the ministry was ...")
VERBISH = BE | words_of_kind(_GRAMMAR, "verb_aux")
DETERMINERS = words_of_kind(_GRAMMAR, "determiner")
TOLL_OBJECTS = words_of_kind(_GRAMMAR, "toll_object")
APPOSITION_OPENERS = words_of_kind(_GRAMMAR, "apposition")
_SPEAKERISH = words_of_kind(_GRAMMAR, "name_joiner")
_HEAD_WORDS = words_of_kind(_GRAMMAR, "headline_speaker")
_LEADING_JUNK = NPLINK - {"the", "a", "an", "al", "el", "abu", "bin", "ibn", "de", "la", "le"}
OPENING_PUNCT = frozenset({",", "—", "–", "-", ":", "(", ";"})


@dataclass(slots=True)
class Marker:
    """A reporting construction in a sentence (token indices).

    ``speaker`` is the token span of the speaker as written (None for a pronoun, a relative
    "who" or a participle, see ``pronoun``/``inherit``); ``cited`` the span of a source it
    cites or quotes; ``told`` the span of whom it told; ``via_subject`` marks "X quoted Y as
    saying" (the subject X relays the quoted Y); ``only_figure`` restricts it to one figure
    ("the 20,000 a spokesperson gave").
    """

    t0: int
    t1: int
    kind: str
    speaker: tuple[int, int] | None
    pronoun: bool = False
    inherit: bool = False
    antecedent: tuple[int, int] | None = None
    cited: tuple[int, int] | None = None
    told: tuple[int, int] | None = None
    quoted: tuple[int, int] | None = None
    trailing: bool = False
    only_figure: int | None = None


def forward_span(
    t: Tokens, j: int, limit: int = 12, name_only: bool = False
) -> tuple[int, int] | None:
    """The name starting at token ``j`` ("the Syrian Observatory for Human Rights", "a spokesman
    for the Emergency Medical Center", "Maj. Gen. Igor Konashenkov"), or None. With
    ``name_only`` (whom someone told), a determiner after a capitalized word opens the reported
    clause ("told AFP the death toll stood at 113").
    """
    low, words = t.low, t.words
    n = len(low)
    k = j
    while k < n and k - j < limit:
        tok = low[k]
        if tok == "." and k > j and low[k - 1] in TITLES:
            k += 1
            continue
        if tok == "(" and k > j and k + 2 < n and low[k + 2] == ")" and words[k + 1].isupper():
            k += 3
            continue
        if not tok[0].isalnum() or tok[:1].isdigit():
            break
        if (tok in CLAUSE and tok not in NPLINK) or tok in VERBISH:
            break
        if name_only and k > j and tok in DETERMINERS and words[k - 1][:1].isupper():
            break
        if tok in ("in", "at", "and", "to", "on", "from", "by", "with"):
            nxt = words[k + 1] if k + 1 < n else ""
            nlow = low[k + 1] if k + 1 < n else ""
            if tok == "and" and (nxt[:1].isupper() or nlow in _SPEAKERISH):
                k += 1
                continue
            if tok in ("in", "at") and (nxt[:1].isupper() or nlow == "the") and k > j:
                k += 1
                continue
            break
        if tok in SPEECH.first and SPEECH.match(low, k) is not None and k > j:
            break
        k += 1
    while k > j and low[k - 1] in NPLINK:
        k -= 1
    return (j, k) if k > j else None


def subject_span(t: Tokens, v: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None, int]:
    """The subject of the verb at token ``v`` read backwards: (span, cited span, start token).

    Adverbs between subject and verb are skipped ("also told"); an apposition or relative
    clause between commas is skipped ("X, a Britain-based war monitor, said"), and one opening
    with "citing"/"quoting" gives the cited source.
    """
    low, words = t.low, t.words
    k = v - 1
    while k >= 0 and low[k] in ADVERBS and low[k] not in PRONOUNS:
        k -= 1
    cited: tuple[int, int] | None = None
    if k >= 2 and low[k] == ")" and low[k - 2] == "(" and words[k - 1].isupper():
        k -= 3
    if k >= 0 and low[k] == ",":
        c2 = next((c for c in range(k - 1, max(-1, k - 22), -1) if low[c] in (",", ".", ";")), None)
        if c2 is None or low[c2] != "," or c2 + 1 >= k:
            return None, None, v
        opener = low[c2 + 1]
        segment_is_name = all(w[:1].isupper() for w in words[c2 + 1 : k] if w[0].isalnum())
        if opener not in APPOSITION_OPENERS and not segment_is_name and opener not in ADVERBS:
            return None, None, v
        if opener in ("citing", "quoting"):
            cited = forward_span(t, c2 + 2)
        k = c2 - 1
    end = k + 1
    if k >= 0 and low[k] in PRONOUNS and low[k] != "who":
        return (k, k + 1), cited, k
    while k >= 0 and end - k <= 14:
        tok = low[k]
        if tok == "." and k > 0 and low[k - 1] in TITLES:
            k -= 1
            continue
        if tok == ")" and k >= 2 and low[k - 2] == "(" and words[k - 1].isupper():
            k -= 3
            continue
        if not tok[0].isalnum() or tok[:1].isdigit():
            break
        if tok in CLAUSE and tok not in NPLINK and tok != "who":
            break
        if tok == "and" and not (
            k + 1 < end and (words[k + 1][:1].isupper() or low[k + 1] in _SPEAKERISH)
        ):
            break
        if tok in SPEECH.first and tok not in SPEAKER_WORDS and SPEECH.match(low, k) is not None:
            break
        if tok == "who":
            if k == end - 1:
                k -= 1
            break
        k -= 1
    if k >= 1 and low[k] in RELATIVES and end - k > 1 and not _valid((k + 1, end), t):
        # "the armed group that controls the area said": the name is before the relative clause
        inner, inner_cited, inner_start = subject_span(t, k)
        if inner is not None:
            return inner, cited or inner_cited, inner_start
    start = k + 1
    while start < end and (low[start] in _LEADING_JUNK or low[start] in ADVERBS):
        if low[start] in PRONOUNS:
            break
        start += 1
    if start >= end:
        return None, cited, v
    return (start, end), cited, start


def _antecedent(t: Tokens, who: int) -> tuple[int, int] | None:
    """The name a relative "who" refers to: the words before ", who"."""
    k = who - 1
    if k >= 0 and t.low[k] == ",":
        k -= 1
    span, _, _ = subject_span(t, k + 1) if k >= 0 else (None, None, 0)
    return span


def _valid(span: tuple[int, int] | None, t: Tokens) -> TypeGuard[tuple[int, int]]:
    """Whether ``span`` is there and names a speaker (:func:`.sources.is_speaker_phrase`)."""
    if span is None:
        return False
    a, b = span
    return is_speaker_phrase(t.words[a:b], t.low[a:b])


def find_markers(t: Tokens, figs: list[Figure], headline: bool = False) -> list[Marker]:
    """The reporting markers of a sentence, in token order (see the module docstring)."""
    low = t.low
    markers: list[Marker] = []
    cites: list[tuple[int, tuple[int, int]]] = []
    fig_at = {f.n0: k for k, f in enumerate(figs)}
    first = SPEECH.first
    after = 0
    for j in [j for j, tok in enumerate(low) if tok in first]:
        if j < after:
            continue
        m = SPEECH.match(low, j)
        if m is None:
            continue
        used, kind = m
        marker = _marker(t, figs, j, used, kind, fig_at, cites)
        after = j + used if marker is None else max(j + used, marker.t1)
        if marker is not None:
            markers.append(marker)
    for at, span in cites:
        earlier = [mk for mk in markers if mk.t0 < at]
        later = [mk for mk in markers if mk.t0 > at]
        owner = earlier[-1] if earlier else (later[0] if later else None)
        if owner is not None and owner.cited is None:
            owner.cited = span
    if headline:
        prefix = _headline_prefix(t, figs)
        if prefix is not None:
            markers.insert(0, prefix)
    _mark_trailing(t, figs, markers)
    return markers


def _marker(
    t: Tokens,
    figs: list[Figure],
    j: int,
    used: int,
    kind: str,
    fig_at: dict[int, int],
    cites: list[tuple[int, tuple[int, int]]],
) -> Marker | None:
    low = t.low
    n = len(low)
    prev = low[j - 1] if j else ""
    if kind == "prep":
        k = j + used
        if low[j] == "according" and used == 1 and k < n and low[k] == "to":
            k += 1
        span = forward_span(t, k)
        if not _valid(span, t):
            return None
        return Marker(j, span[1], "prep", span)
    if kind == "cite":
        span = forward_span(t, j + used)
        if _valid(span, t):
            cites.append((j, span))
        return None
    if kind == "passive" or low[j] in PASSIVE_VERBS:
        k = j + used
        if kind != "passive":
            if k < n and low[k] in ADVERBS:
                k += 1
            k = k + 1 if k < n and low[k] == "by" else -1
        if k > 0:
            span = forward_span(t, k)
            if not _valid(span, t):
                return None
            return Marker(j, span[1], "passive", span)
        if kind == "passive":
            return None
    if prev in BE:
        return None  # "were reported killed", "was confirmed dead"
    verb = low[j]
    nxt = low[j + 1] if j + 1 < n else ""
    if verb in ("claimed", "claims", "claiming") and nxt in (
        "responsibility",
        "credit",
        "the",
        "lives",
        "a",
    ):
        return None
    if verb == "estimated" and prev in ("an", "the"):
        return None
    if verb in ("report", "reports", "estimate", "estimates", "claims", "count") and (
        prev in DETERMINERS
        or nxt in ("of", "that", "said", "say", "says")
        and verb != "reports"
        or nxt in ("said", "say", "says")
    ):
        return None
    if kind == "put" and TOLL_OBJECTS.isdisjoint(low[j + 1 : j + 4]):
        return None
    if kind == "participle":
        if prev != ",":
            return None
        return Marker(j, j + 1, "participle", None, inherit=True)
    if kind == "quote":
        quoted = forward_span(t, j + 1)
        subject, _, start = subject_span(t, j)
        if quoted is None or subject is None:
            return None
        mk = Marker(start, quoted[1], "quote", subject, quoted=quoted)
        mk.pronoun = low[subject[0]] in PRONOUNS and subject[1] - subject[0] == 1
        return mk
    # inverted: '"...," said X' / '..., said X.'
    if prev in QUOTE_CHARS or (prev == "," and j >= 2 and low[j - 2] in QUOTE_CHARS):
        span = forward_span(t, j + 1)
        if _valid(span, t):
            return Marker(j, span[1], kind, span)
        if span is not None and low[span[0]] in PRONOUNS and span[1] - span[0] == 1:
            return Marker(j, span[1], kind, None, pronoun=True)
    subject, cited, start = subject_span(t, j)
    if subject is None:
        return None
    a, b = subject
    told = None
    if kind == "tell":
        told = forward_span(t, j + 1, limit=6, name_only=True)
    end = j + 1
    if kind == "give":
        # "the 20,000 a different spokesperson gave": the figure right before the subject
        g = next(
            (
                k
                for k, f in enumerate(figs)
                if f.i1 == a or (f.i1 == a - 1 and low[a - 1] in DETERMINERS)
            ),
            None,
        )
        if g is None and TOLL_OBJECTS.isdisjoint(low[j + 1 : j + 4]):
            return None
    else:
        g = None
    if b - a == 1 and low[a] in PRONOUNS:
        mk = Marker(start, end, kind, None, pronoun=True, told=told, cited=cited)
        if low[a] == "who":
            mk.antecedent = _antecedent(t, a)
            mk.pronoun = mk.antecedent is None
            mk.speaker = mk.antecedent
        return mk
    if not _valid(subject, t):
        return None
    return Marker(start, end, kind, subject, cited=cited, told=told, only_figure=g)


def _headline_prefix(t: Tokens, figs: list[Figure]) -> Marker | None:
    """ "Egypt: Health Ministry - 32 People Die": the segment before a dash or colon that
    precedes the first figure names the speaker when it holds a speaker word.
    """
    first = next((f.i0 for f in figs if f.other is None), None)
    if first is None:
        return None
    seps = [k for k in range(first) if t.low[k] in (":", "-", "–", "—", "|")]
    if not seps:
        return None
    end = seps[-1]
    start = max((k + 1 for k in seps if k < end), default=0)
    span = (start, end)
    if end > start and _valid(span, t) and not _HEAD_WORDS.isdisjoint(t.low[start:end]):
        return Marker(start, end, "headline", span)
    return None


def _mark_trailing(t: Tokens, figs: list[Figure], markers: list[Marker]) -> None:
    low = t.low
    prev_end = 0
    for mk in markers:
        has_before = any(f.other is None and prev_end <= f.i0 and f.i1 <= mk.t0 for f in figs)
        opener = low[mk.t0 - 1] if mk.t0 else ""
        closes = (
            mk.kind in ("prep", "passive", "quote")
            or opener in OPENING_PUNCT
            or opener in QUOTE_CHARS
            or mk.only_figure is not None
        )
        if mk.kind == "prep" and mk.t0 == 0:
            closes = False
        mk.trailing = has_before and closes and mk.kind != "participle"
        prev_end = mk.t1


def governing_marker(markers: list[Marker], figs: list[Figure], k: int) -> Marker | None:
    """The marker that states figure ``k``: the trailing marker closing its clause, else the
    nearest marker before it, else None (the caller then follows the discourse).
    """
    f = figs[k]
    for mk in markers:
        if mk.t0 >= f.i1:
            if mk.only_figure is not None and mk.only_figure != k:
                continue
            if mk.trailing:
                return mk
            break
    before = [mk for mk in markers if mk.t1 <= f.i0 and mk.only_figure in (None, k)]
    return before[-1] if before else None

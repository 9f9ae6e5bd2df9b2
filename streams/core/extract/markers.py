"""Attribution markers in a sentence: where a speaker is named, and how.

:func:`speaker_markers` finds every marker in order: a speech verb and its speaker
("قال المرصد", "المصدر أفاد:"), an "according to" phrase ("بحسب وزارة الصحة"), a relay
("نقل X عن Y": Y stated it), a source alias followed by its statement, a headline's "X:"
prefix. :mod:`.attribution` turns them into names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.core.text import conjunction_forms
from streams.core.text.affixes import LAM_LAM

from .figures import Figure
from .lexicons import (
    ABOUT,
    ACCORDING_WHAT,
    ALREADY,
    ATTRIBUTION,
    BY_IT,
    ESTIMATE_HEADS,
    IN,
    LAM_PREPS,
    PASSIVE,
    PUNCT_STOP,
    QUOTES,
    SOURCES,
    SPEAKER_HEADS,
    SPEAKER_TRIM,
    SPEECH_CONTEXT,
    STOPS,
    THAT,
    TO,
    VERB_OBJECTS,
    WEEKDAYS,
    WHAT,
    cached_marker_info,
    marker_info,
)
from .sentences import Sentence, Span

LAM = "ل"
MAX_SPEAKER_TOKENS = 10


@dataclass
class SpeakerMarker:
    """An attribution marker in a sentence (token span ``[start, end)``).

    ``speaker``: the speaker phrase as written in the text read (None: an implicit subject,
    the last speaker); ``speaker_span``: its normalized-text span; ``kind``: verb (a speech
    verb or its equivalent) or prep ("according to"); ``strip_lam``: the phrase starts with
    a ل that belongs to the marker ("وفقا للوزارة").
    """

    start: int
    end: int
    speaker: str | None
    speaker_span: Span | None
    kind: str
    strip_lam: bool = False


def speaker_phrase_end(
    sent: Sentence,
    j: int,
    figure_starts: set[int],
    verb_forms: list[tuple[str, ...]] | None = None,
    max_len: int = MAX_SPEAKER_TOKENS,
) -> int:
    """End token of a speaker phrase starting at ``j`` (== j when empty)."""
    words = sent.words
    n = len(words)
    if j < n and words[j] == IN:
        return j  # "أعلنت في وقت سابق": a prepositional phrase is not a speaker
    k = j
    while k < n and k - j < max_len:
        w = words[k]
        if w in STOPS or w in WEEKDAYS or w == ALREADY:
            break
        if k in figure_starts or w[0].isdecimal():
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
        if w == IN and k + 1 < n and any(f in SPEECH_CONTEXT for f in sent.forms[k + 1]):
            break
        if k > j and verb_forms is not None and ATTRIBUTION.match(words, verb_forms, k):
            break
        k += 1
    while k > j and words[k - 1] in SPEAKER_TRIM:
        k -= 1
    return k


@dataclass
class _MarkerScan:
    """One left-to-right pass over a sentence collecting its markers."""

    sent: Sentence
    text: str  # the text the sentence's spans index (original or normalized)
    figs: list[Figure]
    out: list[SpeakerMarker] = field(default_factory=list)
    covered: int = -1  # tokens before this belong to a marker already

    def __post_init__(self) -> None:
        marks = [cached_marker_info(w) or marker_info(w) for w in self.sent.words]
        self.may_start = [m[1] for m in marks]
        self.verb_forms = [m[0] for m in marks]
        self.starts = {f.i0 for f in self.figs}

    def phrase(self, a: int, b: int) -> tuple[str, Span]:
        span = (self.sent.spans[a][0], self.sent.spans[b - 1][1])
        return self.text[span[0] : span[1]], span

    def phrase_end(self, j: int) -> int:
        return speaker_phrase_end(self.sent, j, self.starts, self.verb_forms)

    def add(self, a: int, b: int, start: int, end: int, kind: str, lam: bool = False) -> None:
        ph, sp = self.phrase(a, b)
        self.out.append(SpeakerMarker(start, end, ph, sp, kind, lam))

    def run(self) -> list[SpeakerMarker]:
        words = self.sent.words
        i = 0
        while i < len(words):
            if not self.may_start[i]:
                i += 1
                continue
            m = ATTRIBUTION.match(words, self.verb_forms, i)
            if m and not (i > 0 and words[i - 1] == PASSIVE):
                n_tok, kind = m
                if kind == "prep":
                    i = self.according_to(i, i + n_tok)
                elif kind == "relay":
                    i = self.relay(i, i + n_tok)
                else:
                    i = self.speech_verb(i, i + n_tok)
                continue
            i = self.source_alias(i)
        if self.sent.headline:
            self.headline_prefix()
        self.out.sort(key=lambda mk: mk.start)
        return self.out

    def according_to(self, i: int, j: int) -> int:
        """ "بحسب وزارة الصحة", "بحسب ما أعلنته الوزارة", "وفقا للمرصد"."""
        words, n = self.sent.words, len(self.sent.words)
        fused = any(f.endswith(ACCORDING_WHAT) for f in self.verb_forms[i])  # "حسبما أفاد"
        if fused or (j < n and words[j] == WHAT):
            j += 0 if fused else 1
            verb = ATTRIBUTION.match(words, self.verb_forms, j) if j < n else None
            if verb is None and j < n and words[j].endswith(VERB_OBJECTS):
                # "بحسب ما أعلنته": the verb with an object pronoun
                bare = words[j][:-1] if words[j].endswith("ه") else words[j][:-2]
                verb = ATTRIBUTION.match([bare], [conjunction_forms(bare)], 0)
            if verb is not None:
                j += verb[0]
                if j < n and words[j] in BY_IT:
                    j += 1
        end = self.phrase_end(j)
        if end > j:
            lam = any(f in LAM_PREPS for f in conjunction_forms(words[i]))
            self.add(j, end, i, end, "prep", lam)
            self.covered = end
        return max(end, i + 1)

    def relay(self, i: int, j: int) -> int:
        """ "نقل المرصد عن مصدر في المطار": the source relayed stated it, when named."""
        sent, words, n = self.sent, self.sent.words, len(self.sent.words)
        end = self.phrase_end(j)
        if end > j and end < n and words[end] == ABOUT:
            y0 = end + 1
            y1 = self.phrase_end(y0)
            if y1 > y0 and (
                any(f in SPEAKER_HEADS for f in sent.forms[y0])
                or SOURCES.match(words, sent.forms, y0)
            ):
                self.add(y0, y1, i, y1, "verb")
                return y1
        if end > j and any(f in SPEAKER_HEADS for f in sent.forms[j]):
            self.add(j, end, i, end, "verb")
            return end
        return i + 1

    def speech_verb(self, i: int, j: int) -> int:
        """ "قال المرصد إن", "المصدر أفاد:", "وكانت مصادر طبية قد أفادت"."""
        sent, words, n = self.sent, self.sent.words, len(self.sent.words)
        pluperfect = i > 0 and words[i - 1] == ALREADY
        k = j
        if k < n and words[k] == TO:
            k += 1  # "أشار إلى أن"
        elif k + 1 < n and words[k] == IN and not SPEECH_CONTEXT.isdisjoint(sent.forms[k + 1]):
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
                or words[k] in (":", ABOUT)
                or words[k].startswith(LAM_LAM)
                or words[k] == LAM
            )
        ):
            self.subject_before(i, j, k, pluperfect)
            return j
        end = self.phrase_end(j)
        if end > j:
            self.add(j, end, i, end, "verb")
            self.covered = end
            return end
        return i + 1

    def subject_before(self, i: int, j: int, k: int, pluperfect: bool) -> None:
        """The subject before the verb ("تقارير تتحدث عن", "المصدر أفاد:"), else implicit."""
        sent, words, n = self.sent, self.sent.words, len(self.sent.words)
        subj = None
        last = i - 1 if pluperfect else i
        for b in range(last - 1, max(-1, last - 6), -1):
            if words[b] in PUNCT_STOP or words[b] in STOPS or b < self.covered:
                break
            if any(f in SPEAKER_HEADS for f in sent.forms[b]):
                subj = b
        if subj is not None:
            self.add(subj, last, subj, j, "verb", words[subj].startswith(LAM))
        elif not pluperfect or (k < n and words[k] in THAT):
            self.out.append(SpeakerMarker(i, j, None, None, "verb"))

    def source_alias(self, i: int) -> int:
        """A known source followed by its statement ("المرصد السوري: ...", "... أن")."""
        sent, words = self.sent, self.sent.words
        if i >= self.covered:
            s = SOURCES.match(words, sent.forms, i)
            if s:
                end = i + s[0]
                if any(w in THAT or w == ":" for w in words[end : end + 7]):
                    sp = (sent.spans[i][0], sent.spans[end - 1][1])
                    self.out.append(SpeakerMarker(i, end, s[1], sp, "verb"))
                    self.covered = end
                    return end
        return i + 1

    def headline_prefix(self) -> None:
        """ "الصحة الليبية: مقتل 5 أشخاص": a headline's named prefix before a colon."""
        sent, words = self.sent, self.sent.words
        colon = next((t for t in range(min(len(words), 6)) if words[t] == ":"), None)
        named = colon is not None and any(
            f in SPEAKER_HEADS for t in range(colon) for f in sent.forms[t]
        )
        if colon is not None and named and not any(f.i0 < colon for f in self.figs):
            self.add(0, colon, 0, colon, "verb")


def speaker_markers(sent: Sentence, text: str, figs: list[Figure]) -> list[SpeakerMarker]:
    """The attribution markers of ``sent`` in order (``text``: what its spans index)."""
    return _MarkerScan(sent, text, figs).run()


def is_estimate(sent: Sentence, mk: SpeakerMarker) -> bool:
    """ "وفق تقديرات أولية": a qualifier of the figure, weaker than a named speaker."""
    j = mk.start + 1
    while j < len(sent.words) and sent.words[j] == WHAT:
        j += 1
    return j < len(sent.words) and any(f in ESTIMATE_HEADS for f in sent.forms[j])

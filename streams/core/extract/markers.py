"""Attribution markers in a sentence: where a speaker is named, and how.

:func:`speaker_markers` finds every marker in order:

* a speech verb and its speaker ("قال المرصد", "المصدر أفاد:"), the speaker cut before whom
  it told ("قال مسؤول لوكالة رويترز": the agency relays the statement, ``via``);
* an accusation ("اتهمت المنظمة قوات ... بقتل 40"): the accuser states the figure, the
  accused party is cut off the speaker;
* a verb whose subject speaks but whose object is no statement of figures ("أدان المجلس
  ..."، "أعلن التنظيم مسؤوليته عن الهجوم"): kind ``subject``, the speaker of the participles
  and implicit subjects that follow ("مؤكدا أن");
* "according to" ("بحسب وزارة الصحة"، "وفقا للمرصد"، "نقلا عن Y" after "ذكرت وكالة X"،
  "بحسب ما نقلته X عن Y": Y stated it, X relays it);
* a relay ("نقل X عن Y": Y stated it, X relayed it);
* a document quoted ("جاء في البيان أن"): the document, whose author :mod:`.attribution`
  finds;
* a source alias followed by its statement, and a "X:" prefix naming a speaker, in the
  headline or in the body ("الناطق باسم الوزارة: الحصر الأولي ...").

:mod:`.attribution` turns them into names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.core.registry import outlet_name_length
from streams.core.text import conjunction_forms
from streams.core.text.affixes import ARTICLE, LAM_LAM

from .figures import Figure
from .lexicons import (
    ABOUT,
    ACCORDING_WHAT,
    ALREADY,
    ATTRIBUTION,
    BLAME_OBJECTS,
    BY_IT,
    DOCUMENTS,
    ESTIMATE_HEADS,
    IN,
    LAM_PREPS,
    NON_STATEMENT,
    OUTLET_HEADS,
    PARTY,
    PASSIVE,
    PUNCT_STOP,
    QUOTES,
    RELAY_PREP,
    SOURCES,
    SPEAKER_HEADS,
    STOPS,
    THAT,
    TO,
    TOLD,
    VERB_OBJECTS,
    VERB_PREPS,
    WHAT,
    cached_marker_info,
    marker_info,
)
from .sentences import Sentence, Span
from .speakers import (
    LAM,
    PREFIX_REACH,
    TOLD_REACH,
    SpeakerMarker,
    is_channel,
    is_object,
    quoted_name_end,
    speaker_phrase_end,
    told_name,
)


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

    def add(
        self,
        a: int,
        b: int,
        start: int,
        end: int,
        kind: str,
        lam: bool = False,
        via: Span | None = None,
        relays: bool = False,
    ) -> None:
        ph, sp = self.phrase(a, b)
        self.out.append(SpeakerMarker(start, end, ph, sp, kind, lam, via, relays))

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
                    i = self.speech_verb(i, i + n_tok, kind)
                continue
            i = self.source_alias(i)
        self.colon_prefix()
        self.out.sort(key=lambda mk: mk.start)
        return self.out

    # -- whom a speaker told: the outlet that relays it ------------------------------------------

    def told(self, j: int, end: int) -> tuple[int, Span | None]:
        """(where the speaker ends, the outlet told) for a speaker phrase ``[j, end)``.

        "قال مسؤول في الشرطة لوكالة رويترز إن": the speaker ends before "لوكالة" and
        Reuters relays; "قال المدير، فلان، لـ«دارفور 24»:" finds the outlet after the
        appositive; "للصحفيين" ends the speaker and relays nothing.
        """
        words, n = self.sent.words, len(self.sent.words)
        t = j + 1
        while t < n and t < end + TOLD_REACH:
            w = words[t]
            if w in THAT or w == ":" or t in self.starts or w in (".", "!", "?", "؟"):
                break
            if not w.startswith(LAM):
                t += 1
                continue
            found = self._told_at(t)
            if found is not None:
                cut, via = found
                return (min(end, t) if t < end else end), via if cut else None
            t += 1
        return end, None

    def _told_at(self, t: int) -> tuple[bool, Span | None] | None:
        """(a speaker ends here, the span of the outlet told) when token ``t`` is whom a
        speaker told; None when it is not.
        """
        words, n = self.sent.words, len(self.sent.words)
        w = words[t]
        if w == LAM and t + 1 < n and words[t + 1] in QUOTES:  # "لـ«المدى»"
            close = quoted_name_end(self.sent, t + 1, self.starts, digits=True)
            if close is None:
                return None
            return True, self.phrase(t + 2, close - 1)[1]
        name = told_name(w)
        if name is None:
            return None
        bare = name[2:] if name.startswith(ARTICLE) else name
        if name in TOLD or bare in TOLD:
            return True, None
        if bare in OUTLET_HEADS or name in OUTLET_HEADS:
            end = speaker_phrase_end(self.sent, t + 1, self.starts, self.verb_forms, 4)
            return True, self.phrase(t, max(end, t + 1))[1]
        size = outlet_name_length((name, *words[t + 1 : t + 8]))
        if size:
            return True, self.phrase(t, t + size)[1]
        return None

    # -- the markers -----------------------------------------------------------------------------

    def according_to(self, i: int, j: int) -> int:
        """ "بحسب وزارة الصحة", "بحسب ما أعلنته الوزارة", "وفقا للمرصد", "نقلا عن المتحدث",
        "بحسب ما نقلته القناة عن مصادر أمنية" (the sources, via the channel).
        """
        words, n = self.sent.words, len(self.sent.words)
        relay_prep = RELAY_PREP in conjunction_forms(words[i])
        if relay_prep and not (j < n and words[j] == ABOUT):
            return i + 1  # "نقلا إلى المستشفى": "they were taken to", no relay
        if j < n and (words[j] == ABOUT or words[j] == TO):
            j += 1  # "نقلا عن Y", "استنادا إلى Y"
        fused = any(f.endswith(ACCORDING_WHAT) for f in self.verb_forms[i])  # "حسبما أفاد"
        relayed = False
        if fused or (j < n and words[j] == WHAT):
            j += 0 if fused else 1
            verb = ATTRIBUTION.match(words, self.verb_forms, j) if j < n else None
            if verb is None and j < n and words[j].endswith(VERB_OBJECTS):
                # "بحسب ما أعلنته": the verb with an object pronoun
                bare = words[j][:-1] if words[j].endswith("ه") else words[j][:-2]
                verb = ATTRIBUTION.match([bare], [conjunction_forms(bare)], 0)
            if verb is not None:
                relayed = verb[1] == "relay"
                j += verb[0]
                if j < n and words[j] in BY_IT:
                    j += 1
        end = self.phrase_end(j)
        if relayed and j < end < n and words[end] == ABOUT:
            y1 = self.phrase_end(end + 1)
            if y1 > end + 1:
                self.add(end + 1, y1, i, y1, "prep", via=self.phrase(j, end)[1])
                self.covered = y1
                return y1
        if end > j:
            lam = any(f in LAM_PREPS for f in conjunction_forms(words[i]))
            via = None
            if (
                relay_prep
                and self.out
                and self.out[-1].kind == "verb"
                and self.out[-1].end >= i - 2
            ):
                via = self.out[-1].speaker_span  # "ذكرت وكالة X، نقلا عن Y": X relays Y
            self.add(j, end, i, end, "prep", lam, via, relays=relayed)
            self.covered = end
        return max(end, i + 1)

    def relay(self, i: int, j: int) -> int:
        """ "نقل المرصد عن مصدر في المطار": the source relayed stated it, when named; the
        one relaying is ``via``.
        """
        sent, words, n = self.sent, self.sent.words, len(self.sent.words)
        end = self.phrase_end(j)
        if end > j and end < n and words[end] == ABOUT:
            y0 = end + 1
            y1 = self.phrase_end(y0)
            if y1 > y0 and (
                any(f in SPEAKER_HEADS for f in sent.forms[y0])
                or SOURCES.match(words, sent.forms, y0)
            ):
                self.add(y0, y1, i, y1, "verb", via=self.phrase(j, end)[1])
                return y1
        if end > j and any(f in SPEAKER_HEADS for f in sent.forms[j]):
            self.add(j, end, i, end, "verb")
            return end
        return i + 1

    def speech_verb(self, i: int, j: int, kind: str = "verb") -> int:
        """ "قال المرصد إن", "المصدر أفاد:", "وكانت مصادر طبية قد أفادت", "اتهمت المنظمة
        قوات ... بقتل", "أدان المجلس ...، مؤكدا أن".
        """
        sent, words, n = self.sent, self.sent.words, len(self.sent.words)
        pluperfect = i > 0 and words[i - 1] == ALREADY
        k = j
        if k < n and (words[k] == TO or words[k] in VERB_PREPS):
            k += 1  # "أشار إلى أن", "أكد على أن"
        elif k + 1 < n and words[k] == IN and is_channel(sent.forms[k + 1]):
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
            self.subject_before(i, j, k, pluperfect, kind)
            return j
        if k > j and words[j] in VERB_PREPS:
            j = k  # "أعلنت عنه وزارة الصحة": the speaker after the preposition
        end = self.phrase_end(j)
        if kind == "speak_of" and not (end < n and words[end] == ABOUT):
            return i + 1  # "تحدث بوتيرة متزايدة": "occurs", not "spoke"
        if kind == "verb_that" and not self._content_follows(end):
            return i + 1  # "وبين القتلى": "and among", not "showed"
        if kind == "blame" and all(BLAME_OBJECTS.isdisjoint(f) for f in sent.forms[j:]):
            return i + 1  # "حمل" without "مسؤولية": "carried"
        if kind in ("accuse", "blame"):
            end = next((t for t in range(j + 1, end) if not PARTY.isdisjoint(sent.forms[t])), end)
        acknowledged = False
        cut = next(
            (
                t
                for t in range(j + 1, end)
                if is_object(sent.forms[t]) or not DOCUMENTS.isdisjoint(sent.forms[t])
            ),
            None,
        )
        if cut is not None:
            end, acknowledged = cut, words[cut].startswith("ب")
        end, via = self.told(j, end)
        if end > j:
            statement = kind != "subject" and not acknowledged and not self._non_statement(end)
            self.add(j, end, i, end, "verb" if statement else "subject", via=via)
            self.covered = end
            return end
        return i + 1

    def _content_follows(self, t: int) -> bool:
        """ "أن" or a colon right after a speaker phrase (its channel passed over)."""
        words, n = self.sent.words, len(self.sent.words)
        if t + 1 < n and words[t] == IN and is_channel(self.sent.forms[t + 1]):
            t += 2
            while t < n and words[t] not in THAT and words[t] not in PUNCT_STOP:
                t += 1
        return t < n and (words[t] in THAT or words[t] == ":")

    def _non_statement(self, t: int) -> bool:
        """A claim of responsibility or mourning ahead, before the verb's content."""
        words, n = self.sent.words, len(self.sent.words)
        while t < n and words[t] not in THAT and words[t] != ":" and t not in self.starts:
            if not NON_STATEMENT.isdisjoint(self.sent.forms[t]):
                return True
            t += 1
        return False

    def subject_before(self, i: int, j: int, k: int, pluperfect: bool, kind: str) -> None:
        """The subject before the verb ("تقارير تتحدث عن", "المصدر أفاد:"), else implicit."""
        sent, words, n = self.sent, self.sent.words, len(self.sent.words)
        subj = None
        last = i - 1 if pluperfect else i
        for b in range(last - 1, max(-1, last - 6), -1):
            if words[b] in PUNCT_STOP or words[b] in STOPS or b < self.covered:
                break
            if any(f in SPEAKER_HEADS for f in sent.forms[b]):
                subj = b
        marker_kind = "subject" if kind == "subject" else "verb"
        _, via = self.told(j - 1, j)
        if subj is not None:
            self.add(subj, last, subj, j, marker_kind, words[subj].startswith(LAM), via)
        elif not pluperfect or (k < n and words[k] in THAT):
            self.out.append(SpeakerMarker(i, j, None, None, marker_kind, via=via))

    def source_alias(self, i: int) -> int:
        """A known source followed by its statement ("المرصد السوري: ...", "... أن")."""
        sent, words = self.sent, self.sent.words
        if i >= self.covered:
            s = SOURCES.match(words, sent.forms, i)
            if s:
                end = i + s[0]
                if any(w in THAT or w == ":" for w in words[end : end + 7]):
                    lam = words[i].startswith(LAM) and words[i] not in SOURCES.first
                    self.add(i, end, i, end, "verb", lam)  # "وفي آخر تحديث للمرصد: ..."
                    self.covered = end
                    return end
        return i + 1

    def colon_prefix(self) -> None:
        """ "الصحة الليبية: مقتل 5 أشخاص": a named prefix before a colon, in a headline or
        opening a sentence of the body, when no marker stands before the colon.
        """
        sent, words = self.sent, self.sent.words
        reach = 6 if sent.headline else PREFIX_REACH
        colon = next((t for t in range(min(len(words), reach)) if words[t] == ":"), None)
        if colon is None or colon == 0 or any(mk.start < colon for mk in self.out):
            return
        named = any(f in SPEAKER_HEADS for t in range(colon) for f in sent.forms[t])
        if named and not any(f.i0 < colon for f in self.figs):
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

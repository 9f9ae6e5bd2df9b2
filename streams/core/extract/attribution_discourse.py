"""Who states a figure that no marker of its sentence governs: the statement it continues,
the speaker named right after it, or the outlet's own voice.

A statement runs on past its sentence: "وأضافت أن ..." names its speaker by the verb, but
"وتوزعت الجثث على النحو الآتي: ..."، the next sentence of a quote, or a second paragraph
("وفي حصيلة محدثة ...") carry no marker at all. Such a sentence continues the statement
open at the end of the sentence before it (:meth:`Discourse.carried`) when it is inside
the statement's quotation marks, or when it is about the toll: a toll, a casualty word, a
figure or "بينهم" among its first words ("وفي هذا السياق، بلغ عدد الوفيات ..."، "ومن بين
القتلى طفلان"). The statement ends when

* another speaker takes over (a marker of its own), or
* the outlet's narration does: a sentence that opens as narration ("ويعد الهجوم الأعنف منذ
  ..."، "وكانت ... قد"، "وفي حادث منفصل"، ``speaker_roles.tsv``) or tells of someone
  acting ("وتواصل فرق الإنقاذ انتشال جثث ...", "وتشن إسرائيل منذ ... عدوانا خلف ..."), a
  statement with no content ("أقر الجيش بقصفهما"، "أعلن التنظيم مسؤوليته"), or the
  headline.

Measured on the dev set before the toll condition, carrying every marker-less sentence
was right 5 times and wrong 6: narration after a statement is the common case.

"جاء ذلك في بيان لمديرية الدفاع المدني" names the speaker of the sentence before it
(:meth:`Discourse.named_after`), and a headline's "تقرير:" is the report of the first speaker
the body names (:meth:`Discourse.first_body_speaker`).

Sentences are read lazily, only for figures no marker governs (most articles need none).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.core.text import TOKEN_RE, PhraseTable, conjunction_forms, word_forms

from .attribution import OUTLET_VOICE, Speakers, Who, speaker_of
from .attribution_names import owner_of, strip_lam
from .figures import Figure
from .lexicons import (
    AFTER,
    CLAUSE_PUNCT,
    NARRATION,
    SUBCOUNT,
    TOLL_NOUNS,
)
from .markers import speaker_markers
from .sentences import ArticleText, Sentence, read_sentence
from .speakers import SpeakerMarker, is_channel, speaker_phrase_end

MAX_CARRY = 6  # sentences a statement may run on without a marker
TOLL_REACH = 4  # a sentence about the toll names it among its first words
OPENER_REACH = 5  # words of a connective before a comma ("وفي هذا السياق،")
QUOTE_PAIRS = (("«", "»"), ("“", "”"))
AFTER_REACH = 4  # tokens between "جاء ذلك" and the document that names the speaker
LOOKAHEAD = 3  # sentences after a headline searched for the speaker of its document


@dataclass
class _Read:
    """One sentence as the discourse sees it: its markers and what they name."""

    markers: list[SpeakerMarker]
    names: list[Who]
    sent: Sentence


@dataclass
class Discourse:
    """The statements of one article, sentence by sentence (cached as they are read)."""

    doc: ArticleText
    speakers: Speakers
    read: dict[int, _Read] = field(default_factory=dict)

    def record(
        self, s_idx: int, sent: Sentence, markers: list[SpeakerMarker], names: list[Who]
    ) -> None:
        """What the claim stage read of a sentence with figures."""
        self.read[s_idx] = _Read(markers, names, sent)

    def _sentence(self, s_idx: int) -> _Read:
        found = self.read.get(s_idx)
        if found is None:
            sent = read_sentence(self.doc.norm, self.doc.sentences[s_idx])
            text = self.doc.text if self.doc.drops is None else self.doc.norm
            markers = speaker_markers(sent, text, [])
            names = self.speakers.names(sent, s_idx, markers) if markers else []
            found = self.read[s_idx] = _Read(markers, names, sent)
        return found

    def _about_the_toll(self, s_idx: int) -> bool:
        """A toll, a casualty word or "بينهم" among the sentence's first words,
        after a connective ("غير أن"، "وفي هذا السياق،").
        """
        sent = self._sentence(s_idx).sent
        words = sent.words
        start = 0
        comma = next(
            (t for t in range(min(len(words), OPENER_REACH + 1)) if words[t] in CLAUSE_PUNCT), None
        )
        if comma is not None:
            start = comma + 1
        for t in range(start, min(len(words), start + TOLL_REACH)):
            cue = sent.cues[t]
            forms = sent.forms[t]
            if cue is not None and cue[1] != "none":
                return True
            if not TOLL_NOUNS.isdisjoint(forms) or not SUBCOUNT.isdisjoint(forms):
                return True
        return False

    def _in_quote(self, s_idx: int) -> bool:
        """Sentence ``s_idx`` opens inside a quotation the sentence before it opened."""
        before = self.doc.sentences[s_idx - 1]
        text = self.doc.norm[before.start : self.doc.sentences[s_idx].start]
        return any(text.count(o) > text.count(c) for o, c in QUOTE_PAIRS)

    def _opens(self, s_idx: int, table: PhraseTable) -> tuple[int, list[str]] | None:
        """(tokens, the sentence's words) when sentence ``s_idx`` opens with a phrase of
        ``table`` (after a leading و); None otherwise.
        """
        bounds = self.doc.sentences[s_idx]
        words = TOKEN_RE.findall(self.doc.norm, bounds.start, min(bounds.end, bounds.start + 200))
        if not words:
            return None
        forms = [word_forms(w) for w in words]
        if words[0] == "و" and len(words) > 1:
            words, forms = words[1:], forms[1:]
        found = table.match(words, forms, 0)
        return (found[0], words) if found else None

    def carried(self, s_idx: int, depth: int = 0) -> Who:
        """Who speaks in a sentence with no marker of its own (see the module docstring)."""
        sentences = self.doc.sentences
        k = s_idx - 1
        if k < 0 or sentences[s_idx].headline or sentences[k].headline or depth >= MAX_CARRY:
            return OUTLET_VOICE
        if not self._in_quote(s_idx) and (
            self._opens(s_idx, NARRATION) or not self._about_the_toll(s_idx)
        ):
            return OUTLET_VOICE
        before = self._sentence(k)
        if before.markers:
            last = before.markers[-1]
            return OUTLET_VOICE if last.kind == "subject" else before.names[-1]
        return self.carried(k, depth + 1)

    def named_after(self, s_idx: int) -> Who | None:
        """The speaker that "جاء ذلك في بيان لـ X" (the sentence after ``s_idx``) names."""
        k = s_idx + 1
        if k >= len(self.doc.sentences) or self.doc.sentences[k].headline:
            return None
        opener = self._opens(k, AFTER)
        if opener is None:
            return None
        read = self._sentence(k)
        named = [w for mk, w in zip(read.markers, read.names, strict=True) if mk.speaker and w.name]
        if named:
            return named[0]
        return self._document_author(read.sent, opener[0] + (read.sent.words[0] == "و"))

    def _document_author(self, sent: Sentence, start: int) -> Who | None:
        """ "في بيان لمديرية الدفاع المدني" after the opener: the document's author."""
        for d in range(start, min(len(sent.words), start + AFTER_REACH)):
            if not is_channel(sent.forms[d]):
                continue
            verbs = [conjunction_forms(w) for w in sent.words]
            end = speaker_phrase_end(sent, d, set(), verbs)
            if end <= d:
                return None
            phrase = self.doc.original(sent.spans[d][0], sent.spans[end - 1][1])
            owner = owner_of(phrase)
            return Who(strip_lam(owner)) if owner != phrase else None
        return None

    def first_body_speaker(self, s_idx: int) -> Who:
        """The first speaker named in the sentences after a headline ``s_idx``."""
        for k in range(s_idx + 1, min(len(self.doc.sentences), s_idx + 1 + LOOKAHEAD)):
            if self.doc.sentences[k].headline:
                continue
            named = [w for w in self._sentence(k).names if w.name]
            if named:
                return named[0]
        return OUTLET_VOICE


def attribute(
    discourse: Discourse,
    s_idx: int,
    fig: Figure,
    figs: list[Figure],
    sent: Sentence,
    markers: list[SpeakerMarker],
    names: list[Who],
) -> Who:
    """Who states ``fig``: its sentence's markers (:func:`.attribution.speaker_of`), else the
    speaker named right after its sentence, else the statement it continues.
    """
    who = speaker_of(fig, figs, sent, markers, names)
    if who is not None and who.document:
        return discourse.first_body_speaker(s_idx)
    if who is not None:
        return who
    return discourse.named_after(s_idx) or discourse.carried(s_idx)

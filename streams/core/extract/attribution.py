"""Who states a figure inside its sentence: speakers named across the article, anaphora,
relays, the outlet's voice.

Per sentence the markers of :mod:`.markers` say where speakers are named; :class:`Speakers`
turns them into :class:`Who` (a name as written and the outlet that relayed it) across the
article (an implicit subject is the last speaker; "الوزارة" is the last ministry named,
"التقرير" the author of the report; :mod:`.attribution_names`), and :func:`speaker_of`
picks the one a figure belongs to. A figure no marker governs is left to the discourse
(:mod:`.attribution_discourse`): the statement it continues, or the outlet's own voice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .attribution_names import (
    document_reference,
    is_document,
    names_speaker,
    owner_of,
    resolve_anaphor,
    strip_lam,
)
from .figures import Figure
from .markers import is_estimate, speaker_markers
from .sentences import ArticleText, Sentence, read_sentence
from .speakers import SpeakerMarker


@dataclass(frozen=True)
class Who:
    """Who stated a figure: ``name`` as written (None: the outlet's own voice) and ``via``,
    the outlet that relayed the statement ("نقلت وكالة X عن Y": Y, via X).
    """

    name: str | None
    via: str | None = None
    document: bool = False  # a document whose author is named later ("تقرير:" in a headline)


OUTLET_VOICE = Who(None)
UNKNOWN_AUTHOR = Who(None, document=True)


def previous_speaker(doc: ArticleText, s_idx: int) -> Who | None:
    """The last explicitly named speaker in the (up to three) sentences before ``s_idx``,
    with the outlet it told; computed on demand, only for implicit subjects.
    """
    for k in range(s_idx - 1, max(-1, s_idx - 4), -1):
        sent = read_sentence(doc.norm, doc.sentences[k])
        text = doc.text if doc.drops is None else doc.norm
        named = [mk for mk in speaker_markers(sent, text, []) if mk.speaker_span is not None]
        # the subject of a verb before an "according to" source ("قالت ... بحسب التقارير")
        for mk in sorted(named, key=lambda mk: (mk.kind != "prep", mk.start), reverse=True):
            assert mk.speaker_span is not None
            name = doc.original(*mk.speaker_span)
            name = strip_lam(name) if mk.strip_lam else name
            if names_speaker(name) and not is_document(name):
                return Who(name, relay_name(doc, mk))
    return None


def relay_name(doc: ArticleText, mk: SpeakerMarker) -> str | None:
    """The outlet that relayed the marker's statement, as written (its ل and quotes gone)."""
    if mk.via is None:
        return None
    return strip_lam(doc.original(*mk.via).strip(' «»"“”'))


@dataclass
class Speakers:
    """The speakers named so far in an article, for implicit subjects and anaphora."""

    doc: ArticleText
    history: list[str] = field(default_factory=list)
    last: str | None = None
    s_idx: int = 0  # the sentence being read

    def names(self, sent: Sentence, s_idx: int, markers: list[SpeakerMarker]) -> list[Who]:
        """Who each marker of sentence ``s_idx`` stands for, in order."""
        resolved: list[Who] = []
        self.s_idx = s_idx
        for mk in markers:
            via = self._via(mk, sent)
            if mk.speaker is None:
                # implicit subject ("وأضاف أن"): the last speaker named before it, with the
                # outlet it was telling when this verb names none ("وتابع:")
                named = [r for r in resolved if r.name]
                prior = named[-1] if named else previous_speaker(self.doc, s_idx)
                if prior is None:
                    prior = Who(self.last)
                resolved.append(Who(prior.name, via or prior.via))
                continue
            name = self._name(mk, sent)
            if name is None:
                headline_document = sent.headline and self._document(mk)
                resolved.append(UNKNOWN_AUTHOR if headline_document else OUTLET_VOICE)
                continue
            self.history.append(name)
            self.last = name
            resolved.append(Who(name, via))
        return resolved

    def _name(self, mk: SpeakerMarker, sent: Sentence) -> str | None:
        """The marker's speaker as a name: its owner, the antecedent of an anaphor or the
        author of a document; None when the phrase names nobody.
        """
        assert mk.speaker is not None
        name = mk.speaker
        if self.doc.drops is not None and mk.speaker_span is not None:
            name = self.doc.original(*mk.speaker_span)
        if mk.strip_lam:
            name = strip_lam(name)
        name = owner_of(name)
        reference = document_reference(name)
        if reference is not None:
            # "التقرير", "بيانها": whoever issued it; "حصيلة جديدة": nobody named
            if reference != "definite":
                return None
            prior = previous_speaker(self.doc, self.s_idx)
            return self.last or (prior.name if prior else None)
        if not names_speaker(name):
            return None
        before = self.doc.norm[: sent.spans[mk.start][0]]
        return resolve_anaphor(name, self.history, before, self.doc)

    def _document(self, mk: SpeakerMarker) -> bool:
        assert mk.speaker is not None
        return is_document(owner_of(strip_lam(mk.speaker) if mk.strip_lam else mk.speaker))

    def _via(self, mk: SpeakerMarker, sent: Sentence) -> str | None:
        via = relay_name(self.doc, mk)
        if via is None:
            return None
        before = self.doc.norm[: sent.spans[mk.start][0]]
        return resolve_anaphor(via, self.history, before, self.doc)


def _relayed(fig: Figure, markers: list[SpeakerMarker], names: list[Who], relay: Who) -> Who:
    """ "قال مسؤولون أمنيون إن ...، بحسب ما نقلت وكالة الصحافة الفرنسية": the speaker
    before the figure, via the outlet; the outlet itself when nobody is named before it.
    """
    for m_i in range(len(markers) - 1, -1, -1):
        mk = markers[m_i]
        if mk.kind == "verb" and mk.end <= fig.i0 and names[m_i].name:
            return Who(names[m_i].name, relay.name)
    return relay


def speaker_of(
    fig: Figure,
    figs: list[Figure],
    sent: Sentence,
    markers: list[SpeakerMarker],
    names: list[Who],
) -> Who | None:
    """Who states ``fig``: an adjacent trailing "according to", else the nearest speaker
    before it, else the sentence's trailing source; None when no marker governs it (the
    discourse decides). A "subject" marker before it (a claim of responsibility, a
    condemnation) makes the figure the outlet's own.
    """
    who: Who | None = None
    trailing_estimate = None
    for m_i, mk in enumerate(markers):
        if mk.kind == "prep" and mk.start >= fig.i1:
            if not any(fig.i1 <= g.i0 < mk.start for g in figs if g.kind != "other"):
                if is_estimate(sent, mk):
                    trailing_estimate = names[m_i]
                elif mk.relays:
                    who = _relayed(fig, markers, names, names[m_i])
                else:
                    who = names[m_i]
            break
    if who is None:
        for m_i, mk in enumerate(markers):
            if mk.end <= fig.i0 or (mk.start < fig.i0 and mk.kind == "prep"):
                who = OUTLET_VOICE if mk.kind == "subject" else names[m_i]
    if who is None:
        # a figure with no speaker of its own takes the sentence's trailing source
        trailing = [
            names[m_i] for m_i, mk in enumerate(markers) if mk.kind == "prep" and mk.start >= fig.i1
        ]
        who = trailing[0] if trailing else trailing_estimate
    return who

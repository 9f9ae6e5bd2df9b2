"""Who states a figure: speakers named across the article, anaphora, the outlet's voice.

Per sentence the markers of :mod:`.markers` say where speakers are named; :class:`Speakers`
turns them into names across the article (an implicit subject is the last speaker;
"الوزارة" is the last ministry named, "الصحيفة" the last newspaper), and
:func:`speaker_of` picks the one a figure belongs to. No speaker: the outlet's own voice
(None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from streams.core.text import TOKEN_RE, normalize_word
from streams.core.text.affixes import ARTICLE, LAM_LAM

from .figures import Figure
from .lexicons import ESTIMATE_HEADS, METRICS, PUNCT_STOP, SPEAKER_HEADS, STOPS, WEEKDAYS
from .markers import LAM, SpeakerMarker, is_estimate, speaker_markers
from .sentences import ArticleText, Sentence, read_sentence


def strip_lam(ph: str) -> str:
    """ "للوزارة" → "الوزارة", "لمركز" → "مركز"."""
    if ph.startswith(LAM_LAM):
        return ARTICLE + ph[2:]
    if ph.startswith(LAM) and len(ph) > 3:
        return ph[1:]
    return ph


def estimate_owner(name: str) -> str:
    """ "إحصائية للمكتب", "حصيلة أولية لمديرية الدفاع المدني": the owner of the figures
    is the speaker.
    """
    toks = name.split()
    if len(toks) < 2 or normalize_word(toks[0]) not in ESTIMATE_HEADS:
        return name
    for k in range(1, min(len(toks), 4)):
        if toks[k].startswith(LAM) and len(toks[k]) > 3:
            return strip_lam(" ".join(toks[k:]))
    return name


def _speaker_with_head(head: str, word: str, history: list[str]) -> str | None:
    """The last speaker named with the head noun of "الوزارة" ("وزارة الصحة ...", or
    "التابع لوزارة الصحة", which names the ministry too).
    """
    heads = (head, LAM + head, "ب" + head)
    for prior in reversed(history):
        ptoks = TOKEN_RE.findall(normalize_word(prior))
        if len(ptoks) > 1 and ptoks[0] == word:
            return prior
        for t_i, t in enumerate(ptoks):
            if t in heads and t_i + 1 < len(ptoks):
                words = prior.split()
                if len(words) == len(ptoks):
                    first = words[t_i][len(t) - len(head) :]
                    return " ".join([first, *words[t_i + 1 :]])
                return prior
    return None


def _named_before(head: str, doc: ArticleText, before: str) -> str | None:
    """The last phrase of the text before the anaphor that starts with its head noun
    ("صحيفة ديلي ميل" for "الصحيفة"), two to five words long.
    """
    last = None
    for m in re.finditer(r"(?<!\w)[لب]?(" + re.escape(head) + r")\s", before):
        last = m
    if last is None:
        return None
    start = last.start(1)
    end = start
    count = 0
    for m in TOKEN_RE.finditer(before, start):
        w = m.group()
        if count >= 5 or w in PUNCT_STOP or w in STOPS or w in WEEKDAYS or METRICS.by_first.get(w):
            break
        end = m.end()
        count += 1
    if count < 2:
        return None
    return doc.original(start, end)


def resolve_anaphor(name: str, history: list[str], before: str, doc: ArticleText) -> str:
    """ "الوزارة" / "المصدر" / "الصحيفة" -> the last speaker, or else the last phrase in the
    text before, named with that head noun ("وزارة الصحة ...", "صحيفة ديلي ميل").
    """
    toks = TOKEN_RE.findall(normalize_word(name))
    if not toks or len(toks) > 2 or not toks[0].startswith(ARTICLE):
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
    return _speaker_with_head(head, toks[0], history) or _named_before(head, doc, before) or name


def previous_speaker(doc: ArticleText, s_idx: int) -> str | None:
    """The last explicitly named speaker in the (up to three) sentences before ``s_idx``;
    computed on demand, only for implicit subjects.
    """
    for k in range(s_idx - 1, max(-1, s_idx - 4), -1):
        sent = read_sentence(doc.norm, doc.sentences[k])
        named = [mk for mk in speaker_markers(sent, doc.norm, []) if mk.speaker is not None]
        named = [mk for mk in named if mk.speaker_span]
        if named:
            mk = named[-1]
            assert mk.speaker_span is not None
            name = doc.original(*mk.speaker_span)
            return strip_lam(name) if mk.strip_lam else name
    return None


@dataclass
class Speakers:
    """The speakers named so far in an article, for implicit subjects and anaphora."""

    doc: ArticleText
    history: list[str] = field(default_factory=list)
    last: str | None = None

    def names(self, sent: Sentence, s_idx: int, markers: list[SpeakerMarker]) -> list[str | None]:
        """The name each marker of sentence ``s_idx`` stands for, in order."""
        resolved: list[str | None] = []
        for mk in markers:
            name: str | None
            if mk.speaker is None:
                # implicit subject ("وأضاف أن"): the last speaker named before it
                named = [r for r in resolved if r]
                name = named[-1] if named else previous_speaker(self.doc, s_idx) or self.last
            else:
                name = mk.speaker
                if self.doc.drops is not None and mk.speaker_span is not None:
                    name = self.doc.original(*mk.speaker_span)
                if mk.strip_lam:
                    name = strip_lam(name)
                name = estimate_owner(name)
                before = self.doc.norm[: sent.spans[mk.start][0]]
                name = resolve_anaphor(name, self.history, before, self.doc)
                self.history.append(name)
                self.last = name
            resolved.append(name)
        return resolved


def speaker_of(
    fig: Figure,
    figs: list[Figure],
    sent: Sentence,
    markers: list[SpeakerMarker],
    names: list[str | None],
) -> str | None:
    """Who states ``fig``: an adjacent trailing "according to", else the nearest speaker
    before it, else the sentence's trailing source; None for the outlet's own voice.
    """
    who: str | None = None
    trailing_estimate = None
    for m_i, mk in enumerate(markers):
        if mk.kind == "prep" and mk.start >= fig.i1:
            if not any(fig.i1 <= g.i0 < mk.start for g in figs if g.kind != "other"):
                if is_estimate(sent, mk):
                    trailing_estimate = names[m_i]
                else:
                    who = names[m_i]
            break
    if who is None:
        for m_i, mk in enumerate(markers):
            if mk.end <= fig.i0 or (mk.start < fig.i0 and mk.kind == "prep"):
                who = names[m_i]
    if who is None:
        # a figure with no speaker of its own takes the sentence's trailing source
        trailing = [
            names[m_i] for m_i, mk in enumerate(markers) if mk.kind == "prep" and mk.start >= fig.i1
        ]
        who = trailing[0] if trailing else trailing_estimate
    return who

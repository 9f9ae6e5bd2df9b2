"""English casualty claims of an article: ``extract_claims_en(article) -> list[Claim]``.

Pure and deterministic (lexicons are loaded at import, nothing else is read). Per sentence that
holds a number and a casualty cue (a regex pre-filter skips the others):

1. figures and hedges (:mod:`.figures`), the metric each figure counts (:mod:`.metric`), its
   victims (:mod:`.victims`) and scope (:mod:`.scope`);
2. its speaker (:mod:`.attribution`): the marker that governs it in its sentence; a pronoun
   resolves to the last speaker named; with no marker, the statement of the sentence before
   continues when the figure is inside a quote that continues it ('"..." said X. "Six of them
   died."'), when that sentence ended with a colon, or when this one says it continues ("also",
   "further"); otherwise the outlet speaks in its own voice (``attributed_to`` None);
3. per article, a figure restated (the headline's figure in the body, one source repeating
   itself, the outlet repeating a named source's figure, a description and a name of one source)
   becomes one claim: values, victim and quote from the first statement, the speaker from the
   first that names one.

Claims are ordered by the position of their figure; every one has ``lang = "en"``, the
sentence as its ``quote`` and ``victim``/``attributed_to`` as written in the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.core.extract.figures import MAX_FIGURE
from streams.core.model import Article, Claim
from streams.core.sources import speaker_source
from streams.core.text import without_bidi_controls
from streams.core.text.normalize import BIDI_RE

from .attribution import Marker, find_markers, forward_span, governing_marker
from .figures import Figure, parse_figures
from .gate import candidate_sentences, first_cue
from .lexicon import kinds_of, words_of_kind
from .metric import resolve_metrics
from .scope import SentenceScope
from .sources import compatible_sources, is_relay, is_speaker_phrase, name_key
from .tokens import OPEN_QUOTES, QUOTE_CHARS, Sentence, Tokens, lowercase, split_sentences
from .victims import victim_class, victim_span

__all__ = ["extract_claims_en"]

_CONTINUATION = words_of_kind(kinds_of("grammar.tsv"), "continuation")


def bidi_controls() -> tuple[str, ...]:
    """The bidi controls one by one (all in the Basic Multilingual Plane, a test checks): a
    text is checked for each with ``in``, a C scan five times faster than the character class.
    """
    return tuple(BIDI_RE.findall("".join(map(chr, range(0x10000)))))


_BIDI_CHARS = bidi_controls()


@dataclass(slots=True)
class _Raw:
    sentence: int
    pos: int
    fig: Figure
    metric: str
    victim: str
    victim_class: str
    attributed: str | None
    via: str | None
    scope: str
    quote: str


@dataclass(slots=True)
class _Analysis:
    tokens: Tokens
    figs: list[Figure]
    markers: list[Marker]
    speakers: list[tuple[str | None, str | None]] = field(default_factory=list)


class _Document:
    """The sentences of one article and, computed on demand and kept, their markers and the
    speaker each marker resolves to.
    """

    def __init__(self, text: str, source: str | None, low_text: str) -> None:
        self.text = text
        self.low_text = low_text  # lowercase(text): read once, before the document is made
        self.sentences: list[Sentence] = split_sentences(text)
        self.source_key = _outlet_key(source)
        self._analyses: dict[int, _Analysis] = {}

    def analysis(self, s: int, figs: list[Figure] | None = None) -> _Analysis:
        got = self._analyses.get(s)
        if got is None:
            sent = self.sentences[s]
            t = sent.tokens(self.text)
            figs = figs if figs is not None else parse_figures(t.low)
            got = _Analysis(t, figs, find_markers(t, figs, sent.headline))
            self._analyses[s] = got
            for m in range(len(got.markers)):
                got.speakers.append(self._resolve(s, got, m))
        return got

    def _span(self, t: Tokens, span: tuple[int, int]) -> str:
        return t.span_text(*span)

    def _resolve(self, s: int, a: _Analysis, m: int) -> tuple[str | None, str | None]:
        """(attributed_to, via) of marker ``m`` of sentence ``s``."""
        mk = a.markers[m]
        t = a.tokens
        if mk.inherit:
            if m > 0:
                return a.speakers[m - 1]
            subject = forward_span(t, 0)
            if subject is not None and is_speaker_phrase(
                t.words[subject[0] : subject[1]], t.low[subject[0] : subject[1]]
            ):
                return self._span(t, subject), None
            return self.last_speaker(s, m), None
        if mk.pronoun or mk.speaker is None:
            name = self.last_speaker(s, m)
        else:
            name = self._span(t, mk.speaker)
        if mk.kind == "quote" and mk.quoted is not None:
            return self._span(t, mk.quoted), self._via(name)
        via = None
        if mk.cited is not None and name is not None and is_relay(name):
            name, via = self._span(t, mk.cited), name
        if mk.told is not None:
            told = self._span(t, mk.told)
            if is_relay(told):
                via = via or told
        return name, self._via(via)

    def _via(self, name: str | None) -> str | None:
        if name is None or (self.source_key and self.source_key in name_key(name)):
            return None
        return name

    def last_speaker(self, s: int, m: int) -> str | None:
        """The last speaker named before marker ``m`` of sentence ``s`` (pronoun resolution)."""
        a = self._analyses.get(s)
        if a is not None:
            for k in range(min(m, len(a.speakers)) - 1, -1, -1):
                if a.speakers[k][0]:
                    return a.speakers[k][0]
        for p in range(s - 1, max(-1, s - 12), -1):
            named = [who for who, _ in self.analysis(p).speakers if who]
            if named:
                return named[-1]
        return None

    def carried_speaker(self, s: int, a: _Analysis, k: int) -> tuple[str | None, str | None]:
        """The speaker a figure with no marker of its own takes from the discourse."""
        if s == 0:
            return None, None
        t = a.tokens
        f = a.figs[k]
        prev_text = self.text[self.sentences[s - 1].start : self.sentences[s - 1].end].rstrip()
        inside_quote = bool(t.low) and t.low[0] in OPEN_QUOTES
        colon = prev_text.endswith(":")
        continues = not _CONTINUATION.isdisjoint(t.low)
        if not (inside_quote or colon or continues):
            return None, None
        prev = self.analysis(s - 1)
        if inside_quote and QUOTE_CHARS.isdisjoint(t.low[1 : f.i0]):
            for nxt in range(s + 1, min(len(self.sentences), s + 4)):
                later = self.analysis(nxt)
                if later.speakers and later.markers[0].trailing:
                    return later.speakers[0]
                if not QUOTE_CHARS.isdisjoint(later.tokens.low):
                    break
            if prev.speakers and not QUOTE_CHARS.isdisjoint(prev.tokens.low):
                return prev.speakers[-1]
        if prev.speakers and (colon or continues):
            return prev.speakers[-1]
        return None, None


def _outlet_key(source: str | None) -> str:
    """The outlet's own name from its domain ("wirepoint.example" -> "wirepoint")."""
    if not source:
        return ""
    host = source.lower().removeprefix("www.").removeprefix("en.")
    return host.split(".")[0]


def extract_claims_en(article: Article) -> list[Claim]:
    """Casualty claims stated in the English ``article``, ordered by position (module doc)."""
    text = article.text or ""
    title = (article.title or "").strip()
    if title and not text.lstrip().startswith(title[:40]):
        text = title + "\n" + text
    low_text = lowercase(text)
    first = first_cue(low_text)
    if first < 0:  # most of a general feed: not even split into sentences
        return []
    doc = _Document(text, article.source, low_text)
    # quotes, victims and speakers are cut from the text: with no bidi control in it (nearly
    # every English article), none of them needs cleaning
    bidi = any(c in text for c in _BIDI_CHARS)
    raws: list[_Raw] = []
    previous: str | None = None
    sentences = doc.sentences
    for s in candidate_sentences(low_text, sentences, first, len(low_text) == len(text)):
        sent = sentences[s]
        t = sent.tokens(text)
        figs = parse_figures(t.low)
        if all(f.other is not None for f in figs):
            continue
        resolved = resolve_metrics(t.low, figs, previous)
        if not any(resolved):
            continue
        a = doc.analysis(s, figs)
        starts = frozenset(f.i0 for f in figs)
        scope = SentenceScope(t.low)
        classes: list[str | None] = [None] * len(figs)
        # once per sentence: a right-to-left override could show 76 as "67" (as in Arabic)
        quote = text[sent.start : sent.end]
        quote = (without_bidi_controls(quote) if bidi else quote).strip()
        for k, r in enumerate(resolved):
            if r is None:
                continue
            f = figs[k]
            span = victim_span(t.low, f, starts)
            cls = victim_class(t.low, span)
            if cls is None:
                cls = _inherited_class(classes, resolved, k)
            classes[k] = cls
            mk = governing_marker(a.markers, figs, k)
            if mk is not None:
                who, via = a.speakers[a.markers.index(mk)]
            else:
                who, via = doc.carried_speaker(s, a, k)
            victim = "" if span is None else t.span_text(*span)
            raws.append(
                _Raw(
                    sentence=s,
                    pos=s * 10_000 + f.n0,
                    fig=f,
                    metric=r.metric,
                    victim=victim,
                    victim_class=cls,
                    attributed=who,
                    via=via,
                    scope=scope.of(f.i0, f.i1),
                    quote=quote,
                )
            )
            previous = r.metric
    merged = sorted(_merge(raws), key=lambda r: r.pos)
    return [_claim(article, r, bidi) for r in merged if _sane(r.fig)]


def _inherited_class(classes: list[str | None], resolved: list, k: int) -> str:
    """The class of the figure a continuing phrase follows: its sub-count head, else the last
    figure before it that is not itself a sub-count.
    """
    r = resolved[k]
    if r is not None and r.head is not None and classes[r.head]:
        return str(classes[r.head])
    for h in range(k - 1, -1, -1):
        rh = resolved[h]
        if rh is not None and rh.head is None and classes[h]:
            return str(classes[h])
    return "unknown"


def _merge(raws: list[_Raw]) -> list[_Raw]:
    """One claim per figure restated in the article by one source (module docstring, step 3)."""
    kept: list[_Raw] = []
    # kept claims by (metric, base figure), in order: only those can restate one another (a
    # long article has thousands of figures: no scan of every kept claim)
    same_figure: dict[tuple[str, object], list[_Raw]] = {}
    for r in raws:  # in sentence order: a kept claim of r's own sentence comes last
        candidates = same_figure.setdefault((r.metric, r.fig.base), [])
        for k in candidates:
            if k.sentence == r.sentence:
                candidates.append(r)
                kept.append(r)
                break
            if (
                k.attributed is None
                or r.attributed is None
                or compatible_sources(k.attributed, r.attributed)
            ):
                if k.attributed is None and r.attributed is not None:
                    k.attributed, k.via = r.attributed, r.via
                if k.victim_class == "unknown":
                    k.victim_class = r.victim_class
                break
        else:
            kept.append(r)
            candidates.append(r)
    return kept


def _sane(fig: Figure) -> bool:
    """The Arabic extractor's guarantees: 0 <= min <= max, both within :data:`MAX_FIGURE`
    (a serial, a sum of money or a typo is never a toll).
    """
    if not 0 <= fig.min <= MAX_FIGURE:
        return False
    return fig.max is None or fig.min <= fig.max <= MAX_FIGURE


def _claim(article: Article, r: _Raw, bidi: bool) -> Claim:
    """The claim of ``r``; its phrases without bidi controls (its quote has none already),
    as the Arabic extractor writes them, when the text has any (``bidi``). Its canonical
    source (issue 17) is resolved here, as the Arabic extractor does, rather than by copying
    every claim again afterwards.
    """
    attributed = r.attributed or None
    victim = r.victim
    if bidi:
        attributed = without_bidi_controls(attributed) if attributed else None
        victim = without_bidi_controls(victim)
    outlet = article.source or f"article:{article.id}"
    ref = speaker_source(attributed, via=r.via, outlet=outlet, lang="en")
    return Claim(
        article=article.id,
        metric=r.metric,
        min=r.fig.min,
        max=r.fig.max,
        approximate=r.fig.approximate,
        victim=victim,
        victim_class=r.victim_class,
        attributed_to=attributed,
        source=article.source,
        scope=r.scope,
        quote=r.quote,
        via=r.via,
        source_id=ref.id,
        source_type=ref.type,
        url=article.url,
        published=article.published,
        lang="en",
    )

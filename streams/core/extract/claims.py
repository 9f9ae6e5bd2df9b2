"""The article: every sentence's figures turned into claims, then merged per article.

Per sentence that holds both a number and a casualty cue (a cheap regex pre-filter skips
the rest): figures (:mod:`.figures`), the metric each is bound to (:mod:`.metric`), its
victims (:mod:`.victims`) and who states it (:mod:`.attribution`) make a :class:`RawClaim`.
Per article (:func:`merge_claims`): a headline figure restated in the body, a figure
repeated by one source, or an own-voice statement repeating an attributed one, become one
claim. Claims are ordered by the position of their figure in the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.core.model import Article, Claim
from streams.core.sources import same_speaker, speaker_source
from streams.core.text import TOKEN_RE, without_bidi_controls

from .attribution import Speakers, Who
from .attribution_discourse import Discourse, attribute
from .attribution_names import clean_name
from .figures import Figure, parse_figures
from .lexicons import (
    CUE_HINT_RE,
    DIGIT_RE,
    METRICS,
    NUMBER_HINT_RE,
    cached_word_info,
    word_info,
)
from .markers import speaker_markers
from .metric import is_blocked, resolve_metric, scope_of
from .sentences import (
    ArticleText,
    Sentence,
    SentenceBounds,
    Span,
    clause,
    read_article,
    token_spans,
)
from .speakers import SpeakerMarker
from .victims import victim_of

MIN_QUOTE_CHARS = 25  # a shorter clause is quoted with its neighbours
LANG = "ar"


@dataclass
class RawClaim:
    """A figure read as a claim, before the article's claims are merged.

    Spans are in the normalized text (``victim_span`` None: no victim phrase);
    ``cue_token``: the token of its casualty cue in the sentence (-1 for none).
    """

    figure: Figure
    metric: str
    victim_span: Span | None
    victim_class: str
    attributed: str | None
    via: str | None
    scope: str
    quote_span: Span
    position: int  # normalized offset of the figure
    sentence: int
    headline: bool
    cue_token: int


def figure_sentence(
    doc: ArticleText, bounds: SentenceBounds
) -> tuple[Sentence, list[Figure]] | None:
    """The sentence at ``bounds`` with its figures, or None when it cannot hold a claim.

    The hot path: a number (digit first, the cheapest) and a cue word must be there, and
    casualty cues are looked up only at tokens that may start one.
    """
    norm, a, b = doc.norm, bounds.start, bounds.end
    if DIGIT_RE.search(norm, a, b) is None and NUMBER_HINT_RE.search(norm, a, b) is None:
        return None
    if CUE_HINT_RE.search(norm, a, b) is None:
        return None
    words = TOKEN_RE.findall(norm, a, b)
    infos = [cached_word_info(w) or word_info(w) for w in words]
    numeric = [k for k, x in enumerate(infos) if x[2]]
    if not numeric:
        return None
    forms = [x[0] for x in infos]
    figs = parse_figures(words, forms, numeric)
    if not any(f.kind != "other" for f in figs):
        return None
    spans = token_spans(norm, a, words)
    cues = [METRICS.match(words, forms, k) if x[1] else None for k, x in enumerate(infos)]
    return Sentence(words, spans, forms, cues, bounds.headline), figs


def quote_span(sent: Sentence, start: int, end_tok: int) -> Span:
    """The clause that carries the figure, widened to its neighbours when very short."""
    qa, qb = clause(sent, start, end_tok)
    span = (sent.spans[qa][0], sent.spans[max(qa, qb - 1)][1])
    if span[1] - span[0] < MIN_QUOTE_CHARS:
        qa2, qb2 = clause(sent, max(0, qa - 1), min(len(sent.words), qb + 1))
        span = (sent.spans[qa2][0], sent.spans[max(qa2, qb2 - 1)][1])
    return span


def sentence_claims(
    doc: ArticleText, s_idx: int, sent: Sentence, figs: list[Figure], discourse: Discourse
) -> list[RawClaim]:
    """The claims of one sentence, in figure order.

    Its speakers are read once, when the first figure turns out to be a claim (and
    only then, so a sentence without claims leaves the article's speakers as they were).
    """
    raws: list[RawClaim] = []
    markers: list[SpeakerMarker] | None = None
    names: list[Who] = []
    real = [f for f in figs if f.kind != "other"]
    prev: RawClaim | None = None
    for f_idx, fig in enumerate(figs):
        if fig.kind == "other" or fig.rise_from:
            continue
        metric, cue_tok = resolve_metric(sent, fig, figs, f_idx, prev)
        if metric is None or metric == "none":
            continue
        start = min(fig.i0, cue_tok) if cue_tok >= 0 else fig.i0
        if is_blocked(sent, start) or (start != fig.i0 and is_blocked(sent, fig.i0)):
            continue
        vspan, vclass = victim_of(sent, fig)
        if vclass == "other":
            vclass = prev.victim_class if prev else "unknown"
        if markers is None:
            text = doc.text if doc.drops is None else doc.norm
            markers = speaker_markers(sent, text, real)
            names = discourse.speakers.names(sent, s_idx, markers)
            discourse.record(s_idx, sent, markers, names)
        end_tok = max(fig.i1, cue_tok + 1)
        who = attribute(discourse, s_idx, fig, figs, sent, markers, names)
        raw = RawClaim(
            figure=fig,
            metric=metric,
            victim_span=None
            if vspan is None
            else (sent.spans[vspan[0]][0], sent.spans[vspan[1] - 1][1]),
            victim_class=vclass,
            attributed=clean_name(who.name) if who.name else None,
            via=clean_name(who.via) if who.name and who.via else None,
            scope=scope_of(sent, start, end_tok),
            quote_span=quote_span(sent, start, end_tok),
            position=sent.spans[fig.core][0],
            sentence=s_idx,
            headline=sent.headline,
            cue_token=cue_tok,
        )
        raws.append(raw)
        prev = raw
    return raws


def _merge_headlines(raws: list[RawClaim]) -> list[RawClaim]:
    """A headline figure restated in the body is one claim: the headline's, with the body's
    speaker and victims when it lacks them. Headline claims first.
    """
    heads = [r for r in raws if r.headline]
    body = [r for r in raws if not r.headline]
    for h in heads:
        for b in body:
            if b.metric == h.metric and b.figure.base == h.figure.base:
                if b.attributed:
                    h.attributed, h.via = b.attributed, b.via
                if h.victim_span is None:
                    h.victim_span, h.victim_class = b.victim_span, b.victim_class
                body.remove(b)
                break
    return heads + body


def _own_voice_repeats(raws: list[RawClaim]) -> set[int]:
    """Own-voice sentences whose figures all reappear in one attributed sentence.

    Sentences are looked up by figure, not compared pairwise: an article of thousands of
    figures stays linear.
    """
    by_sentence: dict[int, list[RawClaim]] = {}
    for r in raws:
        by_sentence.setdefault(r.sentence, []).append(r)
    attributed_by_figure: dict[tuple[str, int], set[int]] = {}
    for s, group in by_sentence.items():
        if all(r.attributed for r in group):
            for r in group:
                attributed_by_figure.setdefault((r.metric, r.figure.base), set()).add(s)
    drop: set[int] = set()
    for s, group in by_sentence.items():
        if any(r.attributed for r in group) or any(r.headline for r in group):
            continue
        holders: set[int] | None = None
        for key in {(r.metric, r.figure.base) for r in group}:
            found = attributed_by_figure.get(key, set())
            holders = found if holders is None else holders & found
            if not holders:
                break
        if holders:
            drop.add(s)
    return drop


def merge_claims(raws: list[RawClaim]) -> list[RawClaim]:
    """One claim per figure and source; headline figures restated in the body; own-voice
    statements that repeat an attributed statement.
    """
    out: list[RawClaim] = []
    kept: dict[tuple[str, int], list[RawClaim]] = {}  # by figure: linear in the claims
    for r in _merge_headlines(raws):
        same_figure = kept.setdefault((r.metric, r.figure.base), [])
        if any(
            o.sentence != r.sentence and same_speaker(o.attributed, r.attributed)
            for o in same_figure
        ):
            continue
        same_figure.append(r)
        out.append(r)
    drop = _own_voice_repeats(out)
    return [r for r in out if r.sentence not in drop]


def to_claim(article: Article, doc: ArticleText, raw: RawClaim) -> Claim:
    """The claim of the output contract, its phrases cut from the original text.

    Bidi controls are taken out of the phrases shown to people: an override inside a
    quote could show the figure 76 as "67" (:func:`without_bidi_controls`).
    """
    victim = without_bidi_controls(doc.original(*raw.victim_span)) if raw.victim_span else ""
    via = raw.via if raw.attributed else None
    ref = speaker_source(raw.attributed, via=via, outlet=article.source or f"article:{article.id}")
    return Claim(
        article=article.id,
        metric=raw.metric,
        min=raw.figure.min,
        max=raw.figure.max,
        approximate=raw.figure.approximate,
        victim=victim,
        victim_class=raw.victim_class,
        attributed_to=without_bidi_controls(raw.attributed) if raw.attributed else None,
        source=article.source,
        scope=raw.scope,
        quote=without_bidi_controls(doc.original(*raw.quote_span)).strip(),
        via=via,
        source_id=ref.id,
        source_type=ref.type,
        url=article.url,
        published=article.published,
        lang=LANG,
    )


def extract_claims(article: Article) -> list[Claim]:
    """Casualty claims stated in ``article``, ordered by the position of their figure.

    Each carries its canonical source (``source_id``, ``source_type``) resolved without a
    country hint; the batch step resolves it again with the incident's country
    (:func:`streams.core.sources.with_sources`, same outlet rule: ``article:<id>`` for an
    article without one).
    """
    doc = read_article(article.text or "", (article.title or "").strip())
    if doc is None:
        return []
    discourse = Discourse(doc, Speakers(doc))
    raws: list[RawClaim] = []
    for s_idx, bounds in enumerate(doc.sentences):
        found = figure_sentence(doc, bounds)
        if found is not None:
            raws += sentence_claims(doc, s_idx, *found, discourse)
    merged = merge_claims(raws)
    return [to_claim(article, doc, r) for r in sorted(merged, key=lambda r: r.position)]

"""What an article says about *which* incident it reports: places, kind, day, words, figures.

A :class:`Signature` is computed once per article in the stateless extract stage and
travels on Kafka (``to_json``/``from_json``) to the resolve stage, keyed by
:func:`block_key`. It holds no text beyond a bounded bag of content-word stems.

An English article (:func:`~streams.core.text.language.language_of`) has the same signature,
read with English tables: places from the gazetteer's English names (a dateline such as
"BEIRUT:" or "CAIRO (Reuters) -" is where the outlet filed from, not where it happened, and
is left out), incident kinds from ``lexicons/en/incident_kinds.tsv`` (the kinds of
``incident_kinds.tsv``, so an English "airstrike" and an Arabic "غارة" are one kind), days
from the English tables of :mod:`.dates`, content words without English stop words. Its
content words only ever match other English reports; against an Arabic report the place,
kind, day and figures decide. It names no targets and no parties (those are read in Arabic).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from streams.core.model import Article, Claim
from streams.core.text import PhraseTable, kind_lexicon, load_rows, normalize, stem, tokens
from streams.core.text.geo import gazetteer, place_tokens
from streams.core.text.language import language_of

from .dates import WEEKDAYS, incident_day, parse_published
from .places import incident_places
from .targets import targets

MAX_WORDS = 40
MAX_PLACES = 10
MAX_FIGURES = 20
LEAD_CHARS = 400
UNKNOWN_BLOCK = "xx"
_YEAR = re.compile(r"^(19|20)\d\d$")
# Words every casualty report shares, and weekday names: dropped as words and as stems
# before two reports are compared on their content words (lexicons/event_stopwords.tsv).
_STOP_WORDS = [normalize(row[0]) for row in load_rows("event_stopwords.tsv")] + [
    normalize(w) for w in WEEKDAYS
]
STOP_STEMS: frozenset[str] = frozenset(stem(w) for w in _STOP_WORDS) | frozenset(_STOP_WORDS)
# English: incident kinds by the same keys, and the words every English report shares
EN_KINDS = PhraseTable(
    (tuple(row[0].split()), row[1]) for row in load_rows("en/incident_kinds.tsv")
)
EN_STOP_WORDS: frozenset[str] = frozenset(
    row[0] for row in load_rows("en/event_stopwords.tsv")
) | frozenset(row[0] for row in load_rows("en/grammar.tsv") if row[1] == "en_function")
# "BEIRUT:", "CAIRO (Reuters) -", "GAZA CITY, Dec 3 (AP) —": where the outlet filed from
EN_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z.'-]+(?:[ ][A-Z][A-Za-z.'-]+){0,3}"
    r"(?:,(?:[ ][A-Z][A-Za-z.]*){1,3}(?:[ ]\d{1,2})?)?[ ]*(?:\([^)\n]{1,40}\)[ ]*)?"
    r"(?::|[ ]?[\-\u2013\u2014]+)\s",
    re.MULTILINE,
)
DATELINE_LINES = 2  # a dateline opens the text, or its second line (after a title line)


@dataclass(frozen=True)
class Signature:
    """What one article says about which incident it reports. Immutable; JSON-serializable.

    Compared two at a time by :func:`streams.core.events.relation.same_incident`, never
    against an event's aggregate. ``country``: the incident's country (the block).
    ``places``: gazetteer ids of that country the text names, most specific first; ``main``:
    those the incident is said to be at (:mod:`.places`). ``kind``/``kinds``: incident kinds.
    Time (:mod:`.dates`): ``day`` the incident's day (ISO) when the text pins it, ``days``
    every day it names, ``day_window`` the earliest/latest possible day, ``weekday`` and
    ``weekdays`` (0 = Monday), ``month_span`` the stretch of a year it falls in (``--MM-DD``
    twice: its day, or a month or part of one named without a year). ``targets``: named targets (``school:stem``, :mod:`.targets`).
    ``words``: content-word stems, most frequent first. ``figures``: (metric, min) of its
    event-scope claims. ``parties``: stems of the sides of clashes. ``received_at``: the
    article's own time (``published`` when given, else its arrival, see ``dated``).
    """

    article_id: str
    source: str | None
    places: tuple[str, ...]
    country: str | None
    kind: str | None
    received_at: float
    day: str | None = None
    day_window: tuple[str, str] | None = None
    weekday: int | None = None
    kinds: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    figures: tuple[tuple[str, int], ...] = ()
    dated: bool = False
    main_places: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    arrived_at: float | None = None
    days: tuple[str, ...] = ()
    weekdays: tuple[int, ...] = ()
    targets: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    month_span: tuple[str, str] | None = None

    @property
    def arrival(self) -> float:
        """When the article reached raqib (its own time when that is unknown)."""
        return self.received_at if self.arrived_at is None else self.arrived_at

    @property
    def order(self) -> tuple[float, str]:
        """The article's place in time, the same on every replay: (published time, id);
        undated articles come after every dated one, by id.
        """
        return (self.received_at if self.dated else float("inf"), self.article_id)

    def to_json(self) -> dict[str, Any]:
        """The signature as it travels on the extracted topic."""
        return {
            "article_id": self.article_id,
            "source": self.source,
            "places": list(self.places),
            "country": self.country,
            "kind": self.kind,
            "kinds": list(self.kinds),
            "received_at": self.received_at,
            "day": self.day,
            "day_window": list(self.day_window) if self.day_window else None,
            "weekday": self.weekday,
            "words": list(self.words),
            "figures": [list(f) for f in self.figures],
            "dated": self.dated,
            "arrived_at": self.arrived_at,
            "main_places": list(self.main_places),
            "parties": list(self.parties),
            "days": list(self.days),
            "weekdays": list(self.weekdays),
            "targets": list(self.targets),
            "near": list(self.near),
            "month_span": list(self.month_span) if self.month_span else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signature:
        """The signature :meth:`to_json` wrote."""
        window = data.get("day_window")
        span = data.get("month_span")
        return cls(
            article_id=str(data["article_id"]),
            source=data.get("source"),
            places=tuple(data.get("places") or ()),
            country=data.get("country"),
            kind=data.get("kind"),
            kinds=tuple(data.get("kinds") or ()),
            received_at=float(data["received_at"]),
            day=data.get("day"),
            day_window=(str(window[0]), str(window[1])) if window else None,
            weekday=data.get("weekday"),
            words=tuple(data.get("words") or ()),
            figures=tuple((str(m), int(v)) for m, v in data.get("figures") or ()),
            dated=bool(data.get("dated", False)),
            arrived_at=None if data.get("arrived_at") is None else float(data["arrived_at"]),
            main_places=tuple(data.get("main_places") or ()),
            parties=tuple(data.get("parties") or ()),
            days=tuple(data.get("days") or ()),
            weekdays=tuple(int(w) for w in data.get("weekdays") or ()),
            targets=tuple(data.get("targets") or ()),
            near=tuple(data.get("near") or ()),
            month_span=(str(span[0]), str(span[1])) if span else None,
        )


def _without_dateline(text: str) -> str:
    """``text`` without the dateline that opens its first or second line."""
    head = text.split("\n", DATELINE_LINES)
    for n, line in enumerate(head[:DATELINE_LINES]):
        if not line.strip():
            continue
        cut = EN_DATELINE.sub("", line, count=1)
        if cut != line:
            head[n] = cut
            return "\n".join(head)
    return text


def _lead(article: Article) -> str:
    head = (article.title or "").strip()
    body = article.text.strip()
    if head and body.startswith(head):
        body = body[len(head) :]
    return f"{head}\n{body[:LEAD_CHARS]}" if head else body[:LEAD_CHARS]


def _rest(article: Article) -> str:
    body = article.text.strip()
    head = (article.title or "").strip()
    if head and body.startswith(head):
        body = body[len(head) :]
    return body[LEAD_CHARS:]


def _kinds(
    toks: list[str], lead_end: int, index: PhraseTable | None = None
) -> tuple[str | None, tuple[str, ...], list[tuple[int, int]]]:
    """(main kind, kinds, spans of their cue words); cues in the title or lead count 3x.

    ``index``: the cue phrases (the Arabic ones of :func:`kind_lexicon` by default).
    """
    index = index or kind_lexicon().index
    score: defaultdict[str, float] = defaultdict(float)
    positions: list[tuple[int, int]] = []
    for m in index.find(toks):
        score[m.key] += 3.0 if m.start < lead_end else 1.0
        positions.append((m.start, m.end))
    if not score:
        return None, (), positions
    ranked = sorted(score, key=lambda k: (-score[k], k))
    top = score[ranked[0]]
    return ranked[0], tuple(k for k in ranked if score[k] >= 0.4 * top), positions


@lru_cache(maxsize=65536)
def _content_stem(tok: str) -> str | None:
    """The stem a token counts under as a content word, or None (short, a year, a stop word)."""
    if tok.isdigit():
        return None if len(tok) < 3 or _YEAR.match(tok) else tok
    if len(tok) < 3:
        return None
    s = stem(tok)
    return None if len(s) < 3 or s in STOP_STEMS or tok in STOP_STEMS else s


@lru_cache(maxsize=65536)
def _english_stem(tok: str) -> str | None:
    """The stem an English token counts under as a content word (a plural or possessive
    "s" cut), or None (short, a year, a stop word).
    """
    if tok.isdigit():
        return None if len(tok) < 3 or _YEAR.match(tok) else tok
    if len(tok) < 3 or tok in EN_STOP_WORDS:
        return None
    if tok.endswith("ies") and len(tok) > 4:
        tok = tok[:-3] + "y"
    elif tok.endswith("s") and not tok.endswith("ss") and len(tok) > 3:
        tok = tok[:-1]
    return None if tok in EN_STOP_WORDS else tok


@lru_cache(maxsize=1)
def _bridge() -> dict[str, tuple[str, ...]]:
    """English word -> the Arabic stems reports use for it (``lexicons/en/bridge.tsv``)."""
    out: dict[str, tuple[str, ...]] = {}
    for english, arabic, *_ in load_rows("en/bridge.tsv"):
        found = (_content_stem(normalize(w)) for w in arabic.split("|"))
        out[english] = tuple(dict.fromkeys(s for s in found if s))
    return out


def _english_terms(toks: list[str], skip: set[int]) -> list[str]:
    """The terms an English token list counts under as content words: a word of the bridge
    as its Arabic stems, any other as its English stem (``skip``: positions read as places
    or incident kinds).
    """
    bridge = _bridge()
    out: list[str] = []
    for i, tok in enumerate(toks):
        s = None if i in skip else _english_stem(tok)
        if s is not None:
            out.extend(bridge.get(s) or (s,))
    return out


def english_words(
    lead_toks: list[str], rest_toks: list[str], used: list[set[int]]
) -> tuple[str, ...]:
    """:func:`content_words` of an English report (terms of :func:`_english_terms`)."""
    return content_words(
        _english_terms(lead_toks, used[0]), _english_terms(rest_toks, used[1]), stem_of=_term
    )


def _term(tok: str) -> str:
    return tok


def content_words(
    lead_toks: list[str],
    rest_toks: list[str],
    used: list[set[int]] | None = None,
    limit: int = MAX_WORDS,
    stem_of: Callable[[str], str | None] = _content_stem,
) -> tuple[str, ...]:
    """Most frequent content-word stems (lead words count double), ties broken by first position.

    Tokens already read as places or incident-kind cues (``used``) are left out: they are
    compared on their own, and counting them twice would make every report of a city
    look alike.
    """
    tf: Counter[str] = Counter()
    first: dict[str, int] = {}
    pos = 0
    used = used or [set(), set()]
    for n, (toks, weight) in enumerate(((lead_toks, 2), (rest_toks, 1))):
        skip = used[n]
        for i, tok in enumerate(toks):
            pos += 1
            if i in skip:
                continue
            s = stem_of(tok)
            if s is not None:
                tf[s] += weight
                first.setdefault(s, pos)
    return tuple(sorted(tf, key=lambda w: (-tf[w], first[w]))[:limit])


def _party_words(role: str) -> list[str]:
    return [t for row in load_rows("parties.tsv") if row[1] == role for t in tokens(row[0])]


BETWEEN = _party_words("between")[0]
PARTY_STOP = frozenset(stem(t) for t in _party_words("stop"))
_PARTY_CUES = {"clashes", "shooting"}
_PARTY_END = frozenset(_party_words("end"))
# Full names of armed groups and the short name outlets also use: both read as one party.
_PARTY_ALIASES: tuple[tuple[frozenset[str], str], ...] = tuple(
    (frozenset(stem(t) for t in tokens(full)), stem(short))
    for full, short, *_ in load_rows("party_aliases.tsv")
)


def _alias_parties(found: list[str]) -> list[str]:
    have = set(found)
    for full, short in _PARTY_ALIASES:
        if full <= have:
            found = [s for s in found if s not in full] + [short]
            have = set(found)
    return found


def parties(toks: list[str]) -> tuple[str, ...]:
    """The sides named after "بين" (between) in a clashes sentence ("اشتباكات بين X وY"), as stems.

    Clashes between different sides are different incidents even in one city; the
    parties are what tells them apart when no date is given.
    """
    lex = kind_lexicon()
    found: list[str] = []
    for m in lex.index.find(toks):
        if m.key not in _PARTY_CUES:
            continue
        window = toks[m.end : m.end + 10]
        if BETWEEN not in window:
            continue
        start = m.end + window.index(BETWEEN) + 1
        for tok in toks[start : start + 10]:
            if tok in _PARTY_END or (tok.startswith("ا") and tok[1:] in _PARTY_END):
                break
            s = stem(tok)
            if (
                len(s) >= 2
                and s not in PARTY_STOP
                and s not in STOP_STEMS
                and not tok.isdigit()
                or tok.isdigit()
                and len(tok) >= 2
            ):
                found.append(s)
    return tuple(dict.fromkeys(_alias_parties(found)))[:12]


def signature_of(article: Article, claims: Iterable[Claim], received_at: float) -> Signature:
    """Compute the signature of ``article`` (pure; same inputs, same signature).

    ``received_at`` is the arrival time (epoch seconds); the signature's own
    ``received_at`` is the article's time: ``published`` when it parses, else arrival.
    An English article is read with English tables (module docstring).
    """
    english = language_of(article) == "en"
    if english:
        article = replace(article, text=_without_dateline(article.text))
    lead, rest = _lead(article), _rest(article)
    lead_toks, rest_toks = place_tokens(lead), place_tokens(rest)
    toks = lead_toks + rest_toks
    lead_end = len(lead_toks)
    kind, kinds, cue_spans = _kinds(toks, lead_end, EN_KINDS if english else None)
    cue_at = [start for start, _ in cue_spans]
    where = incident_places(toks, lead_end, cue_at)
    published = parse_published(article.published)
    when = incident_day(lead, published, article.url, rest, cue_at, "en" if english else "ar")
    used: list[set[int]] = [set(), set()]
    # places are compared on their own, not as words (in English, kinds too)
    for start, end in (*where.spans, *(cue_spans if english else ())):
        for i in range(start, end):
            used[0 if i < lead_end else 1].add(i if i < lead_end else i - lead_end)
    figures = sorted({(c.metric, c.min) for c in claims if c.scope == "event"})
    return Signature(
        article_id=article.id,
        source=article.source,
        places=where.places,
        country=where.country,
        kind=kind,
        kinds=kinds,
        received_at=published.timestamp() if published is not None else float(received_at),
        day=when.day.isoformat() if when.day else None,
        day_window=(when.window[0].isoformat(), when.window[1].isoformat())
        if when.window
        else None,
        weekday=when.weekday,
        words=english_words(lead_toks, rest_toks, used)
        if english
        else content_words(lead_toks, rest_toks, used),
        main_places=where.main,
        parties=() if english else parties(toks),
        figures=tuple(figures[:MAX_FIGURES]),
        dated=published is not None,
        arrived_at=float(received_at),
        days=when.days,
        weekdays=when.weekdays,
        targets=()
        if english
        else _not_places(targets(f"{lead}\n{rest}", STOP_STEMS), where.places),
        near=where.near,
        month_span=when.month_span,
    )


def _not_places(found: tuple[str, ...], places: tuple[str, ...]) -> tuple[str, ...]:
    """Targets whose name is not one of the places found ("سوق اعزاز": the town, compared
    as a place already).
    """
    gaz = gazetteer()
    names = {stem(t) for p in places for t in tokens(gaz.name_ar(p))}
    return tuple(t for t in found if t.partition(":")[2] not in names)


def block_key(sig: Signature) -> str:
    """The partition of event resolution: the country (``xx`` when unknown).

    Events never span blocks, so one resolve-stage partition owns all candidates.
    """
    return sig.country or UNKNOWN_BLOCK

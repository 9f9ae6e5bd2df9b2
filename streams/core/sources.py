"""THE notion of source: who stated a figure, when two statements come from one source,
a source's key (for grouping) and its English name (for alert summaries).

* :func:`canonical_source` — the canonical name of an alias ("المرصد" → "المرصد السوري
  لحقوق الإنسان", ``sources.tsv``).
* :func:`same_source` — two claims come from the same source when their ``attributed_to``
  phrases name the same body after normalization: equal word sets, or one contained in the
  other with at least two distinctive words ("مركز طب الطوارئ والدعم" = "مركز طب الطوارئ
  والدعم الليبي"; "وزارة الصحة" = "وزارة الصحة السورية"). Anonymous attributions
  ("مصدر", "مصادر طبية", "مراسلنا", "شهود عيان") are qualified by the outlet: two outlets'
  unnamed sources are two sources. A claim in the outlet's own voice (``attributed_to``
  null) belongs to the outlet. What the contradiction rules use.
* :func:`same_speaker` — the same within one article, where a speaker named again may also
  be named shorter or longer: what the extractor merges repeated figures by.
* :func:`source_key`, :func:`english_name` — a readable key and an English name.
"""

from __future__ import annotations

from functools import lru_cache

from streams.core.model import Claim
from streams.core.text import (
    TOKEN_RE,
    lexicon_words,
    load_rows,
    normalize,
    normalize_word,
    phrase_tokens,
    stem,
    tokens,
)
from streams.core.text.geo import gazetteer

GENERIC_HEADS = lexicon_words("source_words.tsv", role="generic")
_QUALIFIERS = lexicon_words("source_words.tsv", role="qualifier")
_ALIAS_CLITICS = tuple(row[0] for row in load_rows("source_words.tsv") if row[1] == "clitic")
ROMAN = {row[0]: row[1] for row in load_rows("romanization.tsv")}
_VOWELISH = {row[0]: row[2] for row in load_rows("romanization.tsv") if row[2] != "-"}


SOURCE_ALIASES: dict[str, str] = {
    " ".join(key): canon
    for key, canon in ((phrase_tokens(r[1]), r[0]) for r in load_rows("sources.tsv"))
}


@lru_cache(maxsize=4096)
def canonical_source(name: str) -> str:
    """The canonical name of a source alias (sources.tsv), else the name trimmed."""
    norm = normalize_word(name)
    for cand in (norm, *(norm[len(c) :] for c in _ALIAS_CLITICS if norm.startswith(c))):
        key = " ".join(TOKEN_RE.findall(cand))
        if key in SOURCE_ALIASES:
            return SOURCE_ALIASES[key]
    return name.strip(' ،,:"«»“”')


def canonical(phrase: str) -> str:
    """The canonical name of a source alias ("المرصد" -> "المرصد السوري لحقوق الإنسان")."""
    return canonical_source(phrase) or phrase


@lru_cache(maxsize=32768)
def _key_tokens(phrase: str) -> tuple[str, ...]:
    phrase = canonical(phrase)
    out = []
    for tok in phrase_tokens(phrase):
        s = stem(tok)
        if tok in _QUALIFIERS or s in _QUALIFIERS:
            continue
        out.append(s)
    return tuple(out)


@lru_cache(maxsize=1)
def _demonym_stems() -> frozenset[str]:
    return frozenset(stem(key) for key in gazetteer().names_at("demonym") if " " not in key)


@lru_cache(maxsize=32768)
def is_generic(attributed_to: str) -> bool:
    """Whether the name is an anonymous source ("مصدر طبي", "مراسلنا"), qualified by its outlet."""
    toks = phrase_tokens(attributed_to)
    return bool(toks) and toks[0] in GENERIC_HEADS


def outlet_key(claim: Claim) -> str:
    """The key of the outlet that published the claim (its article when the outlet is unknown)."""
    return f"outlet:{claim.source}" if claim.source else f"article:{claim.article}"


def source_key(claim: Claim) -> str:
    """A readable canonical key of who stated ``claim`` (used for display and grouping)."""
    if not claim.attributed_to:
        return outlet_key(claim)
    base = _attribution_key(claim.attributed_to)
    return f"{outlet_key(claim)}|{base}" if is_generic(claim.attributed_to) else base


@lru_cache(maxsize=32768)
def _attribution_key(attributed_to: str) -> str:
    return " ".join(_source_words(attributed_to)) or normalize(attributed_to)


@lru_cache(maxsize=32768)
def _source_words(attributed_to: str) -> tuple[str, ...]:
    """The distinctive words of an attribution (demonyms and qualifiers left out)."""
    demonyms = _demonym_stems()
    return tuple(w for w in _key_tokens(attributed_to) if w not in demonyms)


def _contained(a: str, b: str) -> bool:
    """One name inside the other once both are canonical and normalized ("وزارة الصحة" in
    "وزارة الصحة السورية", "مصادر طبية" in "مصادر طبية في مستشفى الثورة").
    """
    na, nb = normalize_word(canonical_source(a)), normalize_word(canonical_source(b))
    return na == nb or na in nb or nb in na


def _same_body(a: str, b: str) -> bool:
    """Two named (not anonymous) sources are one body: equal distinctive words, or the
    smaller set, of at least two words, inside the larger.
    """
    wa, wb = set(_source_words(a)), set(_source_words(b))
    if not wa or not wb:
        return normalize(a) == normalize(b)
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return small == big or (len(small) >= 2 and small <= big)


def _one_outlet_source(a: str | None, b: str | None) -> bool:
    """Two speakers of one outlet are one source; None is the outlet's own voice."""
    if not a or not b:
        return not a and not b
    if is_generic(a) or is_generic(b):
        return is_generic(a) and is_generic(b) and _attribution_key(a) == _attribution_key(b)
    return _same_body(a, b)


def same_source(a: Claim, b: Claim) -> bool:
    """True when ``a`` and ``b`` were stated by the same source (see the module docstring).

    Within one outlet: the same own voice, the same anonymous source, or one named body.
    Across outlets only a named body can be the same source.
    """
    if outlet_key(a) == outlet_key(b):
        return _one_outlet_source(a.attributed_to, b.attributed_to)
    a_name, b_name = a.attributed_to, b.attributed_to
    if not a_name or not b_name or is_generic(a_name) or is_generic(b_name):
        return False
    return _same_body(a_name, b_name)


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when two speakers named in one article are one source (the extractor merges
    their repeated figures): :func:`same_source` within an outlet, or one name a shorter
    form of the other ("مصادر طبية" / "مصادر طبية في مستشفى الثورة").

    Across articles a name inside another is not enough: an outlet's "مصدر أمني" and its
    "مصدر أمني والمرصد السوري" in another report are two sources.
    """
    if a and b and _contained(a, b):
        return True
    return _one_outlet_source(a, b)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    words: dict[str, str] = {}
    for row in load_rows("sources_en.tsv"):
        if len(row) < 3:
            continue
        target = names if row[2].strip() == "name" else words
        for variant in row[0].split("|"):
            target.setdefault(" ".join(tokens(variant)), row[1])
    return names, words


def romanize(text: str) -> str:
    """A readable Latin spelling of an Arabic name (no short vowels; "ال" -> "al-")."""
    out = []
    for word in tokens(text):
        if not any("\u0621" <= ch <= "\u064a" for ch in word):
            out.append(word)
            continue
        prefix = ""
        if word.startswith("ال") and len(word) > 3:
            prefix, word = "al-", word[2:]
        chars = []
        for i, ch in enumerate(word):
            if i == 0 and ch in "عء":
                chars.append("a")
            elif (
                ch in _VOWELISH
                and 0 < i < len(word) - 1
                and word[i - 1] not in "اوي"
                and word[i + 1] not in "اوي"
            ):
                chars.append(_VOWELISH[ch])
            else:
                chars.append(ROMAN.get(ch, ch))
        latin = "".join(chars)
        out.append(prefix + latin[:1].upper() + latin[1:])
    return " ".join(out)


@lru_cache(maxsize=32768)
def english_name(attributed_to: str | None, source: str | None = None) -> str:
    """The English name of a source, for summaries: known names from ``sources_en.tsv``,
    place names from the gazetteer, then word-by-word gloss with romanized leftovers.
    """
    if not attributed_to:
        return f"the outlet {source} (own report)" if source else "the outlet (own report)"
    names, words = _names()
    toks = tokens(attributed_to)
    phrase = " ".join(toks)
    if phrase in names:
        return names[phrase]
    gaz = gazetteer()
    place_at = {m.start: m for m in gaz.find(toks)}
    best: tuple[int, int] | None = None  # longest known name anywhere in the phrase
    for a in range(len(toks)):
        for b in range(len(toks), a, -1):
            if " ".join(toks[a:b]) in names:
                if best is None or b - a > best[1] - best[0]:
                    best = (a, b)
                break
    if best is not None:
        name = names[" ".join(toks[best[0] : best[1]])]
        place = next(
            (
                place_at[k]
                for k in range(best[1], len(toks))
                if k in place_at and "~" not in place_at[k].key
            ),
            None,
        )
        return f"{name} at {gaz.name_en(place.key)}" if place is not None else name
    return _gloss(toks, place_at, 0, words)


def _gloss(
    toks: list[str], place_at: dict, offset: int, words: dict[str, str], capitalize: bool = True
) -> str:
    gaz = gazetteer()
    out: list[str] = []
    demonyms: list[str] = []
    i = 0
    while i < len(toks):
        m = place_at.get(i + offset)
        if m is not None:
            name = gaz.name_en(m.key)
            if "~" in m.key:
                demonyms.append(name)
            else:
                out.append(name)
            i = m.end - offset
            continue
        tok = toks[i]
        if tok in words:
            out.append(words[tok])
        elif tok.startswith("و") and tok[1:] in words:
            out.append("and " + words[tok[1:]])
        else:
            out.append(romanize(tok))
        i += 1
    text = " ".join(demonyms + out)
    return text[:1].upper() + text[1:] if text and capitalize else text

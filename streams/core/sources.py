"""THE notion of source: who stated a figure, as one canonical id, and when two statements
come from one source.

Every claim names its source by ``source_id`` and ``source_type``, from the source registry
(:mod:`streams.core.registry`): "وزارة الصحة السورية", "وزارة الصحة التابعة للنظام السوري"
and "Syria's health ministry" are ``sy.health_ministry``; "مصدر طبي" is an unnamed medical
source of the outlet that quotes it (``anon:medical@aljazeera``), and of the agency when an
agency relayed it (``via``); "مراسلنا" and a figure in the outlet's own voice are the
outlet (``outlet:aljazeera``); a speaker nobody listed keeps a stable id from its
normalized name (``name:...``).

* :func:`claim_source` / :func:`with_sources` — a claim's source, resolved with the
  incident's country as hint (the batch step :func:`streams.core.pipeline.extract_article`
  gives it the article's signature country, so an unqualified "وزارة الصحة" of a Lebanese
  incident is Lebanon's);
* :func:`source_of` — a claim's id: the one it carries, else resolved from its phrases
  (claims written before ids existed, gold claims);
* :func:`same_source` — two claims from one source (what the contradiction rules use):
  equal ids; a country-less kind and the same kind with a country ("وزارة الصحة" and
  "وزارة الصحة اللبنانية"); two names nobody listed when one is the other's surname
  ("عبد الستار إيسويف" / "إيسويف");
* :func:`same_speaker` — the same within one article, where a speaker named again may also
  be named shorter or longer ("مصادر طبية" / "مصادر طبية في مستشفى الثورة"): what the
  extractor merges repeated figures by;
* :func:`source_key` — the key statements are grouped by (the id).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from streams.core.model import Claim
from streams.core.registry import SourceRef, resolve_source, same_kind
from streams.core.registry import source_ref as registry_ref
from streams.core.text import normalize_word, tokens

__all__ = [
    "Sources",
    "claim_source",
    "speaker_source",
    "display_ref",
    "same_id",
    "same_source",
    "same_speaker",
    "source_key",
    "source_of",
    "with_sources",
]

NAME_PREFIX = "name:"
Sources = Mapping[str, str]  # claim id -> the id of the source it speaks for


def _outlet(claim: Claim) -> str:
    """Whose voice a claim is in when nobody is named: its outlet, or its article when the
    outlet is unknown (two articles of unknown outlets are two sources).
    """
    return claim.source or f"article:{claim.article}"


def speaker_source(
    attributed_to: str | None,
    *,
    via: str | None,
    outlet: str,
    country: str | None = None,
    lang: str | None = None,
) -> SourceRef:
    """The canonical source of a speaker as a claim names it: ``attributed_to`` (None: the
    outlet's own voice), relayed by ``via``, in an article of ``outlet`` (its ``source``, or
    ``article:<id>`` when unknown).
    """
    relay = (via or outlet) if attributed_to else outlet
    return resolve_source(attributed_to, outlet=relay, country=country, lang=lang)


def claim_source(claim: Claim, country: str | None = None) -> SourceRef:
    """The canonical source of ``claim`` (``country``: the incident's, as a hint)."""
    return speaker_source(
        claim.attributed_to, via=claim.via, outlet=_outlet(claim), country=country, lang=claim.lang
    )


def with_sources(claims: Iterable[Claim], country: str | None = None) -> list[Claim]:
    """``claims`` with ``source_id`` and ``source_type`` set (ids are not part of a claim's
    identity: its id is kept).
    """
    out = []
    for claim in claims:
        ref = claim_source(claim, country)
        if (claim.source_id, claim.source_type) == (ref.id, ref.type):
            out.append(claim)
            continue
        sourced = replace(claim, source_id=ref.id, source_type=ref.type)
        if "id" in claim.__dict__:
            sourced.__dict__["id"] = claim.__dict__["id"]
        out.append(sourced)
    return out


def source_of(claim: Claim) -> str:
    """The id of the source of ``claim``: its own ``source_id``, else resolved without a
    country hint.
    """
    return claim.source_id or claim_source(claim).id


def source_key(claim: Claim) -> str:
    """The key statements are grouped by: the source id."""
    return source_of(claim)


def display_ref(claim: Claim) -> SourceRef:
    """The registry's view of the source of ``claim`` (names for renderers)."""
    if claim.source_id:
        return registry_ref(claim.source_id, claim.attributed_to or claim.source)
    return claim_source(claim)


@lru_cache(maxsize=32768)
def _name_words(source_id: str) -> tuple[str, ...]:
    return tuple(w for w in source_id[len(NAME_PREFIX) :].split("-") if w)


def same_id(a: str, b: str) -> bool:
    """Two source ids name one source (see the module docstring)."""
    if a == b or same_kind(a, b):
        return True
    if a.startswith(NAME_PREFIX) and b.startswith(NAME_PREFIX):
        wa, wb = _name_words(a), _name_words(b)
        short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        return bool(short) and long[-len(short) :] == short  # a surname: "إيسويف"
    return False


def same_source(a: Claim, b: Claim, sources: Sources | None = None) -> bool:
    """True when ``a`` and ``b`` were stated by the same source, each taken for the source it
    speaks for (``sources``: claim id -> source id, :func:`streams.core.conflicts.
    effective_sources` of their event; without it, their own sources).
    """
    sa = sources.get(a.id) if sources else None
    sb = sources.get(b.id) if sources else None
    return same_id(sa or source_of(a), sb or source_of(b))


@lru_cache(maxsize=32768)
def _normalized(name: str) -> str:
    return " ".join(tokens(normalize_word(name)))


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when two speakers named in one article are one source (the extractor merges
    their repeated figures): both the outlet's voice, one name a shorter form of the other
    ("مصادر طبية" / "مصادر طبية في مستشفى الثورة"), or one source id.

    Across articles a name inside another is not enough: an outlet's "مصدر أمني" and its
    "مصدر أمني والمرصد السوري" in another report are two sources.
    """
    if not a or not b:
        return not a and not b
    na, nb = _normalized(a), _normalized(b)
    if na in nb or nb in na:
        return True
    return same_id(resolve_source(a).id, resolve_source(b).id)

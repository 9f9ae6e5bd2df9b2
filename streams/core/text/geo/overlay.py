"""The curated data the gazetteer lays over GeoNames, read from ``streams/core/lexicons``.

- ``places.tsv``: the curated places (countries, demonyms, governorates, cities, towns,
  landmarks) with their Arabic names; their ids are kept.
- ``place_countries.tsv``: country names and demonyms in Arabic and English.
- ``place_admin1.tsv``: which GeoNames first-level division each curated area is, so a
  GeoNames village and its curated governorate share one hierarchy.
- ``place_stops.tsv``: names that are also common words, and the context each needs.
- ``place_cues.tsv``: the words that give a weak name its context.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.core.text.lexicon import load_rows

from .names import arabic_key, english_key

__all__ = [
    "CuratedPlace",
    "Cues",
    "CountryNames",
    "admin1_map",
    "country_names",
    "cues",
    "curated_places",
    "stop_names",
]


@dataclass(frozen=True)
class CuratedPlace:
    """A row of ``places.tsv``: the team's landmarks, areas and ambiguous names."""

    id: str
    parent: str | None
    level: str
    name_en: str
    names_ar: tuple[str, ...]


@dataclass(frozen=True)
class CountryNames:
    """A row of ``place_countries.tsv``: a country's names and demonyms in both languages."""

    id: str
    name_en: str
    names_en: tuple[str, ...]
    names_ar: tuple[str, ...]
    demonyms_en: tuple[str, ...]
    demonyms_ar: tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    """Context words as matching keys: ``type`` before the name, ``type_after`` after it
    (English), ``locative`` before it; ``connectors`` are read through ("of", "من");
    ``camp_qualifiers`` may stand inside an English camp's name ("X refugee camp").
    """

    type: frozenset[str]
    type_after: frozenset[str]
    locative: frozenset[str]
    connectors: frozenset[str] = frozenset({"of", "من"})
    camp_qualifiers: frozenset[str] = frozenset()  # "refugee" in "X refugee camp"


def _split(field: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in field.split("|") if v.strip() and v.strip() != "-")


def curated_places() -> list[CuratedPlace]:
    """Every curated place."""
    return [
        CuratedPlace(pid, None if parent == "-" else parent, level, name_en, _split(variants))
        for pid, parent, level, name_en, variants in load_rows("places.tsv")
    ]


def country_names() -> list[CountryNames]:
    """Every country's names."""
    return [
        CountryNames(cid, name_en, _split(en), _split(ar), _split(dem_en), _split(dem_ar))
        for cid, name_en, en, ar, dem_en, dem_ar in load_rows("place_countries.tsv")
    ]


def admin1_map() -> dict[str, str]:
    """Curated place id -> GeoNames first-level division ``CC.code``."""
    return {pid: code for pid, code, *_gloss in load_rows("place_admin1.tsv")}


def _key(name: str) -> str:
    return arabic_key(name) or english_key(name)


def stop_names() -> dict[str, str]:
    """Matching key -> the context it needs (``type`` or ``locative``)."""
    return {_key(name): need for name, _lang, need, *_gloss in load_rows("place_stops.tsv")}


def cues() -> Cues:
    """The context words that let a weak name fire (``place_cues.tsv``)."""
    sets: dict[str, set[str]] = {
        "type": set(),
        "type_after": set(),
        "locative": set(),
        "camp_qualifier": set(),
    }
    for cue, _lang, kind, *_gloss in load_rows("place_cues.tsv"):
        sets[kind].add(_key(cue))
    return Cues(
        frozenset(sets["type"]),
        frozenset(sets["type_after"]),
        frozenset(sets["locative"]),
        camp_qualifiers=frozenset(sets["camp_qualifier"]),
    )

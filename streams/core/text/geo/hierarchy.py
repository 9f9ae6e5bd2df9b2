"""One place hierarchy from GeoNames and the curated overlay, and the names that point into it.

Rules (each a property of the data, never of one article):

- Countries are ISO codes (``sy``); their English names come from GeoNames, their Arabic
  names and both languages' demonyms from ``place_countries.tsv`` and ``places.tsv``.
- Curated places keep their ids and parents. A curated city or town is *linked* to the
  GeoNames place of the same country that carries one of its names (Arabic first, else its
  English name) and lies in its governorate's first-level division when that is mapped: the
  most populous such place. The linked GeoNames place disappears into the curated one (its
  names point to the curated id; ``gn:<id>`` stays as an alias).
- A GeoNames place's parent is the curated area mapped to its first-level division
  (``place_admin1.tsv``), else a division node ``<cc>.adm1.<code>`` under the country.
  Places of 100,000 people or more are cities (rank 2), smaller ones towns (rank 3).
- What a name needs to fire: curated names and country names fire alone; a GeoNames name
  fires alone when its place has at least ``STRONG_POPULATION`` people, the name has more
  than three letters, and the place is a city (``CITY_POPULATION``) or five times the size of
  any namesake; otherwise it is
  ``confirmed`` (a type cue, or a cue and another place of the text in the same division).
  Names in ``place_stops.tsv`` need the context given there, whatever their source.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from .geonames import GeoIndex
from .model import Place
from .names import arabic_key, english_key, fused_article_variants
from .overlay import Cues, CuratedPlace, admin1_map, country_names, cues, curated_places, stop_names

__all__ = ["NEEDS", "Hierarchy", "STRONG_POPULATION", "assemble"]

#: Below this many people a GeoNames name needs context ("قرية X", "في X" beside its province).
STRONG_POPULATION = 15_000
CITY_POPULATION = 100_000
#: Population assumed for a curated area or place with no GeoNames record (for ranking
#: ambiguous names only).
CURATED_POPULATION = 50_000
#: What a name needs, from least to most (see :mod:`streams.core.text.geo.matcher`): nothing; any
#: cue or a confirming place; a type cue, or a cue and a confirming place; a type cue.
NEEDS = ("none", "locative", "confirmed", "type")
_PAREN = re.compile(r"\s*\([^)]*\)")
_AREA_WORDS = ("governorate", "province", "state", "region")


@dataclass
class Hierarchy:
    """The assembled gazetteer data (see :class:`streams.core.text.geo.Gazetteer`)."""

    places: dict[str, Place]
    names: dict[str, tuple[tuple[str, int], ...]]  # key -> ((place id, need index), ...)
    aliases: dict[str, str]  # gn:<id> of a linked GeoNames place -> curated id
    curated: frozenset[str]
    cues: Cues


def _strip_type(name: str, type_cues: frozenset[str]) -> str:
    key = arabic_key(name)
    head, _, rest = key.partition(" ")
    return rest if rest and head in type_cues else key


def _english_variants(name_en: str, camp_qualifiers: frozenset[str] = frozenset()) -> list[str]:
    """The English spellings a curated name is indexed under: "Idlib province" as "Idlib
    governorate" too, "Zamzam camp" as "Zamzam displacement camp" too (``camp_qualifiers``).
    """
    base = _PAREN.sub("", name_en).strip()
    out = [base]
    words = base.rsplit(" ", 1)
    if len(words) == 2 and words[1].lower() in _AREA_WORDS:
        out.extend(f"{words[0]} {w}" for w in _AREA_WORDS)
    if len(words) == 2 and words[1].lower() == "camp":
        out.extend(f"{words[0]} {q} camp" for q in sorted(camp_qualifiers))
    return out


class _Builder:
    def __init__(self, geo: GeoIndex) -> None:
        self.geo = geo
        self.cues = cues()
        self.stops = stop_names()
        self.admin1 = admin1_map()
        self.by_admin1 = {code: pid for pid, code in self.admin1.items()}
        self.places: dict[str, Place] = {}
        self.names: defaultdict[str, list[tuple[str, int]]] = defaultdict(list)
        self.aliases: dict[str, str] = {}
        self.curated: list[CuratedPlace] = curated_places()
        self.curated_ids = frozenset(c.id for c in self.curated)
        self.parents = {c.id: c.parent for c in self.curated}
        self.linked: dict[int, str] = {}  # row in geo.places -> curated id

    def name(self, key: str, pid: str, need: int) -> None:
        if not key:
            return
        stop = self.stops.get(key)
        if stop is not None:
            need = max(need, NEEDS.index(stop))
        self.names[key].append((pid, need))

    # -- countries ---------------------------------------------------------------------

    def countries(self) -> None:
        extra = {c.id: c for c in country_names()}
        for cc, (name_en, population, _capital) in self.geo.countries.items():
            names = extra.get(cc)
            name_ar = names.names_ar[0] if names and names.names_ar else ""
            self.places[cc] = Place(cc, name_en, name_ar, "country", cc, None, None, population)
            self.name(english_key(name_en), cc, 0)
        for cc, names in extra.items():
            if cc not in self.places:
                self.places[cc] = Place(cc, names.name_en, "", "country", cc, None, None)
            for n in (names.name_en, *names.names_en):
                self.name(english_key(n), cc, 0)
            for n in names.names_ar:
                self.name(arabic_key(n), cc, 0)
            if names.demonyms_en or names.demonyms_ar:
                adj = f"{cc}~adj"
                if adj not in self.places:
                    self.places[adj] = Place(adj, names.name_en, "", "demonym", cc, None, cc)
                for n in names.demonyms_en:
                    self.name(english_key(n), adj, 0)
                for n in names.demonyms_ar:
                    self.name(arabic_key(n), adj, 0)

    # -- curated -----------------------------------------------------------------------

    def _admin1_of(self, pid: str | None) -> str | None:
        seen = 0
        while pid and seen < 8:
            if pid in self.admin1:
                return self.admin1[pid]
            pid = self.parents.get(pid)
            seen += 1
        return None

    def _link(self, place: CuratedPlace, country: str, admin1: str | None) -> int | None:
        rows: set[int] = set()
        for variant in place.names_ar:
            rows.update(self.geo.names.get(_strip_type(variant, self.cues.type), ()))
        if not rows:
            for variant in _english_variants(place.name_en):
                rows.update(self.geo.names.get(english_key(variant), ()))
        rows = {r for r in rows if self.geo.places[r][2] == country and r not in self.linked}
        if admin1 is not None:
            rows = {r for r in rows if f"{country.upper()}.{self.geo.places[r][3]}" == admin1}
        if not rows:
            return None
        return max(rows, key=lambda r: (self.geo.places[r][4], -self.geo.places[r][0]))

    def curated_overlay(self) -> None:
        for c in self.curated:
            country = c.id.split(".", 1)[0].split("~", 1)[0]
            if c.level == "country":
                known = self.places.get(c.id)
                self.places[c.id] = Place(
                    c.id,
                    c.name_en,
                    c.names_ar[0] if c.names_ar else "",
                    "country",
                    c.id,
                    None,
                    None,
                    known.population if known else 0,
                )
            else:
                own_admin1 = self.admin1.get(c.id) or self._admin1_of(c.parent)
                row = self._link(c, country, own_admin1) if c.level in ("city", "town") else None
                lat = lon = None
                population = CURATED_POPULATION
                if row is not None:
                    self.linked[row] = c.id
                    gid, _n, _cc, code, population, lat, lon, _ar = self.geo.places[row]
                    self.aliases[f"gn:{gid}"] = c.id
                    if code:
                        own_admin1 = f"{country.upper()}.{code}"
                self.places[c.id] = Place(
                    c.id,
                    c.name_en,
                    c.names_ar[0] if c.names_ar else "",
                    c.level,
                    country,
                    own_admin1,
                    c.parent,
                    population,
                    lat,
                    lon,
                )
                if c.level not in ("demonym",):
                    for variant in _english_variants(c.name_en, self.cues.camp_qualifiers):
                        self.name(english_key(variant), c.id, 0)
            for variant in c.names_ar:
                self.name(arabic_key(variant), c.id, 0)

    # -- GeoNames ----------------------------------------------------------------------

    def geonames(self) -> None:
        divisions: dict[
            str, tuple[int, str]
        ] = {}  # CC.code -> (population, name) of its biggest place
        for _gid, name, cc, code, population, _lat, _lon, _ar in self.geo.places:
            if code:
                key = f"{cc.upper()}.{code}"
                if population > divisions.get(key, (-1, ""))[0]:
                    divisions[key] = (population, name)
        for key, (_pop, biggest) in sorted(divisions.items()):
            if key in self.by_admin1:
                continue
            cc, code = key.split(".", 1)
            cc = cc.lower()
            if cc not in self.places:
                continue
            pid = f"{cc}.adm1.{code}"
            self.places[pid] = Place(pid, f"{biggest} region", "", "admin1", cc, key, cc)
        for row, (gid, name, cc, code, population, lat, lon, ar) in enumerate(self.geo.places):
            if row in self.linked or cc not in self.places:
                continue
            admin1 = f"{cc.upper()}.{code}" if code else None
            parent = cc
            if admin1 is not None:
                parent = self.by_admin1.get(admin1) or f"{cc}.adm1.{code}"
            level = "city" if population >= CITY_POPULATION else "town"
            pid = f"gn:{gid}"
            self.places[pid] = Place(pid, name, ar, level, cc, admin1, parent, population, lat, lon)
        # one id string per place, shared by all its names (the ids are most of the memory)
        row_ids: list[str | None] = []
        for row, (gid, *_rest) in enumerate(self.geo.places):
            place = self.places.get(self.linked.get(row) or f"gn:{gid}")
            row_ids.append(place.id if place else None)
        population_of = [p[4] for p in self.geo.places]
        for key, rows in self.geo.names.items():
            ranked = sorted(rows, key=lambda r: -population_of[r]) if len(rows) > 1 else rows
            letters = len(key) - key.count(" ")
            for n, row in enumerate(ranked):
                row_id = row_ids[row]
                if row_id is None:
                    continue
                population = population_of[row]
                runner_up = population_of[ranked[n + 1]] if n + 1 < len(ranked) else 0
                known = population >= CITY_POPULATION or (n == 0 and population >= 5 * runner_up)
                strong = population >= STRONG_POPULATION and letters > 3 and known
                self.name(key, row_id, 0 if strong else 2)

    def result(self) -> Hierarchy:
        names: dict[str, tuple[tuple[str, int], ...]] = {}
        for key, entries in self.names.items():
            if len(entries) == 1:
                names[key] = (entries[0],)
                continue
            least: dict[str, int] = {}
            for pid, need in entries:
                least[pid] = min(need, least.get(pid, need))
            names[key] = tuple(sorted(least.items(), key=lambda e: (e[1], e[0])))
        for key in [k for k in names if k.isascii()]:
            for variant in fused_article_variants(key):
                names.setdefault(variant, names[key])  # a name of its own spelled so wins
        return Hierarchy(self.places, names, self.aliases, self.curated_ids, self.cues)


def assemble(geo: GeoIndex) -> Hierarchy:
    """The hierarchy and name table from the GeoNames index and the overlay files."""
    b = _Builder(geo)
    b.countries()
    b.curated_overlay()
    b.geonames()
    return b.result()


def population_prior(population: int) -> float:
    """0..1: how much a place's size speaks for it when a name is ambiguous."""
    return min(1.0, math.log10(population + 1) / 7)

"""The gazetteer's plain data: a place, a match, and the levels of the place hierarchy.

Levels run from the widest to the most specific (country > first-level division > city >
town/village > landmark). ``rank`` is the number the event code compares: two reports that
share a place of a higher rank share more of their location.
"""

from __future__ import annotations

from dataclasses import dataclass

#: level -> rank. ``demonym`` rows ("السوري", "Syrian") only point to a country; ``admin1`` is a
#: GeoNames first-level division with no curated name; ``governorate`` a curated one.
LEVELS: dict[str, int] = {
    "country": 0,
    "demonym": 0,
    "governorate": 1,
    "admin1": 1,
    "city": 2,
    "town": 3,
    "landmark": 4,
}


@dataclass(frozen=True, slots=True)
class Place:
    """One node of the place hierarchy.

    ``id`` is a curated id (``sy.deir_ez_zor``, ``sy~adj``), an ISO country code (``sy``), a
    GeoNames first-level division (``sy.adm1.07``) or a GeoNames place (``gn:170794``).
    ``country`` is the lower-case ISO 3166 code; ``admin1`` the GeoNames ``CC.code`` of its
    first-level division when known; ``parent`` the next place up (None for a country).
    ``population`` is 0 when unknown; ``lat``/``lon`` are None when unknown.
    """

    id: str
    name_en: str
    name_ar: str
    level: str
    country: str
    admin1: str | None
    parent: str | None
    population: int = 0
    lat: float | None = None
    lon: float | None = None

    @property
    def rank(self) -> int:
        """0 (country) to 4 (landmark): how specific the place is."""
        return LEVELS[self.level]


@dataclass(frozen=True, slots=True)
class Match:
    """A place named at tokens ``start:end`` (end exclusive); ``key`` is the place id."""

    key: str
    start: int
    end: int


__all__ = ["LEVELS", "Match", "Place"]

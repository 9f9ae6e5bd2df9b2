"""The gazetteer: places from GeoNames with the curated overlay, found in token lists.

``gazetteer()`` gives the process-wide instance: the first call reads the cached GeoNames
index (building it once when there is none, see :mod:`streams.core.text.geo.cache`) and lays the
curated files over it; later calls return the same object.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Collection, Iterator
from functools import lru_cache
from pathlib import Path

from .cache import load_or_build
from .geonames import GeoIndex
from .hierarchy import Hierarchy, assemble
from .matcher import Matcher
from .model import Match, Place

log = logging.getLogger(__name__)

__all__ = ["Gazetteer", "gazetteer", "load"]


class Gazetteer:
    """Places with their hierarchy (country > governorate/division > city > town > landmark).

    Every method takes any id the gazetteer gave out, including the alias ``gn:<id>`` of a
    GeoNames place that was merged into a curated one.
    """

    def __init__(self, hierarchy: Hierarchy) -> None:
        self._h = hierarchy
        self.places: dict[str, Place] = hierarchy.places
        self.aliases: dict[str, str] = hierarchy.aliases
        self._matcher = Matcher(hierarchy)

    def find(self, tokens: list[str], prefer: Collection[str] = ()) -> Iterator[Match]:
        """The places named in ``tokens``, left to right, one id per match.

        ``tokens``: Arabic as ``streams.core.text.tokens`` gives them, English as
        lower-cased word tokens (``streams.core.text.geo.names.place_tokens`` gives both).
        ``prefer``: country codes the caller already knows the text is about; they settle
        names that several places share. The result depends on nothing but the arguments.
        """
        return self._matcher.find(tokens, prefer)

    def resolve(self, pid: str) -> str:
        """The id a place goes by (an alias resolved)."""
        return self.aliases.get(pid, pid)

    def place(self, pid: str) -> Place | None:
        """The place ``pid`` names, through its alias when a curated place absorbed it."""
        return self.places.get(self.resolve(pid))

    def ancestors(self, pid: str) -> tuple[str, ...]:
        """``pid`` and its ancestors, most specific first (empty for an unknown id)."""
        return self._matcher.ancestors(self.resolve(pid))

    def country(self, pid: str) -> str:
        """The lower-case ISO code of the place's country ('' for an unknown id)."""
        place = self.place(pid)
        return place.country if place else ""

    def name_en(self, pid: str) -> str:
        """English name of ``pid`` (the id itself when unknown)."""
        place = self.place(pid)
        return place.name_en if place else pid

    def name_ar(self, pid: str) -> str:
        """Arabic name of ``pid`` (empty when unknown)."""
        place = self.place(pid)
        return place.name_ar if place else ""

    def level(self, pid: str) -> str | None:
        """Level of ``pid`` (country, admin1, governorate, city, town, landmark...)."""
        place = self.place(pid)
        return place.level if place else None

    def rank(self, pid: str) -> int:
        """0 country/demonym, 1 governorate/division, 2 city, 3 town, 4 landmark (0 unknown)."""
        place = self.place(pid)
        return place.rank if place else 0

    def names_at(self, level: str) -> frozenset[str]:
        """The matching keys that name a place of ``level`` ("demonym": every demonym)."""
        places = self._h.places
        return frozenset(
            key
            for key, entries in self._h.names.items()
            if any(places[pid].level == level for pid, _need in entries)
        )

    def names(self) -> int:
        """How many distinct names (matching keys) the gazetteer knows."""
        return len(self._h.names)


def load(cache_dir: Path | str | None = None, index: GeoIndex | None = None) -> Gazetteer:
    """A new gazetteer over ``index`` (default: the cached GeoNames index)."""
    started = time.perf_counter()
    gaz = Gazetteer(assemble(index if index is not None else load_or_build(cache_dir)))
    log.info(
        "gazetteer ready in %.2f s: %d places, %d names",
        time.perf_counter() - started,
        len(gaz.places),
        gaz.names(),
    )
    return gaz


_LOADING = threading.Lock()


@lru_cache(maxsize=1)
def _shared() -> Gazetteer:
    return load()


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (cache directory as :func:`streams.core.text.geo.cache.cache_dir`).

    Loaded once per process, even when a worker warms it up in a thread while an agent
    asks for it (the lock makes the second caller wait for the first load).
    """
    with _LOADING:
        return _shared()

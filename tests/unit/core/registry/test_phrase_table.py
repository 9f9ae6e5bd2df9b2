"""A table of speaker phrases written for these tests, each with the source it must resolve to."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.core.registry import resolve_source

TABLE = Path(__file__).with_name("phrases.tsv")


def _rows() -> list[tuple[str, str | None, str | None, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        phrase, outlet, country, expected = line.split("\t")
        rows.append((phrase, None if outlet == "-" else outlet, None if country == "-" else country, expected))  # fmt: skip
    return rows


@pytest.mark.parametrize(("phrase", "outlet", "country", "expected"), _rows())
def test_phrase_resolves_to_its_source(phrase, outlet, country, expected):
    assert resolve_source(phrase, outlet=outlet, country=country).id == expected

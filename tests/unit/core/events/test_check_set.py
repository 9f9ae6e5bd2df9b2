"""Event resolution on the team's check set: parties and places that keep incidents apart."""

from __future__ import annotations

from connectors.files import read_paths
from streams.core.events.signature import parties, signature_of
from streams.core.events.tracker import TrackerConfig, assign
from streams.core.text import tokens
from tests.conftest import FIXTURES

CHECK = FIXTURES / "events_check"


def test_full_and_short_names_of_an_armed_group_are_one_party():
    a = parties(tokens("اشتباكات بين قوات سوريا الديمقراطية ومسلحين في ذيبان"))
    b = parties(tokens("معارك بين قسد في ذيبان"))
    assert set(a) & set(b)


def test_same_kind_in_two_named_cities_with_generic_wording_stays_apart():
    arts = {a.id: a for a in read_paths([CHECK / "articles.jsonl"])}
    sabratha = [signature_of(arts[k], [], 1_700_000_000.0) for k in ("c105", "c106")]
    tobruk = signature_of(arts["c107"], [], 1_700_000_000.0)
    first, events = assign(sabratha[0], ())
    _, events = assign(sabratha[1], events)
    second, _ = assign(tobruk, events, TrackerConfig())
    assert first != second


def test_check_fixture_articles_load():
    assert len(list(read_paths([CHECK / "articles.jsonl"]))) == 20

"""Event resolution on the team's check sets: parties and places that keep incidents apart."""

from __future__ import annotations

from connectors.files import read_paths
from streams.core.events.relation import same_incident
from streams.core.events.signature import parties, signature_of
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
    tobruk = [signature_of(arts[k], [], 1_700_000_000.0) for k in ("c107", "c108")]
    assert not any(same_incident(s, t) for s in sabratha for t in tobruk)


def test_check_fixture_articles_load():
    assert len(list(read_paths([CHECK / "articles.jsonl"]))) == 20

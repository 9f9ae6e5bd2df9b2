"""The two seed articles come out exactly as the project started from them."""

from __future__ import annotations

import pytest

from streams.core.extract import extract_claims
from streams.core.model import Article
from tests.conftest import SEEDS


def _claims(name: str):
    text = (SEEDS / name).read_text(encoding="utf-8")
    return extract_claims(Article(id=name, text=text))


@pytest.fixture(scope="module")
def seed0():
    return _claims("000_68668790cc261656.txt")


@pytest.fixture(scope="module")
def seed4():
    return _claims("004_f4b57ad9e8c84b08.txt")


def _find(claims, metric, lo, hi, who):
    hits = [
        c
        for c in claims
        if (c.metric, c.min, c.max) == (metric, lo, hi) and (c.attributed_to == who)
    ]
    assert len(hits) == 1, [(c.metric, c.min, c.max, c.attributed_to) for c in claims]
    return hits[0]


def test_seed0_headline_62_killed_in_own_voice(seed0):
    c = _find(seed0, "killed", 62, 62, None)
    assert c.victim_class == "security_forces"
    assert "62" in c.quote


def test_seed0_observatory_more_than_60(seed0):
    _find(seed0, "killed", 61, None, "المرصد السوري لحقوق الإنسان")


def test_seed0_russian_army_more_than_60_is_a_separate_claim(seed0):
    _find(seed0, "killed", 61, None, "الجيش الروسي")


def test_seed0_russian_army_100_injured(seed0):
    assert _find(seed0, "injured", 100, 100, "الجيش الروسي").victim_class == "security_forces"


def test_seed0_80_killed_from_the_source_at_the_airport(seed0):
    _find(seed0, "killed", 80, 80, "مصدر في مطار دير الزور")


def test_seed0_has_exactly_five_claims_in_text_order(seed0):
    assert [(c.metric, c.min) for c in seed0] == [
        ("killed", 62),
        ("killed", 61),
        ("killed", 61),
        ("injured", 100),
        ("killed", 80),
    ]


def test_seed4_russian_mod_60(seed4):
    _find(seed4, "killed", 60, 60, "وزارة الدفاع الروسية")


def test_seed4_twelve_bodies_from_our_correspondent(seed4):
    c = next(c for c in seed4 if c.metric == "bodies")
    assert (c.min, c.max) == (12, 12)
    assert c.attributed_to.startswith("مراسلنا")
    assert "12 جثة فقط" in c.quote


def test_seed4_dozens_injured_from_our_correspondent(seed4):
    c = next(c for c in seed4 if c.metric == "injured")
    assert (c.min, c.max, c.approximate) == (20, 99, True)
    assert c.attributed_to.startswith("مراسلنا")


def test_seed4_five_local_militia_from_the_source(seed4):
    c = next(c for c in seed4 if c.min == 5)
    assert (c.metric, c.victim_class) == ("killed", "armed_groups")
    assert "مصدر" in c.attributed_to


def test_seed4_seven_palestinian_militia_from_the_movement_statement(seed4):
    c = next(c for c in seed4 if c.min == 7)
    # "بحسب بيان من الحركة": the statement's author is the speaker
    assert (c.metric, c.victim_class, c.attributed_to) == ("killed", "armed_groups", "الحركة")


def test_seed4_has_exactly_five_claims(seed4):
    assert len(seed4) == 5

from __future__ import annotations

from connectors.files import read_paths
from evaluation.events import Gold, GoldClaims, run_offline, score
from streams.core.pipeline import run_offline as run_pipeline

from .conftest import DEV

SEEDS = ("000_68668790cc261656", "004_f4b57ad9e8c84b08")


def _run_seeds():
    articles = [a for a in read_paths([DEV / "articles.jsonl"]) if a.id in SEEDS]
    result = run_pipeline(articles, extractor=GoldClaims(DEV / "claims.jsonl"))
    return result.alerts, {c.event for c in result.claims}


def test_the_seeds_form_one_event():
    _, events = _run_seeds()
    assert len(events) == 1


def test_the_seeds_raise_the_80_vs_62_family_and_nothing_else():
    alerts, _ = _run_seeds()
    assert alerts
    assert all(a.metric == "killed" and a.victim_class == "security_forces" for a in alerts)
    pairs = {frozenset({a.new.min, c.min}) for a in alerts for c in a.conflicts_with}
    assert frozenset({80, 62}) in pairs
    assert all(80 in p or 62 in p for p in pairs)


def test_no_alert_pairs_12_bodies_with_a_death_toll():
    alerts, _ = _run_seeds()
    for a in alerts:
        assert a.new.metric != "bodies"
        assert all(c.metric != "bodies" for c in a.conflicts_with)


def test_redelivering_every_article_emits_no_new_alert():
    articles = list(read_paths([DEV / "articles.jsonl"]))
    gold = GoldClaims(DEV / "claims.jsonl")
    once = run_pipeline(articles, extractor=gold, received_at=lambda a: 1.7e9)
    twice = run_pipeline(articles + articles, extractor=gold, received_at=lambda a: 1.7e9)
    assert {a.id for a in twice.alerts} == {a.id for a in once.alerts}
    assert len(twice.alerts) == len(once.alerts)
    assert twice.events == once.events


def test_dev_set_with_gold_claims_meets_the_targets():
    lines, _ = run_offline(DEV, use_gold_claims=True)
    result = score(lines, Gold(DEV))
    assert result["alert_precision"] >= 0.9
    assert result["group_recall"] >= 0.9
    assert result["decoys_merged"] == 0
    assert result["grouping"] >= 0.9

from __future__ import annotations

from streams.evaluation.events import Gold, run_offline, score
from streams.events.pipeline import GoldExtractor, LocalPipeline, load_articles

from .conftest import DEV

SEEDS = ("000_68668790cc261656", "004_f4b57ad9e8c84b08")


def _run_seeds():
    pipe = LocalPipeline(GoldExtractor(DEV / "claims.jsonl"))
    alerts, events = [], set()
    for article in load_articles(DEV / "articles.jsonl"):
        if article.id in SEEDS:
            claims, new = pipe.process(article)
            alerts += new
            events |= {c.event for c in claims}
    return alerts, events


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
    pipe = LocalPipeline(GoldExtractor(DEV / "claims.jsonl"))
    articles = load_articles(DEV / "articles.jsonl")
    for art in articles:
        pipe.process(art)
    before = {k: v for k, v in pipe.events.items()}
    assert all(pipe.process(art)[1] == [] for art in articles)
    assert pipe.events == before


def test_dev_set_with_gold_claims_meets_the_targets():
    lines, _ = run_offline(DEV, use_gold_claims=True)
    result = score(lines, Gold(DEV))
    assert result["alert_precision"] >= 0.9
    assert result["group_recall"] >= 0.9
    assert result["decoys_merged"] == 0
    assert result["grouping"] >= 0.9

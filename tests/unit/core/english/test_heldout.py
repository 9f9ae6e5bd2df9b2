"""Regression guard: the team's held-out English sets keep the scores they reached.

First scores (unseen, before any rule was tuned for them) are in
tests/fixtures/heldout_en/README.md; these thresholds only stop a later change from losing them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.claims import score_claims
from streams.core.english import extract_claims_en
from streams.core.model import Article

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "heldout_en"


def _score(articles: str, claims: str):  # type: ignore[no-untyped-def]
    rows = [json.loads(line) for line in (FIXTURES / articles).read_text().splitlines() if line]
    gold = [json.loads(line) for line in (FIXTURES / claims).read_text().splitlines() if line]
    predicted = [
        c.to_json()
        for r in rows
        for c in extract_claims_en(
            Article(id=r["id"], text=r["text"], source=r.get("source"), lang="en")
        )
    ]
    return score_claims(predicted, gold)


@pytest.mark.parametrize(
    ("articles", "claims"),
    [
        ("articles.jsonl", "claims.jsonl"),
        ("articles_b2.jsonl", "claims_b2.jsonl"),
        ("articles_b3.jsonl", "claims_b3.jsonl"),
    ],
)
def test_heldout_scores_hold(articles: str, claims: str) -> None:
    score = _score(articles, claims)
    assert score.f1 >= 0.95, (score.misses, score.false_alarms)
    assert score.attribution_share >= 0.95, score.wrong_attribution

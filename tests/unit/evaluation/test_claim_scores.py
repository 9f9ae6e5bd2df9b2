"""Regression guard: the extractor scored against the team's held-out check sets, with a
margin below the score at the time of writing (heldout 0.996 / 1.000, its batches scored
0.85-0.93 before they were fitted; heldout_attribution 0.939 / 1.000, first scored 0.939 /
0.635 before any rule was changed for it; see their READMEs). The dev set is third-party
text and lives outside the repository: ``make eval`` scores it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.claims import _predict, score_claims

ROOT = Path(__file__).resolve().parents[3]


def _score(gold: str, articles: str):
    with open(ROOT / gold, encoding="utf-8") as fh:
        gold_rows = [json.loads(line) for line in fh if line.strip()]
    return score_claims(_predict(str(ROOT / articles)), gold_rows)


@pytest.mark.parametrize(
    ("gold", "articles", "min_f1", "min_attribution"),
    [
        (
            "tests/fixtures/heldout/claims.jsonl",
            "tests/fixtures/heldout/articles.jsonl",
            0.85,
            0.80,
        ),
        (
            "tests/fixtures/heldout_attribution/claims.jsonl",
            "tests/fixtures/heldout_attribution/articles.jsonl",
            0.90,
            0.95,
        ),
    ],
    ids=["heldout-check", "attribution-check"],
)
def test_claim_scores_stay_above_the_guard(gold, articles, min_f1, min_attribution):
    score = _score(gold, articles)
    assert score.f1 >= min_f1, (score.f1, score.misses, score.false_alarms)
    assert score.attribution_share >= min_attribution, score.wrong_attribution

"""Claim matching: one-to-one on article, metric, min and max; attribution by name."""

from __future__ import annotations

from evaluation.claims import attribution_agrees, score_claims


def _c(article: str, figure: int, by: str | None = None, top: int | None = -1) -> dict:
    return {
        "article": article,
        "metric": "killed",
        "min": figure,
        "max": figure if top == -1 else top,
        "attributed_to": by,
    }


def test_a_claim_matches_once_a_second_copy_is_a_false_alarm():
    score = score_claims([_c("a", 5), _c("a", 5)], [_c("a", 5)])
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 1, 0)


def test_an_open_range_is_another_figure_than_the_exact_one():
    score = score_claims([_c("a", 61, top=None)], [_c("a", 61)])
    assert (score.true_positives, score.false_negatives) == (0, 1)


def test_the_gold_claim_with_the_same_attribution_is_matched_first():
    gold = [_c("a", 5, "مصدر طبي"), _c("a", 5, "وزارة الداخلية")]
    score = score_claims([_c("a", 5, "وزارة الداخلية"), _c("a", 5, "مصدر طبي")], gold)
    assert score.attribution_right == 2


def test_alert_and_merge_lines_are_not_claims():
    score = score_claims([{"type": "alert"}, {"type": "merge"}], [_c("a", 5)])
    assert (score.false_positives, score.false_negatives) == (0, 1)


def test_a_name_contained_in_the_other_is_the_same_attribution():
    assert attribution_agrees("مراسلنا", "مراسلنا في المدينة")


def test_a_named_source_is_not_the_outlets_own_voice():
    assert not attribution_agrees("وزارة الصحة", None)
    assert attribution_agrees(None, None)


def test_no_claims_found_scores_zero_not_an_error():
    score = score_claims([], [_c("a", 5)])
    assert (score.precision, score.recall, score.f1, score.attribution_share) == (0, 0, 0, 0)

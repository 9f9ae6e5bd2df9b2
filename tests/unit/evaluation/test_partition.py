"""BCubed, merge-line resolution and run-to-run differences on tiny hand-made partitions."""

from __future__ import annotations

import pytest

from evaluation.corpus import Corpus
from evaluation.partition import (
    article_events,
    bcubed,
    cross_language_pairs,
    decoys_merged,
    partition_difference,
    resolve_merges,
)
from evaluation.scores import score_replay


def _claim(article: str, event: str | None) -> dict:
    return {"type": "claim", "article": article, "event": event, "metric": "killed", "min": 1}


def test_bcubed_of_the_gold_partition_itself_is_one():
    gold = {"a": "x", "b": "x", "c": "y"}
    score = bcubed(gold, gold)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_bcubed_of_one_incident_split_in_two_loses_recall_only():
    # gold: one incident of 4 articles; system: 2 + 2
    gold = {"a": "x", "b": "x", "c": "x", "d": "x"}
    system = {"a": "1", "b": "1", "c": "2", "d": "2"}
    score = bcubed(system, gold)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 / 3)


def test_bcubed_of_two_incidents_merged_loses_precision_only():
    # gold: 2 + 1; system: all three together
    gold = {"a": "x", "b": "x", "c": "y"}
    system = {"a": "1", "b": "1", "c": "1"}
    score = bcubed(system, gold)
    assert score.recall == 1.0
    # a and b: 2/3 each, c: 1/3
    assert score.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_bcubed_scores_only_items_present_in_both():
    gold = {"a": "x", "b": "x", "z": "y"}
    system = {"a": "1", "b": "1", "extra": "1"}
    score = bcubed(system, gold)
    assert score.items == 2
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_a_merge_line_renames_the_retired_event():
    lines = [
        _claim("a", "e1"),
        _claim("b", "e2"),
        {"type": "merge", "event": "e1", "merged": ["e2"]},
    ]
    assert article_events(lines) == {"a": "e1", "b": "e1"}


def test_merge_chains_resolve_to_the_last_survivor():
    lines = [
        {"type": "merge", "event": "e2", "merged": ["e3"]},
        {"type": "merge", "event": "e1", "merged": ["e2"]},
    ]
    assert resolve_merges(lines) == {"e3": "e1", "e2": "e1"}


def test_a_merge_cycle_still_resolves_every_id_to_one_survivor():
    lines = [
        {"type": "merge", "event": "b", "merged": ["a"]},
        {"type": "merge", "event": "a", "merged": ["b"]},
    ]
    assert resolve_merges(lines) == {"a": "a", "b": "a"}


def test_claims_without_an_event_put_their_article_in_no_event():
    lines = [_claim("a", None), _claim("b", "e1")]
    assert article_events(lines) == {"b": "e1"}


def test_an_article_split_over_events_goes_to_the_one_with_most_of_its_claims():
    lines = [_claim("a", "e2"), _claim("a", "e1"), _claim("a", "e2")]
    assert article_events(lines) == {"a": "e2"}


def test_alert_and_merge_lines_are_not_claims():
    lines = [{"type": "alert", "id": "x", "event": "e9"}, _claim("a", "e1")]
    assert article_events(lines) == {"a": "e1"}


def test_a_decoy_pair_is_merged_when_both_articles_share_an_event():
    decoys = [{"a": "a", "b": "b"}, {"a": "a", "b": "c"}, {"a": "x", "b": "y"}]
    merged = decoys_merged({"a": "1", "b": "1", "c": "2"}, decoys)
    assert merged == [{"a": "a", "b": "b"}]


def test_cross_language_pairs_count_every_gold_pair_and_those_sharing_an_event():
    incident_of = {"en1": "x", "ar1": "x", "ar2": "x", "en2": "y", "ar3": "y"}
    lang_of = {"en1": "en", "en2": "en"}
    assigned = {"en1": "1", "ar1": "1", "ar2": "2", "ar3": "3"}  # en2 got no event
    assert cross_language_pairs(assigned, incident_of, lang_of) == (1, 3)


def test_renaming_events_is_no_difference_between_runs():
    first = {"a": "e1", "b": "e1", "c": "e2"}
    second = {"a": "z9", "b": "z9", "c": "z8"}
    assert partition_difference(first, second) == []


def test_an_article_moving_to_another_event_changes_it_and_its_old_and_new_co_members():
    first = {"a": "e1", "b": "e1", "c": "e2"}
    second = {"a": "e1", "b": "e2", "c": "e2"}
    assert partition_difference(first, second) == ["a", "b", "c"]


def test_an_article_missing_from_one_run_is_a_difference():
    assert partition_difference({"a": "e1"}, {}) == ["a"]


def test_a_gold_article_without_an_event_counts_as_an_event_of_its_own():
    corpus = Corpus(
        name="t",
        articles=({"id": "a"}, {"id": "b"}, {"id": "c"}),
        claims=tuple({"article": x, "metric": "killed", "min": 1} for x in "abc"),
        events=({"event": "x", "articles": ["a", "b", "c"]},),
    )
    figures = score_replay([_claim("a", "e1"), _claim("b", "e1")], corpus)
    assert figures.without_event == ("c",)
    assert figures.bcubed.items == 3
    assert figures.bcubed.precision == 1.0
    assert figures.bcubed.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_a_gold_article_without_any_gold_claim_is_not_scored():
    corpus = Corpus(
        name="t",
        articles=({"id": "a"}, {"id": "b"}),
        claims=({"article": "a", "metric": "killed", "min": 1},),
        events=({"event": "x", "articles": ["a", "b"]},),
    )
    assert score_replay([_claim("a", "e1")], corpus).bcubed.items == 1

"""Replays of one input compared with the first: partition (ids ignored) and alert ids."""

from __future__ import annotations

from evaluation.scores import determinism


def _claim(article: str, event: str) -> dict:
    return {"type": "claim", "article": article, "event": event, "metric": "killed", "min": 1}


def _alert(alert_id: str) -> dict:
    return {"type": "alert", "id": alert_id}


def test_replays_that_differ_only_in_event_ids_are_identical():
    first = [_claim("a", "e1"), _claim("b", "e1"), _alert("x")]
    second = [_claim("a", "k7"), _claim("b", "k7"), _alert("x")]
    assert determinism([first, second]).identical


def test_a_retired_id_resolved_through_a_merge_line_is_no_difference():
    first = [_claim("a", "e1"), _claim("b", "e1")]
    second = [
        _claim("a", "e1"),
        _claim("b", "e2"),
        {"type": "merge", "event": "e1", "merged": ["e2"]},
    ]
    assert determinism([first, second]).identical


def test_each_later_run_is_compared_with_the_first():
    first = [_claim("a", "e1"), _claim("b", "e1"), _claim("c", "e2")]
    same = [_claim("a", "e1"), _claim("b", "e1"), _claim("c", "e2")]
    split = [_claim("a", "e1"), _claim("b", "e3"), _claim("c", "e2")]
    result = determinism([first, same, split])
    assert result.partition_differences == (0, 2)
    assert result.articles == ("a", "b")


def test_alert_ids_not_produced_by_every_run_are_listed():
    result = determinism([[_alert("x"), _alert("y")], [_alert("x")], [_alert("x"), _alert("z")]])
    assert result.alert_ids == ("y", "z")
    assert result.summary()["alert_ids_diff"] == 2

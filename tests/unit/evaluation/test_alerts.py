"""Judging alerts against a hand-made gold: one incident expecting an alert, one not."""

from __future__ import annotations

from evaluation.alerts import GoldAlerts, judge_alert, score_alerts
from evaluation.corpus import Corpus


def _claim(article: str, figure: int, by: str | None, metric: str = "killed") -> dict:
    return {
        "article": article,
        "metric": metric,
        "min": figure,
        "max": figure,
        "approximate": False,
        "victim": "شخصا",
        "victim_class": "unknown",
        "attributed_to": by,
        "scope": "event",
        "quote": f"قتل {figure} شخصا",
    }


MINISTRY, DEFENCE = "وزارة الصحة", "الدفاع المدني"

GOLD = Corpus(
    name="hand-made",
    articles=(
        {"id": "q1", "source": "outlet-a", "text": "..."},
        {"id": "q2", "source": "outlet-b", "text": "..."},
        {"id": "q3", "source": "outlet-c", "text": "..."},
        {"id": "q4", "source": "outlet-d", "text": "..."},
        {"id": "r1", "source": "outlet-a", "text": "..."},
        {"id": "r2", "source": "outlet-b", "text": "..."},
    ),
    claims=(
        _claim("q1", 10, MINISTRY),
        _claim("q2", 30, DEFENCE),
        _claim("q3", 14, MINISTRY),
        _claim("q4", 50, None),
        _claim("r1", 5, MINISTRY),
        _claim("r2", 9, DEFENCE),
    ),
    events=(
        {
            "event": "quake",
            "articles": ["q1", "q2", "q3", "q4"],
            "expect_alert": True,
            "contradictions": [{"a": ["q4", "killed", 50], "b": ["q1", "killed", 10]}],
        },
        {"event": "raid", "articles": ["r1", "r2"], "expect_alert": False, "contradictions": []},
        {"event": "calm", "articles": [], "expect_alert": True, "contradictions": []},
    ),
)


def _alert(alert_id: str, new: dict, *conflicting: dict) -> dict:
    return {
        "type": "alert",
        "id": alert_id,
        "event": "e1",
        "new": new,
        "conflicts_with": list(conflicting),
        "summary": alert_id,
    }


def _judge(alert: dict):
    return judge_alert(alert, GoldAlerts.from_corpus(GOLD))


def test_a_pair_listed_in_the_gold_is_correct_and_strict_in_either_order():
    verdict = _judge(_alert("a", _claim("q1", 10, MINISTRY), _claim("q4", 50, None)))
    assert verdict.correct and verdict.strict


def test_an_unlisted_pair_of_different_sources_that_cannot_both_be_true_is_correct():
    verdict = _judge(_alert("a", _claim("q2", 30, DEFENCE), _claim("q1", 10, MINISTRY)))
    assert verdict.correct and not verdict.strict


def test_one_source_raising_its_own_toll_is_a_wrong_alert_in_the_right_incident():
    verdict = _judge(_alert("a", _claim("q3", 14, MINISTRY), _claim("q1", 10, MINISTRY)))
    assert not verdict.correct
    assert verdict.right_incident


def test_an_alert_is_wrong_when_any_of_its_pairs_is_not_a_contradiction():
    alert = _alert(
        "a", _claim("q3", 14, MINISTRY), _claim("q2", 30, DEFENCE), _claim("q1", 10, MINISTRY)
    )
    assert not _judge(alert).correct


def test_claims_of_two_incidents_make_a_wrong_alert():
    verdict = _judge(_alert("a", _claim("q2", 30, DEFENCE), _claim("r1", 5, MINISTRY)))
    assert not verdict.correct and not verdict.right_incident
    assert verdict.incident is None


def test_an_alert_in_an_incident_that_expects_none_is_wrong():
    verdict = _judge(_alert("a", _claim("r2", 9, DEFENCE), _claim("r1", 5, MINISTRY)))
    assert not verdict.correct and verdict.incident == "raid"


def test_a_figure_the_gold_does_not_have_is_no_contradiction():
    verdict = _judge(_alert("a", _claim("q2", 31, DEFENCE), _claim("q1", 10, MINISTRY)))
    assert not verdict.correct


def test_precision_counts_each_alert_id_once_and_recall_counts_incidents():
    good = _alert("good", _claim("q1", 10, MINISTRY), _claim("q4", 50, None))
    bad = _alert("bad", _claim("r2", 9, DEFENCE), _claim("r1", 5, MINISTRY))
    score = score_alerts([good, good, bad, {"type": "claim", "article": "q1"}], GOLD)
    assert score.alerts == 2
    assert score.precision == 0.5
    assert score.repeated_ids == ("good",)
    assert score.incident_recall == 0.5  # quake alerted, calm not
    assert score.missed_incidents == ["calm"]


def test_no_alert_at_all_is_full_precision_and_no_recall():
    score = score_alerts([], GOLD)
    assert score.precision == 1.0 and score.incident_recall == 0.0

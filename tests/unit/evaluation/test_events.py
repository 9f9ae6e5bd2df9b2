"""The event scorer: alert precision, group recall, decoys, grouping, on a small gold set.

The gold set is written here, by the team: two reports of one air strike that disagree
(a listed contradiction) and a report of another incident in the same city (a decoy).
"""

from __future__ import annotations

import json

import pytest

from evaluation.events import Gold, main, score

ARTICLES = [
    {"id": "g1", "source": "a.example", "published": "2025-03-02",
     "text": "قالت وزارة الصحة إن 30 شخصا قتلوا في غارة جوية على سوق مدينة إدلب اليوم الأحد"},
    {"id": "g2", "source": "b.example", "published": "2025-03-02",
     "text": "أعلن الدفاع المدني مقتل 55 شخصا في الغارة الجوية على سوق مدينة إدلب اليوم"},
    {"id": "g3", "source": "c.example", "published": "2025-03-20",
     "text": "غرق 4 أطفال في نهر العاصي قرب مدينة إدلب بعد ظهر اليوم الخميس"},
]  # fmt: skip
CLAIMS = [
    {"article": "g1", "metric": "killed", "min": 30, "max": 30, "attributed_to": "وزارة الصحة"},
    {"article": "g2", "metric": "killed", "min": 55, "max": 55, "attributed_to": "الدفاع المدني"},
    {"article": "g3", "metric": "killed", "min": 4, "max": 4, "attributed_to": None},
]
EVENTS = [
    {"event": "E1", "articles": ["g1", "g2"], "expect_alert": True,
     "contradictions": [{"a": ["g1", "killed", 30], "b": ["g2", "killed", 55]}]},
    {"event": "E2", "articles": ["g3"], "expect_alert": False},
]  # fmt: skip
DECOYS = [{"a": "g1", "b": "g3"}]


@pytest.fixture
def gold_dir(tmp_path):
    for name, rows in (
        ("articles", ARTICLES), ("claims", CLAIMS), ("events", EVENTS), ("decoys", DECOYS)
    ):  # fmt: skip
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        (tmp_path / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    return tmp_path


def _claim(article: str, event: str, lo: int) -> dict:
    return {"type": "claim", "article": article, "event": event, "metric": "killed",
            "min": lo, "max": lo}  # fmt: skip


def test_an_alert_across_two_gold_incidents_is_wrong_and_a_merged_decoy_is_counted(gold_dir):
    new, old = _claim("g3", "X", 4), _claim("g1", "X", 30)
    lines = [new, old, {"type": "alert", "event": "X", "new": new, "conflicts_with": [old]}]
    result = score(lines, Gold(gold_dir))
    assert result["alert_precision"] == 0.0
    assert result["decoys_merged"] == 1


def test_a_listed_contradiction_is_a_correct_alert(gold_dir):
    new, old = _claim("g2", "S", 55), _claim("g1", "S", 30)
    lines = [new, old, {"type": "alert", "event": "S", "new": new, "conflicts_with": [old]}]
    result = score(lines, Gold(gold_dir))
    assert result["alert_precision"] == 1.0 and result["alert_precision_strict"] == 1.0
    assert result["group_recall"] == 1.0 and result["grouping"] == 1.0


def test_the_cli_offline_with_gold_claims_prints_the_figures(gold_dir, capsys):
    assert main(["--gold-dir", str(gold_dir), "--offline", "--gold-claims"]) == 0
    out = capsys.readouterr().out
    assert "alert precision:        1.000" in out and "decoy pairs merged:     0 of 1" in out

"""The claim scorer: matching, precision and recall, attribution."""

from __future__ import annotations

from evaluation.claims import attribution_agrees, main, score_claims


def _c(metric="killed", lo=5, hi=5, who=None, article="a"):
    return {
        "type": "claim",
        "article": article,
        "metric": metric,
        "min": lo,
        "max": hi,
        "attributed_to": who,
        "quote": "q",
    }


def test_match_needs_same_article_metric_min_and_max():
    s = score_claims([_c(), _c(hi=None), _c(article="b")], [_c()])
    assert (s.true_positives, s.false_positives, s.false_negatives) == (1, 2, 0)


def test_matching_is_one_to_one():
    s = score_claims([_c(), _c()], [_c()])
    assert (s.true_positives, s.false_positives) == (1, 1)


def test_precision_recall_f1():
    s = score_claims([_c(), _c(lo=6, hi=6)], [_c(), _c(lo=7, hi=7)])
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)


def test_attribution_both_null_is_right():
    assert attribution_agrees(None, None)
    assert not attribution_agrees(None, "مصدر")


def test_attribution_containment_is_right():
    assert attribution_agrees("مصدر في مطار دير الزور", "مصدر")
    assert attribution_agrees("مراسلنا", "مراسلنا في الأحياء المحاصرة")


def test_attribution_aliases_are_right():
    assert attribution_agrees("المرصد", "المرصد السوري لحقوق الإنسان")


def test_attribution_share_counts_matched_claims():
    s = score_claims(
        [_c(who="الشرطة"), _c(lo=6, hi=6, who="الجيش")],
        [_c(who="الشرطة"), _c(lo=6, hi=6, who="وزارة الصحة")],
    )
    assert s.attribution_share == 0.5
    assert len(s.wrong_attribution) == 1


def test_misses_and_false_positives_are_listed():
    s = score_claims([_c(lo=9, hi=9)], [_c()])
    assert s.misses[0]["min"] == 5 and s.false_alarms[0]["min"] == 9


def test_main_reports_and_exits_zero(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    import json

    gold.write_text(json.dumps(_c(), ensure_ascii=False) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(_c(lo=3, hi=3), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--gold", str(gold), "--predicted", str(pred)]) == 0
    assert "f1=0.000" in capsys.readouterr().out

from __future__ import annotations

from evaluation.events import Gold, main, score

from .conftest import DEV


def _claim(
    article: str, event: str, metric: str = "killed", lo: int = 1, hi: int | None = 1
) -> dict:
    return {
        "type": "claim",
        "article": article,
        "event": event,
        "metric": metric,
        "min": lo,
        "max": hi,
    }


def test_alert_across_two_gold_incidents_is_wrong_and_a_merged_decoy_is_counted():
    lines = [
        _claim("a095", "E1", lo=17, hi=17),
        _claim("a096", "E1", lo=17, hi=17),
        {
            "type": "alert",
            "event": "E1",
            "new": _claim("a095", "E1", lo=17, hi=17),
            "conflicts_with": [_claim("a004", "E1", lo=67, hi=67)],
        },
    ]
    result = score(lines, Gold(DEV))
    assert result["alert_precision"] == 0.0
    assert result["decoys_merged"] == 1


def test_a_listed_contradiction_is_a_correct_alert():
    new, old = (
        _claim("000_68668790cc261656", "S", lo=80, hi=80),
        _claim("000_68668790cc261656", "S", lo=62, hi=62),
    )
    lines = [new, old, {"type": "alert", "event": "S", "new": new, "conflicts_with": [old]}]
    result = score(lines, Gold(DEV))
    assert result["alert_precision"] == 1.0 and result["alert_precision_strict"] == 1.0
    assert result["group_recall"] == 1 / 5


def test_cli_offline_with_gold_claims_prints_the_figures(capsys):
    assert main(["--gold-dir", str(DEV), "--offline", "--gold-claims"]) == 0
    out = capsys.readouterr().out
    assert "alert precision" in out and "decoy pairs merged:     0 of 2" in out

"""What ``make eval`` prints: a readable table, then one line ``eval: {json}``.

Pure formatting over the figures of :mod:`evaluation.scores` and :mod:`evaluation.claims`.
A variant's headline figures are those of its first streaming replay; when the replays
disagree, the table adds the spread ``[min-max]`` and the JSON carries every run.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from evaluation.claims import ClaimScore
from evaluation.scores import Determinism, EventFigures

__all__ = ["VariantResult", "Evaluation", "format_report", "result_json"]

Row = dict[str, Any]


@dataclass(frozen=True)
class VariantResult:
    """The replays of one input (Arabic as given, Arabic dated, mixed) and their scores."""

    name: str
    title: str
    streaming: tuple[EventFigures, ...]
    determinism: Determinism
    returncodes: tuple[int, ...] = ()
    seconds: tuple[float, ...] = ()
    offline: tuple[EventFigures, ...] = ()
    offline_determinism: Determinism | None = None
    offline_vs_streaming: Determinism | None = None

    @property
    def headline(self) -> EventFigures:
        return self.streaming[0]


@dataclass(frozen=True)
class Evaluation:
    ar_dir: str
    en_dir: str
    ar_claims: ClaimScore
    en_claims: ClaimScore
    variants: tuple[VariantResult, ...]
    runs: int
    workers: tuple[int, ...]
    offline: str  # "off", "on" or "unsupported"
    seconds: float
    notes: tuple[str, ...] = field(default_factory=tuple)


def _claims_json(score: ClaimScore) -> dict[str, Any]:
    return {
        "precision": round(score.precision, 3),
        "recall": round(score.recall, 3),
        "f1": round(score.f1, 3),
        "attribution": round(score.attribution_share, 3),
        "tp": score.true_positives,
        "fp": score.false_positives,
        "fn": score.false_negatives,
    }


def _variant_json(v: VariantResult) -> dict[str, Any]:
    out = v.headline.summary()
    out["determinism"] = v.determinism.summary()
    out["returncodes"] = list(v.returncodes)
    if len(v.streaming) > 1:
        out["runs"] = [f.summary() for f in v.streaming]
    if v.offline:
        out["offline"] = v.offline[0].summary()
        if v.offline_determinism is not None:
            out["offline"]["determinism"] = v.offline_determinism.summary()
    if v.offline_vs_streaming is not None:
        out["offline_vs_streaming"] = v.offline_vs_streaming.summary()
    return out


def result_json(result: Evaluation) -> dict[str, Any]:
    """The machine-readable result (the ``eval:`` line)."""
    return {
        "ar_claims": _claims_json(result.ar_claims),
        "en_claims": _claims_json(result.en_claims),
        **{v.name: _variant_json(v) for v in result.variants},
        "replays_per_variant": result.runs,
        "workers": list(result.workers),
        "offline": result.offline,
        "seconds": round(result.seconds, 1),
    }


def _spread(values: Sequence[float]) -> str:
    lo, hi = min(values), max(values)
    return "" if lo == hi else f" [{lo:.3f}-{hi:.3f}]"


def _claims_rows(label: str, score: ClaimScore) -> str:
    return (
        f"  {label:<26}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
        f"{score.attribution_share:>13.3f}   {score.true_positives}/{score.false_positives}"
        f"/{score.false_negatives}"
    )


def _determinism_text(d: Determinism | None) -> str:
    if d is None or d.runs < 2:
        return "-"
    parts = "/".join(str(n) for n in d.partition_differences)
    return f"{parts} articles, {len(d.alert_ids)} alert ids" + (
        " (identical)" if d.identical else ""
    )


def _variant_block(v: VariantResult) -> list[str]:
    h = v.headline
    runs = v.streaming
    f1s = [f.bcubed.f1 for f in runs]
    precisions = [f.alerts.precision for f in runs]
    recalls = [f.alerts.incident_recall for f in runs]
    lines = [
        f"  {v.title}",
        f"    BCubed P / R / F1        {h.bcubed.precision:.3f} / {h.bcubed.recall:.3f} / "
        f"{h.bcubed.f1:.3f}{_spread(f1s)}   ({h.bcubed.items} articles, "
        f"{len(h.without_event)} without an event)",
        f"    look-alike pairs merged  {len(h.decoys_merged)} of {h.decoys}",
        f"    alerts                   {h.alerts.alerts}",
        f"    alert precision          {h.alerts.precision:.3f}{_spread(precisions)}"
        f"   (incident level {h.alerts.incident_precision:.3f},"
        f" listed pairs only {h.alerts.strict_precision:.3f})",
        f"    incident recall          {h.alerts.incident_recall:.3f}{_spread(recalls)}"
        f"   ({len(h.alerts.alerted)} of {len(h.alerts.expecting)})",
    ]
    if h.cross_pairs[1]:
        lines.append(
            f"    cross-language pairs     {h.cross_pairs[0]} of {h.cross_pairs[1]} share an event"
        )
    lines.append(
        f"    replays differ           {_determinism_text(v.determinism)}"
        f"   (vs run 1, {v.determinism.runs} runs)"
    )
    if v.offline:
        o = v.offline[0]
        lines.append(
            f"    offline                  BCubed F1 {o.bcubed.f1:.3f}, alert precision "
            f"{o.alerts.precision:.3f}, recall {o.alerts.incident_recall:.3f}; runs differ "
            f"{_determinism_text(v.offline_determinism)}"
        )
        lines.append(f"    offline vs streaming     {_determinism_text(v.offline_vs_streaming)}")
    bad = [rc for rc in v.returncodes if rc not in (0,)]
    if bad:
        lines.append(
            f"    raqib replay exit codes  {list(v.returncodes)} (3: articles unprocessed)"
        )
    return lines


def _verbose_claims(label: str, score: ClaimScore) -> list[str]:
    def fmt(c: Row) -> str:
        quote = str(c.get("quote") or "")[:100]
        return (
            f"      [{c['article']}] {c['metric']} {c['min']}..{c.get('max')} "
            f"by {c.get('attributed_to')!s} | {quote}"
        )

    lines = [f"  {label}"]
    if score.misses:
        lines += ["    misses (gold not found):", *(fmt(g) for g in score.misses)]
    if score.false_alarms:
        lines += ["    false alarms:", *(fmt(p) for p in score.false_alarms)]
    if score.wrong_attribution:
        lines.append("    wrong attribution (predicted -> gold):")
        lines += [
            f"      [{p['article']}] {p['metric']} {p['min']}: {p.get('attributed_to')!s}"
            f" -> {g.get('attributed_to')!s}"
            for p, g in score.wrong_attribution
        ]
    return lines


def _verbose_variant(v: VariantResult) -> list[str]:
    h = v.headline
    lines = [f"  {v.title} (run 1)"]
    for verdict in h.alerts.verdicts:
        if not verdict.correct:
            lines.append(f"    BAD alert {verdict.id} ({verdict.why}): {verdict.summary[:160]}")
    for pair in h.decoys_merged:
        lines.append(f"    look-alikes merged: {pair['a']} + {pair['b']}")
    if h.alerts.missed_incidents:
        lines.append(f"    incidents not alerted: {', '.join(h.alerts.missed_incidents)}")
    if h.without_event:
        lines.append(f"    gold articles with no event: {', '.join(h.without_event)}")
    if v.determinism.articles:
        lines.append(
            f"    articles whose event differs between runs: {', '.join(v.determinism.articles)}"
        )
    if v.determinism.alert_ids:
        lines.append(f"    alert ids not in every run: {', '.join(v.determinism.alert_ids)}")
    return lines


def format_report(result: Evaluation, verbose: bool = False) -> str:
    """The table ``make eval`` prints (see the README, "Evaluation")."""
    workers = " and ".join(str(w) for w in result.workers)
    lines = [
        f"raqib evaluation: ar {result.ar_dir}, en {result.en_dir}; {result.runs} replay(s) "
        f"per variant with {workers} worker(s); offline {result.offline}",
        "",
        f"Claims (raqib extract){'':<6}P      R     F1   attribution   tp/fp/fn",
        _claims_rows("Arabic", result.ar_claims),
        _claims_rows("English", result.en_claims),
        "",
        "Events and alerts (raqib replay --jsonl)",
    ]
    for v in result.variants:
        lines += _variant_block(v)
    lines += [f"note: {n}" for n in result.notes]
    if verbose:
        lines += ["", "Details"]
        lines += _verbose_claims("Arabic claims", result.ar_claims)
        lines += _verbose_claims("English claims", result.en_claims)
        for v in result.variants:
            lines += _verbose_variant(v)
    minutes, seconds = divmod(int(round(result.seconds)), 60)
    lines += ["", f"total time {minutes}m{seconds:02d}s"]
    return "\n".join(lines)


def eval_line(result: Evaluation) -> str:
    return "eval: " + json.dumps(result_json(result), ensure_ascii=False, sort_keys=False)

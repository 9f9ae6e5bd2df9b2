"""Score extracted casualty claims against gold claims.

A predicted claim matches a gold claim of the same article when metric, min and max are equal;
matching is one-to-one (each gold claim is used once; among candidates the one with the same
attribution is preferred, then the earliest). Attribution of a matched pair is *right* when both
are null, or both are named and, after Arabic normalization and alias resolution (the source
lexicon), the two names are equal or one contains the other ("مصدر" vs "مصدر في مطار دير الزور",
"مراسلنا" vs "مراسلنا في الأحياء المحاصرة").

``python -m evaluation.claims --gold G.jsonl [--predicted P.jsonl | --articles A.jsonl]``
prints the report; without ``--predicted`` it runs ``extract_claims`` in-process. The exit code is
always 0: this is a measurement, not a gate.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evaluation.aliases import canonical_source
from streams.core.english.sources import attribution_agrees as english_attribution_agrees
from streams.core.text import normalize_word

__all__ = ["ClaimScore", "score_claims", "attribution_agrees", "main"]


@dataclass(frozen=True)
class ClaimScore:
    true_positives: int
    false_positives: int
    false_negatives: int
    attribution_right: int
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    wrong_attribution: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution_share(self) -> float:
        return self.attribution_right / self.true_positives if self.true_positives else 0.0


def _norm_source(name: str) -> str:
    return " ".join(normalize_word(canonical_source(name)).split())


_ARABIC_RE = re.compile("[\u0600-\u06ff]")


def attribution_agrees(a: str | None, b: str | None) -> bool:
    """Both null, or equal / one containing the other after normalization and aliasing.
    Two names without Arabic letters are compared as English names (case, articles and
    possessives ignored: :func:`streams.core.english.sources.attribution_agrees`)."""
    if not a or not b:
        return not a and not b
    if not _ARABIC_RE.search(a) and not _ARABIC_RE.search(b):
        return english_attribution_agrees(a, b)
    na, nb = _norm_source(a), _norm_source(b)
    return na == nb or na in nb or nb in na


def _key(c: dict[str, Any]) -> tuple[str, str, int, int | None]:
    mx = c.get("max")
    return (str(c["article"]), str(c["metric"]), int(c["min"]), None if mx is None else int(mx))


def score_claims(predicted: Iterable[dict[str, Any]], gold: Iterable[dict[str, Any]]) -> ClaimScore:
    """Precision/recall of ``predicted`` against ``gold`` (see the module docstring)."""
    pending: dict[tuple, list[dict[str, Any]]] = {}
    gold_list = list(gold)
    for g in gold_list:
        pending.setdefault(_key(g), []).append(g)
    tp = right = 0
    false_alarms: list[dict[str, Any]] = []
    wrong: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for p in predicted:
        if p.get("type", "claim") != "claim":
            continue
        cands = pending.get(_key(p))
        if not cands:
            false_alarms.append(p)
            continue
        pick = next(
            (
                g
                for g in cands
                if attribution_agrees(p.get("attributed_to"), g.get("attributed_to"))
            ),
            cands[0],
        )
        cands.remove(pick)
        tp += 1
        if attribution_agrees(p.get("attributed_to"), pick.get("attributed_to")):
            right += 1
        else:
            wrong.append((p, pick))
    misses = [g for cands in pending.values() for g in cands]
    misses.sort(key=lambda g: gold_list.index(g))
    return ClaimScore(tp, len(false_alarms), len(misses), right, misses, false_alarms, wrong)


def _read_jsonl(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _predict(articles_path: str) -> list[dict[str, Any]]:
    from streams.core.extract import extract_claims
    from streams.core.model import Article

    out: list[dict[str, Any]] = []
    for row in _read_jsonl(articles_path):
        art = Article(
            id=str(row["id"]),
            text=row.get("text") or "",
            source=row.get("source"),
            url=row.get("url"),
            published=row.get("published"),
            title=row.get("title"),
        )
        out.extend(c.to_json() for c in extract_claims(art))
    return out


def _fmt(c: dict[str, Any]) -> str:
    return (
        f"[{c['article']}] {c['metric']} {c['min']}..{c.get('max')} "
        f"by {c.get('attributed_to')!s} | {c.get('quote', '')[:110]}"
    )


def format_report(score: ClaimScore) -> str:
    lines = [
        f"claims: tp={score.true_positives} fp={score.false_positives} fn={score.false_negatives}",
        f"precision={score.precision:.3f} recall={score.recall:.3f} f1={score.f1:.3f}",
        f"attribution right: {score.attribution_right}/{score.true_positives}"
        f" = {score.attribution_share:.3f}",
    ]
    if score.misses:
        lines.append("misses (gold not found):")
        lines += ["  " + _fmt(g) for g in score.misses]
    if score.false_alarms:
        lines.append("false positives:")
        lines += ["  " + _fmt(p) for p in score.false_alarms]
    if score.wrong_attribution:
        lines.append("wrong attribution (predicted -> gold):")
        lines += [
            f"  [{p['article']}] {p['metric']} {p['min']}: {p.get('attributed_to')!s} -> {g.get('attributed_to')!s}"
            for p, g in score.wrong_attribution
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.claims", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gold", required=True, help="gold claims JSONL")
    parser.add_argument("--predicted", help="predicted claims JSONL (output of `raqib extract`)")
    parser.add_argument(
        "--articles",
        default="../shared/eval-dev/articles.jsonl",
        help="articles JSONL when --predicted is omitted",
    )
    args = parser.parse_args(argv)
    gold = _read_jsonl(args.gold)
    predicted = _read_jsonl(args.predicted) if args.predicted else _predict(args.articles)
    print(format_report(score_claims(predicted, gold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

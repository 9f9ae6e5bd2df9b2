"""Scoring extracted casualty claims against gold claims.

A predicted claim matches a gold claim of the same article when metric, min and max are
equal; matching is one-to-one, in the order of the predictions (each gold claim is used once;
among candidates the one with the same attribution is preferred, then the earliest in the
gold file). Attribution of a matched pair is *right* when both are null, or both are named
and, after Arabic normalization and alias resolution (raqib's source lexicon), the two names
are equal or one contains the other ("مصدر" vs "مصدر في المطار"). The same definitions as
``streams/evaluation/claims.py``, which this replaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from streams.nlp.extract import canonical_source
from streams.nlp.normalize import normalize_word

__all__ = ["ClaimScore", "score_claims", "attribution_agrees"]

Row = dict[str, Any]


@dataclass(frozen=True)
class ClaimScore:
    true_positives: int
    false_positives: int
    false_negatives: int
    attribution_right: int
    misses: tuple[Row, ...] = ()
    false_alarms: tuple[Row, ...] = ()
    wrong_attribution: tuple[tuple[Row, Row], ...] = field(default_factory=tuple)

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
        """Right attributions over matched claims (0 when nothing matched)."""
        return self.attribution_right / self.true_positives if self.true_positives else 0.0


def _norm_source(name: str) -> str:
    return " ".join(normalize_word(canonical_source(name)).split())


def attribution_agrees(a: str | None, b: str | None) -> bool:
    """Both null, or equal / one containing the other after normalization and aliasing."""
    if not a or not b:
        return not a and not b
    na, nb = _norm_source(a), _norm_source(b)
    return na == nb or na in nb or nb in na


def _key(c: Row) -> tuple[str, str, int, int | None]:
    mx = c.get("max")
    return (str(c["article"]), str(c["metric"]), int(c["min"]), None if mx is None else int(mx))


def score_claims(predicted: Iterable[Row], gold: Iterable[Row]) -> ClaimScore:
    """Precision / recall / attribution of ``predicted`` claim lines against ``gold`` claims.

    Lines whose ``type`` is not ``claim`` (alerts, merges) are ignored; a line without
    ``type`` is a claim.
    """
    gold_list = list(gold)
    pending: dict[tuple[str, str, int, int | None], list[int]] = {}
    for index, g in enumerate(gold_list):
        pending.setdefault(_key(g), []).append(index)
    tp = right = 0
    false_alarms: list[Row] = []
    wrong: list[tuple[Row, Row]] = []
    for p in predicted:
        if p.get("type", "claim") != "claim":
            continue
        candidates = pending.get(_key(p))
        if not candidates:
            false_alarms.append(p)
            continue
        pick = next(
            (
                i
                for i in candidates
                if attribution_agrees(p.get("attributed_to"), gold_list[i].get("attributed_to"))
            ),
            candidates[0],
        )
        candidates.remove(pick)
        tp += 1
        if attribution_agrees(p.get("attributed_to"), gold_list[pick].get("attributed_to")):
            right += 1
        else:
            wrong.append((p, gold_list[pick]))
    misses = sorted(i for candidates in pending.values() for i in candidates)
    return ClaimScore(
        tp,
        len(false_alarms),
        len(misses),
        right,
        tuple(gold_list[i] for i in misses),
        tuple(false_alarms),
        tuple(wrong),
    )

"""Robustness sweep over a gold directory: truncation, shuffled order, no ``published``.

The gold files are never edited: each variant is written to a temporary copy.
Usage: ``python -m evaluation.robustness --gold-dir ../shared/eval-dev``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any


def _variant(
    rows: list[dict[str, Any]], cut: int | None, seed: int | None, drop_published: bool
) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        r = dict(r)
        if cut is not None:
            r["text"] = (r.get("text") or "")[:cut]
        if drop_published:
            r["published"] = None
        out.append(r)
    if seed is not None:
        random.Random(seed).shuffle(out)
    return out


def run_variant(
    gold_dir: Path, cut: int | None = None, seed: int | None = None, drop_published: bool = False
) -> dict[str, Any]:
    from evaluation.events import Gold, run_offline, score

    rows = [
        json.loads(x)
        for x in (gold_dir / "articles.jsonl").read_text("utf-8").splitlines()
        if x.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for name in ("claims.jsonl", "events.jsonl", "decoys.jsonl"):
            if (gold_dir / name).exists():
                shutil.copy(gold_dir / name, t / name)
        if not (t / "claims.jsonl").exists():
            (t / "claims.jsonl").write_text("", "utf-8")
        with open(t / "articles.jsonl", "w", encoding="utf-8") as fh:
            for r in _variant(rows, cut, seed, drop_published):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        lines, _ = run_offline(t)
        return score(lines, Gold(t))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--gold-dir", type=Path, default=Path("../shared/eval-dev"))
    a = p.parse_args()
    keys = ("grouping", "decoys_merged", "alert_precision", "group_recall")
    variants: list[tuple[str, dict[str, Any]]] = [("full", {})]
    variants += [(f"cut{c}", {"cut": c}) for c in (300, 600, 900)]
    variants += [(f"shuffle{s}", {"seed": s}) for s in (1, 2, 3)]
    variants += [
        ("nopub", {"drop_published": True}),
        ("cut300+nopub+shuf", {"cut": 300, "seed": 7, "drop_published": True}),
    ]
    for name, kw in variants:
        r = run_variant(a.gold_dir, **kw)
        print(f"{name:20s} " + "  ".join(f"{k}={r.get(k)!s:.5}" for k in keys))


if __name__ == "__main__":
    main()

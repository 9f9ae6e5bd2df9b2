"""Score event grouping and contradiction alerts against a gold directory (../shared/eval-dev).

Input: the JSON lines of ``raqib replay --jsonl`` (``{"type": "claim", "article", "event",
...}`` and ``{"type": "alert", "new": {...}, "conflicts_with": [...]}``), or, with
``--offline``, the output of the offline runner (:func:`streams.core.pipeline.run_offline`,
the batch steps the stream runs) in-process.

Definitions (printed figures):

* **alert precision** — an alert is correct when the articles of its new claim and of
  every conflicting claim belong to one gold incident with ``expect_alert: true``, and
  every (new, conflicting) pair is a genuine conflict by the gold: either the pair is
  listed in the incident's ``contradictions`` (matched on (article, metric, min), either
  order), or both claims match gold claims of the incident (article, metric, min, max)
  and those gold claims contradict under the rules of docs/ARCHITECTURE.md ("When is it a contradiction")
  (:func:`streams.core.conflicts.contradicts`, same tolerance) with the incident's gold
  claims as context. ``strict`` precision counts only listed pairs.
* **group recall** — share of gold incidents with ``expect_alert: true`` that raised at
  least one correct alert. ``listed-pair recall``: share of listed contradictions that
  some alert pairs (new with one of its conflicts, either order).
* **decoys merged** — decoy pairs (decoys.jsonl) whose articles share an event id.
* **grouping** — share of gold incidents all of whose articles-with-claims landed in one
  event; pairwise precision/recall/F1 over pairs of articles-with-claims.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from streams.core.model import Article, Claim

DEFAULT_TOLERANCE = 0.1


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Gold:
    def __init__(self, gold_dir: Path) -> None:
        self.events = _read_jsonl(gold_dir / "events.jsonl")
        self.decoys = (
            _read_jsonl(gold_dir / "decoys.jsonl") if (gold_dir / "decoys.jsonl").exists() else []
        )
        self.claims = _read_jsonl(gold_dir / "claims.jsonl")
        self.incident_of = {a: e["event"] for e in self.events for a in e["articles"]}
        self.by_id = {e["event"]: e for e in self.events}
        self.claims_of: dict[str, list[Claim]] = defaultdict(list)
        for d in self.claims:
            inc = self.incident_of.get(d["article"])
            if inc:
                self.claims_of[inc].append(
                    Claim.from_json({**d, "source": d.get("source") or d["article"]})
                )

    def listed(self, incident: str) -> set[frozenset[tuple[str, str, int]]]:
        out = set()
        for c in self.by_id[incident].get("contradictions", []):
            a, b = tuple(c["a"]), tuple(c["b"])
            out.add(frozenset({(a[0], a[1], int(a[2])), (b[0], b[1], int(b[2]))}))
        return out


def _key(c: dict[str, Any]) -> tuple[str, str, int]:
    return (str(c["article"]), str(c["metric"]), int(c["min"]))


def _match_gold(gold: Gold, incident: str, c: dict[str, Any]) -> Claim | None:
    for g in gold.claims_of[incident]:
        if (g.article, g.metric, g.min, g.max) == (
            c["article"],
            c["metric"],
            int(c["min"]),
            c.get("max"),
        ):
            return g
    return None


def _genuine(
    gold: Gold, incident: str, new: dict, old: dict, tolerance: float
) -> tuple[bool, bool]:
    """(genuine, listed) for one pair of alert claims."""
    from streams.core.conflicts import conflicts

    listed = frozenset({_key(new), _key(old)}) in gold.listed(incident)
    if listed:
        return True, True
    gn, go = _match_gold(gold, incident, new), _match_gold(gold, incident, old)
    if gn is None or go is None:
        return False, False
    context = [c for c in gold.claims_of[incident] if c.id != gn.id]
    return go in conflicts(gn, context, tolerance), False


def score(
    lines: Iterable[dict[str, Any]], gold: Gold, tolerance: float = DEFAULT_TOLERANCE
) -> dict[str, Any]:
    claims = [d for d in lines if d.get("type") == "claim"]
    alerts = [d for d in lines if d.get("type") == "alert"]
    events_of: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.get("event"):
            events_of[c["article"]].add(c["event"])
    for a in alerts:
        for c in (a["new"], *a["conflicts_with"]):
            if a.get("event"):
                events_of[c["article"]].add(a["event"])

    correct = strict = 0
    per_alert = []
    raised: set[str] = set()
    covered: set[frozenset] = set()
    for a in alerts:
        members = [a["new"], *a["conflicts_with"]]
        incidents = {gold.incident_of.get(c["article"]) for c in members}
        ok = is_strict = False
        inc = next(iter(incidents)) if len(incidents) == 1 else None
        if inc and gold.by_id[inc].get("expect_alert"):
            verdicts = [
                _genuine(gold, inc, a["new"], old, tolerance) for old in a["conflicts_with"]
            ]
            ok = all(v[0] for v in verdicts)
            is_strict = all(v[1] for v in verdicts)
            for old in a["conflicts_with"]:
                covered.add(frozenset({_key(a["new"]), _key(old)}))
        correct += ok
        strict += is_strict
        if ok:
            raised.add(inc)  # type: ignore[arg-type]
        per_alert.append(
            {"id": a.get("id"), "incident": inc, "correct": ok, "summary": a.get("summary")}
        )

    expecting = [e["event"] for e in gold.events if e.get("expect_alert")]
    listed_all = [p for e in expecting for p in gold.listed(e)]
    merged = [d for d in gold.decoys if events_of.get(d["a"], set()) & events_of.get(d["b"], set())]

    with_claims = {c["article"] for c in claims} | {
        c["article"] for a in alerts for c in (a["new"], *a["conflicts_with"])
    }
    whole = 0
    considered = 0
    tp = fp = fn = 0
    art_event = {a: min(ev) for a, ev in events_of.items() if ev}
    for e in gold.events:
        arts = [a for a in e["articles"] if a in with_claims and a in art_event]
        if not arts:
            continue
        considered += 1
        whole += len({art_event[a] for a in arts}) == 1
    scored = sorted(a for a in art_event if a in gold.incident_of)
    for x, y in combinations(scored, 2):
        same_gold = gold.incident_of[x] == gold.incident_of[y]
        same_sys = art_event[x] == art_event[y]
        tp += same_gold and same_sys
        fp += same_sys and not same_gold
        fn += same_gold and not same_sys
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return {
        "alerts": len(alerts),
        "alert_precision": correct / len(alerts) if alerts else 1.0,
        "alert_precision_strict": strict / len(alerts) if alerts else 1.0,
        "group_recall": len(raised) / len(expecting) if expecting else 1.0,
        "listed_pair_recall": sum(p in covered for p in listed_all) / len(listed_all)
        if listed_all
        else 1.0,
        "decoys_merged": len(merged),
        "decoys": len(gold.decoys),
        "grouping": whole / considered if considered else 1.0,
        "pairwise_precision": prec,
        "pairwise_recall": rec,
        "pairwise_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "incidents_scored": considered,
        "per_alert": per_alert,
        "missed_incidents": sorted(set(expecting) - raised),
    }


class GoldClaims:
    """An extractor that returns an article's gold claims (``claims.jsonl``), to score event
    resolution and the contradiction rules alone."""

    def __init__(self, claims_path: Path) -> None:
        self.by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in _read_jsonl(claims_path):
            self.by_article[d["article"]].append(d)

    def __call__(self, article: Article) -> list[Claim]:
        return [
            Claim.from_json({**d, "source": article.source})
            for d in self.by_article.get(article.id, [])
        ]


def run_offline(gold_dir: Path, use_gold_claims: bool = False) -> tuple[list[dict[str, Any]], str]:
    """Run the offline runner over ``articles.jsonl``: JSON lines, and which claims it used."""
    from connectors.files import read_paths
    from streams.core.extract import extract_claims
    from streams.core.pipeline import run_offline as run_pipeline

    if use_gold_claims:
        extractor: Any = GoldClaims(gold_dir / "claims.jsonl")
        which = "gold claims"
    else:
        extractor, which = extract_claims, "streams.core.extract.extract_claims"
    articles = [a for a in read_paths([gold_dir / "articles.jsonl"]) if isinstance(a, Article)]
    return run_pipeline(articles, extractor=extractor).lines(), which


def _print(result: dict[str, Any], verbose: bool) -> None:
    print(f"alerts:                 {result['alerts']}")
    print(
        f"alert precision:        {result['alert_precision']:.3f}  (strict, listed pairs only: {result['alert_precision_strict']:.3f})"
    )
    print(
        f"group recall:           {result['group_recall']:.3f}  missed: {', '.join(result['missed_incidents']) or '-'}"
    )
    print(f"listed-pair recall:     {result['listed_pair_recall']:.3f}")
    print(f"decoy pairs merged:     {result['decoys_merged']} of {result['decoys']}")
    print(
        f"grouping (whole):       {result['grouping']:.3f}  over {result['incidents_scored']} incidents"
    )
    print(
        f"pairwise P/R/F1:        {result['pairwise_precision']:.3f} / {result['pairwise_recall']:.3f} / {result['pairwise_f1']:.3f}"
    )
    if verbose:
        for a in result["per_alert"]:
            print(("  ok  " if a["correct"] else "  BAD ") + str(a["summary"]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.events", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--gold-dir", type=Path, default=Path("../shared/eval-dev"))
    parser.add_argument("--replay", type=Path, help="JSON lines from `raqib replay --jsonl`")
    parser.add_argument("--offline", action="store_true", help="run the offline runner in-process")
    parser.add_argument(
        "--gold-claims", action="store_true", help="with --offline: use gold claims"
    )
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    parser.add_argument("--out", type=Path, help="with --offline: write the JSON lines here")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every alert")
    args = parser.parse_args(argv)
    gold = Gold(args.gold_dir)
    if args.offline:
        lines, which = run_offline(args.gold_dir, args.gold_claims)
        print(f"offline run with {which}", file=sys.stderr)
        if args.out:
            args.out.write_text(
                "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines), encoding="utf-8"
            )
    elif args.replay:
        lines = _read_jsonl(args.replay)
    else:
        parser.error("give --replay FILE or --offline")
    result = score(lines, gold, args.tolerance)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "per_alert"}, indent=2))
    else:
        _print(result, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

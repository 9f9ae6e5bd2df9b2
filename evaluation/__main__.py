"""``python -m evaluation``: score raqib on a gold Arabic set and a gold English set.

Usage (from the repository root)::

    python -m evaluation [--ar DIR] [--en DIR] [--runs 3] [--workers 1|2|1,2]
                         [--offline] [--quick] [--verbose] [--tolerance 0.1]

raqib is run as a black box through its CLI (``raqib extract``, ``raqib replay --jsonl``,
``raqib replay --offline``); see the README, "Evaluation", for what is printed and how each
figure is defined. Exit codes: 0 scored (a measurement, not a gate), 2 a corpus directory
is missing or a raqib command failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from evaluation.claims import score_claims
from evaluation.corpus import (
    Corpus,
    CorpusMissing,
    dated_articles,
    load_corpus,
    mixed_corpus,
    write_jsonl,
)
from evaluation.report import Evaluation, VariantResult, eval_line, format_report
from evaluation.runs import RunError, extract, progress, replay, supports_offline
from evaluation.scores import determinism, score_replay

EXIT_MISSING = 2


def _workers(text: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--workers takes 1, 2 or 1,2, not {text!r}") from exc
    if not counts or any(n < 1 for n in counts):
        raise argparse.ArgumentTypeError(f"--workers takes 1, 2 or 1,2, not {text!r}")
    return counts


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--ar", type=Path, default=Path("../shared/eval-dev"), help="Arabic set")
    parser.add_argument(
        "--en", type=Path, default=Path("../shared/eval-dev-en"), help="English set"
    )
    parser.add_argument("--runs", type=int, default=3, help="replays per variant (default 3)")
    parser.add_argument(
        "--workers",
        type=_workers,
        default=(1,),
        help="workers behind the broker: 1 (raqib replay's own), 2 (raqib broker + 2 raqib "
        "worker), or 1,2 (both, compared as one set of replays)",
    )
    parser.add_argument(
        "--offline", action="store_true", help="also run raqib replay --offline and compare"
    )
    parser.add_argument("--quick", action="store_true", help="one replay per variant")
    parser.add_argument("--tolerance", type=float, default=0.1, help="as RAQIB_TOLERANCE")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and error")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def _variant(
    name: str,
    title: str,
    corpus: Corpus,
    path: Path,
    work: Path,
    args: argparse.Namespace,
    offline: bool,
) -> VariantResult:
    streaming = []
    for workers in args.workers:
        for run in range(args.runs):
            label = f"{title}: replay {run + 1}/{args.runs}, {workers} worker(s)"
            progress(label)
            streaming.append(
                replay(path, work / f"{name}-w{workers}-{run + 1}", label=label, workers=workers)
            )
            progress(f"{label}: {len(streaming[-1].lines)} lines in {streaming[-1].seconds:.1f}s")
    offline_runs = []
    if offline:
        for run in range(args.runs):
            label = f"{title}: offline replay {run + 1}/{args.runs}"
            progress(label)
            offline_runs.append(
                replay(path, work / f"{name}-offline-{run + 1}", label=label, offline=True)
            )
    scored = tuple(score_replay(r.lines, corpus, args.tolerance) for r in streaming)
    return VariantResult(
        name=name,
        title=title,
        streaming=scored,
        determinism=determinism([r.lines for r in streaming]),
        returncodes=tuple(r.returncode for r in streaming + offline_runs),
        seconds=tuple(r.seconds for r in streaming),
        offline=tuple(score_replay(r.lines, corpus, args.tolerance) for r in offline_runs),
        offline_determinism=determinism([r.lines for r in offline_runs]) if offline_runs else None,
        offline_vs_streaming=determinism([streaming[0].lines, offline_runs[0].lines])
        if offline_runs
        else None,
    )


def evaluate(ar: Corpus, en: Corpus, args: argparse.Namespace, work: Path) -> Evaluation:
    started = time.monotonic()
    notes = []
    progress(f"extract: Arabic claims ({len(ar.articles)} articles)")
    ar_claims = score_claims(extract(args.ar / "articles.jsonl", work), ar.claims)
    progress(f"extract: English claims ({len(en.articles)} articles)")
    en_claims = score_claims(extract(args.en / "articles.jsonl", work), en.claims)

    offline = "off"
    if args.offline:
        offline = "on" if supports_offline() else "unsupported"
        if offline == "unsupported":
            notes.append("raqib replay has no --offline option yet: offline runs skipped")
            progress(notes[-1])

    dated = write_jsonl(work / "ar-dated.jsonl", dated_articles(ar.articles, ar.events))
    mixed = mixed_corpus(ar, en)
    mixed_dir = work / "mixed"
    write_jsonl(mixed_dir / "articles.jsonl", mixed.articles)
    write_jsonl(mixed_dir / "claims.jsonl", mixed.claims)
    write_jsonl(mixed_dir / "events.jsonl", mixed.events)
    write_jsonl(mixed_dir / "decoys.jsonl", mixed.decoys)
    variants = [
        ("ar_given", "Arabic, as given", ar, args.ar / "articles.jsonl"),
        ("ar_dated", "Arabic, dated (time order)", ar, dated),
        ("mixed", "Mixed Arabic + English, as given", mixed, mixed_dir / "articles.jsonl"),
    ]
    results = tuple(
        _variant(name, title, corpus, path, work, args, offline == "on")
        for name, title, corpus, path in variants
    )
    return Evaluation(
        ar_dir=str(args.ar),
        en_dir=str(args.en),
        ar_claims=ar_claims,
        en_claims=en_claims,
        variants=results,
        runs=args.runs,
        workers=args.workers,
        offline=offline,
        seconds=time.monotonic() - started,
        notes=tuple(notes),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # raqib runs in a temporary working directory: the gold sets' paths must not be relative
    args.ar, args.en = args.ar.resolve(), args.en.resolve()
    try:
        ar = load_corpus(args.ar, "ar")
        en = load_corpus(args.en, "en")
    except CorpusMissing as exc:
        print(
            f"eval: {exc}; point --ar/--en (make eval EVAL_AR=... EVAL_EN=...) at a gold set",
            file=sys.stderr,
        )
        return EXIT_MISSING
    try:
        with tempfile.TemporaryDirectory(prefix="raqib-eval-") as tmp:
            result = evaluate(ar, en, args, Path(tmp))
    except RunError as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return EXIT_MISSING
    print(format_report(result, verbose=args.verbose))
    print(eval_line(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

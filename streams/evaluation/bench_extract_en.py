"""Throughput of ``extract_claims_en`` alone (no broker, no JSON), in articles per second.

``python -m streams.evaluation.bench_extract_en [--articles A.jsonl] [--seconds S] [--runs N]``
recombines English articles into 3 KB articles (the size the target is stated for) with
:func:`streams.evaluation.bench_extract.recombine` and prints each run and the median, in
articles per second of CPU time (per core: the figure does not drop when other processes share
the machine's cores).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence

from streams.core.english import extract_claims_en
from streams.evaluation.bench_extract import recombine
from streams.model import Article

__all__ = ["measure", "main"]

DEFAULT_ARTICLES = "tests/fixtures/heldout_en/articles.jsonl"


def measure(articles: Sequence[Article], seconds: float = 2.0) -> float:
    """Articles per second of ``extract_claims_en`` over ``articles``, looped for ``seconds``
    of this process's CPU time (one core's rate, whatever else the machine runs)."""
    done = 0
    start = time.process_time()
    while True:
        for art in articles:
            extract_claims_en(art)
        done += len(articles)
        now = time.process_time()
        if now - start >= seconds:
            return done / (now - start)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m streams.evaluation.bench_extract_en")
    parser.add_argument("--articles", default=DEFAULT_ARTICLES)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=3072, help="article size in UTF-8 bytes")
    args = parser.parse_args(argv)
    with open(args.articles, encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in fh if line.strip()]
    articles = recombine([t for t in texts if t], size=args.size)
    claims = sum(len(extract_claims_en(a)) for a in articles) / len(articles)
    rates = []
    for run in range(args.runs):
        rates.append(measure(articles, seconds=args.seconds))
        print(f"run {run + 1}: {rates[-1]:,.0f} articles/s")
    size = sum(len(a.text.encode("utf-8")) for a in articles) / len(articles) / 1024
    print(
        f"median of {args.runs}: {statistics.median(rates):,.0f} articles/s "
        f"({len(articles)} articles of {size:.2f} KB, {claims:.1f} claims each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

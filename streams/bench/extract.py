"""Throughput of extraction alone (no broker, no JSON), in articles per second of one core.

``python -m streams.bench.extract [--lang ar|en] [--articles A.jsonl] [--seconds S] [--runs N]``
recombines articles (Arabic: by default the seeds and the team's fixtures, as the bench corpus
does; English: the team's English fixtures) into 3 KB (UTF-8) articles, the size the target is
stated for, and prints each run and the median. Time is this process's CPU time, so the figure
is one core's rate whatever else the machine runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from streams.core.english import extract_claims_en
from streams.core.extract import extract_claims
from streams.core.model import Article, Claim

Extractor = Callable[[Article], list[Claim]]
EXTRACTORS: dict[str, Extractor] = {"ar": extract_claims, "en": extract_claims_en}
ENGLISH_ARTICLES = "tests/fixtures/heldout_en/articles.jsonl"

__all__ = ["measure_extract", "recombine", "main"]


def recombine(texts: Sequence[str], size: int = 3072, count: int = 200) -> list[Article]:
    """``count`` articles of about ``size`` bytes of UTF-8 (3 KB by default; Arabic text is
    about 1.8 bytes per character), each a different rotation of the given texts.
    """
    if not texts:
        raise ValueError("no article texts to recombine")
    out = []
    n = len(texts)
    for k in range(count):
        parts: list[str] = []
        total = 0
        j = k
        while total < size:
            t = texts[j % n]
            parts.append(t)
            total += len(t.encode("utf-8")) + 1
            j += 3
        raw = "\n".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore")
        out.append(Article(id=f"bench-{k}", text=raw, source="bench"))
    return out


def measure_extract(
    articles: Sequence[Article], seconds: float = 2.0, extractor: Extractor = extract_claims
) -> float:
    """Articles per second of ``extractor`` over ``articles``, looped for ``seconds`` of CPU."""
    if not articles:
        raise ValueError("no articles to measure")
    done = 0
    start = time.process_time()
    while True:
        for art in articles:
            extractor(art)
        done += len(articles)
        now = time.process_time()
        if now - start >= seconds:
            return done / (now - start)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m streams.bench.extract``: each run's rate and the median."""
    parser = argparse.ArgumentParser(prog="python -m streams.bench.extract")
    parser.add_argument("--lang", choices=sorted(EXTRACTORS), default="ar")
    parser.add_argument("--articles", help="articles JSONL (default: the bench's templates)")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=3072, help="article size in UTF-8 bytes")
    args = parser.parse_args(argv)
    if args.lang == "en" and not args.articles:
        args.articles = ENGLISH_ARTICLES
    if args.articles:
        with open(args.articles, encoding="utf-8") as fh:
            texts = [json.loads(line).get("text") or "" for line in fh if line.strip()]
    else:
        from streams.bench.corpus import load_templates

        texts = [t.text for t in load_templates()]
    articles = recombine([t for t in texts if t], size=args.size)
    mean_size = sum(len(a.text.encode("utf-8")) for a in articles) / len(articles)
    mean_chars = sum(len(a.text) for a in articles) / len(articles)
    rates = []
    for run in range(args.runs):
        rate = measure_extract(articles, seconds=args.seconds, extractor=EXTRACTORS[args.lang])
        rates.append(rate)
        print(f"run {run + 1}: {rate:,.0f} articles/s")
    print(
        f"median of {args.runs}: {statistics.median(rates):,.0f} articles/s "
        f"({len(articles)} articles of {mean_size / 1024:.2f} KB UTF-8, {mean_chars:,.0f} characters)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

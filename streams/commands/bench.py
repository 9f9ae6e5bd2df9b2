"""``raqib bench``: throughput, latency and memory figures on the embedded broker."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from streams.commands._common import EXIT_INCOMPLETE, EXIT_OK
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench", help="measure throughput, alert latency and memory (prints figures)"
    )
    p.add_argument("--articles", type=int, default=100_000, help="corpus size (default 100000)")
    p.add_argument(
        "--latency-seconds", type=float, default=30.0, help="length of the 50/s latency run"
    )
    p.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="run the pipeline worker under cProfile, save the stats here and print the top functions",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from streams.bench.run import profile_summary, report, run_bench
    from streams.broker import ensure_broker

    with (
        ensure_broker(settings.broker, settings.data_dir, reuse=False) as (url, _started),
        tempfile.TemporaryDirectory(prefix="raqib-bench-") as tmp,
    ):
        result = asyncio.run(
            run_bench(settings, url, args.articles, args.latency_seconds, Path(tmp), args.profile)
        )
        if args.profile and args.profile.exists():
            print(profile_summary(args.profile), flush=True)
        print(report(result), flush=True)
    return EXIT_OK if not result.notes else EXIT_INCOMPLETE

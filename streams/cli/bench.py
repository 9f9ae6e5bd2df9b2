"""``raqib bench``: throughput, latency and memory figures on the embedded broker."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from streams.cli.common import EXIT_INCOMPLETE, EXIT_OK
from streams.settings import Settings

FULL_ARTICLES = 100_000
FULL_LATENCY = 30.0
QUICK_ARTICLES = 5_000
QUICK_LATENCY = 20.0


def _counts(text: str) -> tuple[int, ...]:
    counts = tuple(int(part) for part in text.split(",") if part.strip())
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"worker counts must be positive integers: {text!r}")
    return counts


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib bench`` to the command line."""
    p = sub.add_parser(
        "bench", help="measure throughput, alert latency and memory (prints figures)"
    )
    p.add_argument(
        "--articles",
        type=int,
        default=None,
        help=f"corpus size (default {FULL_ARTICLES}; {QUICK_ARTICLES} with --quick)",
    )
    p.add_argument(
        "--latency-seconds",
        type=float,
        default=None,
        help=f"length of the 50/s latency run (default {FULL_LATENCY:.0f}; "
        f"{QUICK_LATENCY:.0f} with --quick)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"a run of a few minutes: {QUICK_ARTICLES} articles, {QUICK_LATENCY:.0f} s of latency",
    )
    p.add_argument(
        "--workers",
        type=_counts,
        default=(1, 2),
        help="worker counts of the whole-pipeline runs, comma-separated (default 1,2)",
    )
    p.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="run the pipeline worker under cProfile, save the stats here, print its top functions and its time by layer",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bench on an embedded broker and print its table."""
    from streams.bench.profile import layer_table
    from streams.bench.result import profile_summary, report
    from streams.bench.run import run_bench
    from streams.cli.broker import ensure_broker
    from streams.cli.preflight import preflight

    if code := preflight(settings, web_port=False, reuse_broker=False):
        return code
    # worker logs and stores are kept under the data dir: a note that points at a log
    # must point at a file that still exists
    runs = settings.data_dir / "bench"
    runs.mkdir(parents=True, exist_ok=True)
    with ensure_broker(
        settings.broker, settings.data_dir, reuse=False, port=settings.broker_port
    ) as (url, _started):
        tmp = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=runs))
        print(f"bench: worker logs in {tmp}", file=sys.stderr, flush=True)
        articles = args.articles or (QUICK_ARTICLES if args.quick else FULL_ARTICLES)
        latency = args.latency_seconds or (QUICK_LATENCY if args.quick else FULL_LATENCY)
        result = asyncio.run(
            run_bench(settings, url, articles, latency, tmp, args.profile, args.workers)
        )
        if args.profile and args.profile.exists():
            print(profile_summary(args.profile), flush=True)
            print(layer_table(args.profile), flush=True)
        print(report(result), flush=True)
    return EXIT_OK if not result.notes else EXIT_INCOMPLETE

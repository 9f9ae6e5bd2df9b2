"""``raqib replay PATH... [--jsonl] [--offline]``: push files through the pipeline, print
what it made of them.

Exits when every article has been processed and every alert it raised has been
read back from the alert topic, and, when it started its own worker, once that
worker has posted the alerts to the webhooks. Exit codes: 0 all processed, 1 some
input was rejected (the rest was processed), 2 invalid settings, 3 some articles were
never processed (or alerts never posted), 4 the worker died or a port is in use.

``--offline`` runs the same batch steps in this process, with no broker
(:func:`streams.core.offline.run_offline`), and prints the same output.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from streams.cli.common import (
    EXIT_INCOMPLETE,
    EXIT_INPUT_ERRORS,
    EXIT_OK,
    EXIT_UNAVAILABLE,
    print_json,
    report_reject,
)
from streams.cli.pipeline import pipeline
from streams.settings import Settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib replay`` to the command line."""
    p = sub.add_parser("replay", help="push files through the pipeline and print claims and alerts")
    p.add_argument(
        "paths", nargs="+", type=Path, help=".txt, .html, .jsonl/.json files or directories"
    )
    p.add_argument("--jsonl", action="store_true", help="print claims and alerts as JSON lines")
    p.add_argument(
        "--offline",
        action="store_true",
        help="run the pipeline's batch steps in this process, no broker (same output)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=90.0,
        help="give up after this many seconds without progress (default 90)",
    )
    p.set_defaults(func=run)


def progress_bar(enabled: bool) -> Callable[[int, int], None]:
    """A one-line progress bar on stderr, or nothing when ``enabled`` is false."""

    def show(done: int, total: int) -> None:
        if not enabled or not total:
            return
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def run_offline(args: argparse.Namespace, settings: Settings) -> int:
    """``--offline``: the batch steps in this process; claims and alerts as a replay prints them."""
    from connectors.base import Rejected
    from connectors.files import read_paths
    from streams.cli.render import render_alert
    from streams.core.events.tracker import TrackerConfig
    from streams.core.model import Article
    from streams.core.offline import run_offline as run_pipeline
    from streams.core.pipeline import SKIPPED_LANGUAGE, unread_language

    rejected: list[Rejected] = []

    def articles() -> Iterator[Article]:  # read as the pipeline takes them
        for item in read_paths(args.paths, settings.max_article_bytes):
            if isinstance(item, Rejected):
                rejected.append(item)
                report_reject(item)
            else:
                lang = unread_language(item)
                if lang is not None:  # passed on all the same: it is counted as processed
                    log.warning(SKIPPED_LANGUAGE, item.id, lang)
                yield item

    result = run_pipeline(articles(), config=TrackerConfig.from_settings(settings))
    if args.jsonl:
        for line in result.lines():
            print_json(line)
    else:
        color = sys.stdout.isatty()
        for alert in result.alerts:
            print(render_alert(alert, color=color) + "\n", flush=True)
        print(
            f"raqib: {len(result.progress)} articles, {len(result.claims)} claims, "
            f"{len(result.alerts)} alerts, {len(rejected)} rejected inputs"
        )
    return EXIT_INPUT_ERRORS if rejected else EXIT_OK


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Replay the paths through the pipeline (or offline) and print what it made.

    A replay that started its own worker waits for that worker's webhook deliveries
    before stopping it (``RAQIB_DRAIN_TIMEOUT``), and fails loudly when the worker dies.
    """
    if args.offline:
        return run_offline(args, settings)
    from connectors.files import read_paths
    from streams.cli.client import replay
    from streams.cli.preflight import preflight
    from streams.cli.render import render_alert

    if code := preflight(settings, web_port=False):
        return code
    items = read_paths(args.paths, settings.max_article_bytes)  # read as it is produced
    color = sys.stdout.isatty()
    undelivered = 0
    with pipeline(settings) as running:
        result = asyncio.run(
            replay(
                settings,
                running.url,
                items,
                idle_timeout=args.timeout,
                on_claim=(lambda c: print_json(c.to_json())) if args.jsonl else None,
                on_alert=(lambda a: print_json(a.to_json()))
                if args.jsonl
                else (lambda a: print(render_alert(a, color=color) + "\n", flush=True)),
                on_reject=report_reject,
                on_progress=progress_bar(sys.stderr.isatty() and not args.jsonl),
                alive=running.alive,
                on_merge=(lambda e, m: print_json({"type": "merge", "event": e, "merged": m}))
                if args.jsonl
                else None,
            )
        )
        if not running.alive():
            print(running.failure(), file=sys.stderr)
            return EXIT_UNAVAILABLE
        if running.started_worker:
            undelivered = running.wait_for_deliveries(
                (a.id for a in result.alerts), settings.drain_timeout
            )
    if not args.jsonl:
        print(
            f"raqib: {len(result.processed)} articles, {len(result.claims)} claims, "
            f"{len(result.alerts)} alerts, {len(result.rejected)} rejected inputs"
        )
    if result.missing:
        hint = (
            f" (worker log: {running.worker_log})"
            if running.worker_log
            else " (is a worker running?)"
        )
        print(
            f"raqib: error: {len(result.missing)} articles were not processed within "
            f"{args.timeout:.0f}s of inactivity{hint}: {', '.join(sorted(result.missing)[:10])}",
            file=sys.stderr,
        )
        return EXIT_INCOMPLETE
    if undelivered:
        print(
            f"raqib: error: {undelivered} webhook deliveries were still pending after "
            f"RAQIB_DRAIN_TIMEOUT={settings.drain_timeout:.0f}s; they stay in the delivery "
            f"store and the next worker on {running.worker_dir} posts them",
            file=sys.stderr,
        )
        return EXIT_INCOMPLETE
    return EXIT_INPUT_ERRORS if result.rejected else EXIT_OK

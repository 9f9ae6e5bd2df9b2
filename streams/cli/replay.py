"""``raqib replay PATH... [--jsonl] [--offline]``: push files through the pipeline, print
what it made of them.

Exits when every article has been processed and every alert it raised has been
read back from the alert topic. Exit codes: 0 all processed, 1 some input was
rejected (the rest was processed), 3 some articles were never processed.

``--offline`` runs the same batch steps in this process, with no broker
(:func:`streams.core.pipeline.run_offline`), and prints the same output.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from streams.cli.common import (
    EXIT_INCOMPLETE,
    EXIT_INPUT_ERRORS,
    EXIT_OK,
    print_json,
    report_reject,
)
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


@dataclass
class Pipeline:
    """Where to send articles, and the worker behind it when this process started one."""

    url: str
    worker_log: str | None = None
    worker: subprocess.Popen | None = None

    def alive(self) -> bool:
        """False once the worker this process started has exited."""
        return self.worker is None or self.worker.poll() is None


@contextlib.contextmanager
def pipeline(
    settings: Settings, *, reuse: bool = True, web_port: int | None = None
) -> Iterator[Pipeline]:
    """A broker with a worker behind it.

    With ``RAQIB_BROKER`` set, or an embedded broker already running here, the
    workers are expected to be running already. Otherwise an embedded broker and
    a worker child process are started for the duration.
    """
    from streams.cli.broker import clear_state, ensure_broker, free_port, write_state
    from streams.cli.worker import spawn_worker, stop_process
    from streams.topics import ensure_topics

    with ensure_broker(settings.broker, settings.data_dir, reuse=reuse) as (url, started):
        if started is None:
            yield Pipeline(url)
            return
        write_state(settings.data_dir, started)
        asyncio.run(ensure_topics(settings, url))
        log_path = settings.data_dir / "worker.log"
        proc = spawn_worker(
            url,
            web_port=web_port or free_port(),
            data_dir=settings.data_dir / f"worker-{started.port}",
            log_path=log_path,
        )
        try:
            yield Pipeline(url, str(log_path), proc)
        finally:
            stop_process(proc)
            clear_state(settings.data_dir)


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
    from streams.core.pipeline import SKIPPED_LANGUAGE, unread_language
    from streams.core.pipeline import run_offline as run_pipeline

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
    """Replay the paths through the pipeline (or offline) and print what it made."""
    if args.offline:
        return run_offline(args, settings)
    from connectors.files import read_paths
    from streams.cli.client import replay
    from streams.cli.render import render_alert

    items = read_paths(args.paths, settings.max_article_bytes)  # read as it is produced
    color = sys.stdout.isatty()
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
    return EXIT_INPUT_ERRORS if result.rejected else EXIT_OK
